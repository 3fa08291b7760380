"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { api, useApiMutation, type components } from "@/api";
import { Button, Card, ErrorMessage, PageHeader, QueryView, TextLink, cx, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { notificationHref } from "./links";

type Notification = components["schemas"]["NotificationOut"];
type Page = components["schemas"]["NotificationPageOut"];

const PAGE = 30;

/** Everything InErgize told the user: unread first, mark one or all read, open what each is about. */
export function Notifications() {
  const t = useTranslations("notifications");
  const queryClient = useQueryClient();
  const toast = useToast();
  // Unread first: the unread ones are one list, the rest (read) follow below it.
  const unread = useInfiniteQuery({
    queryKey: ["get", "/v1/notifications", "page", "unread"],
    queryFn: async ({ pageParam }) => (await api.GET("/v1/notifications", { params: { query: { unread: true, limit: PAGE, cursor: pageParam } } })).data as Page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const all = useInfiniteQuery({
    queryKey: ["get", "/v1/notifications", "page", "all"],
    queryFn: async ({ pageParam }) => (await api.GET("/v1/notifications", { params: { query: { limit: PAGE, cursor: pageParam } } })).data as Page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/notifications"] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/notifications/unread-count"] });
  };
  const markAll = useApiMutation("post", "/v1/notifications/read", {
    onSuccess: async () => {
      await refresh();
      toast.show(t("allMarked"), "success");
    },
  });
  const unreadItems = unread.data?.pages.flatMap((p) => p.items) ?? [];
  const readItems = (all.data?.pages.flatMap((p) => p.items) ?? []).filter((n) => n.readAt);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href="/settings/notifications/">{t("preferences")}</Link>
            </Button>
            {unreadItems.length > 0 ? (
              <Button busy={markAll.isPending} onClick={() => markAll.mutate({ body: {} })}>
                {t("markAll")}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorMessage error={markAll.error} className="mb-4" />
      <QueryView
        query={[unread, all]}
        data={[...unreadItems, ...readItems]}
        loadingLabel={t("loading")}
        empty={{ title: t("emptyTitle"), description: t("emptyDescription"), action: <TextLink href="/settings/notifications/">{t("preferences")}</TextLink> }}
      >
        {() => (
          <div className="flex flex-col gap-6">
            <Card title={t("unreadTitle", { count: unreadItems.length })} aria-label={t("unreadTitle", { count: unreadItems.length })}>
              {unreadItems.length === 0 ? (
                <p className="text-sm text-ink-muted">{t("allRead")}</p>
              ) : (
                <NotificationList items={unreadItems} onChange={refresh} />
              )}
              {unread.hasNextPage ? (
                <Button variant="ghost" busy={unread.isFetchingNextPage} onClick={() => void unread.fetchNextPage()}>
                  {t("more")}
                </Button>
              ) : null}
            </Card>
            {readItems.length > 0 ? (
              <Card title={t("readTitle")} aria-label={t("readTitle")}>
                <NotificationList items={readItems} onChange={refresh} />
                {all.hasNextPage ? (
                  <Button variant="ghost" busy={all.isFetchingNextPage} onClick={() => void all.fetchNextPage()}>
                    {t("more")}
                  </Button>
                ) : null}
              </Card>
            ) : null}
          </div>
        )}
      </QueryView>
    </>
  );
}

function NotificationList({ items, onChange }: { items: Notification[]; onChange: () => Promise<void> }) {
  return (
    <ul className="flex flex-col divide-y divide-line">
      {items.map((n) => (
        <NotificationRow key={n.id} notification={n} onChange={onChange} />
      ))}
    </ul>
  );
}

function NotificationRow({ notification: n, onChange }: { notification: Notification; onChange: () => Promise<void> }) {
  const t = useTranslations("notifications");
  const format = useFormat();
  const markOne = useApiMutation("post", "/v1/notifications/{notification_id}/read", { onSuccess: onChange });
  const href = notificationHref(n.link);
  const read = () => {
    if (!n.readAt) markOne.mutate({ params: { path: { notification_id: n.id } } });
  };
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="flex min-w-0 gap-3">
        <span
          aria-hidden="true"
          className={cx("mt-2 size-2.5 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-brand")}
        />
        <div className="min-w-0">
          <p className={cx(n.readAt ? "font-medium" : "font-semibold")}>
            {n.readAt ? null : <span className="sr-only">{t("unread")} </span>}
            {n.title}
          </p>
          <p className="text-sm">{n.body}</p>
          <p className="text-xs text-ink-muted">
            <time dateTime={n.createdAt} title={format.dateTime(n.createdAt)}>
              {format.relative(n.createdAt)}
            </time>
          </p>
          <ErrorMessage error={markOne.error} className="mt-2" />
        </div>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2 pl-5 sm:pl-0">
        {href ? (
          <Button variant="secondary" asChild>
            <Link href={href} onClick={read}>
              {t("open")}
              <span className="sr-only">: {n.title}</span>
            </Link>
          </Button>
        ) : null}
        {n.readAt ? null : (
          <Button variant="ghost" busy={markOne.isPending} onClick={read}>
            {t("markRead")}
            <span className="sr-only">: {n.title}</span>
          </Button>
        )}
      </div>
    </li>
  );
}
