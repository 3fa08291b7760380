"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";

import { isApiProblem, useApiQuery } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, PageHeader, Spinner, useToast } from "@/components/ui";
import { problemMessage } from "@/api/problem";
import { etagOf, type Publication } from "@/components/schedule/publication";
import { browserTimeZone, useFormat } from "@/i18n/format";
import type { VisibleRange } from "./CalendarView";
import { PublicationList } from "./PublicationList";
import { PublicationPanel } from "./PublicationPanel";
import { ScheduleDialog } from "./ScheduleDialog";
import { useScheduleActions } from "./useScheduleActions";

// FullCalendar is heavy: only this page loads it, after the page's own frame.
const CalendarView = dynamic(() => import("./CalendarView"), {
  ssr: false,
  loading: () => <CalendarLoading />,
});

function CalendarLoading() {
  const t = useTranslations("calendar");
  return (
    <div className="flex min-h-64 items-center justify-center">
      <Spinner label={t("loading")} />
    </div>
  );
}

const DAY_MS = 24 * 3600 * 1000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** While something is about to go out or going out, the calendar follows it; otherwise once a minute. */
function refreshEvery(items: Publication[] | undefined): number {
  const soon = Date.now() + 2 * 60_000;
  const busy = (items ?? []).some(
    (p) => p.state === "claimed" || p.state === "publishing" || (p.state === "scheduled" && !p.held && Date.parse(p.dueAt) <= soon),
  );
  return busy ? 3_000 : 60_000;
}

function useNarrow(): boolean {
  const [narrow] = useState(() => typeof window !== "undefined" && window.matchMedia("(max-width: 639px)").matches);
  return narrow;
}

/**
 * The calendar: posts by week or month in the user's zone, moved by dragging (or the Reschedule dialog),
 * and a panel with the selected post's state, reason and actions. `?publication=<id>` opens one.
 */
export function CalendarPage() {
  const t = useTranslations("calendar");
  const te = useTranslations("errors");
  const { user } = useAuth();
  const format = useFormat();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = params.get("publication");
  const narrow = useNarrow();
  const actions = useScheduleActions();
  const [range, setRange] = useState<VisibleRange | null>(null);
  const [scheduling, setScheduling] = useState(false);

  const calendar = useApiQuery(
    "get",
    "/v1/schedule/calendar",
    // A day either side: the API's days are the queue's, the grid's are the profile's zone.
    { params: { query: { from: range ? shiftDay(range.from, -1) : "", to: range ? shiftDay(range.to, 1) : "" } } },
    {
      enabled: range !== null,
      placeholderData: (previous) => previous,
      refetchInterval: (query) => refreshEvery(query.state.data?.items),
    },
  );
  const timeZone = user?.timezone || calendar.data?.timezone || browserTimeZone();
  const items = useMemo(() => calendar.data?.items ?? [], [calendar.data]);
  const inView = useMemo(() => {
    if (!range) return [];
    return items
      .filter((p) => p.state !== "cancelled" && p.localTime.slice(0, 10) >= range.from && p.localTime.slice(0, 10) < range.to)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }, [items, range]);

  const open = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (id) next.set("publication", id);
      else next.delete("publication");
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  // On a phone the panel sits under the calendar: bring it into view when a post is opened.
  useEffect(() => {
    if (selected && narrow) document.getElementById("publication-panel")?.scrollIntoView({ block: "start" });
  }, [selected, narrow]);

  const say = (key: "moved", when: string) => toast.show(t(key, { when }), "success");
  const failed = (error: unknown) => {
    const words = problemMessage(error, (key) => te(key));
    if (isApiProblem(error) && (error.status === 412 || (error.status === 409 && error.code !== "too_close"))) {
      toast.show(error.status === 412 ? t("changedMeanwhile") : `${words} ${t("reloaded")}`, "error");
      void actions.refresh();
    } else {
      toast.show(t("moveFailed", { reason: words }), "error");
    }
  };

  const onMove = (publication: Publication, at: string, revert: () => void) => {
    actions.move.mutate(
      { params: { path: { pid: publication.id }, header: { "If-Match": etagOf(publication) } }, body: { at, allowClose: false } },
      {
        onSuccess: (moved) => say("moved", format.dateTime(moved.dueAt)),
        onError: (error) => {
          revert();
          failed(error);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { zone: timeZone })}
        actions={<Button onClick={() => setScheduling(true)}>{t("schedule")}</Button>}
      />
      <div className="grid gap-gutter lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-6">
        <div className="flex min-w-0 flex-col gap-gutter">
          <Card aria-label={t("title")} className="min-w-0 overflow-x-auto p-2 sm:p-4">
            {calendar.isError ? <ErrorMessage error={calendar.error} className="mb-3" /> : null}
            <CalendarView
              publications={items}
              timeZone={timeZone}
              narrow={narrow}
              onRangeChange={setRange}
              onOpen={open}
              onMove={onMove}
            />
          </Card>
          <PublicationList
            items={inView}
            loading={calendar.isPending && range !== null}
            selected={selected}
            onOpen={open}
            onSchedule={() => setScheduling(true)}
          />
        </div>
        <div id="publication-panel" className="scroll-mt-16 lg:sticky lg:top-6 lg:self-start">
          <PublicationPanel id={selected} timeZone={timeZone} actions={actions} onClose={() => open(null)} />
        </div>
      </div>
      <ScheduleDialog open={scheduling} onOpenChange={setScheduling} timeZone={timeZone} actions={actions} onScheduled={open} />
    </>
  );
}
