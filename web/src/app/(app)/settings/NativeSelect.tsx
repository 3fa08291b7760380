"use client";

import { useId, type SelectHTMLAttributes } from "react";

import { cx } from "@/components/ui";

/**
 * A native select with a visible label: for long lists (every IANA time zone) the browser's own picker
 * types ahead and, on a phone, opens the system wheel.
 */
export function NativeSelect({
  label,
  hint,
  options,
  className,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  hint?: string;
  options: Array<{ value: string; label: string }>;
}) {
  const id = useId();
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="min-h-11 rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
