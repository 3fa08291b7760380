"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { Button, ErrorMessage, TextField, TextLink } from "@/components/ui";

export function ForgotPassword() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const [email, setEmail] = useState("");
  const forgot = useApiMutation("post", "/v1/auth/password/forgot");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate({ body: { email } });
  };
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-display font-bold">{t("forgot.title")}</h1>
        {!forgot.isSuccess ? <p className="mt-1 text-ink-muted">{t("forgot.description")}</p> : null}
      </div>
      {forgot.isSuccess ? (
        <p role="status">{t("forgot.sent", { email })}</p>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
          <TextField
            label={t("email")}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <ErrorMessage error={forgot.error} />
          <Button type="submit" busy={forgot.isPending} fullWidth>
            {t("forgot.submit")}
          </Button>
        </form>
      )}
      <TextLink href="/sign-in/" className="self-start">
        {tc("backToSignIn")}
      </TextLink>
    </div>
  );
}
