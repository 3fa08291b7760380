"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { useApiMutation } from "@/api";
import { useLinkToken } from "@/auth/useLinkToken";
import { ErrorMessage, Spinner, TextLink } from "@/components/ui";

/** Opens from the email sent to a new address: confirms the change. */
export function ConfirmEmail() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const confirm = useApiMutation("post", "/v1/auth/email/confirm");
  const { mutate } = confirm;
  const token = useLinkToken(useCallback((value: string) => mutate({ body: { token: value } }), [mutate]));
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-display font-bold">{t("confirmEmail.title")}</h1>
      {!token ? (
        <p role="alert">{t("confirmEmail.missingToken")}</p>
      ) : confirm.isSuccess ? (
        <p role="status">{t("confirmEmail.done")}</p>
      ) : confirm.isError ? (
        <ErrorMessage error={confirm.error} />
      ) : (
        <p className="flex items-center gap-2 text-ink-muted">
          <Spinner /> <span role="status">{t("confirmEmail.working")}</span>
        </p>
      )}
      <TextLink href="/" className="self-start">
        {tc("continue")}
      </TextLink>
    </div>
  );
}
