"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { useApiQuery, type components } from "@/api";
import { Card, QueryView } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Publication = components["schemas"]["PublicationOut"];
type CalendarQuery = ReturnType<typeof useCalendarWindow>;

const DAY_MS = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Publications from 30 days back to 60 days ahead: enough for "next" and for recent failures. */
export function useCalendarWindow() {
  const range = useMemo(() => {
    const now = Date.now();
    return { from: isoDay(now - 30 * DAY_MS), to: isoDay(now + 60 * DAY_MS) };
  }, []);
  return useApiQuery("get", "/v1/schedule/calendar", { params: { query: range } });
}

function preview(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

export function UpcomingCard({ calendar }: { calendar: CalendarQuery }) {
  const t = useTranslations("home.upcoming");
  const format = useFormat();
  const upcoming = useMemo(() => {
    const now = Date.now();
    return (calendar.data?.items ?? [])
      .filter((p: Publication) => p.state === "scheduled" && Date.parse(p.dueAt) >= now - 60_000)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
      .slice(0, 5);
  }, [calendar.data]);
  return (
    <Card title={t("title")}>
      <QueryView query={calendar} data={upcoming} empty={{ title: t("empty"), description: t("emptyHint") }}>
        {(upcoming) => (
          <ul className="flex flex-col divide-y divide-line">
            {upcoming.map((p) => (
              <li key={p.id} className="py-2">
                <p className="font-semibold">{preview(p.text)}</p>
                <p className="text-sm text-ink-muted">
                  <time dateTime={p.dueAt}>{t("at", { when: format.dateTime(p.dueAt) })}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

export function AttentionCard({ calendar }: { calendar: CalendarQuery }) {
  const t = useTranslations("home.attention");
  const format = useFormat();
  const compliance = useApiQuery("get", "/v1/compliance");
  const items = useMemo(
    () =>
      (calendar.data?.items ?? [])
        .filter((p: Publication) => p.state === "needs_attention" || p.state === "failed")
        .sort((a, b) => Date.parse(b.dueAt) - Date.parse(a.dueAt))
        .slice(0, 5),
    [calendar.data],
  );
  const dashboard = compliance.data;
  const notes: string[] = [];
  if (dashboard?.paused) {
    notes.push(
      dashboard.pauseReason ? t("automationPaused", { reason: dashboard.pauseReason }) : t("automationPausedNoReason"),
    );
  }
  if (dashboard && dashboard.tasksWaiting > 0) notes.push(t("tasksWaiting", { count: dashboard.tasksWaiting }));
  return (
    <Card title={t("title")}>
      <QueryView query={[calendar, compliance]} data={[...notes, ...items]} empty={{ title: t("empty") }}>
        {() => (
          <ul className="flex flex-col divide-y divide-line">
            {notes.map((note) => (
              <li key={note} className="py-2 font-medium">
                {note}
              </li>
            ))}
            {items.map((p) => (
              <li key={p.id} className="py-2">
                <p className="font-semibold">
                  {p.failureReason || p.lastError
                    ? t("publication", { reason: p.failureReason ?? p.lastError ?? "" })
                    : t("publicationNoReason")}
                </p>
                <p className="text-sm text-ink-muted">
                  {preview(p.text)} · <time dateTime={p.dueAt}>{format.dateTime(p.dueAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
