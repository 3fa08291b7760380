"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { useApiQuery } from "@/api";
import { StateBadge } from "@/components/schedule/StateBadge";
import { preview } from "@/components/schedule/publication";
import { Card, QueryView, TextLink } from "@/components/ui";
import { useFormat } from "@/i18n/format";

const DAY_MS = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WAITING = new Set(["scheduled", "claimed", "publishing", "needs_attention", "failed"]);

/** What goes out in the next two months, with each post's state; each opens in the calendar. */
export function UpcomingList() {
  const t = useTranslations("queue.upcoming");
  const ts = useTranslations("schedule");
  const format = useFormat();
  const range = useMemo(() => ({ from: isoDay(Date.now() - DAY_MS), to: isoDay(Date.now() + 60 * DAY_MS) }), []);
  const calendar = useApiQuery("get", "/v1/schedule/calendar", { params: { query: range } }, { refetchInterval: 30_000 });
  const items = useMemo(
    () =>
      (calendar.data?.items ?? [])
        .filter((p) => WAITING.has(p.state))
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
        .slice(0, 20),
    [calendar.data],
  );
  return (
    <Card title={t("title")}>
      <QueryView query={calendar} data={items} empty={{ title: t("empty"), description: t("emptyHint") }}>
        {(items) => (
          <ul className="flex flex-col divide-y divide-line">
            {items.map((p) => (
              <li key={p.id} className="flex flex-col gap-1 py-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <time dateTime={p.dueAt} className="text-sm font-semibold">
                    {format.dateTime(p.dueAt, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                  </time>
                  <StateBadge publication={p} />
                </div>
                <TextLink href={`/calendar/?publication=${p.id}`} className="truncate">
                  {preview(p.text) || ts("untitled")}
                </TextLink>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
