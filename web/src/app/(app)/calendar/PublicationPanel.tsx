"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { isApiProblem, useApiQuery } from "@/api";
import { StateBadge, useStateExplanation } from "@/components/schedule/StateBadge";
import { etagOf, isCancellable, isMovable, type Publication } from "@/components/schedule/publication";
import { Button, Card, Dialog, ErrorMessage, Spinner, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { RescheduleDialog } from "./RescheduleDialog";
import type { ScheduleActions } from "./useScheduleActions";

/** A conflict that means "what you saw is stale": the caller reloads and says so. */
export function isStale(error: unknown): boolean {
  return isApiProblem(error) && (error.status === 412 || (error.status === 409 && error.code !== "too_close"));
}

function busy(p: Publication | undefined): boolean {
  return !!p && (p.state === "claimed" || p.state === "publishing" || (p.state === "scheduled" && !p.held && Date.parse(p.dueAt) <= Date.now() + 120_000));
}

/** The selected post: its state in words and the reason, and what can be done with it now. */
export function PublicationPanel({
  id,
  timeZone,
  actions,
  onClose,
}: {
  id: string | null;
  timeZone: string;
  actions: ScheduleActions;
  onClose(): void;
}) {
  const t = useTranslations("calendar.panel");
  const tc = useTranslations("calendar");
  const ts = useTranslations("schedule");
  const format = useFormat();
  const toast = useToast();
  const explain = useStateExplanation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const query = useApiQuery(
    "get",
    "/v1/schedule/{pid}",
    { params: { path: { pid: id ?? "" } } },
    { enabled: id !== null, refetchInterval: (q) => (busy(q.state.data) ? 3_000 : false) },
  );
  const p = id ? query.data : undefined;

  useEffect(() => {
    setError(null);
    if (id) heading.current?.focus();
  }, [id]);

  const run = (work: Promise<unknown>, done: string) => {
    setError(null);
    work.then(
      () => toast.show(done, "success"),
      (failure: unknown) => setError(failure),
    );
  };
  const path = p ? { params: { path: { pid: p.id } } } : null;

  return (
    <Card aria-labelledby="publication-panel-title">
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id="publication-panel-title" ref={heading} tabIndex={-1} className="text-title font-semibold focus:outline-none">
          {t("title")}
        </h2>
        {id ? (
          <Button variant="ghost" onClick={onClose} aria-label={t("close")} className="-m-2 px-3">
            <span aria-hidden="true">×</span>
          </Button>
        ) : null}
      </div>
      {!id ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : query.isPending ? (
        <Spinner label={tc("loading")} />
      ) : query.isError ? (
        isApiProblem(query.error) && query.error.status === 404 ? <p role="alert">{t("notFound")}</p> : <ErrorMessage error={query.error} />
      ) : p && path ? (
        <div className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <div>
              <StateBadge publication={p} />
            </div>
            <p role="status" className="text-sm">
              {explain(p, (iso) => format.dateTime(iso))}
            </p>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-semibold">{t("when")}</dt>
            <dd>
              <time dateTime={p.dueAt}>{format.dateTime(p.dueAt, { dateStyle: "full", timeStyle: "short" })}</time>
            </dd>
            {p.attempts > 0 ? (
              <>
                <dt className="font-semibold">{t("attemptsLabel")}</dt>
                <dd>{t("attempts", { count: p.attempts })}</dd>
              </>
            ) : null}
            {p.postUrn ? (
              <>
                <dt className="font-semibold">{t("postUrn")}</dt>
                <dd className="break-all">{p.postUrn}</dd>
              </>
            ) : null}
            <dt className="sr-only">{t("text")}</dt>
            <dd className="col-span-2 mt-2 max-h-48 overflow-y-auto rounded-control bg-canvas p-2 whitespace-pre-wrap">
              {p.text || ts("untitled")}
            </dd>
          </dl>
          {error ? (
            <div className="flex flex-col gap-1">
              <ErrorMessage error={error} />
              {isStale(error) ? <p className="text-sm">{tc("reloaded")}</p> : null}
            </div>
          ) : null}
          <div className="flex flex-col gap-2">
            {p.state === "needs_attention" ? (
              <>
                <Button
                  busy={actions.confirmPublished.isPending}
                  onClick={() => run(actions.confirmPublished.mutateAsync({ ...path, body: {} }), t("confirmedPublished"))}
                >
                  {t("checkedPublished")}
                </Button>
                <Button
                  variant="secondary"
                  busy={actions.retry.isPending}
                  onClick={() => run(actions.retry.mutateAsync({ ...path, body: { confirmRepost: true } }), t("confirmedNotPublished"))}
                >
                  {t("checkedNotPublished")}
                </Button>
              </>
            ) : null}
            {p.state === "failed" ? (
              <Button
                busy={actions.retry.isPending}
                onClick={() => run(actions.retry.mutateAsync({ ...path, body: { confirmRepost: false } }), t("retried"))}
              >
                {t("retry")}
              </Button>
            ) : null}
            {isMovable(p) ? (
              <Button variant="secondary" onClick={() => setRescheduling(true)}>
                {t("reschedule")}
              </Button>
            ) : null}
            {isCancellable(p) ? (
              <Button variant="secondary" onClick={() => setConfirmCancel(true)}>
                {t("cancelPost")}
              </Button>
            ) : null}
          </div>
          <RescheduleDialog
            open={rescheduling}
            onOpenChange={setRescheduling}
            publication={p}
            timeZone={timeZone}
            actions={actions}
          />
          <Dialog open={confirmCancel} onOpenChange={setConfirmCancel} title={t("cancelConfirmTitle")} description={t("cancelConfirm")} closeLabel={t("keep")}>
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
                {t("keep")}
              </Button>
              <Button
                variant="danger"
                busy={actions.cancel.isPending}
                onClick={() => {
                  setConfirmCancel(false);
                  run(actions.cancel.mutateAsync({ ...path, headers: { "If-Match": etagOf(p) } }), t("cancelled"));
                }}
              >
                {t("cancelYes")}
              </Button>
            </div>
          </Dialog>
        </div>
      ) : null}
    </Card>
  );
}
