"use client";

import { useTranslations } from "next-intl";

import type { components } from "@/api";

type Issue = components["schemas"]["IssueOut"];

/** Why moderation holds this version back, each reason in words, next to the text it is about. */
export function ModerationFindings({ issues }: { issues: Issue[] }) {
  const t = useTranslations("compose.moderation");
  if (!issues.length) return null;
  return (
    <div role="region" aria-label={t("title")} className="rounded-control border border-warning bg-warning-soft p-3 text-sm">
      <p className="font-semibold text-warning">{t("title")}</p>
      <ul className="mt-1 list-disc pl-5 text-ink">
        {issues.map((issue) => (
          <li key={`${issue.code}:${issue.detail}`}>{issue.detail}</li>
        ))}
      </ul>
    </div>
  );
}
