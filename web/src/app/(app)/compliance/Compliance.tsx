"use client";

import { useTranslations } from "next-intl";

import { useApiQuery, type components } from "@/api";
import { Card, EmptyState, PageHeader, ProgressBar, QueryView, TextLink, cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { PauseControls } from "./PauseControls";
import { AutomationSettings } from "./AutomationSettings";

type Dashboard = components["schemas"]["DashboardOut"];

/** Account safety: how much LinkedIn activity is left, how healthy the account looks, and the pause. */
export function Compliance() {
  const t = useTranslations("compliance");
  const dashboard = useApiQuery("get", "/v1/compliance");
  const data = dashboard.data;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={data ? <PauseControls dashboard={data} /> : null} />
      <QueryView query={dashboard} data={dashboard.data}>
        {(data) => (
          <div className="flex flex-col gap-6">
            <PauseBanner dashboard={data} />
            <div className="grid gap-6 lg:grid-cols-2">
              <HealthCard dashboard={data} />
              <UpcomingCard dashboard={data} />
            </div>
            <BudgetsCard dashboard={data} />
            <HistoryCard dashboard={data} />
            <AutomationSettings />
          </div>
        )}
      </QueryView>
    </>
  );
}

/** A pause or resume reason: the known codes in words, a person's own words as they wrote them. */
export function useReasonText(): (reason: string) => string {
  const t = useTranslations("compliance.reasons");
  return (reason) => (t.has(reason) ? t(reason) : reason);
}

function PauseBanner({ dashboard }: { dashboard: Dashboard }) {
  const t = useTranslations("compliance.pause");
  const reasonText = useReasonText();
  const format = useFormat();
  if (!dashboard.paused) {
    return (
      <p className="flex items-center gap-2 rounded-control border border-success bg-success-soft p-3 text-sm font-medium text-success">
        <span aria-hidden="true">●</span>
        {t("running")}
      </p>
    );
  }
  return (
    <div role="status" className="rounded-control border border-warning bg-warning-soft p-4 text-sm text-warning">
      <p className="font-semibold">{t("paused")}</p>
      <p className="mt-1 text-ink">
        {dashboard.pauseReason ? t("reason", { reason: reasonText(dashboard.pauseReason) }) : null}{" "}
        {dashboard.pausedAt ? t("since", { when: format.dateTime(dashboard.pausedAt) }) : null}
      </p>
      <p className="mt-1 text-ink">{t("pausedHint")}</p>
    </div>
  );
}

function healthTone(score: number): string {
  if (score >= 80) return "text-success";
  if (score >= 50) return "text-warning";
  return "text-danger";
}

function HealthCard({ dashboard }: { dashboard: Dashboard }) {
  const t = useTranslations("compliance.health");
  return (
    <Card title={t("title")}>
      <p className="flex items-baseline gap-2">
        <span className={cx("text-4xl font-bold", healthTone(dashboard.health))}>{dashboard.health}</span>
        <span className="text-ink-muted">{t("outOf")}</span>
        <span className="ml-2 font-semibold">{t(dashboard.health >= 80 ? "good" : dashboard.health >= 50 ? "fair" : "poor")}</span>
      </p>
      <div className="mt-3">
        <ProgressBar label={t("score")} value={dashboard.health} valueText={t("scoreText", { score: dashboard.health })} />
      </div>
      <h3 className="mt-4 text-sm font-semibold">{t("causes")}</h3>
      {dashboard.healthCauses.length === 0 ? (
        <p className="mt-1 text-sm text-ink-muted">{t("noCauses")}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-2">
          {dashboard.healthCauses.map((cause) => (
            <li key={cause.code} className="flex items-start justify-between gap-3 text-sm">
              <span>{cause.detail}</span>
              <span className="shrink-0 font-semibold text-danger">{t("points", { points: cause.points })}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function UpcomingCard({ dashboard }: { dashboard: Dashboard }) {
  const t = useTranslations("compliance.upcoming");
  const ts = useTranslations("automation.stepKinds");
  const format = useFormat();
  return (
    <Card title={t("title")}>
      {dashboard.nextOpenAt ? (
        <p className="mb-3 text-sm">{t("opensAt", { when: format.dateTime(dashboard.nextOpenAt) })}</p>
      ) : null}
      {dashboard.tasksWaiting > 0 ? (
        <p className="mb-3 text-sm">
          <TextLink href="/automation/tasks/">{t("tasksWaiting", { count: dashboard.tasksWaiting })}</TextLink>
        </p>
      ) : null}
      {dashboard.nextActions.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} action={<TextLink href="/automation/">{t("toCampaigns")}</TextLink>} />
      ) : (
        <ul className="flex flex-col divide-y divide-line">
          {dashboard.nextActions.map((step) => (
            <li key={step.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
              <span className="font-medium">{ts.has(step.kind) ? ts(step.kind) : step.kind}</span>
              <time dateTime={step.plannedAt} className="text-ink-muted">
                {format.dateTime(step.plannedAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function BudgetsCard({ dashboard }: { dashboard: Dashboard }) {
  const t = useTranslations("compliance.budgets");
  const ta = useTranslations("compliance.actions");
  const format = useFormat();
  return (
    <Card title={t("title")}>
      <p className="mb-4 text-sm text-ink-muted">{t("description")}</p>
      {dashboard.budgets.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <ul className="grid gap-5 md:grid-cols-2">
          {dashboard.budgets.map((budget) => {
            const name = ta.has(budget.action) ? ta(budget.action) : budget.action;
            const usedToday = budget.dailyLimit - budget.dailyLeft;
            const usedWeek = budget.weeklyLimit - budget.weeklyLeft;
            return (
              <li key={budget.action} className="flex flex-col gap-2">
                <h3 className="font-semibold">{name}</h3>
                <ProgressBar
                  label={t("today")}
                  value={usedToday}
                  max={Math.max(1, budget.dailyLimit)}
                  valueText={t("usedLeft", { used: format.number(usedToday), limit: format.number(budget.dailyLimit), left: format.number(budget.dailyLeft) })}
                />
                <ProgressBar
                  label={t("week")}
                  value={usedWeek}
                  max={Math.max(1, budget.weeklyLimit)}
                  valueText={t("usedLeft", { used: format.number(usedWeek), limit: format.number(budget.weeklyLimit), left: format.number(budget.weeklyLeft) })}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function HistoryCard({ dashboard }: { dashboard: Dashboard }) {
  const t = useTranslations("compliance.history");
  const reasonText = useReasonText();
  const format = useFormat();
  return (
    <Card title={t("title")} aria-label={t("title")}>
      {dashboard.history.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("empty")}</p>
      ) : (
        <ol className="flex flex-col divide-y divide-line">
          {dashboard.history.map((event, index) => (
            <li key={`${event.createdAt}-${index}`} className="flex flex-col gap-0.5 py-2 text-sm sm:flex-row sm:justify-between sm:gap-4">
              <span>
                <span className="font-semibold">{t.has(`verdicts.${event.verdict}`) ? t(`verdicts.${event.verdict}`) : event.verdict}</span>
                {event.reason ? <span className="text-ink-muted"> · {reasonText(event.reason)}</span> : null}
              </span>
              <time dateTime={event.createdAt} className="shrink-0 text-ink-muted">
                {format.dateTime(event.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
