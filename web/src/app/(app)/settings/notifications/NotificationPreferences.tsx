"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Card, ErrorMessage, PageHeader, QueryView, useToast } from "@/components/ui";
import { SettingsTabs } from "../SettingsTabs";

type Preference = components["schemas"]["PreferenceOut"];

/**
 * The kinds InErgize sends. The API stores only the choices a person changed (the rest are on in both
 * places), so the page lists every kind it knows of and fills in what was stored.
 */
const KINDS = [
  "publishing.failed",
  "publishing.needs_attention",
  "linkedin.disconnected",
  "linkedin.reconsent",
  "compliance.paused",
] as const;
type Kind = (typeof KINDS)[number];
const KEYS: Record<Kind, string> = {
  "publishing.failed": "publishingFailed",
  "publishing.needs_attention": "publishingNeedsAttention",
  "linkedin.disconnected": "linkedinDisconnected",
  "linkedin.reconsent": "linkedinReconsent",
  "compliance.paused": "compliancePaused",
};

export function NotificationPreferences() {
  const t = useTranslations("settings.notifications");
  const prefs = useApiQuery("get", "/v1/notification-preferences");
  const stored = new Map((prefs.data ?? []).map((p) => [p.kind, p]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsTabs />
      <Card title={t("listTitle")}>
        <QueryView query={prefs} data={prefs.data}>
          {() => (
            <div className="flex flex-col divide-y divide-line">
              {KINDS.map((kind) => (
                <PreferenceRow key={kind} kind={kind} preference={stored.get(kind) ?? { kind, inApp: true, email: true }} />
              ))}
              <div className="py-3">
                <p className="font-medium">{t("kinds.security.title")}</p>
                <p className="text-sm text-ink-muted">{t("kinds.security.description")}</p>
              </div>
            </div>
          )}
        </QueryView>
      </Card>
    </>
  );
}

function PreferenceRow({ kind, preference }: { kind: Kind; preference: Preference }) {
  const t = useTranslations("settings.notifications");
  const toast = useToast();
  const queryClient = useQueryClient();
  // The boxes follow the click at once; a refused change puts them back.
  const [shown, setShown] = useState({ inApp: preference.inApp, email: preference.email });
  const save = useApiMutation("put", "/v1/notification-preferences/{kind}", {
    onError: () => setShown({ inApp: preference.inApp, email: preference.email }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/notification-preferences"] });
      toast.show(t("saved"), "success");
    },
  });
  const key = KEYS[kind];
  const title = t(`kinds.${key}.title`);
  const change = (next: { inApp: boolean; email: boolean }) => {
    setShown(next);
    save.mutate({ params: { path: { kind } }, body: next });
  };
  return (
    <fieldset className="py-3">
      <legend className="font-medium">{title}</legend>
      <p className="text-sm text-ink-muted">{t(`kinds.${key}.description`)}</p>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        <label className="inline-flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            className="size-5"
            checked={shown.inApp}
            onChange={(e) => change({ inApp: e.target.checked, email: shown.email })}
          />
          {t("inApp")}
        </label>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            className="size-5"
            checked={shown.email}
            onChange={(e) => change({ inApp: shown.inApp, email: e.target.checked })}
          />
          {t("email")}
        </label>
      </div>
      <ErrorMessage error={save.error} className="mt-2" />
    </fieldset>
  );
}
