"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { isApiProblem, isProblemCode, useApiMutation } from "@/api";
import { Button, ErrorMessage, TextField, TextLink, useProblemMessage } from "@/components/ui";

/** Opens from the reset email; asks for the second factor too when the account has one. */
export function ResetPassword() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const token = useSearchParams()?.get("token")?.trim() || null;
  const [newPassword, setNewPassword] = useState("");
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const [needsMfa, setNeedsMfa] = useState(false);
  const reset = useApiMutation("post", "/v1/auth/password/reset");
  const message = useProblemMessage(reset.error);
  const passwordError =
    isApiProblem(reset.error) && reset.error.field === "password" ? message : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    const second = !needsMfa
      ? {}
      : recovery
        ? { recoveryCode: code.trim() }
        : { code: code.replace(/\s/g, "") };
    await reset.mutateAsync({ body: { token, newPassword, ...second } }).catch((error: unknown) => {
      if (isProblemCode(error, "mfa_required")) setNeedsMfa(true);
    });
  };

  if (!token) {
    return (
      <div className="flex flex-col gap-5">
        <h1 className="text-display font-bold">{t("reset.title")}</h1>
        <p role="alert">{t("reset.missingToken")}</p>
        <TextLink href="/forgot-password/" className="self-start">
          {t("reset.askAgain")}
        </TextLink>
      </div>
    );
  }
  if (reset.isSuccess) {
    return (
      <div className="flex flex-col gap-5">
        <h1 className="text-display font-bold">{t("reset.title")}</h1>
        <p role="status">{t("reset.done")}</p>
        <Button asChild fullWidth>
          <a href="/sign-in/">{t("signIn.submit")}</a>
        </Button>
      </div>
    );
  }
  const mfaAsked = isProblemCode(reset.error, "mfa_required");
  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <div>
        <h1 className="text-display font-bold">{t("reset.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("reset.description")}</p>
      </div>
      <TextField
        label={t("newPassword")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={t("passwordHint")}
        value={newPassword}
        error={passwordError}
        onChange={(event) => setNewPassword(event.target.value)}
      />
      {needsMfa ? (
        <>
          <p className="text-sm">{t("reset.mfaNeeded")}</p>
          {recovery ? (
            <TextField
              key="recovery"
              label={t("signIn.recoveryCode")}
              name="recoveryCode"
              autoComplete="off"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          ) : (
            <TextField
              key="code"
              label={t("signIn.code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
          <Button
            variant="link"
            className="self-start"
            onClick={() => {
              setRecovery(!recovery);
              setCode("");
            }}
          >
            {recovery ? t("signIn.useCode") : t("signIn.useRecovery")}
          </Button>
        </>
      ) : null}
      {!passwordError && !mfaAsked ? <ErrorMessage error={reset.error} /> : null}
      <Button type="submit" busy={reset.isPending} fullWidth>
        {t("reset.submit")}
      </Button>
      <TextLink href="/sign-in/" className="self-start">
        {tc("backToSignIn")}
      </TextLink>
    </form>
  );
}
