"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Card, QueryView, TextLink } from "@/components/ui";
import { ProfileScore, RoadmapSteps } from "@/features/profile/ProfileScore";
import { useFormat } from "@/i18n/format";

const ROADMAP_ON_HOME = 3;

/** The profile's completeness score, how many checks pass, and the next fixes by gain. */
export function ProfileCard() {
  const t = useTranslations("home.profile");
  const format = useFormat();
  const profile = useApiQuery("get", "/v1/linkedin/profile");
  return (
    <Card title={t("title")}>
      <QueryView query={profile} data={profile.data}>
        {(data) => (
          <div className="flex flex-col gap-4">
            <ProfileScore
              data={data}
              words={{
                notSynced: t("none"),
                connect: t("connect"),
                label: t("scoreLabel"),
                valueText: t("checks", {
                  done: format.number(data.checks.filter((check) => check.done).length),
                  total: format.number(data.checks.length),
                }),
              }}
            />
            {data.roadmap.length === 0 ? (
              <p>{t("complete")}</p>
            ) : (
              <section aria-labelledby="home-roadmap">
                <h3 id="home-roadmap" className="mb-2 font-semibold">
                  {t("roadmap")}
                </h3>
                <RoadmapSteps steps={data.roadmap.slice(0, ROADMAP_ON_HOME)} gain={(points) => t("gain", { points })} />
              </section>
            )}
            <TextLink href="/profile/" className="self-start">
              {t("open")}
            </TextLink>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
