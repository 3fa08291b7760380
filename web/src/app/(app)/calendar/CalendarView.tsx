"use client";

// First: it must run before FullCalendar's modules inject their styles.
import "./withoutIconFont";
import type { DatesSetArg, EventClickArg, EventDropArg, EventInput } from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin from "@fullcalendar/interaction";
import luxonPlugin from "@fullcalendar/luxon3";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { isMovable, preview, toneOf, type Publication } from "@/components/schedule/publication";
import { utcToZonedLocal } from "@/features/compose/zonedTime";
import "./calendar.css";


// A post is an instant; it gets a block this long so it can be seen and grabbed in the week view.
const BLOCK_MS = 30 * 60 * 1000;

export type VisibleRange = { from: string; to: string };

export type CalendarViewProps = {
  publications: Publication[];
  /** The user's IANA zone: the grid, the drop times and the labels are in it. */
  timeZone: string;
  narrow: boolean;
  onRangeChange(range: VisibleRange): void;
  onOpen(id: string): void;
  /** A post dropped at `at` (ISO 8601 with the zone's offset); call `revert` when the move is refused. */
  onMove(publication: Publication, at: string, revert: () => void): void;
};

/**
 * FullCalendar in the user's zone (Luxon named-zone plugin): week, month and, on narrow screens, day.
 * Events are focusable (Enter opens them) so the keyboard reaches the same details as a click.
 */
export default function CalendarView({ publications, timeZone, narrow, onRangeChange, onOpen, onMove }: CalendarViewProps) {
  const t = useTranslations("calendar.views");
  const byId = useMemo(() => new Map(publications.map((p) => [p.id, p])), [publications]);
  const events: EventInput[] = useMemo(
    () =>
      publications
        .filter((p) => p.state !== "cancelled")
        .map((p) => {
          const tone = toneOf(p);
          return {
            id: p.id,
            title: preview(p.text, 60) || "—",
            start: p.dueAt,
            end: new Date(Date.parse(p.dueAt) + BLOCK_MS).toISOString(),
            editable: isMovable(p),
            backgroundColor: tone.bg,
            borderColor: tone.border,
            textColor: tone.fg,
          };
        }),
    [publications],
  );

  return (
    <FullCalendar
      plugins={[luxonPlugin, dayGridPlugin, timeGridPlugin, interactionPlugin]}
      timeZone={timeZone}
      initialView={narrow ? "timeGridDay" : "timeGridWeek"}
      headerToolbar={{
        left: "prev,next today",
        center: "title",
        right: narrow ? "timeGridDay,timeGridWeek,dayGridMonth" : "timeGridWeek,dayGridMonth",
      }}
      // Words, not FullCalendar's icon font: a font from a data: URL breaks the pages' CSP, and words read aloud.
      buttonIcons={false}
      buttonText={{ prev: t("previous"), next: t("next"), today: t("today"), month: t("month"), week: t("week"), day: t("day") }}
      buttonHints={{ prev: t("previous"), next: t("next"), today: t("today") }}
      height="auto"
      firstDay={1}
      nowIndicator
      scrollTime="08:00:00"
      slotDuration="00:30:00"
      displayEventEnd={false}
      eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      eventInteractive
      eventDurationEditable={false}
      events={events}
      eventAllow={(span) =>
        // A month cell is a whole day (the post keeps its time of day): today's cell is allowed.
        span.allDay
          ? span.startStr.slice(0, 10) >= utcToZonedLocal(Date.now(), timeZone).slice(0, 10)
          : Date.parse(span.startStr) >= Date.now()
      }
      datesSet={(arg: DatesSetArg) => onRangeChange({ from: arg.startStr.slice(0, 10), to: arg.endStr.slice(0, 10) })}
      eventClick={(arg: EventClickArg) => {
        arg.jsEvent.preventDefault();
        onOpen(arg.event.id);
      }}
      eventDrop={(arg: EventDropArg) => {
        const publication = byId.get(arg.event.id);
        if (!publication) return arg.revert();
        onMove(publication, arg.event.startStr, arg.revert);
      }}
    />
  );
}
