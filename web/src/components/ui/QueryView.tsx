"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { EmptyState } from "./EmptyState";
import { ErrorMessage } from "./ErrorMessage";
import { ProgressBar } from "./ProgressBar";

/** What QueryView reads of a TanStack query (plain, infinite, or several at once). */
export type QueryStatus = { isPending: boolean; error: unknown };

type Empty = { title: ReactNode; description?: ReactNode; action?: ReactNode };

/**
 * One query's states in one place: loading (a progress bar that runs until the answer), the failure
 * in words, the empty state with what to do next, then `children(data)`. With several queries it
 * waits for all and shows the first failure.
 */
export function QueryView<T>({
  query,
  data,
  empty,
  isEmpty = defaultIsEmpty,
  loadingLabel,
  errorAction,
  children,
}: {
  query: QueryStatus | readonly QueryStatus[];
  /** What to render once loaded: the query's data or the items taken from it. */
  data: T | undefined;
  /** Shown instead of the content when `isEmpty(data)` (by default: an empty list). */
  empty?: Empty;
  isEmpty?: (data: T) => boolean;
  loadingLabel?: string;
  /** Where to go from a failure (a link back), shown under its words. */
  errorAction?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const tc = useTranslations("common");
  const queries: readonly QueryStatus[] = Array.isArray(query) ? query : [query as QueryStatus];
  if (queries.some((q) => q.isPending)) {
    return <ProgressBar label={loadingLabel ?? tc("loading")} value={null} />;
  }
  const failure = queries.find((q) => q.error)?.error;
  if (failure) {
    if (!errorAction) return <ErrorMessage error={failure} />;
    return (
      <div className="flex flex-col gap-4">
        <ErrorMessage error={failure} />
        <div>{errorAction}</div>
      </div>
    );
  }
  if (data === undefined) return null;
  if (empty && isEmpty(data)) return <EmptyState {...empty} />;
  return <>{children(data)}</>;
}

function defaultIsEmpty(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}
