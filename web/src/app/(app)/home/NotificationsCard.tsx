"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useApiMutation, useApiQuery } from "@/api";
import { Button, Card, ErrorMessage, QueryView, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";

export function NotificationsCard() {
  const t = useTranslations("home.notifications");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  // The same key as the shell's badge (init `{}`), so the page load asks once.
  const count = useApiQuery("get", "/v1/notifications/unread-count", {});
  const list = useApiQuery("get", "/v1/notifications", { params: { query: { unread: true, limit: 5 } } });
  const markAll = useApiMutation("post", "/v1/notifications/read", {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/notifications"] });
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/notifications/unread-count"] });
      toast.show(t("markedRead"), "success");
    },
  });
  const unread = count.data?.unread ?? 0;
  return (
    <Card
      title={t("title")}
      actions={
        unread > 0 ? (
          <Button variant="link" busy={markAll.isPending} onClick={() => markAll.mutate({ body: {} })}>
            {t("markAllRead")}
          </Button>
        ) : null
      }
    >
      <QueryView query={list} data={list.data?.items} empty={{ title: t("empty") }}>
        {(items) => (
          <>
            <p className="mb-2 text-sm text-ink-muted">{t("count", { count: unread })}</p>
            <ul className="flex flex-col divide-y divide-line">
              {items.map((n) => (
                <li key={n.id} className="py-2">
                  <p className="font-semibold">{n.title}</p>
                  <p className="text-sm">{n.body}</p>
                  <p className="text-xs text-ink-muted">
                    <time dateTime={n.createdAt}>{format.relative(n.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
      <ErrorMessage error={markAll.error} className="mt-2" />
    </Card>
  );
}
