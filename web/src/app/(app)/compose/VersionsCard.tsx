"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useApiMutation, type components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, Dialog, ErrorMessage, QueryView } from "@/components/ui";
import { PostPreview } from "@/features/preview/PostPreview";
import { useFormat } from "@/i18n/format";
import { ModerationFindings } from "./ModerationFindings";

type Content = components["schemas"]["ContentOut"];
type Version = components["schemas"]["VersionOut"];
type VersionList = components["schemas"]["VersionListOut"];

/** Every saved version, newest first: look at one as LinkedIn would show it, or make it current again. */
export function VersionsCard({
  item,
  versions,
  dirty,
  onRestored,
}: {
  item: Content;
  versions: UseQueryResult<VersionList, unknown>;
  dirty: boolean;
  onRestored: (saved: Content) => Promise<void>;
}) {
  const t = useTranslations("compose.versions");
  const tc = useTranslations("common");
  const format = useFormat();
  const { user } = useAuth();
  const [viewing, setViewing] = useState<Version | null>(null);
  const restore = useApiMutation("patch", "/v1/content/{content_id}");
  const current = versions.data?.items[0]?.number;
  const doRestore = async (version: Version) => {
    const saved = await restore.mutateAsync({
      params: { path: { content_id: item.id }, header: { "If-Match": `"v${item.version}"` } },
      body: { title: version.title, body: version.body },
    });
    setViewing(null);
    await onRestored(saved);
  };
  return (
    <Card title={t("title")}>
      <QueryView query={versions} data={versions.data}>
        {(data) => (
          <ol className="flex flex-col divide-y divide-line">
            {data.items.map((version) => (
              <li key={version.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">
                    {t("number", { number: version.number })}
                    {version.number === current ? ` · ${t("current")}` : ""}
                  </p>
                  <p className="text-sm text-ink-muted">
                    <time dateTime={version.createdAt}>{format.dateTime(version.createdAt)}</time> ·{" "}
                    {version.state === "ready" ? t("ready") : t("draft")}
                    {version.moderation.length ? ` · ${t("findings", { count: version.moderation.length })}` : ""}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => setViewing(version)} aria-label={t("viewLabel", { number: version.number })}>
                  {t("view")}
                </Button>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
      <Dialog
        open={viewing !== null}
        onOpenChange={(open) => {
          if (!open) {
            setViewing(null);
            restore.reset();
          }
        }}
        title={viewing ? t("number", { number: viewing.number }) : ""}
        description={viewing ? viewing.title : undefined}
        closeLabel={tc("close")}
      >
        {viewing ? (
          <div className="flex max-h-[70vh] flex-col gap-3 overflow-y-auto">
            <PostPreview text={viewing.body} author={user?.displayName || user?.email || ""} headline={user?.jobRole ?? undefined} />
            <ModerationFindings issues={viewing.moderation} />
            <ErrorMessage error={restore.error} />
            {viewing.number !== current ? (
              <>
                {dirty ? <p className="text-sm text-warning">{t("restoreLosesEdits")}</p> : null}
                <Button onClick={() => doRestore(viewing).catch(() => undefined)} busy={restore.isPending}>
                  {t("restore", { number: viewing.number })}
                </Button>
              </>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
