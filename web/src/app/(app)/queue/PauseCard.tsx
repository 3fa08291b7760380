"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useApiMutation, type components } from "@/api";
import { Button, Card, ErrorMessage, useToast } from "@/components/ui";

type Settings = components["schemas"]["QueueSettingsOut"];

/** Vacation mode: every scheduled post waits until publishing is resumed. */
export function PauseCard({ settings }: { settings: Settings }) {
  const t = useTranslations("queue.pause");
  const toast = useToast();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/settings"] }),
      queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/calendar"] }),
    ]);
  const pause = useApiMutation("post", "/v1/schedule/pause", { onSettled: refresh });
  const resume = useApiMutation("post", "/v1/schedule/resume", { onSettled: refresh });
  return (
    <Card title={t("title")}>
      <p role="status" className="mb-3 text-sm">
        {settings.paused ? t("paused") : t("running")}
      </p>
      <ErrorMessage error={pause.error ?? resume.error} className="mb-3" />
      {settings.paused ? (
        <Button busy={resume.isPending} onClick={() => resume.mutate({}, { onSuccess: () => toast.show(t("resumedDone"), "success") })}>
          {t("resume")}
        </Button>
      ) : (
        <Button variant="secondary" busy={pause.isPending} onClick={() => pause.mutate({}, { onSuccess: () => toast.show(t("pausedDone"), "success") })}>
          {t("pause")}
        </Button>
      )}
    </Card>
  );
}
