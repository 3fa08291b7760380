"use client";

import * as RadixSelect from "@radix-ui/react-select";
import { useId } from "react";

import { cx } from "./cx";

export type SelectOption = { value: string; label: string };

/** A select with a visible label (Radix: keyboard, typeahead and screen readers handled). */
export function Select({
  label,
  value,
  onValueChange,
  options,
  placeholder,
  error,
  name,
  disabled,
}: {
  label: string;
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  placeholder?: string;
  error?: string | null;
  name?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label id={`${id}-label`} htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <RadixSelect.Root value={value} onValueChange={onValueChange} name={name} disabled={disabled}>
        <RadixSelect.Trigger
          id={id}
          aria-labelledby={`${id}-label`}
          aria-describedby={errorId}
          aria-invalid={error ? true : undefined}
          className={cx(
            "inline-flex min-h-11 items-center justify-between gap-2 rounded-control border bg-surface px-3 py-2",
            "text-left text-base data-[placeholder]:text-ink-muted",
            error ? "border-danger" : "border-line-strong",
          )}
        >
          <RadixSelect.Value placeholder={placeholder} />
          <RadixSelect.Icon aria-hidden="true">▾</RadixSelect.Icon>
        </RadixSelect.Trigger>
        <RadixSelect.Portal>
          <RadixSelect.Content
            position="popper"
            sideOffset={4}
            className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-control border border-line bg-surface shadow-lg"
          >
            <RadixSelect.Viewport className="p-1">
              {options.map((option) => (
                <RadixSelect.Item
                  key={option.value}
                  value={option.value}
                  className="cursor-default rounded px-3 py-2 outline-none select-none data-[highlighted]:bg-brand-soft data-[state=checked]:font-semibold"
                >
                  <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                </RadixSelect.Item>
              ))}
            </RadixSelect.Viewport>
          </RadixSelect.Content>
        </RadixSelect.Portal>
      </RadixSelect.Root>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
