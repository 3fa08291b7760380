"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { isProblemCode, useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, EmptyState, ErrorMessage, QueryView, TextLink, useToast } from "@/components/ui";
import { postLength } from "@/features/preview/post";
import { ModerationFindings } from "./ModerationFindings";
import { PostEditor, type Draft } from "./PostEditor";
import { ScheduleForm } from "./ScheduleForm";
import { VersionsCard } from "./VersionsCard";

type Content = components["schemas"]["ContentOut"];

/** `If-Match` for an edit: the ETag the API gives a content item is its version. */
export const ifMatch = (item: { version: number }) => ({ "If-Match": `"v${item.version}"` });

/** Edit a post from the library: text and preview, moderation findings, versions, ready, schedule. */
export function EditPost({ id }: { id: string }) {
  const t = useTranslations("compose");
  const content = useApiQuery("get", "/v1/content/{content_id}", { params: { path: { content_id: id } } });
  return (
    <QueryView
      query={content}
      data={content.data}
      errorAction={<TextLink href="/library/">{t("backToLibrary")}</TextLink>}
      isEmpty={(item) => item.kind !== "post"}
      empty={{
        title: t("notAPost"),
        action: (
          <TextLink href={content.data?.kind === "carousel" ? `/carousel/?id=${id}` : "/banner/"}>{t("openInBuilder")}</TextLink>
        ),
      }}
    >
      {(item) => <PostForm item={item} />}
    </QueryView>
  );
}

function PostForm({ item }: { item: Content }) {
  const t = useTranslations("compose");
  const toast = useToast();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({ title: item.title, body: item.body });
  const [seen, setSeen] = useState(item.version);
  // A newer version from the server (a restore, another tab) replaces the form when nothing is unsaved.
  const dirty = draft.title !== item.title || draft.body !== item.body;
  useEffect(() => {
    if (item.version !== seen) {
      setSeen(item.version);
      if (!dirty) setDraft({ title: item.title, body: item.body });
    }
  }, [item, seen, dirty]);
  const versions = useApiQuery("get", "/v1/content/{content_id}/versions", {
    params: { path: { content_id: item.id } },
  });
  const refresh = async (saved?: Content) => {
    if (saved) {
      queryClient.setQueryData(
        ["get", "/v1/content/{content_id}", { params: { path: { content_id: item.id } } }],
        saved,
      );
    }
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content/{content_id}/versions"] });
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content"] });
  };
  const save = useApiMutation("patch", "/v1/content/{content_id}");
  const ready = useApiMutation("post", "/v1/content/{content_id}/ready");
  const path = { content_id: item.id };

  const saveDraft = async (): Promise<Content | null> => {
    try {
      const saved = await save.mutateAsync({
        params: { path, header: ifMatch(item) },
        body: { title: draft.title, body: draft.body },
      });
      setSeen(saved.version);
      await refresh(saved);
      return saved;
    } catch {
      return null;
    }
  };
  const onSave = async () => {
    if (await saveDraft()) toast.show(t("saved"), "success");
  };
  const onReady = async () => {
    ready.reset();
    const current = dirty ? await saveDraft() : item;
    if (!current) return;
    try {
      const done = await ready.mutateAsync({ params: { path, header: ifMatch(current) } });
      await refresh(done);
      toast.show(t("readyDone"), "success");
    } catch {
      await refresh();
    }
  };
  const latest = versions.data?.items[0];
  const isReady = item.state === "ready" && !dirty;
  const over = postLength(draft.body).over;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <PostEditor draft={draft} onChange={setDraft}>
          <p className="text-sm" role="status">
            <span className="font-semibold">{t("stateLabel")}</span>{" "}
            {dirty ? t("state.unsaved") : isReady ? t("state.ready") : t("state.draft")}
            {latest?.provider === "offline" && !dirty ? ` · ${t("offlineNote")}` : ""}
          </p>
          <ModerationFindings issues={dirty ? [] : (latest?.moderation ?? [])} />
          <ErrorMessage error={save.error} title={isProblemCode(save.error, "precondition_failed") ? t("conflict") : undefined} />
          {ready.error && !isProblemCode(ready.error, "moderation_blocked") ? <ErrorMessage error={ready.error} /> : null}
          {isProblemCode(ready.error, "moderation_blocked") ? (
            <p role="alert" className="text-sm font-semibold text-danger">
              {t("blocked")}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={onSave} busy={save.isPending} disabled={!dirty}>
              {t("save")}
            </Button>
            <Button onClick={onReady} busy={ready.isPending} disabled={isReady || over}>
              {isReady ? t("isReady") : dirty ? t("saveAndReady") : t("markReady")}
            </Button>
          </div>
        </PostEditor>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("schedule.title")}>
          {isReady ? (
            <ScheduleForm contentId={item.id} />
          ) : (
            <EmptyState title={t("schedule.notReady")} description={t("schedule.notReadyHint")} />
          )}
          <p className="mt-3 text-sm">
            <Link className="font-medium text-brand underline underline-offset-2" href={`/calendar/?content=${item.id}`}>
              {t("schedule.openCalendar")}
            </Link>
          </p>
        </Card>
        <VersionsCard
          item={item}
          versions={versions}
          dirty={dirty}
          onRestored={async (saved) => {
            setDraft({ title: saved.title, body: saved.body });
            setSeen(saved.version);
            await refresh(saved);
          }}
        />
      </div>
    </div>
  );
}
