"use client";

import * as Progress from "@radix-ui/react-progress";
import { useId } from "react";

/** A labelled progress bar; `value` null means "working, amount unknown". */
export function ProgressBar({
  label,
  value,
  max = 100,
  valueText,
}: {
  label: string;
  value: number | null;
  max?: number;
  /** How the amount reads to a person ("3 of 10 rows"); shown and announced. */
  valueText?: string;
}) {
  const labelId = useId();
  const fraction = value === null ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between gap-2 text-sm">
        <span id={labelId} className="font-semibold">
          {label}
        </span>
        {valueText ? <span className="text-ink-muted">{valueText}</span> : null}
      </div>
      <Progress.Root
        value={value}
        max={max}
        aria-labelledby={labelId}
        getValueLabel={valueText ? () => valueText : undefined}
        className="relative h-2.5 w-full overflow-hidden rounded-full bg-line"
      >
        <Progress.Indicator
          className={
            fraction === null
              ? "h-full w-1/3 animate-pulse rounded-full bg-brand"
              : "h-full rounded-full bg-brand transition-[width]"
          }
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </Progress.Root>
    </div>
  );
}
