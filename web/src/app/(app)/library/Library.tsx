"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { $api, useApiMutation, type components } from "@/api";
import { Button, Dialog, ErrorMessage, PageHeader, QueryView, Select, TextField, cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Content = components["schemas"]["ContentOut"];

const KINDS = ["all", "post", "carousel", "banner"] as const;
const STATES = ["all", "draft", "ready"] as const;
type Kind = (typeof KINDS)[number];
type State = (typeof STATES)[number];

/** Where an item opens: posts in compose, carousels in the builder, banners on the banner page. */
export function openHref(item: Pick<Content, "id" | "kind">): string {
  if (item.kind === "carousel") return `/carousel/?id=${item.id}`;
  if (item.kind === "banner") return `/banner/?id=${item.id}`;
  return `/compose/?id=${item.id}`;
}

/** A value that settles `delay` ms after the last change: searching as the user types, not per key. */
function useSettled<T>(value: T, delay = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** The content library: search, filter by kind and state, open, delete; 20 at a time. */
export function Library() {
  const t = useTranslations("library");
  const tc = useTranslations("common");
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [kind, setKind] = useState<Kind>("all");
  const [state, setState] = useState<State>("all");
  const q = useSettled(text.trim());
  const [deleting, setDeleting] = useState<Content | null>(null);
  const query = {
    limit: 20,
    ...(q ? { q } : {}),
    ...(kind !== "all" ? { kind } : {}),
    ...(state !== "all" ? { state } : {}),
  };
  const list = $api.useInfiniteQuery(
    "get",
    "/v1/content",
    { params: { query } },
    {
      pageParamName: "cursor",
      // null: the first page has no cursor (openapi-fetch leaves null parameters out of the query).
      initialPageParam: null,
      getNextPageParam: (page: components["schemas"]["ContentPageOut"]) => page.nextCursor ?? undefined,
    },
  );
  const remove = useApiMutation("delete", "/v1/content/{content_id}", {
    onSuccess: async () => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content"] });
    },
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(q) || kind !== "all" || state !== "all";
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href="/compose/">{t("newPost")}</Link>
          </Button>
        }
      />
      <form role="search" aria-label={t("searchLabel")} onSubmit={(event) => event.preventDefault()} className="mb-6 grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <TextField
          type="search"
          label={t("search")}
          hint={t("searchHint")}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <Select
          label={t("kind")}
          value={kind}
          onValueChange={(value) => setKind(value as Kind)}
          options={KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        />
        <Select
          label={t("state")}
          value={state}
          onValueChange={(value) => setState(value as State)}
          options={STATES.map((value) => ({ value, label: t(`states.${value}`) }))}
        />
      </form>
      <QueryView
        query={list}
        data={items}
        empty={
          filtered
            ? {
                title: t("noMatch"),
                description: t("noMatchHint"),
                action: (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setText("");
                      setKind("all");
                      setState("all");
                    }}
                  >
                    {t("clearFilters")}
                  </Button>
                ),
              }
            : {
                title: t("empty"),
                description: t("emptyHint"),
                action: (
                  <Button asChild>
                    <Link href="/compose/">{t("newPost")}</Link>
                  </Button>
                ),
              }
        }
      >
        {() => (
          <>
            <p className="sr-only" role="status">
              {t("shown", { count: items.length })}
            </p>
            <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
              {items.map((item) => (
                <li key={item.id} className="flex flex-col gap-3 rounded-card border border-line bg-surface p-4 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <h2 className="font-semibold break-words">
                      <Link href={openHref(item)} className="rounded-sm hover:text-brand hover:underline">
                        {item.title}
                      </Link>
                    </h2>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
                      <span className="rounded-full bg-canvas px-2 py-0.5 font-medium text-ink">{t(`kinds.${item.kind as Kind}`)}</span>
                      <span
                        className={cx(
                          "rounded-full px-2 py-0.5 font-medium",
                          item.state === "ready" ? "bg-success-soft text-success" : "bg-warning-soft text-warning",
                        )}
                      >
                        {t(`states.${item.state as State}`)}
                      </span>
                      <span>{t("updated", { when: format.relative(item.updatedAt) })}</span>
                    </p>
                    {item.body ? <p className="mt-2 line-clamp-2 text-sm break-words">{item.body}</p> : null}
                  </div>
                  <div className="flex shrink-0 gap-2">
                    <Button asChild variant="secondary">
                      <Link href={openHref(item)} aria-label={t("openLabel", { title: item.title })}>
                        {t("open")}
                      </Link>
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(item)} aria-label={t("deleteLabel", { title: item.title })}>
                      {t("delete")}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
            {list.hasNextPage ? (
              <div className="mt-4">
                <Button variant="secondary" onClick={() => list.fetchNextPage()} busy={list.isFetchingNextPage}>
                  {t("loadMore")}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </QueryView>
      <Dialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) {
            setDeleting(null);
            remove.reset();
          }
        }}
        title={t("confirmTitle")}
        description={deleting ? t("confirmText", { title: deleting.title }) : undefined}
        closeLabel={tc("close")}
      >
        <ErrorMessage error={remove.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            {tc("cancel")}
          </Button>
          <Button
            variant="danger"
            busy={remove.isPending}
            onClick={() => deleting && remove.mutate({ params: { path: { content_id: deleting.id } } })}
          >
            {t("confirmDelete")}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
