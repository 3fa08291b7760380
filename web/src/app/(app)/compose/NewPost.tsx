"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { Button, Card, ErrorMessage } from "@/components/ui";
import { GeneratePanel } from "./GeneratePanel";
import { PostEditor, type Draft } from "./PostEditor";

/** A new post: generated from a template, or written by hand and saved as a draft. */
export function NewPost() {
  const t = useTranslations("compose");
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>({ title: "", body: "" });
  const create = useApiMutation("post", "/v1/content", {
    onSuccess: (item) => router.replace(`/compose/?id=${item.id}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ body: { kind: "post", title: draft.title.trim() || firstLine(draft.body), body: draft.body } });
  };
  return (
    <div className="flex flex-col gap-6">
      <GeneratePanel />
      <Card title={t("writeTitle")}>
        <form onSubmit={submit} noValidate>
          <PostEditor draft={draft} onChange={setDraft}>
            <ErrorMessage error={create.error} />
            <div>
              <Button type="submit" busy={create.isPending} disabled={!draft.body.trim() && !draft.title.trim()}>
                {t("saveDraft")}
              </Button>
            </div>
          </PostEditor>
        </form>
      </Card>
    </div>
  );
}

/** A title for a post saved without one: its first line, shortened. */
export function firstLine(body: string): string {
  const line = body.trim().split("\n")[0]?.trim() ?? "";
  const chars = [...line];
  return chars.length > 80 ? `${chars.slice(0, 79).join("")}…` : line;
}
