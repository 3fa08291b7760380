"use client";

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

import { cx } from "./cx";

export type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  /** A sentence under the field that helps fill it in. */
  hint?: ReactNode;
  /** What is wrong with the value, in words; marks the field invalid. */
  error?: string | null;
  id?: string;
};

/** An input with a visible label, an optional hint and an error text tied to it for screen readers. */
export function TextField({ label, hint, error, id, className, required, ...input }: TextFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={fieldId} className="text-sm font-semibold text-ink">
        {label}
      </label>
      <input
        id={fieldId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(
          "min-h-11 rounded-control border bg-surface px-3 py-2 text-base text-ink",
          "placeholder:text-ink-muted",
          error ? "border-danger" : "border-line-strong",
        )}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
