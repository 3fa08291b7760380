"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Card, PageHeader, QueryView, cx } from "@/components/ui";
import { ProfileScore, RoadmapSteps } from "@/features/profile/ProfileScore";
import { useFormat } from "@/i18n/format";
import { Suggestions } from "./Suggestions";

/** The LinkedIn profile's completeness with its reasons and next fixes, and AI suggestions to apply. */
export function Profile() {
  const t = useTranslations("profile");
  const format = useFormat();
  const profile = useApiQuery("get", "/v1/linkedin/profile");
  const data = profile.data;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <Card title={t("score.title")}>
          <QueryView query={profile} data={data}>
            {(data) => (
              <div className="flex flex-col gap-5">
                <ProfileScore
                  data={data}
                  large
                  words={{
                    notSynced: t("score.notSynced"),
                    connect: t("score.connect"),
                    label: t("score.label"),
                    valueText: t("score.valueText", { score: format.number(data.score) }),
                  }}
                />
                <div className="grid gap-6 md:grid-cols-2">
                  <section aria-labelledby="roadmap-heading">
                    <h3 id="roadmap-heading" className="mb-2 font-semibold">
                      {t("roadmap.title")}
                    </h3>
                    {data.roadmap.length === 0 ? (
                      <p className="text-sm text-ink-muted">{t("roadmap.complete")}</p>
                    ) : (
                      <RoadmapSteps steps={data.roadmap} gain={(points) => t("roadmap.gain", { points })} className="list-decimal pl-5" />
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
            )}
          </QueryView>
        </Card>
        <Suggestions current={data?.profile} />
      </div>
    </>
  );
}
