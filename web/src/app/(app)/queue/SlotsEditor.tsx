"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent } from "react";

import { isApiProblem, useApiMutation, type components } from "@/api";
import { Button, Card, EmptyState, ErrorMessage, TextField, useToast } from "@/components/ui";

type Settings = components["schemas"]["QueueSettingsOut"];
type Slot = components["schemas"]["SlotIO"];

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

function slotsOf(settings: Settings): Slot[] {
  return settings.slots.map((s) => ({ weekday: Number(s.weekday ?? 1), time: String(s.time ?? "09:00") }));
}

/** The weekly slots and the spacing rule, saved together with If-Match (a stale page is told so). */
export function SlotsEditor({ settings }: { settings: Settings }) {
  const t = useTranslations("queue.slots");
  const tw = useTranslations("weekdays");
  const toast = useToast();
  const queryClient = useQueryClient();
  const [slots, setSlots] = useState<Slot[]>(() => slotsOf(settings));
  const [gap, setGap] = useState(String(settings.minGapMinutes));
  const [invalid, setInvalid] = useState(false);
  const save = useApiMutation("put", "/v1/schedule/settings", {
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/settings"] }),
  });
  const baseId = useId();

  // What the server holds now replaces the form (after a save, or after a stale save reloaded it).
  useEffect(() => {
    setSlots(slotsOf(settings));
    setGap(String(settings.minGapMinutes));
  }, [settings]);

  const update = (index: number, change: Partial<Slot>) =>
    setSlots((all) => all.map((slot, i) => (i === index ? { ...slot, ...change } : slot)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (slots.some((s) => !/^\d{2}:\d{2}$/.test(s.time))) return setInvalid(true);
    setInvalid(false);
    save.mutate(
      {
        body: { slots, minGapMinutes: Number(gap) || 0, moveScheduled: false },
        params: { header: { "If-Match": `"v${settings.version}"` } },
      },
      { onSuccess: () => toast.show(t("saved"), "success") },
    );
  };

  const stale = isApiProblem(save.error) && save.error.status === 412;

  return (
    <Card title={t("title")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <p className="text-sm text-ink-muted">{t("intro", { zone: settings.timezone })}</p>
        {slots.length === 0 ? (
          <EmptyState title={t("empty")} description={t("emptyHint")} />
        ) : (
          <ul className="flex flex-col gap-3">
            {slots.map((slot, index) => {
              const id = `${baseId}-${index}`;
              return (
                <li key={index}>
                  <fieldset className="flex flex-wrap items-end gap-2">
                    <legend className="sr-only">{t("slotLabel", { number: index + 1 })}</legend>
                    <div className="flex flex-col gap-1">
                      <label htmlFor={`${id}-day`} className="text-sm font-semibold">
                        {t("weekday")}
                      </label>
                      <select
                        id={`${id}-day`}
                        value={String(slot.weekday)}
                        onChange={(e) => update(index, { weekday: Number(e.target.value) })}
                        className="min-h-11 rounded-control border border-line-strong bg-surface px-3 py-2"
                      >
                        {WEEKDAYS.map((day) => (
                          <option key={day} value={day}>
                            {tw(day)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <TextField
                      id={`${id}-time`}
                      label={t("time")}
                      type="time"
                      value={slot.time}
                      onChange={(e) => update(index, { time: e.target.value })}
                      className="w-36"
                    />
                    <Button
                      variant="ghost"
                      aria-label={t("removeSlot", { day: tw(String(slot.weekday) as (typeof WEEKDAYS)[number]), time: slot.time })}
                      onClick={() => setSlots((all) => all.filter((_, i) => i !== index))}
                    >
                      {t("remove")}
                    </Button>
                  </fieldset>
                </li>
              );
            })}
          </ul>
        )}
        <div>
          <Button variant="secondary" onClick={() => setSlots((all) => [...all, { weekday: 1, time: "09:00" }])}>
            {t("add")}
          </Button>
        </div>
        <TextField
          label={t("minGap")}
          hint={t("minGapHint")}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          value={gap}
          onChange={(e) => setGap(e.target.value)}
          className="max-w-xs"
        />
        {invalid ? (
          <p role="alert" className="text-sm font-medium text-danger">
            {t("invalidTime")}
          </p>
        ) : null}
        {stale ? (
          <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
            {t("changed")}
          </p>
        ) : (
          <ErrorMessage error={save.error} />
        )}
        <div>
          <Button type="submit" busy={save.isPending}>
            {t("save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
