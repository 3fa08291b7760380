import { Slot } from "@radix-ui/react-slot";
import type { ButtonHTMLAttributes } from "react";

import { cx } from "./cx";
import { Spinner } from "./Spinner";

const VARIANTS = {
  primary: "bg-brand text-white hover:bg-brand-strong disabled:bg-line-strong",
  secondary: "bg-surface text-ink border border-line-strong hover:bg-canvas disabled:text-ink-muted",
  ghost: "bg-transparent text-brand hover:bg-brand-soft disabled:text-ink-muted",
  danger: "bg-danger text-white hover:opacity-90 disabled:bg-line-strong",
  // An action that reads like a link inside a form ("Use a recovery code instead").
  link: "bg-transparent font-medium text-brand underline underline-offset-2 hover:text-brand-strong",
} as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
  /** Renders the child (a link) with the button's look. */
  asChild?: boolean;
  fullWidth?: boolean;
};

export function Button({
  variant = "primary",
  busy = false,
  asChild = false,
  fullWidth = false,
  className,
  disabled,
  children,
  type,
  ...rest
}: ButtonProps) {
  const classes = cx(
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-control py-2 text-sm font-semibold",
    variant === "link" ? "px-0" : "px-4",
    "transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    fullWidth && "w-full",
    className,
  );
  if (asChild) {
    return (
      <Slot className={classes} {...rest}>
        {children}
      </Slot>
    );
  }
  return (
    <button
      type={type ?? "button"}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}
