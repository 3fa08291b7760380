"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, Dialog, ErrorMessage, PageHeader, QueryView, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { SettingsTabs } from "../SettingsTabs";
import { describeAgent } from "./agent";

type Session = components["schemas"]["SessionOut"];

/** Where the account is signed in: this device first, revoke one, or sign out everywhere. */
export function Sessions() {
  const t = useTranslations("settings.sessions");
  const tc = useTranslations("common");
  const sessions = useApiQuery("get", "/v1/me/sessions");
  const list = [...(sessions.data ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<SignOutEverywhere />} />
      <SettingsTabs />
      <Card title={t("listTitle")} aria-label={t("listTitle")}>
        <QueryView query={sessions} data={list} empty={{ title: t("empty") }}>
          {() => (
            <ul className="flex flex-col divide-y divide-line">
              {list.map((session) => (
                <SessionRow key={session.id} session={session} />
              ))}
            </ul>
          )}
        </QueryView>
      </Card>
    </>
  );
}

function SessionRow({ session }: { session: Session }) {
  const t = useTranslations("settings.sessions");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { signOut } = useAuth();
  const agent = describeAgent(session.userAgent);
  const name = agent ? (agent.system ? t("agent", agent) : agent.browser) : t("unknownDevice");
  const revoke = useApiMutation("delete", "/v1/me/sessions/{session_id}", {
    onSuccess: async () => {
      if (session.current) {
        await signOut();
        return;
      }
      toast.show(t("revoked"), "success");
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/me/sessions"] });
    },
  });
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {name}
          {session.current ? (
            <span className="rounded-full bg-brand-soft px-2 py-0.5 text-xs font-semibold text-brand-strong">
              {t("thisDevice")}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-ink-muted">
          {t("details", {
            ip: session.ip ?? t("unknownIp"),
            lastUsed: format.relative(session.lastUsedAt),
            created: format.date(session.createdAt),
          })}
        </p>
        <ErrorMessage error={revoke.error} className="mt-2" />
      </div>
      <Button
        variant="secondary"
        busy={revoke.isPending}
        onClick={() => revoke.mutate({ params: { path: { session_id: session.id } } })}
        aria-label={session.current ? t("signOutHere") : t("revokeNamed", { name })}
      >
        {session.current ? t("signOutHere") : t("revoke")}
      </Button>
    </li>
  );
}

function SignOutEverywhere() {
  const t = useTranslations("settings.sessions");
  const tc = useTranslations("common");
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t("everywhereTitle")}
      description={t("everywhereDescription")}
      closeLabel={tc("close")}
      trigger={<Button variant="danger">{t("everywhere")}</Button>}
    >
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {tc("cancel")}
        </Button>
        <Button
          variant="danger"
          busy={busy}
          onClick={async () => {
            setBusy(true);
            await signOut({ everywhere: true });
          }}
        >
          {t("everywhereConfirm")}
        </Button>
      </div>
    </Dialog>
  );
}
