"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";

import { api, useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, Dialog, ErrorMessage, Spinner, TextField, useToast } from "@/components/ui";
import { RecoveryCodes } from "./RecoveryCodes";

type Enrolment = components["schemas"]["EnrolmentOut"];
type Codes = components["schemas"]["RecoveryCodesOut"];
type Phase = { kind: "status" } | { kind: "enrolling"; enrolment: Enrolment | null } | { kind: "codes"; codes: string[] };

const MFA_STATUS = ["get", "/v1/me/mfa"] as const;

/** Two-step verification with an authenticator app: set up, recovery codes, turn off. */
export function MfaCard() {
  const t = useTranslations("settings.security.mfa");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const status = useApiQuery("get", "/v1/me/mfa");
  const [phase, setPhase] = useState<Phase>({ kind: "status" });
  const refresh = () => queryClient.invalidateQueries({ queryKey: MFA_STATUS });
  const enrol = useApiMutation("post", "/v1/me/mfa/totp", {
    onSuccess: (data) => setPhase({ kind: "enrolling", enrolment: data as Enrolment }),
  });

  let body;
  if (phase.kind === "codes") {
    body = (
      <RecoveryCodes
        codes={phase.codes}
        onDone={() => {
          setPhase({ kind: "status" });
          void refresh();
        }}
      />
    );
  } else if (phase.kind === "enrolling" || status.data?.pending) {
    body = (
      <Enrol
        enrolment={phase.kind === "enrolling" ? phase.enrolment : null}
        onRestart={() => enrol.mutate({})}
        restarting={enrol.isPending}
        onConfirmed={(codes) => {
          setPhase({ kind: "codes", codes });
          void refresh();
        }}
      />
    );
  } else if (status.isPending) {
    body = <Spinner label={tc("loading")} />;
  } else if (status.isError) {
    body = <ErrorMessage error={status.error} />;
  } else if (status.data.enabled) {
    body = (
      <div className="flex flex-col gap-4">
        <p className="flex items-center gap-2 font-medium text-success">
          <span aria-hidden="true">✓</span>
          {t("on")}
        </p>
        <p className="text-sm text-ink-muted">{t("codesLeft", { count: status.data.recoveryCodesLeft })}</p>
        <div className="flex flex-wrap gap-2">
          <RegenerateDialog onCodes={(codes) => setPhase({ kind: "codes", codes })} />
          <DisableDialog onDisabled={() => void refresh()} />
        </div>
      </div>
    );
  } else {
    body = (
      <div className="flex flex-col items-start gap-4">
        <p className="text-sm text-ink-muted">{t("offDescription")}</p>
        <ErrorMessage error={enrol.error} />
        <Button busy={enrol.isPending} onClick={() => enrol.mutate({})}>
          {t("enable")}
        </Button>
      </div>
    );
  }
  return (
    <Card title={t("title")} aria-label={t("title")}>
      {body}
    </Card>
  );
}

/** The QR code comes from an authenticated URL, so it is fetched with the token and shown from a blob. */
function QrCode({ version }: { version: string }) {
  const t = useTranslations("settings.security.mfa");
  const qr = useQuery({
    queryKey: ["get", "/v1/me/mfa/totp/qr.png", version],
    queryFn: async () => {
      const { data } = await api.GET("/v1/me/mfa/totp/qr.png", { parseAs: "blob" });
      return data as Blob;
    },
    staleTime: Infinity,
    gcTime: 0,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!qr.data) return;
    const objectUrl = URL.createObjectURL(qr.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [qr.data]);
  if (qr.isError) return <ErrorMessage error={qr.error} />;
  if (!url) return <Spinner label={t("qrLoading")} />;
  // eslint-disable-next-line @next/next/no-img-element -- a blob URL: nothing for the image optimiser to do
  return <img src={url} alt={t("qrAlt")} width={192} height={192} className="size-48 rounded border border-line bg-white p-2" />;
}

function Enrol({
  enrolment,
  onRestart,
  restarting,
  onConfirmed,
}: {
  enrolment: Enrolment | null;
  onRestart: () => void;
  restarting: boolean;
  onConfirmed: (codes: string[]) => void;
}) {
  const t = useTranslations("settings.security.mfa");
  const toast = useToast();
  const [code, setCode] = useState("");
  const confirm = useApiMutation("post", "/v1/me/mfa/totp/confirm", {
    onSuccess: (data) => {
      toast.show(t("enabled"), "success");
      onConfirmed((data as Codes).recoveryCodes);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ body: { code: code.replace(/\s/g, "") } });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <ol className="flex list-decimal flex-col gap-1 pl-5 text-sm">
        <li>{t("step1")}</li>
        <li>{t("step2")}</li>
        <li>{t("step3")}</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <QrCode version={enrolment?.secret ?? "pending"} />
        <div className="flex min-w-0 flex-col gap-2 text-sm">
          {enrolment ? (
            <>
              <p>{t("manual")}</p>
              <p>
                <span className="sr-only">{t("secretLabel")} </span>
                <code data-testid="totp-secret" className="rounded bg-canvas px-2 py-1 font-mono text-base break-all">
                  {enrolment.secret}
                </code>
              </p>
            </>
          ) : (
            <>
              <p>{t("pending")}</p>
              <div>
                <Button variant="secondary" busy={restarting} onClick={onRestart}>
                  {t("restart")}
                </Button>
              </div>
            </>
          )}
        </div>
      </div>
      <TextField
        label={t("code")}
        hint={t("codeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        className="max-w-xs"
      />
      <ErrorMessage error={confirm.error} />
      <div>
        <Button type="submit" busy={confirm.isPending} disabled={code.replace(/\s/g, "").length < 6}>
          {t("confirm")}
        </Button>
      </div>
    </form>
  );
}

function ReauthFields({
  password,
  setPassword,
  code,
  setCode,
  allowRecovery,
  recovery,
  setRecovery,
}: {
  password: string;
  setPassword: (v: string) => void;
  code: string;
  setCode: (v: string) => void;
  allowRecovery?: boolean;
  recovery?: boolean;
  setRecovery?: (v: boolean) => void;
}) {
  const t = useTranslations("settings.security.mfa");
  return (
    <>
      <TextField label={t("password")} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {recovery ? (
        <TextField key="recovery" label={t("recoveryCode")} autoComplete="off" spellCheck={false} required value={code} onChange={(e) => setCode(e.target.value)} />
      ) : (
        <TextField key="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" maxLength={8} required value={code} onChange={(e) => setCode(e.target.value)} />
      )}
      {allowRecovery && setRecovery ? (
        <div>
          <Button variant="ghost" onClick={() => { setRecovery(!recovery); setCode(""); }}>
            {recovery ? t("useCode") : t("useRecovery")}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function RegenerateDialog({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const t = useTranslations("settings.security.mfa");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const regenerate = useApiMutation("post", "/v1/me/mfa/recovery-codes", {
    onSuccess: (data) => {
      setOpen(false);
      onCodes((data as Codes).recoveryCodes);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    regenerate.mutate({ body: { password, code: code.replace(/\s/g, "") } });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setPassword("");
        setCode("");
        regenerate.reset();
      }}
      title={t("regenerateTitle")}
      description={t("regenerateDescription")}
      closeLabel={tc("close")}
      trigger={<Button variant="secondary">{t("regenerate")}</Button>}
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <ReauthFields password={password} setPassword={setPassword} code={code} setCode={setCode} />
        <ErrorMessage error={regenerate.error} />
        <Button type="submit" busy={regenerate.isPending} disabled={!password || !code}>
          {t("regenerateConfirm")}
        </Button>
      </form>
    </Dialog>
  );
}

function DisableDialog({ onDisabled }: { onDisabled: () => void }) {
  const t = useTranslations("settings.security.mfa");
  const tc = useTranslations("common");
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const disable = useApiMutation("post", "/v1/me/mfa/disable", {
    onSuccess: () => {
      setOpen(false);
      toast.show(t("disabled"), "success");
      onDisabled();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate({
      body: recovery ? { password, recoveryCode: code.trim() } : { password, code: code.replace(/\s/g, "") },
    });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setPassword("");
        setCode("");
        setRecovery(false);
        disable.reset();
      }}
      title={t("disableTitle")}
      description={t("disableDescription")}
      closeLabel={tc("close")}
      trigger={<Button variant="secondary">{t("disable")}</Button>}
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <ReauthFields
          password={password}
          setPassword={setPassword}
          code={code}
          setCode={setCode}
          allowRecovery
          recovery={recovery}
          setRecovery={setRecovery}
        />
        <ErrorMessage error={disable.error} />
        <Button type="submit" variant="danger" busy={disable.isPending} disabled={!password || !code}>
          {t("disableConfirm")}
        </Button>
      </form>
    </Dialog>
  );
}
