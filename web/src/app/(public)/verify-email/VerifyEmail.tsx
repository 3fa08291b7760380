"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { useLinkToken } from "@/auth/useLinkToken";
import { Button, ErrorMessage, Spinner, TextField, TextLink } from "@/components/ui";

/** Opens from the email sent at sign-up: confirms the address, or offers to send a new link. */
export function VerifyEmail() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const verify = useApiMutation("post", "/v1/auth/verify-email");
  const { mutate } = verify;
  const token = useLinkToken(useCallback((value: string) => mutate({ body: { token: value } }), [mutate]));

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-display font-bold">{t("verify.title")}</h1>
      {!token ? (
        <p role="alert">{t("verify.missingToken")}</p>
      ) : verify.isSuccess ? (
        <p role="status">{t("verify.done")}</p>
      ) : verify.isError ? (
        <ErrorMessage error={verify.error} />
      ) : (
        <p className="flex items-center gap-2 text-ink-muted">
          <Spinner /> <span role="status">{t("verify.working")}</span>
        </p>
      )}
      {verify.isSuccess ? (
        <Button asChild fullWidth>
          <a href="/sign-in/">{t("signIn.submit")}</a>
        </Button>
      ) : null}
      {!token || verify.isError ? <ResendLink /> : null}
      {!verify.isSuccess ? <TextLink href="/sign-in/" className="self-start">{tc("backToSignIn")}</TextLink> : null}
    </div>
  );
}

function ResendLink() {
  const t = useTranslations("auth");
  const [email, setEmail] = useState("");
  const resend = useApiMutation("post", "/v1/auth/verify-email/resend");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resend.mutate({ body: { email } });
  };
  if (resend.isSuccess) return <p role="status">{t("verify.sent")}</p>;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 border-t border-line pt-5" noValidate>
      <h2 className="text-title font-semibold">{t("verify.askAgain")}</h2>
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <ErrorMessage error={resend.error} />
      <Button type="submit" variant="secondary" busy={resend.isPending}>
        {t("verify.askAgainSubmit")}
      </Button>
    </form>
  );
}
