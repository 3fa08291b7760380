"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { useAuth } from "@/auth/AuthProvider";
import { TextField, cx } from "@/components/ui";
import { PostPreview } from "@/features/preview/PostPreview";
import { postLength } from "@/features/preview/post";

export type Draft = { title: string; body: string };

/** The post's title (for the library) and text, with the LinkedIn preview beside it (below on phones). */
export function PostEditor({
  draft,
  onChange,
  disabled,
  children,
}: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  disabled?: boolean;
  /** Actions and findings under the text field. */
  children?: React.ReactNode;
}) {
  const t = useTranslations("compose");
  const { user } = useAuth();
  const bodyId = useId();
  const hintId = useId();
  const over = postLength(draft.body).over;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div className="flex min-w-0 flex-col gap-4">
        <TextField
          label={t("titleLabel")}
          hint={t("titleHint")}
          value={draft.title}
          maxLength={200}
          required
          disabled={disabled}
          onChange={(event) => onChange({ ...draft, title: event.target.value })}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={bodyId} className="text-sm font-semibold">
            {t("bodyLabel")}
          </label>
          <textarea
            id={bodyId}
            value={draft.body}
            rows={14}
            disabled={disabled}
            aria-describedby={hintId}
            aria-invalid={over || undefined}
            onChange={(event) => onChange({ ...draft, body: event.target.value })}
            className={cx(
              "min-h-64 rounded-control border bg-surface px-3 py-2 text-base leading-relaxed text-ink",
              over ? "border-danger" : "border-line-strong",
            )}
          />
          <p id={hintId} className="text-sm text-ink-muted">
            {t("bodyHint")}
          </p>
        </div>
        {children}
      </div>
      <div className="min-w-0 lg:sticky lg:top-6 lg:self-start">
        <h2 className="mb-2 text-sm font-semibold text-ink-muted">{t("previewHeading")}</h2>
        <PostPreview text={draft.body} author={user?.displayName || user?.email || ""} headline={user?.jobRole ?? undefined} />
      </div>
    </div>
  );
}
