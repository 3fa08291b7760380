"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, Dialog, ErrorMessage, PageHeader, QueryView, Spinner, TextLink, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { StateBadge } from "./StateBadge";
import { TargetsFields, emptyTargets, targetsBody, type Targets } from "./TargetsFields";

type Campaign = components["schemas"]["CampaignOut"];
type StepState = components["schemas"]["StepState"];
const STEP_STATES: StepState[] = ["planned", "running", "awaiting_user", "done", "skipped", "failed", "cancelled"];
const OVER = ["completed", "cancelled"];

/** One campaign: its state and controls, its steps by state, and more people to add. */
export function CampaignDetail({ id }: { id: string }) {
  const t = useTranslations("automation.detail");
  const tc = useTranslations("common");
  const campaign = useApiQuery("get", "/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } });
  if (campaign.isPending) return <Spinner label={tc("loading")} />;
  if (campaign.isError)
    return (
      <>
        <PageHeader title={t("notFound")} />
        <ErrorMessage error={campaign.error} className="mb-4" />
        <TextLink href="/automation/">{t("back")}</TextLink>
      </>
    );
  return <Detail campaign={campaign.data} />;
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } }] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns/{campaign_id}/steps"] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns"] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns/tasks"] });
  };
}

function Detail({ campaign }: { campaign: Campaign }) {
  const t = useTranslations("automation.detail");
  const tk = useTranslations("automation");
  const ts = useTranslations("automation.states");
  const toast = useToast();
  const refresh = useRefresh(campaign.id);
  const path = { params: { path: { campaign_id: campaign.id } } };
  const start = useApiMutation("post", "/v1/campaigns/{campaign_id}/start", {
    onSuccess: async () => {
      toast.show(t("started"), "success");
      await refresh();
    },
  });
  const pause = useApiMutation("post", "/v1/campaigns/{campaign_id}/pause", {
    onSuccess: async () => {
      toast.show(t("pausedToast"), "success");
      await refresh();
    },
  });
  const over = OVER.includes(campaign.state);
  // The API answers the stored configuration as it is kept (snake_case keys), not as a schema.
  const stored = campaign.config as {
    note_template?: string;
    follow_ups?: Array<{ after_days: number; template: string }>;
    comment_template?: string;
  };
  const config = {
    noteTemplate: stored.note_template ?? "",
    commentTemplate: stored.comment_template ?? "",
    followUps: (stored.follow_ups ?? []).map((f) => ({ afterDays: f.after_days, template: f.template })),
  };
  const counts = Object.entries(campaign.steps ?? {}).filter(([, n]) => n > 0);
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StateBadge state={campaign.state} />
            {tk(`kinds.${campaign.kind === "engagement" ? "engagement" : "connection"}`)}
            {campaign.assisted ? ` · ${tk("assisted")}` : ""}
          </span>
        }
        actions={
          over ? null : (
            <>
              {campaign.state === "active" ? (
                <Button variant="secondary" busy={pause.isPending} onClick={() => pause.mutate(path)}>
                  {t("pause")}
                </Button>
              ) : (
                <Button busy={start.isPending} onClick={() => start.mutate(path)}>
                  {campaign.state === "paused" ? t("resume") : t("start")}
                </Button>
              )}
              <CancelDialog campaign={campaign} onDone={refresh} />
            </>
          )
        }
      />
      <p className="mb-4 text-sm">
        <TextLink href="/automation/">{t("back")}</TextLink>
      </p>
      <ErrorMessage error={start.error ?? pause.error} className="mb-4" />
      <div className="flex flex-col gap-6">
        <Card title={t("progress")} aria-label={t("progress")}>
          {counts.length === 0 ? (
            <p className="text-sm text-ink-muted">{campaign.state === "draft" ? t("notStarted") : t("noSteps")}</p>
          ) : (
            <ul className="flex flex-wrap gap-3">
              {counts.map(([state, count]) => (
                <li key={state} className="flex items-center gap-2 rounded-control border border-line px-3 py-2 text-sm">
                  <span className="text-lg font-bold tabular-nums">{count}</span>
                  {ts.has(state) ? ts(state) : state}
                </li>
              ))}
            </ul>
          )}
          {campaign.assisted && (campaign.steps?.awaiting_user ?? 0) > 0 ? (
            <p className="mt-3 text-sm">
              <TextLink href="/automation/tasks/">{t("openTasks")}</TextLink>
            </p>
          ) : null}
        </Card>
        {config.noteTemplate || config.commentTemplate ? (
          <Card title={t("messages")}>
            <dl className="flex flex-col gap-3 text-sm">
              {config.noteTemplate ? (
                <div>
                  <dt className="font-semibold">{t("note")}</dt>
                  <dd className="whitespace-pre-wrap">{config.noteTemplate}</dd>
                </div>
              ) : null}
              {config.commentTemplate ? (
                <div>
                  <dt className="font-semibold">{t("comment")}</dt>
                  <dd className="whitespace-pre-wrap">{config.commentTemplate}</dd>
                </div>
              ) : null}
              {config.followUps.map((f, i) => (
                <div key={i}>
                  <dt className="font-semibold">{t("followUp", { n: i + 1, days: f.afterDays })}</dt>
                  <dd className="whitespace-pre-wrap">{f.template}</dd>
                </div>
              ))}
            </dl>
          </Card>
        ) : null}
        <StepsCard campaign={campaign} />
        {over ? null : <AddTargets campaign={campaign} onAdded={refresh} />}
      </div>
    </>
  );
}

function CancelDialog({ campaign, onDone }: { campaign: Campaign; onDone: () => Promise<void> }) {
  const t = useTranslations("automation.detail");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const cancel = useApiMutation("post", "/v1/campaigns/{campaign_id}/cancel", {
    onSuccess: async () => {
      setOpen(false);
      await onDone();
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        cancel.reset();
      }}
      title={t("cancelTitle")}
      description={t("cancelDescription")}
      closeLabel={tc("close")}
      trigger={<Button variant="secondary">{t("cancel")}</Button>}
    >
      <ErrorMessage error={cancel.error} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("keep")}
        </Button>
        <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate({ params: { path: { campaign_id: campaign.id } } })}>
          {t("cancelConfirm")}
        </Button>
      </div>
    </Dialog>
  );
}

function StepsCard({ campaign }: { campaign: Campaign }) {
  const t = useTranslations("automation.detail");
  const ts = useTranslations("automation.states");
  const tk = useTranslations("automation.stepKinds");
  const format = useFormat();
  const filterId = useId();
  const [state, setState] = useState<StepState | "">("");
  const steps = useApiQuery("get", "/v1/campaigns/{campaign_id}/steps", {
    params: { path: { campaign_id: campaign.id }, query: state ? { state: [state] } : {} },
  });
  const list = steps.data ?? [];
  const shown = list.slice(0, 100);
  return (
    <Card
      title={t("steps")}
      aria-label={t("steps")}
      actions={
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="text-sm font-semibold">
            {t("filter")}
          </label>
          <select
            id={filterId}
            value={state}
            onChange={(e) => setState(e.target.value as StepState | "")}
            className="min-h-11 rounded-control border border-line-strong bg-surface px-2 text-sm"
          >
            <option value="">{t("allStates")}</option>
            {STEP_STATES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <QueryView
        query={steps}
        data={list}
        empty={{ title: state ? t("noStepsInState") : campaign.state === "draft" ? t("notStarted") : t("noSteps") }}
      >
        {() => (
          <>
            <ul className="flex flex-col divide-y divide-line">
              {shown.map((step) => (
                <li key={step.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium">{tk.has(step.kind) ? tk(step.kind) : step.kind}</p>
                    {step.text ? <p className="line-clamp-2 text-ink-muted">{step.text}</p> : null}
                  </div>
                  <div className="flex shrink-0 items-center gap-3 text-sm">
                    <time dateTime={step.plannedAt} className="text-ink-muted">
                      {format.dateTime(step.plannedAt)}
                    </time>
                    <StateBadge state={step.state} />
                  </div>
                </li>
              ))}
            </ul>
            {list.length > shown.length ? <p className="mt-2 text-sm text-ink-muted">{t("moreSteps", { count: list.length - shown.length })}</p> : null}
          </>
        )}
      </QueryView>
    </Card>
  );
}

function AddTargets({ campaign, onAdded }: { campaign: Campaign; onAdded: () => Promise<void> }) {
  const t = useTranslations("automation.detail");
  const toast = useToast();
  const kind = campaign.kind === "engagement" ? "engagement" : "connection";
  const [targets, setTargets] = useState<Targets>(emptyTargets(kind));
  const body = targetsBody(targets);
  // Starting again plans steps for the people just added (it plans only those without steps).
  const plan = useApiMutation("post", "/v1/campaigns/{campaign_id}/start");
  const add = useApiMutation("post", "/v1/campaigns/{campaign_id}/targets", {
    onSuccess: async (data) => {
      if (campaign.state === "active") await plan.mutateAsync({ params: { path: { campaign_id: campaign.id } } });
      toast.show(t("added", { count: data.added }), "success");
      setTargets(emptyTargets(kind));
      await onAdded();
    },
  });
  return (
    <Card title={t("addTitle")}>
      <div className="flex flex-col gap-4">
        <p className="text-sm text-ink-muted">{campaign.state === "active" ? t("addHintActive") : t("addHint")}</p>
        <TargetsFields key={add.submittedAt} kind={kind} value={targets} onChange={setTargets} />
        <ErrorMessage error={add.error ?? plan.error} />
        <div>
          <Button
            variant="secondary"
            busy={add.isPending || plan.isPending}
            disabled={!body}
            onClick={() => body && add.mutate({ params: { path: { campaign_id: campaign.id } }, body })}
          >
            {t("add")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
