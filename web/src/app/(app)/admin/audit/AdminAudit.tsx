"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { api, type components } from "@/api";
import { Button, Card, PageHeader, QueryView, TextField } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { RequireAdmin } from "@/auth/RequireAdmin";
import { AdminsOnlyMessage, isAdminOnly } from "../AdminOnly";

type Page = components["schemas"]["AuditPageOut"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AdminAudit() {
  const t = useTranslations("admin.audit");
  return (
    <RequireAdmin>
      <AuditLog />
    </RequireAdmin>
  );
}

/** The security audit log of every account, newest first, optionally for one account (`?user=<id>`). */
function AuditLog() {
  const t = useTranslations("admin.audit");
  const format = useFormat();
  const router = useRouter();
  const userId = useSearchParams()?.get("user") ?? "";
  const [filter, setFilter] = useState(userId);
  const valid = !userId || UUID.test(userId);
  const log = useInfiniteQuery({
    queryKey: ["get", "/v1/admin/audit", "pages", userId],
    queryFn: async ({ pageParam }) =>
      (await api.GET("/v1/admin/audit", { params: { query: { limit: 100, cursor: pageParam, userId: userId || null } } })).data as Page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: valid,
  });
  if (isAdminOnly(log.error)) return <AdminsOnlyMessage />;
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = filter.trim();
    router.push(value ? `/admin/audit/?user=${encodeURIComponent(value)}` : "/admin/audit/");
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <form onSubmit={submit} className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
          <TextField
            label={t("userFilter")}
            hint={t("userFilterHint")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            error={valid ? null : t("invalidId")}
            className="sm:max-w-md sm:flex-1"
            spellCheck={false}
          />
          <Button type="submit" variant="secondary">
            {t("apply")}
          </Button>
        </form>
        {!valid ? null : (
          <QueryView query={log} data={items} empty={{ title: t("empty") }}>
            {(items) => (
              <>
                <ol className="flex flex-col divide-y divide-line">
                  {items.map((entry) => (
                    <li key={entry.id} className="flex flex-col gap-1 py-2 text-sm md:flex-row md:justify-between md:gap-4">
                      <div className="min-w-0">
                        <p className="font-mono font-semibold">{entry.action}</p>
                        <p className="break-all text-ink-muted">
                          {t("who", { user: entry.userId ?? "—", actor: entry.actorId ?? "—" })}
                          {entry.ip ? ` · ${entry.ip}` : ""}
                        </p>
                        {Object.keys(entry.detail).length > 0 ? (
                          <p className="font-mono text-xs break-all text-ink-muted">{JSON.stringify(entry.detail)}</p>
                        ) : null}
                      </div>
                      <time dateTime={entry.createdAt} className="shrink-0 text-ink-muted">
                        {format.dateTime(entry.createdAt)}
                      </time>
                    </li>
                  ))}
                </ol>
                {log.hasNextPage ? (
                  <Button variant="secondary" busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} className="mt-3">
                    {t("more")}
                  </Button>
                ) : null}
              </>
            )}
          </QueryView>
        )}
      </Card>
    </>
  );
}
