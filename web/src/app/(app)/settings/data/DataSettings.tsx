"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { api, useApiMutation, useApiQuery } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, Dialog, ErrorMessage, PageHeader, TextField, useToast } from "@/components/ui";
import { SettingsTabs } from "../SettingsTabs";

/** The user's data: a copy of everything (GDPR export), and deleting the account. */
export function DataSettings() {
  const t = useTranslations("settings.data");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsTabs />
      <div className="flex flex-col gap-6">
        <ExportCard />
        <DeleteCard />
      </div>
    </>
  );
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportCard() {
  const t = useTranslations("settings.data.export");
  const toast = useToast();
  const exportData = useMutation({
    mutationFn: async () => {
      const { data } = await api.GET("/v1/me/export", { parseAs: "blob" });
      return data as Blob;
    },
    onSuccess: (blob) => {
      const day = new Date().toISOString().slice(0, 10);
      saveFile(blob, `inergize-export-${day}.json`);
      toast.show(t("done"), "success");
    },
  });
  return (
    <Card title={t("title")} aria-label={t("title")}>
      <div className="flex flex-col items-start gap-4">
        <p className="text-sm text-ink-muted">{t("description")}</p>
        <ErrorMessage error={exportData.error} />
        <Button busy={exportData.isPending} onClick={() => exportData.mutate()}>
          {exportData.isPending ? t("preparing") : t("download")}
        </Button>
      </div>
    </Card>
  );
}

function DeleteCard() {
  const t = useTranslations("settings.data.delete");
  const tc = useTranslations("common");
  const toast = useToast();
  const { signOut } = useAuth();
  const mfa = useApiQuery("get", "/v1/me/mfa");
  const needsCode = mfa.data?.enabled ?? false;
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [understood, setUnderstood] = useState(false);
  const remove = useApiMutation("post", "/v1/me/delete", {
    onSuccess: async () => {
      toast.show(t("deleted"), "success");
      await signOut();
    },
  });
  const reset = () => {
    setPassword("");
    setCode("");
    setUnderstood(false);
    remove.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, "");
    // Six digits is an authenticator code; anything longer is one of the recovery codes.
    const second = !needsCode ? {} : /^\d{6,8}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: code.trim() };
    remove.mutate({ body: { password, ...second } });
  };
  return (
    <Card title={t("title")} aria-label={t("title")} className="border-danger">
      <div className="flex flex-col items-start gap-4">
        <div role="note" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
          <p className="font-semibold">{t("warningTitle")}</p>
          <p>{t("warning")}</p>
        </div>
        <Dialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            reset();
          }}
          title={t("dialogTitle")}
          description={t("dialogDescription")}
          closeLabel={tc("close")}
          trigger={<Button variant="danger">{t("start")}</Button>}
        >
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <TextField label={t("password")} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            {needsCode ? (
              <TextField label={t("code")} hint={t("codeHint")} autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
            ) : null}
            <label className="flex items-start gap-3 text-sm">
              <input type="checkbox" className="mt-0.5 size-5 shrink-0" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              <span>{t("understand")}</span>
            </label>
            <ErrorMessage error={remove.error} />
            <Button type="submit" variant="danger" busy={remove.isPending} disabled={!understood || !password || (needsCode && !code)}>
              {t("confirm")}
            </Button>
          </form>
        </Dialog>
      </div>
    </Card>
  );
}
