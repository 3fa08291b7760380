"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { preview } from "@/components/schedule/publication";
import { Button, Card, ErrorMessage, TextField, useToast } from "@/components/ui";
import { ReadyContent } from "@/components/schedule/ReadyContent";
import { utcToZonedLocal, zonedLocalToUtc } from "@/features/compose/zonedTime";

/** A series of ready posts, one per occurrence, every week or every day from a first date and time. */
export function RecurringCard({ zone }: { zone: string }) {
  const t = useTranslations("queue.recurring");
  const toast = useToast();
  const queryClient = useQueryClient();
  const id = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const [first, setFirst] = useState(() => utcToZonedLocal(Date.now() + 24 * 3600_000, zone).slice(0, 10));
  const [time, setTime] = useState("09:00");
  const [frequency, setFrequency] = useState<"weekly" | "daily">("weekly");
  const [every, setEvery] = useState("1");
  const [problem, setProblem] = useState<string | null>(null);
  const create = useApiMutation("post", "/v1/schedule/recurring", {
    onSettled: () =>
      Promise.all(
        ["/v1/schedule/calendar", "/v1/schedule/recurring"].map((path) => queryClient.invalidateQueries({ queryKey: ["get", path] })),
      ),
  });

  const toggle = (contentId: string) =>
    setPicked((all) => (all.includes(contentId) ? all.filter((x) => x !== contentId) : [...all, contentId]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (picked.length === 0) return setProblem(t("pickTwo"));
    const at = zonedLocalToUtc(`${first}T${time}`, zone);
    if (!at) return setProblem(t("invalid"));
    setProblem(null);
    create.mutate(
      {
        body: { first: at, variants: picked, count: picked.length, frequency, interval: Math.max(1, Number(every) || 1), allowClose: false },
      },
      {
        onSuccess: (items) => {
          toast.show(t("done", { count: items.length }), "success");
          setPicked([]);
        },
      },
    );
  };

  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-ink-muted">{t("intro")}</p>
      <ReadyContent words={{ noReady: t("noReady"), noReadyHint: t("noReadyHint"), compose: t("compose") }}>
        {(ready) => (
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 text-sm font-semibold">{t("variants")}</legend>
              {ready.map((item) => {
                const order = picked.indexOf(item.id);
                return (
                  <label key={item.id} className="flex min-h-11 items-center gap-3 text-sm">
                    <input type="checkbox" className="size-5 shrink-0" checked={order >= 0} onChange={() => toggle(item.id)} />
                    <span className="min-w-0 truncate">{item.title || preview(item.body, 60)}</span>
                    {order >= 0 ? (
                      // its place in the series, at the end of the row so the titles line up with their boxes
                      <span className="ml-auto shrink-0 rounded-full border border-brand bg-brand-soft px-2 py-0.5 text-xs font-semibold text-brand-strong">
                        {t("order", { number: order + 1 })}
                      </span>
                    ) : null}
                  </label>
                );
              })}
            </fieldset>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label={t("first")} type="date" value={first} onChange={(e) => setFirst(e.target.value)} />
              <TextField label={t("firstTime")} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-frequency`} className="text-sm font-semibold">
                  {t("frequency")}
                </label>
                <select
                  id={`${id}-frequency`}
                  value={frequency}
                  onChange={(e) => setFrequency(e.target.value === "daily" ? "daily" : "weekly")}
                  className="min-h-11 rounded-control border border-line-strong bg-surface px-3 py-2"
                >
                  <option value="weekly">{t("weekly")}</option>
                  <option value="daily">{t("daily")}</option>
                </select>
              </div>
              <TextField label={t("interval")} type="number" min={1} max={52} value={every} onChange={(e) => setEvery(e.target.value)} />
            </div>
            {problem ? (
              <p role="alert" className="text-sm font-medium text-danger">
                {problem}
              </p>
            ) : null}
            <ErrorMessage error={create.error} />
            <div>
              <Button type="submit" busy={create.isPending}>
                {t("submit")}
              </Button>
            </div>
          </form>
        )}
      </ReadyContent>
    </Card>
  );
}
