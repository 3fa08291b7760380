"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

import { cx } from "./cx";

/**
 * A modal dialog with a title, an optional description, and a close button labelled `closeLabel`.
 * Focus is trapped inside and returns to the trigger when it closes (Radix).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  closeLabel,
  trigger,
  children,
  variant = "center",
}: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  closeLabel: string;
  trigger?: ReactNode;
  children: ReactNode;
  /** `sheet` slides from the left edge: the mobile navigation. */
  variant?: "center" | "sheet";
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-ink/50" />
        <RadixDialog.Content
          className={cx(
            "fixed z-50 flex flex-col gap-4 bg-surface p-gutter shadow-xl focus:outline-none",
            variant === "center"
              ? "top-1/2 left-1/2 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-card sm:p-6"
              : "inset-y-0 left-0 w-[min(20rem,85vw)] overflow-y-auto",
          )}
        >
          <div className="flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-title font-semibold">{title}</RadixDialog.Title>
            <RadixDialog.Close
              className="-m-1 inline-flex size-11 items-center justify-center rounded-control text-2xl leading-none text-ink-muted hover:bg-canvas"
              aria-label={closeLabel}
            >
              <span aria-hidden="true">×</span>
            </RadixDialog.Close>
          </div>
          {description ? (
            <RadixDialog.Description className="text-ink-muted">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
