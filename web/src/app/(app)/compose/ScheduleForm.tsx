"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { useApiMutation, type components } from "@/api";
import { Button, ErrorMessage } from "@/components/ui";
import { utcToZonedLocal, zonedLocalToUtc } from "@/features/compose/zonedTime";
import { useFormat } from "@/i18n/format";

type Publication = components["schemas"]["PublicationOut"];

/** Tomorrow at 09:00 on the user's clocks: a sensible first suggestion. */
function tomorrowMorning(timeZone: string): string {
  const day = utcToZonedLocal(Date.now() + 24 * 3600 * 1000, timeZone).slice(0, 10);
  return `${day}T09:00`;
}

/** Schedule a ready post at a date and time on the user's clocks (their profile's time zone). */
export function ScheduleForm({ contentId }: { contentId: string }) {
  const t = useTranslations("compose.schedule");
  const format = useFormat();
  const fieldId = useId();
  const hintId = useId();
  const [local, setLocal] = useState(() => tomorrowMorning(format.timeZone));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const schedule = useApiMutation("post", "/v1/schedule");
  const scheduled = schedule.data as Publication | undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = zonedLocalToUtc(local, format.timeZone);
    if (!at) {
      setFieldError(t("invalid"));
      return;
    }
    setFieldError(null);
    schedule.mutate({ body: { contentId, at, allowClose: false } });
  };
  if (scheduled) {
    return (
      <p role="status" className="text-sm">
        {t("done", { when: format.dateTime(scheduled.dueAt) })}{" "}
        <Link className="font-medium text-brand underline underline-offset-2" href={`/calendar/?publication=${scheduled.id}`}>
          {t("seeInCalendar")}
        </Link>
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={fieldId} className="text-sm font-semibold">
          {t("when")}
        </label>
        <input
          id={fieldId}
          type="datetime-local"
          value={local}
          required
          aria-describedby={hintId}
          aria-invalid={fieldError ? true : undefined}
          onChange={(event) => setLocal(event.target.value)}
          className="min-h-11 rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
        />
        <p id={hintId} className="text-sm text-ink-muted">
          {t("zoneHint", { zone: format.timeZone })}
        </p>
        {fieldError ? <p className="text-sm font-medium text-danger">{fieldError}</p> : null}
      </div>
      <ErrorMessage error={schedule.error} />
      <div>
        <Button type="submit" busy={schedule.isPending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
