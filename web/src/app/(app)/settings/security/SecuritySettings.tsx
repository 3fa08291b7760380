"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, PageHeader, TextField, useToast } from "@/components/ui";
import { SettingsTabs } from "../SettingsTabs";
import { MfaCard } from "./MfaCard";

/** Password, sign-in email and two-step verification. */
export function SecuritySettings() {
  const t = useTranslations("settings.security");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsTabs />
      <div className="flex flex-col gap-6">
        <MfaCard />
        <PasswordCard />
        <EmailCard />
      </div>
    </>
  );
}

function PasswordCard() {
  const t = useTranslations("settings.security.password");
  const toast = useToast();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useApiMutation("post", "/v1/me/password", {
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setConfirm("");
      toast.show(t("changed"), "success");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate({ body: { currentPassword: current, newPassword: next } });
  };
  return (
    <Card title={t("title")} aria-label={t("title")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <p className="text-sm text-ink-muted">{t("description")}</p>
        <TextField label={t("current")} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("new")} hint={t("newHint")} type="password" autoComplete="new-password" required minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
          <TextField label={t("confirm")} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={mismatch ? t("mismatch") : null} />
        </div>
        <ErrorMessage error={change.error} />
        <div>
          <Button type="submit" busy={change.isPending} disabled={!current || !next || !confirm}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EmailCard() {
  const t = useTranslations("settings.security.email");
  const { user } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const change = useApiMutation("post", "/v1/me/email", {
    onSuccess: (_, variables) => {
      setSentTo(variables.body.newEmail);
      setEmail("");
      setPassword("");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ body: { newEmail: email.trim(), password } });
  };
  return (
    <Card title={t("title")} aria-label={t("title")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <p className="text-sm wrap-anywhere text-ink-muted">{t("current", { email: user?.email ?? "" })}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("new")} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField label={t("password")} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {sentTo ? (
          <p role="status" className="rounded-control border border-success bg-success-soft p-3 text-sm text-success">
            {t("sent", { email: sentTo })}
          </p>
        ) : null}
        <ErrorMessage error={change.error} />
        <div>
          <Button type="submit" busy={change.isPending} disabled={!email || !password}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
