"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Button, Card, PageHeader, QueryView, TextLink } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { StateBadge } from "./StateBadge";

/** Every campaign, newest first, with its state and a way to start a new one. */
export function CampaignList() {
  const t = useTranslations("automation");
  const format = useFormat();
  const campaigns = useApiQuery("get", "/v1/campaigns", { params: { query: { limit: 100 } } });
  const tasks = useApiQuery("get", "/v1/campaigns/tasks");
  const waiting = tasks.data?.length ?? 0;
  const items = campaigns.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href="/automation/tasks/">{waiting > 0 ? t("tasksWaiting", { count: waiting }) : t("tasksLink")}</Link>
            </Button>
            <Button asChild>
              <Link href="/automation/?new=1">{t("newCampaign")}</Link>
            </Button>
          </>
        }
      />
      <Card title={t("listTitle")}>
        <QueryView
          query={campaigns}
          data={items}
          empty={{ title: t("emptyTitle"), description: t("emptyDescription"), action: <TextLink href="/automation/?new=1">{t("newCampaign")}</TextLink> }}
        >
          {(items) => (
            <ul className="flex flex-col divide-y divide-line">
              {items.map((campaign) => (
                <li key={campaign.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <Link href={`/automation/?id=${campaign.id}`} className="font-semibold text-brand underline underline-offset-2">
                      {campaign.name}
                    </Link>
                    <p className="text-sm text-ink-muted">
                      {t(`kinds.${campaign.kind === "engagement" ? "engagement" : "connection"}`)}
                      {campaign.assisted ? ` · ${t("assisted")}` : ""} · {t("created", { when: format.date(campaign.createdAt) })}
                    </p>
                  </div>
                  <StateBadge state={campaign.state} />
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </Card>
    </>
  );
}
