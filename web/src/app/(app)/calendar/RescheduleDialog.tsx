"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";

import { etagOf, type Publication } from "@/components/schedule/publication";
import { Button, Dialog, ErrorMessage, TextField, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { utcToZonedLocal, zonedLocalToUtc } from "@/features/compose/zonedTime";
import { isStale } from "./PublicationPanel";
import type { ScheduleActions } from "./useScheduleActions";

/** The keyboard's way to move a post: a date and a time in the user's zone, or the queue's next slot. */
export function RescheduleDialog({
  open,
  onOpenChange,
  publication,
  timeZone,
  actions,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  publication: Publication;
  timeZone: string;
  actions: ScheduleActions;
}) {
  const t = useTranslations("calendar.reschedule");
  const tc = useTranslations("calendar");
  const tcommon = useTranslations("common");
  const format = useFormat();
  const toast = useToast();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [nextSlot, setNextSlot] = useState(false);
  const [allowClose, setAllowClose] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const move = actions.move;

  useEffect(() => {
    if (!open) return;
    const [day, clock] = utcToZonedLocal(publication.dueAt, timeZone).split("T");
    setDate(day ?? "");
    setTime(clock ?? "");
    setNextSlot(false);
    setAllowClose(false);
    setInvalid(false);
    move.reset();
    // Only when the dialog opens: later changes of the publication must not overwrite what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = nextSlot ? null : zonedLocalToUtc(`${date}T${time}`, timeZone);
    if (!nextSlot && !at) return setInvalid(true);
    setInvalid(false);
    move.mutate(
      {
        params: { path: { pid: publication.id }, header: { "If-Match": etagOf(publication) } },
        body: { at, allowClose },
      },
      {
        onSuccess: (moved) => {
          toast.show(tc("moved", { when: format.dateTime(moved.dueAt) }), "success");
          onOpenChange(false);
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t("title")} description={t("description", { zone: timeZone })} closeLabel={tcommon("close")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t("date")} type="date" value={date} onChange={(e) => setDate(e.target.value)} disabled={nextSlot} required />
          <TextField label={t("time")} type="time" value={time} onChange={(e) => setTime(e.target.value)} disabled={nextSlot} required />
        </div>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="checkbox" className="size-5" checked={nextSlot} onChange={(e) => setNextSlot(e.target.checked)} />
          {t("nextSlot")}
        </label>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="checkbox" className="size-5" checked={allowClose} onChange={(e) => setAllowClose(e.target.checked)} />
          {t("allowClose")}
        </label>
        {invalid ? (
          <p role="alert" className="text-sm font-medium text-danger">
            {t("invalid")}
          </p>
        ) : null}
        {move.isError ? (
          <div className="flex flex-col gap-1">
            <ErrorMessage error={move.error} />
            {isStale(move.error) ? <p className="text-sm">{tc("reloaded")}</p> : null}
          </div>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {tcommon("cancel")}
          </Button>
          <Button type="submit" busy={move.isPending}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
