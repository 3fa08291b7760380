"use client";

import { useTranslations } from "next-intl";

import { problemMessage } from "@/api/problem";
import { cx } from "./cx";

/** Says in words what went wrong with a call (the problem's `detail`); renders nothing without an error. */
export function ErrorMessage({
  error,
  className,
  title,
}: {
  error: unknown;
  className?: string;
  title?: string;
}) {
  const message = useProblemMessage(error);
  if (!error) return null;
  return (
    <div
      role="alert"
      className={cx("rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger", className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <p>{message}</p>
    </div>
  );
}

/** The words for a failure, for places that show them elsewhere (a toast, a field's error text). */
export function useProblemMessage(error: unknown): string {
  const t = useTranslations("errors");
  return error ? problemMessage(error, (key) => t(key)) : "";
}
