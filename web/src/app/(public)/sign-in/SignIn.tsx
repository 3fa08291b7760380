"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";

import { isProblemCode, useApiMutation } from "@/api";
import { useAuth, type TokenAnswer } from "@/auth/AuthProvider";
import { safeNext } from "@/auth/RequireAuth";
import { Button, ErrorMessage, TextField, TextLink } from "@/components/ui";

const COOKIE_MODE = { "X-Session-Mode": "cookie" } as const;

type Step = { kind: "credentials" } | { kind: "mfa"; mfaToken: string; recovery: boolean };

/** Email and password, then (when the account has it) the authenticator code or a recovery code. */
export function SignIn() {
  const t = useTranslations("auth");
  const router = useRouter();
  const next = safeNext(useSearchParams()?.get("next"));
  const { status, completeSignIn } = useAuth();
  const [step, setStep] = useState<Step>({ kind: "credentials" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [finishing, setFinishing] = useState(false);
  const login = useApiMutation("post", "/v1/auth/login");
  const loginMfa = useApiMutation("post", "/v1/auth/login/mfa");
  const resend = useApiMutation("post", "/v1/auth/verify-email/resend");

  useEffect(() => {
    if (status === "signed-in") router.replace(next);
  }, [status, next, router]);

  const finish = async (answer: TokenAnswer) => {
    setFinishing(true);
    try {
      await completeSignIn(answer);
    } finally {
      setFinishing(false);
    }
  };

  const submitCredentials = async (event: FormEvent) => {
    event.preventDefault();
    resend.reset();
    const answer = await login.mutateAsync({ body: { email, password }, headers: COOKIE_MODE }).catch(() => null);
    if (!answer) return;
    if (answer.mfaRequired && answer.mfaToken) {
      setStep({ kind: "mfa", mfaToken: answer.mfaToken, recovery: false });
      setCode("");
      return;
    }
    await finish(answer);
  };

  const submitMfa = async (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== "mfa") return;
    const body = step.recovery
      ? { mfaToken: step.mfaToken, recoveryCode: code.trim() }
      : { mfaToken: step.mfaToken, code: code.replace(/\s/g, "") };
    const answer = await loginMfa.mutateAsync({ body, headers: COOKIE_MODE }).catch(() => null);
    if (answer) await finish(answer as TokenAnswer);
  };

  const startOver = () => {
    setStep({ kind: "credentials" });
    setPassword("");
    setCode("");
    loginMfa.reset();
    login.reset();
  };

  if (step.kind === "mfa") {
    const expired = isProblemCode(loginMfa.error, "invalid_mfa_token");
    return (
      <form onSubmit={submitMfa} className="flex flex-col gap-5" noValidate>
        <div>
          <h1 className="text-display font-bold">{t("signIn.mfaTitle")}</h1>
          <p className="mt-1 text-ink-muted">
            {step.recovery ? t("signIn.recoveryHint") : t("signIn.mfaDescription")}
          </p>
        </div>
        {step.recovery ? (
          <TextField
            key="recovery"
            label={t("signIn.recoveryCode")}
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoFocus
          />
        ) : (
          <TextField
            key="code"
            label={t("signIn.code")}
            hint={t("signIn.codeHint")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoFocus
          />
        )}
        <ErrorMessage error={loginMfa.error} />
        <Button type="submit" busy={loginMfa.isPending || finishing} disabled={expired} fullWidth>
          {t("signIn.verify")}
        </Button>
        <div className="flex flex-col items-start gap-1">
          <Button
            variant="link"
            onClick={() => {
              setStep({ ...step, recovery: !step.recovery });
              setCode("");
              loginMfa.reset();
            }}
          >
            {step.recovery ? t("signIn.useCode") : t("signIn.useRecovery")}
          </Button>
          <Button variant="link" onClick={startOver}>
            {t("signIn.startOver")}
          </Button>
        </div>
      </form>
    );
  }

  const notVerified = isProblemCode(login.error, "email_not_verified");
  return (
    <form onSubmit={submitCredentials} className="flex flex-col gap-5" noValidate>
      <div>
        <h1 className="text-display font-bold">{t("signIn.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("signIn.description")}</p>
      </div>
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {notVerified ? (
        <div role="alert" className="flex flex-col items-start gap-2 rounded-control border border-warning bg-warning-soft p-3 text-sm text-warning">
          <p>{t("signIn.notVerified")}</p>
          {resend.isSuccess ? (
            <p className="font-semibold">{t("signIn.resent")}</p>
          ) : (
            <Button
              variant="secondary"
              busy={resend.isPending}
              onClick={() => resend.mutate({ body: { email } })}
            >
              {t("signIn.resend")}
            </Button>
          )}
          <ErrorMessage error={resend.error} />
        </div>
      ) : (
        <ErrorMessage error={login.error} />
      )}
      <Button type="submit" busy={login.isPending || finishing} fullWidth>
        {t("signIn.submit")}
      </Button>
      <div className="flex flex-col gap-2 text-sm">
        <TextLink href="/forgot-password/" className="self-start">
          {t("signIn.forgot")}
        </TextLink>
        <p className="text-ink-muted">
          {t("signIn.noAccount")}{" "}
          <TextLink href="/sign-up/">
            {t("signIn.createAccount")}
          </TextLink>
        </p>
      </div>
    </form>
  );
}
