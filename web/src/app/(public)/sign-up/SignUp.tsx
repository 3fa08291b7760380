"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { isApiProblem, useApiMutation } from "@/api";
import { Button, ErrorMessage, TextField, TextLink, useProblemMessage } from "@/components/ui";

export function SignUp() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const register = useApiMutation("post", "/v1/auth/register");
  const error = register.error;
  const message = useProblemMessage(error);
  const fieldOf = (field: string) => (isApiProblem(error) && error.field === field ? message : null);
  const formError = error && !fieldOf("password") && !fieldOf("email") ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ body: { email, password, displayName } });
  };

  if (register.isSuccess) {
    return (
      <div className="flex flex-col gap-4" role="status">
        <h1 className="text-display font-bold">{t("signUp.checkEmailTitle")}</h1>
        <p>{t("signUp.checkEmail", { email })}</p>
        <TextLink href="/sign-in/" className="self-start">
          {tc("backToSignIn")}
        </TextLink>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <div>
        <h1 className="text-display font-bold">{t("signUp.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("signUp.description")}</p>
      </div>
      <TextField
        label={t("displayName")}
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        error={fieldOf("email")}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("passwordHint")}
        value={password}
        error={fieldOf("password")}
        onChange={(event) => setPassword(event.target.value)}
      />
      <ErrorMessage error={formError} />
      <Button type="submit" busy={register.isPending} fullWidth>
        {t("signUp.submit")}
      </Button>
      <p className="text-sm text-ink-muted">
        {t("signUp.haveAccount")} <TextLink href="/sign-in/">{t("signIn.submit")}</TextLink>
      </p>
    </form>
  );
}
