"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, Dialog, ErrorMessage, PageHeader, QueryView, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { ExportUploads } from "./ExportUploads";

type Status = components["schemas"]["ConnectionStatusOut"];
const KNOWN_ERRORS = ["linkedin_denied", "invalid_oauth_state", "linkedin_already_connected"] as const;

/** Connecting LinkedIn (OAuth, or the sandbox in embedded mode), the connection's state, and imports. */
export function LinkedInPage() {
  const t = useTranslations("linkedin");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-gutter md:gap-6">
        <ConnectionCard />
        <ExportUploads />
      </div>
    </>
  );
}

/** What the OAuth callback said on its way back (`?connected=1` or `?error=<code>`), once, in words. */
function useCallbackOutcome(): { connected: boolean; error: string | null } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [outcome] = useState(() => ({ connected: params.get("connected") === "1", error: params.get("error") }));
  useEffect(() => {
    // The outcome is shown; a reload or a shared link must not show it again.
    if (params.has("connected") || params.has("error")) router.replace(pathname, { scroll: false });
  }, [params, pathname, router]);
  return outcome;
}

function ConnectionCard() {
  const t = useTranslations("linkedin.connection");
  const toast = useToast();
  const queryClient = useQueryClient();
  const outcome = useCallbackOutcome();
  const status = useApiQuery("get", "/v1/linkedin/connection");
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["get", "/v1/linkedin/connection"] });
  const connect = useApiMutation("post", "/v1/linkedin/connect");
  const disconnect = useApiMutation("delete", "/v1/linkedin/connection", { onSettled: refresh });
  const sync = useApiMutation("post", "/v1/linkedin/profile/sync");
  const [confirming, setConfirming] = useState(false);

  const start = () =>
    connect.mutate(
      {},
      // LinkedIn's page (or, in the sandbox, straight back to the callback) in this tab: it returns here.
      { onSuccess: (answer) => window.location.assign(answer.authorizationUrl) },
    );

  const errorWords = (code: string) =>
    (KNOWN_ERRORS as readonly string[]).includes(code)
      ? t(`errorCodes.${code as (typeof KNOWN_ERRORS)[number]}`)
      : t("errorCodes.other", { code });

  return (
    <Card title={t("title")}>
      <div className="flex flex-col gap-4">
        {outcome.connected ? (
          <p role="status" className="rounded-control border border-success bg-success-soft p-3 text-sm text-success">
            {t("connected")}
          </p>
        ) : null}
        {outcome.error ? (
          <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
            {t("error", { reason: errorWords(outcome.error) })}
          </p>
        ) : null}
        <QueryView query={status} data={status.data}>
          {(data) => (
            <>
              {data.connection ? (
                <ConnectionState status={data} />
              ) : (
                <div className="flex flex-col gap-1">
                  <p className="font-semibold">{t("none")}</p>
                  <p className="text-sm text-ink-muted">{t("noneHint")}</p>
                </div>
              )}
              {data.adapter === "sandbox" ? <p className="text-sm text-ink-muted">{t("sandbox")}</p> : null}
              <ErrorMessage error={connect.error ?? disconnect.error ?? sync.error} />
              <div className="flex flex-wrap gap-2">
                {!data.connection || data.connection.status !== "active" ? (
                  <Button busy={connect.isPending} onClick={start}>
                    {data.connection ? t("reconnect") : t("connect")}
                  </Button>
                ) : null}
                {data.connection ? (
                  <>
                    <Button
                      variant="secondary"
                      busy={sync.isPending}
                      onClick={() => sync.mutate({}, { onSuccess: () => toast.show(t("synced"), "success") })}
                    >
                      {t("sync")}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(true)}>
                      {t("disconnect")}
                    </Button>
                  </>
                ) : null}
              </div>
              {Object.keys(data.unavailable).length ? <Unavailable reasons={data.unavailable} /> : null}
            </>
          )}
        </QueryView>
      </div>
      <Dialog open={confirming} onOpenChange={setConfirming} title={t("disconnectTitle")} description={t("disconnectText")} closeLabel={t("keep")}>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {t("keep")}
          </Button>
          <Button
            variant="danger"
            busy={disconnect.isPending}
            onClick={() =>
              disconnect.mutate(
                {},
                {
                  onSuccess: () => {
                    setConfirming(false);
                    toast.show(t("disconnected"), "success");
                  },
                },
              )
            }
          >
            {t("disconnectYes")}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

function ConnectionState({ status }: { status: Status }) {
  const t = useTranslations("linkedin.connection");
  const format = useFormat();
  const c = status.connection;
  if (!c) return null;
  const label = c.status === "broken" ? t("statusBroken") : c.status === "reconsent_needed" ? t("statusReconsent") : t("statusActive");
  const tone =
    c.status === "broken"
      ? "border-danger bg-danger-soft text-danger"
      : c.status === "reconsent_needed"
        ? "border-warning bg-warning-soft text-warning"
        : "border-success bg-success-soft text-success";
  return (
    <div className="flex flex-col gap-3">
      {c.status === "reconsent_needed" ? (
        <p role="alert" className="rounded-control border border-warning bg-warning-soft p-3 text-sm text-warning">
          {t("reconsent", { when: format.date(c.expiresAt, { dateStyle: "long" }) })}
        </p>
      ) : null}
      {c.status === "broken" ? (
        <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
          {t("broken", { reason: c.lastError ? ` (${c.lastError})` : "" })}
        </p>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("status")}</dt>
        <dd>
          <span className={`inline-flex rounded-full border px-2 py-0.5 text-xs font-semibold ${tone}`}>{label}</span>
        </dd>
        <dt className="font-semibold">{t("member")}</dt>
        <dd className="break-all">{c.memberUrn}</dd>
        <dt className="font-semibold">{t("connectedAt")}</dt>
        <dd>{format.dateTime(c.connectedAt)}</dd>
        <dt className="font-semibold">{t("expires")}</dt>
        <dd>{format.dateTime(c.expiresAt)}</dd>
        <dt className="font-semibold">{t("renews")}</dt>
        <dd>{c.canRefresh ? t("renewsYes") : t("renewsNo")}</dd>
      </dl>
    </div>
  );
}

function Unavailable({ reasons }: { reasons: Record<string, string> }) {
  const t = useTranslations("linkedin.connection");
  return (
    <details className="rounded-control border border-line p-3 text-sm">
      <summary className="cursor-pointer font-semibold">{t("unavailableTitle")}</summary>
      <ul className="mt-2 ml-5 list-disc space-y-1">
        {Object.entries(reasons).map(([capability, reason]) => (
          <li key={capability}>{reason}</li>
        ))}
      </ul>
    </details>
  );
}
