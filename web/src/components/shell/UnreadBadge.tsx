"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";

// New notifications arrive without the page asking; a minute is soon enough to notice them.
const POLL_MS = 60_000;

/** The number of unread notifications beside the navigation entry; nothing when there are none. */
export function UnreadBadge() {
  const t = useTranslations("shell");
  const count = useApiQuery("get", "/v1/notifications/unread-count", {}, { refetchInterval: POLL_MS });
  const unread = count.data?.unread ?? 0;
  if (unread <= 0) return null;
  return (
    <span className="ml-auto inline-flex min-w-6 items-center justify-center rounded-full bg-brand px-1.5 text-xs font-semibold text-white">
      <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
      <span className="sr-only">{t("unreadBadge", { count: unread })}</span>
    </span>
  );
}
