"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";

import { preview } from "@/components/schedule/publication";
import { Button, Dialog, ErrorMessage, Select, TextField, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { utcToZonedLocal, zonedLocalToUtc } from "@/features/compose/zonedTime";
import { ReadyContent } from "@/components/schedule/ReadyContent";
import type { ScheduleActions } from "./useScheduleActions";

type When = "at" | "next" | "now";

/** Schedule ready content from the calendar: at a date and time, in the queue's next free slot, or now. */
export function ScheduleDialog({
  open,
  onOpenChange,
  timeZone,
  actions,
  onScheduled,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  timeZone: string;
  actions: ScheduleActions;
  onScheduled(id: string): void;
}) {
  const t = useTranslations("calendar.new");
  const tcal = useTranslations("calendar.reschedule");
  const tc = useTranslations("common");
  const format = useFormat();
  const toast = useToast();
  const [contentId, setContentId] = useState<string | undefined>(undefined);
  const [when, setWhen] = useState<When>("at");
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // One key per opening: a double click or a retried request schedules once.
  const idempotencyKey = useRef("");
  const { schedule, postNow } = actions;

  useEffect(() => {
    if (!open) return;
    const [day, clock] = utcToZonedLocal(Date.now() + 3600_000, timeZone).split("T");
    setDate(day ?? "");
    setTime(`${(clock ?? "09").slice(0, 2)}:00`);
    setContentId(undefined);
    setWhen("at");
    setProblem(null);
    schedule.reset();
    postNow.reset();
    idempotencyKey.current = crypto.randomUUID();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, timeZone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!contentId) return setProblem(t("pickContent"));
    const at = when === "at" ? zonedLocalToUtc(`${date}T${time}`, timeZone) : null;
    if (when === "at" && !at) return setProblem(tcal("invalid"));
    setProblem(null);
    const headers = { "Idempotency-Key": idempotencyKey.current };
    try {
      const item =
        when === "now"
          ? await postNow.mutateAsync({ body: { contentId }, headers })
          : await schedule.mutateAsync({ body: { contentId, at, allowClose: false }, headers });
      toast.show(when === "now" ? t("publishing") : t("scheduled", { when: format.dateTime(item.dueAt) }), "success");
      onOpenChange(false);
      onScheduled(item.id);
    } catch {
      // shown below from the mutation's error
    }
  };

  const failure = schedule.error ?? postNow.error;
  const pending = schedule.isPending || postNow.isPending;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t("title")} description={t("description", { zone: timeZone })} closeLabel={tc("close")}>
      <ReadyContent enabled={open} words={{ noReady: t("noReady"), noReadyHint: t("noReadyHint"), compose: t("compose") }}>
        {(ready) => (
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <Select
              label={t("content")}
              placeholder={t("contentPlaceholder")}
              value={contentId}
              onValueChange={setContentId}
              options={ready.map((item) => ({ value: item.id, label: item.title || preview(item.body, 70) }))}
            />
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 text-sm font-semibold">{t("when")}</legend>
              {(["at", "next", "now"] as const).map((value) => (
                <label key={value} className="flex min-h-11 items-center gap-3 text-sm">
                  <input type="radio" name="when" className="size-5" checked={when === value} onChange={() => setWhen(value)} />
                  {value === "at" ? t("atTime") : value === "next" ? t("nextSlot") : t("now")}
                </label>
              ))}
            </fieldset>
            {when === "at" ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField label={tcal("date")} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
                <TextField label={tcal("time")} type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
              </div>
            ) : null}
            {problem ? (
              <p role="alert" className="text-sm font-medium text-danger">
                {problem}
              </p>
            ) : null}
            <ErrorMessage error={failure} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                {tc("cancel")}
              </Button>
              <Button type="submit" busy={pending}>
                {when === "now" ? t("now") : t("submit")}
              </Button>
            </div>
          </form>
        )}
      </ReadyContent>
    </Dialog>
  );
}
