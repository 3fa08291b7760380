"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, ErrorMessage, PageHeader, QueryView, TextLink, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Step = components["schemas"]["StepOut"];

// New tasks become due while the page is open (the planner releases them through the day).
const POLL_MS = 30_000;

/** Only ever a LinkedIn address: the task list opens it in a new tab, so nothing else may slip in. */
export function linkedinUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && (url.hostname === "linkedin.com" || url.hostname.endsWith(".linkedin.com")) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Assisted mode: what InErgize cannot do for the user, one task at a time: open the profile in a new
 * tab, copy the note, do it on LinkedIn, then mark it done (or skip it).
 */
export function Tasks() {
  const t = useTranslations("automation.tasks");
  const tasks = useApiQuery("get", "/v1/campaigns/tasks", {}, { refetchInterval: POLL_MS });
  const campaigns = useApiQuery("get", "/v1/campaigns", { params: { query: { limit: 200 } } });
  const names = new Map((campaigns.data?.items ?? []).map((c) => [c.id, c.name]));
  const list = tasks.data ?? [];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryView
        query={tasks}
        data={list}
        empty={{ title: t("emptyTitle"), description: t("emptyDescription"), action: <TextLink href="/automation/">{t("toCampaigns")}</TextLink> }}
      >
        {() => (
          <>
            <p role="status" className="mb-4 text-sm text-ink-muted">
              {t("count", { count: list.length })}
            </p>
            <ol className="flex flex-col gap-4">
              {list.map((step, index) => (
                <TaskCard key={step.id} step={step} index={index + 1} campaign={names.get(step.campaignId)} />
              ))}
            </ol>
          </>
        )}
      </QueryView>
    </>
  );
}

function TaskCard({ step, index, campaign }: { step: Step; index: number; campaign?: string }) {
  const t = useTranslations("automation.tasks");
  const tk = useTranslations("automation.taskKinds");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [copied, setCopied] = useState(false);
  const outcome = step.outcome as { open?: unknown; copy?: unknown };
  const open = linkedinUrl(outcome.open);
  const text = typeof outcome.copy === "string" && outcome.copy ? outcome.copy : step.text;
  const finish = useApiMutation("post", "/v1/campaigns/tasks/{step_id}", {
    onSuccess: async (_, variables) => {
      toast.show(variables.body.done ? t("doneToast") : t("skippedToast"), "success");
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/campaigns/tasks"] });
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/compliance"] });
    },
  });
  const title = tk.has(step.kind) ? tk(step.kind) : step.kind;
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 4000);
  };
  const headingId = `task-${step.id}`;
  return (
    <li aria-labelledby={headingId}>
      <Card>
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={headingId} className="text-title font-semibold">
              {t("taskTitle", { n: index, task: title })}
            </h2>
            <p className="text-sm text-ink-muted">
              {campaign ? `${campaign} · ` : ""}
              <time dateTime={step.plannedAt}>{format.relative(step.plannedAt)}</time>
            </p>
          </div>
          {text ? (
            <figure>
              <figcaption className="mb-1 text-sm font-semibold">{step.kind === "invite" ? t("note") : t("message")}</figcaption>
              <blockquote className="rounded-control border border-line bg-canvas p-3 text-sm whitespace-pre-wrap">{text}</blockquote>
            </figure>
          ) : null}
          <ol className="list-decimal pl-5 text-sm text-ink-muted">
            <li>{t("stepOpen")}</li>
            {text ? <li>{t("stepCopy")}</li> : null}
            <li>{t("stepMark")}</li>
          </ol>
          <div className="flex flex-wrap gap-2">
            {open ? (
              <Button variant="secondary" asChild>
                <a href={open} target="_blank" rel="noopener noreferrer">
                  {step.kind === "react" || step.kind === "comment" ? t("openPost") : t("openProfile")}
                  <span className="sr-only"> {t("newTab")}</span>
                  <span aria-hidden="true">↗</span>
                </a>
              </Button>
            ) : null}
            {text ? (
              <Button variant="secondary" onClick={() => void copy()}>
                {copied ? t("copied") : step.kind === "invite" ? t("copyNote") : t("copyMessage")}
              </Button>
            ) : null}
            <Button busy={finish.isPending && finish.variables?.body.done} disabled={finish.isPending} onClick={() => finish.mutate({ params: { path: { step_id: step.id } }, body: { done: true } })}>
              {t("markDone")}
            </Button>
            <Button variant="ghost" disabled={finish.isPending} onClick={() => finish.mutate({ params: { path: { step_id: step.id } }, body: { done: false } })}>
              {t("skip")}
            </Button>
          </div>
          <p role="status" className="sr-only">
            {copied ? t("copied") : ""}
          </p>
          <ErrorMessage error={finish.error} />
        </div>
      </Card>
    </li>
  );
}
