"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useState } from "react";

import { api, useApiMutation, useApiQuery, type components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, Dialog, ErrorMessage, PageHeader, QueryView, TextField, cx, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import { RequireAdmin } from "@/auth/RequireAdmin";
import { AdminsOnlyMessage, isAdminOnly } from "../AdminOnly";

type User = components["schemas"]["ProfileOut"];
type Page = components["schemas"]["UserPageOut"];
const TIERS = ["free", "pro", "team"] as const;
const PAGE = 200;
const USERS_KEY = ["get", "/v1/admin/users", "pages"] as const;

export function AdminUsers() {
  const t = useTranslations("admin.users");
  return (
    <RequireAdmin>
      <UserList />
    </RequireAdmin>
  );
}

/** Every account: find one by email or name, see its state and tier, disable or enable it, change its tier. */
function UserList() {
  const t = useTranslations("admin.users");
  const [search, setSearch] = useState("");
  // The server searches every account (each word in the email or the name); typing does not wait for it.
  const needle = useDeferredValue(search.trim());
  const users = useInfiniteQuery({
    queryKey: [...USERS_KEY, needle],
    queryFn: async ({ pageParam }) =>
      (await api.GET("/v1/admin/users", { params: { query: { limit: PAGE, cursor: pageParam, q: needle || undefined } } }))
        .data as Page,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  if (isAdminOnly(users.error)) return <AdminsOnlyMessage />;
  const shown = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/admin/audit/">{t("toAudit")}</Link>
          </Button>
        }
      />
      <Card>
        <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
          <TextField
            type="search"
            label={t("search")}
            hint={t("searchHint")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="sm:max-w-sm sm:flex-1"
          />
          {users.hasNextPage ? (
            <Button variant="secondary" busy={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
              {t("loadMore")}
            </Button>
          ) : null}
        </div>
        <QueryView query={users} data={shown} empty={{ title: needle ? t("noMatch", { search }) : t("empty") }}>
          {(list) => (
            <>
              <p role="status" className="mb-2 text-sm text-ink-muted">
                {t("count", { count: list.length })}
              </p>
              <ul className="flex flex-col divide-y divide-line">
                {list.map((user) => (
                  <UserRow key={user.id} user={user} />
                ))}
              </ul>
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}

function UserRow({ user }: { user: User }) {
  const t = useTranslations("admin.users");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { user: me } = useAuth();
  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
  const path = { params: { path: { user_id: user.id } } };
  const disable = useApiMutation("post", "/v1/admin/users/{user_id}/disable", {
    onSuccess: async () => {
      toast.show(t("disabled", { email: user.email }), "success");
      await refresh();
    },
  });
  const enable = useApiMutation("post", "/v1/admin/users/{user_id}/enable", {
    onSuccess: async () => {
      toast.show(t("enabled", { email: user.email }), "success");
      await refresh();
    },
  });
  const self = me?.id === user.id;
  const disabled = user.status === "disabled";
  return (
    <li className="flex flex-col gap-2 py-3 md:flex-row md:items-center md:justify-between">
      <div className="min-w-0">
        <p className="font-semibold break-all">{user.email}</p>
        <p className="text-sm text-ink-muted">
          {user.displayName} · {t("joined", { when: format.date(user.createdAt) })}
        </p>
        <p className="mt-1 flex flex-wrap gap-2 text-xs font-semibold">
          <span className={cx("rounded-full border px-2 py-0.5", disabled ? "border-danger bg-danger-soft text-danger" : "border-success bg-success-soft text-success")}>
            {t.has(`statuses.${user.status}`) ? t(`statuses.${user.status}`) : user.status}
          </span>
          <span className="rounded-full border border-line-strong px-2 py-0.5">{t("tierLabel", { tier: user.tier })}</span>
          {user.role === "admin" ? <span className="rounded-full border border-brand px-2 py-0.5 text-brand-strong">{t("admin")}</span> : null}
          {user.emailVerified ? null : <span className="rounded-full border border-warning px-2 py-0.5 text-warning">{t("unverified")}</span>}
        </p>
        <ErrorMessage error={disable.error ?? enable.error} className="mt-2" />
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        <TierDialog user={user} onChanged={refresh} />
        {self ? null : disabled ? (
          <Button variant="secondary" busy={enable.isPending} onClick={() => enable.mutate(path)}>
            {t("enable")}
            <span className="sr-only"> {user.email}</span>
          </Button>
        ) : (
          <Button variant="secondary" busy={disable.isPending} onClick={() => disable.mutate(path)}>
            {t("disable")}
            <span className="sr-only"> {user.email}</span>
          </Button>
        )}
      </div>
    </li>
  );
}

function TierDialog({ user, onChanged }: { user: User; onChanged: () => Promise<void> }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const format = useFormat();
  const toast = useToast();
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [tier, setTier] = useState(user.tier);
  const info = useApiQuery("get", "/v1/admin/users/{user_id}/tier", { params: { path: { user_id: user.id } } }, { enabled: open });
  const change = useApiMutation("put", "/v1/admin/users/{user_id}/tier", {
    onSuccess: async (data) => {
      toast.show(t("tierChanged", { email: user.email, tier: data.tier }), "success");
      setOpen(false);
      await onChanged();
    },
  });
  const quotas = info.data?.quotas;
  const limit = (value: number | null | undefined) => (value === null || value === undefined ? t("unlimited") : format.number(value));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTier(user.tier);
        change.reset();
      }}
      title={t("tierTitle", { email: user.email })}
      closeLabel={tc("close")}
      trigger={
        <Button variant="secondary">
          {t("tier")}
          <span className="sr-only"> {user.email}</span>
        </Button>
      }
    >
      <QueryView query={info} data={quotas}>
        {(quotas) => (
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
            <dt>{t("quotas.postsPerMonth")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.postsPerMonth)}</dd>
            <dt>{t("quotas.scheduledPosts")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.scheduledPosts)}</dd>
            <dt>{t("quotas.aiTokensPerMonth")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.aiTokensPerMonth)}</dd>
            <dt>{t("quotas.linkedinAccounts")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.linkedinAccounts)}</dd>
            <dt>{t("quotas.teamSeats")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.teamSeats)}</dd>
            <dt>{t("quotas.analyticsHistoryDays")}</dt>
            <dd className="text-right tabular-nums">{limit(quotas.analyticsHistoryDays)}</dd>
          </dl>
        )}
      </QueryView>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ params: { path: { user_id: user.id } }, body: { tier } });
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={selectId} className="text-sm font-semibold">
            {t("newTier")}
          </label>
          <select id={selectId} value={tier} onChange={(e) => setTier(e.target.value)} className="min-h-11 rounded-control border border-line-strong bg-surface px-3 text-base">
            {TIERS.map((name) => (
              <option key={name} value={name}>
                {t(`tiers.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={change.error} />
        <Button type="submit" busy={change.isPending} disabled={tier === user.tier}>
          {t("saveTier")}
        </Button>
      </form>
    </Dialog>
  );
}
