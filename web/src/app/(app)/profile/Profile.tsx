"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Card, ErrorMessage, PageHeader, ProgressBar, Spinner, TextLink, cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { Suggestions } from "./Suggestions";

/** The LinkedIn profile's completeness with its reasons and next fixes, and AI suggestions to apply. */
export function Profile() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const format = useFormat();
  const profile = useApiQuery("get", "/v1/linkedin/profile");
  const data = profile.data;
  const synced = Boolean(data?.profile.sources?.length);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <Card title={t("score.title")}>
          {profile.isPending ? (
            <Spinner label={tc("loading")} />
          ) : profile.isError ? (
            <ErrorMessage error={profile.error} />
          ) : data ? (
            <div className="flex flex-col gap-5">
              {!synced ? (
                <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm">
                  {t("score.notSynced")} <TextLink href="/linkedin/">{t("score.connect")}</TextLink>
                </p>
              ) : null}
              <div className="flex flex-wrap items-end gap-4">
                <p className="text-5xl font-bold tracking-tight text-brand-strong">
                  {format.number(data.score)}
                  <span className="text-xl font-semibold text-ink-muted"> / 100</span>
                </p>
                <div className="min-w-48 flex-1">
                  <ProgressBar
                    label={t("score.label")}
                    value={data.score}
                    valueText={t("score.valueText", { score: format.number(data.score) })}
                  />
                </div>
              </div>
              <div className="grid gap-6 md:grid-cols-2">
                <section aria-labelledby="roadmap-heading">
                  <h3 id="roadmap-heading" className="mb-2 font-semibold">
                    {t("roadmap.title")}
                  </h3>
                  {data.roadmap.length === 0 ? (
                    <p className="text-sm text-ink-muted">{t("roadmap.complete")}</p>
                  ) : (
                    <ol className="flex list-decimal flex-col gap-3 pl-5">
                      {data.roadmap.map((step) => (
                        <li key={step.key}>
                          <p className="font-medium">
                            {step.label}{" "}
                            <span className="text-sm font-semibold text-success">
                              {t("roadmap.gain", { points: format.number(step.weight) })}
                            </span>
                          </p>
                          <p className="text-sm">{step.action}</p>
                          <p className="text-sm text-ink-muted">{step.reason}</p>
                        </li>
                      ))}
                    </ol>
                  )}
                </section>
                <section aria-labelledby="checks-heading">
                  <h3 id="checks-heading" className="mb-2 font-semibold">
                    {t("checks.title")}
                  </h3>
                  <ul className="flex flex-col gap-2">
                    {data.checks.map((check) => (
                      <li key={check.key} className="flex items-start gap-2 text-sm">
                        <span
                          aria-hidden="true"
                          className={cx(
                            "mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold",
                            check.done ? "bg-success-soft text-success" : "bg-canvas text-ink-muted",
                          )}
                        >
                          {check.done ? "✓" : "•"}
                        </span>
                        <span>
                          <span className="font-medium">{check.label}</span>{" "}
                          <span className="sr-only">{check.done ? t("checks.done") : t("checks.missing")}</span>
                          <span className="text-ink-muted">
                            {t("checks.points", { points: format.number(check.weight) })}
                          </span>
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              </div>
            </div>
          ) : null}
        </Card>
        <Suggestions current={data?.profile} />
      </div>
    </>
  );
}
