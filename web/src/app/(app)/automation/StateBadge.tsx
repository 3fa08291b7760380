"use client";

import { useTranslations } from "next-intl";

import { cx } from "@/components/ui";

const TONES: Record<string, string> = {
  draft: "bg-canvas text-ink border-line-strong",
  active: "bg-success-soft text-success border-success",
  paused: "bg-warning-soft text-warning border-warning",
  completed: "bg-brand-soft text-brand-strong border-brand",
  cancelled: "bg-canvas text-ink-muted border-line",
  planned: "bg-canvas text-ink border-line-strong",
  running: "bg-brand-soft text-brand-strong border-brand",
  awaiting_user: "bg-warning-soft text-warning border-warning",
  done: "bg-success-soft text-success border-success",
  skipped: "bg-canvas text-ink-muted border-line",
  failed: "bg-danger-soft text-danger border-danger",
};

/** A campaign's or a step's state as a labelled pill (words, not only colour). */
export function StateBadge({ state }: { state: string }) {
  const t = useTranslations("automation.states");
  return (
    <span className={cx("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold", TONES[state] ?? TONES.draft)}>
      {t.has(state) ? t(state) : state}
    </span>
  );
}
