"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Card, ErrorMessage, ProgressBar, Spinner, TextLink } from "@/components/ui";
import { useFormat } from "@/i18n/format";

const ROADMAP_ON_HOME = 3;

/** The profile's completeness score, how many checks pass, and the next fixes by gain. */
export function ProfileCard() {
  const t = useTranslations("home.profile");
  const tc = useTranslations("common");
  const format = useFormat();
  const profile = useApiQuery("get", "/v1/linkedin/profile");
  const data = profile.data;
  const synced = Boolean(data?.profile.sources?.length);
  return (
    <Card title={t("title")}>
      {profile.isPending ? (
        <Spinner label={tc("loading")} />
      ) : profile.isError ? (
        <ErrorMessage error={profile.error} />
      ) : data ? (
        <div className="flex flex-col gap-4">
          {!synced ? (
            <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm">
              {t("none")} <TextLink href="/linkedin/">{t("connect")}</TextLink>
            </p>
          ) : null}
          <div className="flex items-end gap-4">
            <p className="text-4xl font-bold tracking-tight text-brand-strong">
              {format.number(data.score)}
              <span className="text-base font-semibold text-ink-muted"> / 100</span>
            </p>
            <div className="min-w-0 flex-1">
              <ProgressBar
                label={t("scoreLabel")}
                value={data.score}
                valueText={t("checks", {
                  done: format.number(data.checks.filter((check) => check.done).length),
                  total: format.number(data.checks.length),
                })}
              />
            </div>
          </div>
          {data.roadmap.length === 0 ? (
            <p>{t("complete")}</p>
          ) : (
            <section aria-labelledby="home-roadmap">
              <h3 id="home-roadmap" className="mb-2 font-semibold">
                {t("roadmap")}
              </h3>
              <ol className="flex flex-col gap-3">
                {data.roadmap.slice(0, ROADMAP_ON_HOME).map((step) => (
                  <li key={step.key}>
                    <p className="font-medium">
                      {step.label}{" "}
                      <span className="text-sm font-semibold text-success">
                        {t("gain", { points: format.number(step.weight) })}
                      </span>
                    </p>
                    <p className="text-sm">{step.action}</p>
                    <p className="text-sm text-ink-muted">{step.reason}</p>
                  </li>
                ))}
              </ol>
            </section>
          )}
          <TextLink href="/profile/" className="self-start">
            {t("open")}
          </TextLink>
        </div>
      ) : null}
    </Card>
  );
}
