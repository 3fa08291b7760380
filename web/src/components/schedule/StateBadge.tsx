"use client";

import { useTranslations } from "next-intl";

import { stateOf, toneOf, type Publication } from "./publication";

/** A publication's state in words, coloured like its calendar entry (the words carry the meaning). */
export function StateBadge({ publication }: { publication: Pick<Publication, "state" | "held"> }) {
  const t = useTranslations("schedule.state");
  const tone = toneOf(publication);
  const label = publication.held && publication.state === "scheduled" ? t("held") : t(stateOf(publication));
  return (
    <span
      className="inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap"
      style={{ background: tone.bg, color: tone.fg, borderColor: tone.border }}
    >
      {label}
    </span>
  );
}

/** One sentence saying what the state means for the user, with the reason of a failure. */
export function useStateExplanation() {
  const t = useTranslations("schedule.explain");
  return (p: Publication, when: (iso: string) => string): string => {
    switch (stateOf(p)) {
      case "scheduled":
        return p.held ? t("held", { when: when(p.dueAt) }) : t("scheduled", { when: when(p.dueAt) });
      case "published":
        return t("published", { when: when(p.publishedAt ?? p.dueAt) });
      case "failed": {
        const reason = p.failureReason ?? p.lastError;
        return reason ? t("failed", { reason }) : t("failedNoReason");
      }
      default:
        return t(stateOf(p));
    }
  };
}
