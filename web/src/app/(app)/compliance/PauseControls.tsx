"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";

import { useApiMutation, type components } from "@/api";
import { Button, Dialog, ErrorMessage, useToast } from "@/components/ui";

type Dashboard = components["schemas"]["DashboardOut"];

function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/compliance"] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/compliance/settings"] });
  };
}

/** Pause every automated action now, or resume after a pause: in words, with the risk acknowledged. */
export function PauseControls({ dashboard }: { dashboard: Dashboard }) {
  return dashboard.paused ? <ResumeDialog /> : <PauseDialog />;
}

function ReasonField({ label, hint, value, onChange, required }: { label: string; hint?: string; value: string; onChange: (v: string) => void; required?: boolean }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={500}
        required={required}
        aria-describedby={hint ? `${id}-hint` : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function PauseDialog() {
  const t = useTranslations("compliance.pause");
  const tc = useTranslations("common");
  const toast = useToast();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const pause = useApiMutation("post", "/v1/compliance/pause", {
    onSuccess: async () => {
      setOpen(false);
      toast.show(t("pausedToast"), "success");
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pause.mutate({ body: { reason: reason.trim() } });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setReason("");
        pause.reset();
      }}
      title={t("pauseTitle")}
      description={t("pauseDescription")}
      closeLabel={tc("close")}
      trigger={
        <Button variant="secondary" className="whitespace-nowrap">
          {t("pause")}
        </Button>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <ReasonField label={t("note")} hint={t("noteHint")} value={reason} onChange={setReason} />
        <ErrorMessage error={pause.error} />
        <Button type="submit" busy={pause.isPending}>
          {t("pauseConfirm")}
        </Button>
      </form>
    </Dialog>
  );
}

function ResumeDialog() {
  const t = useTranslations("compliance.pause");
  const tc = useTranslations("common");
  const toast = useToast();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [acknowledged, setAcknowledged] = useState(false);
  const resume = useApiMutation("post", "/v1/compliance/resume", {
    onSuccess: async () => {
      setOpen(false);
      toast.show(t("resumedToast"), "success");
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resume.mutate({ body: { reason: reason.trim(), acknowledgeRisk: acknowledged } });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setReason("");
        setAcknowledged(false);
        resume.reset();
      }}
      title={t("resumeTitle")}
      description={t("resumeDescription")}
      closeLabel={tc("close")}
      trigger={<Button className="whitespace-nowrap">{t("resume")}</Button>}
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <ReasonField label={t("why")} hint={t("whyHint")} value={reason} onChange={setReason} required />
        <label className="flex items-start gap-3 rounded-control border border-warning bg-warning-soft p-3 text-sm">
          <input type="checkbox" className="mt-0.5 size-5 shrink-0" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
          <span>{t("acknowledge")}</span>
        </label>
        <ErrorMessage error={resume.error} />
        <Button type="submit" busy={resume.isPending} disabled={!acknowledged || !reason.trim()}>
          {t("resumeConfirm")}
        </Button>
      </form>
    </Dialog>
  );
}
