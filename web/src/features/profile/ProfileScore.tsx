"use client";

import type { components } from "@/api";
import { ProgressBar, TextLink, cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type ScoredProfileOut = components["schemas"]["ScoredProfileOut"];
type RoadmapStep = ScoredProfileOut["roadmap"][number];

/**
 * The completeness score as a number out of 100 beside its bar, after a note with a link to connect
 * LinkedIn while nothing is synced. `large` is the profile page's size; the home card is smaller.
 */
export function ProfileScore({
  data,
  large = false,
  words,
}: {
  data: ScoredProfileOut;
  large?: boolean;
  words: { notSynced: string; connect: string; label: string; valueText: string };
}) {
  const format = useFormat();
  return (
    <>
      {!data.profile.sources?.length ? (
        <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm">
          {words.notSynced} <TextLink href="/linkedin/">{words.connect}</TextLink>
        </p>
      ) : null}
      <div className={cx("flex items-end gap-4", large && "flex-wrap")}>
        <p className={cx("font-bold tracking-tight text-brand-strong", large ? "text-5xl" : "text-4xl")}>
          {format.number(data.score)}
          <span className={cx("font-semibold text-ink-muted", large ? "text-xl" : "text-base")}> / 100</span>
        </p>
        <div className={cx("flex-1", large ? "min-w-48" : "min-w-0")}>
          <ProgressBar label={words.label} value={data.score} valueText={words.valueText} />
        </div>
      </div>
    </>
  );
}

/** The next fixes, most points first: what to change, what it gains, and why. */
export function RoadmapSteps({ steps, gain, className }: { steps: RoadmapStep[]; gain: (points: string) => string; className?: string }) {
  const format = useFormat();
  return (
    <ol className={cx("flex flex-col gap-3", className)}>
      {steps.map((step) => (
        <li key={step.key}>
          <p className="font-medium">
            {step.label} <span className="text-sm font-semibold text-success">{gain(format.number(step.weight))}</span>
          </p>
          <p className="text-sm">{step.action}</p>
          <p className="text-sm text-ink-muted">{step.reason}</p>
        </li>
      ))}
    </ol>
  );
}
