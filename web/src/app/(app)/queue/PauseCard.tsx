"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { isApiProblem, useApiMutation, type components } from "@/api";
import { Button, Card, ErrorMessage, TextField, useToast } from "@/components/ui";
import { utcToZonedLocal, zonedLocalToUtc } from "@/features/compose/zonedTime";
import { useFormat } from "@/i18n/format";

type Settings = components["schemas"]["QueueSettingsOut"];

/** Vacation mode: every scheduled post waits until publishing is resumed, by hand or on a chosen day. */
export function PauseCard({ settings }: { settings: Settings }) {
  const t = useTranslations("queue.pause");
  const toast = useToast();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [backOn, setBackOn] = useState("");
  const [invalid, setInvalid] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/settings"] }),
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/calendar"] }),
    ]);
  const pause = useApiMutation("post", "/v1/schedule/pause", { onSettled: refresh });
  const resume = useApiMutation("post", "/v1/schedule/resume", { onSettled: refresh });
  // The end date goes with the other settings, so it is saved with If-Match like them.
  const pauseUntil = useApiMutation("put", "/v1/schedule/settings", { onSettled: refresh });
  const today = utcToZonedLocal(Date.now(), settings.timezone).slice(0, 10);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Publishing starts again at the beginning of that day, in the queue's time zone.
    const until = /^\d{4}-\d{2}-\d{2}$/.test(backOn) ? zonedLocalToUtc(`${backOn}T00:00`, settings.timezone) : null;
    if (!until) return setInvalid(true);
    setInvalid(false);
    pauseUntil.mutate(
      { body: { pausedUntil: until, moveScheduled: false }, params: { header: { "If-Match": `"v${settings.version}"` } } },
      { onSuccess: () => toast.show(t("pausedUntilDone"), "success") },
    );
  };
  const stale = isApiProblem(pauseUntil.error) && pauseUntil.error.status === 412;

  return (
    <Card title={t("title")}>
      <p role="status" className="mb-3 text-sm">
        {settings.paused && settings.pausedUntil
          ? t("pausedUntil", { when: format.dateTime(settings.pausedUntil, { dateStyle: "full", timeStyle: "short" }) })
          : settings.paused
            ? t("paused")
            : t("running")}
      </p>
      <ErrorMessage error={pause.error ?? resume.error ?? (stale ? null : pauseUntil.error)} className="mb-3" />
      {settings.paused ? (
        <Button busy={resume.isPending} onClick={() => resume.mutate({}, { onSuccess: () => toast.show(t("resumedDone"), "success") })}>
          {t("resume")}
        </Button>
      ) : (
        <div className="flex flex-col gap-4">
          <Button
            variant="secondary"
            className="self-start"
            busy={pause.isPending}
            onClick={() => pause.mutate({}, { onSuccess: () => toast.show(t("pausedDone"), "success") })}
          >
            {t("pause")}
          </Button>
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
            <TextField
              type="date"
              label={t("backOn")}
              hint={t("backOnHint", { zone: settings.timezone })}
              min={today}
              value={backOn}
              onChange={(e) => setBackOn(e.target.value)}
              error={invalid ? t("backOnMissing") : null}
            />
            <Button type="submit" variant="secondary" busy={pauseUntil.isPending}>
              {t("pauseUntil")}
            </Button>
          </form>
          {stale ? (
            <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
              {t("changed")}
            </p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
