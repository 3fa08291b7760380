"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";

import { cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";
import type { Segment } from "./littleText";
import { postPreview } from "./post";

function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) => {
        switch (segment.kind) {
          case "text":
            return <span key={index}>{segment.text}</span>;
          case "hashtag":
            return (
              <span key={index} className="font-semibold text-brand">
                #{segment.tag}
              </span>
            );
          case "mention":
            return (
              <span key={index} className="font-semibold text-brand" title={segment.urn}>
                {segment.name}
              </span>
            );
          case "link":
            return (
              <span key={index} className="font-semibold break-all text-brand">
                {segment.url}
              </span>
            );
        }
      })}
    </>
  );
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/u)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => [...word][0]?.toUpperCase() ?? "")
      .join("") || "?"
  );
}

/**
 * A post as LinkedIn's feed shows it: the author, the text as LinkedIn renders what the API publishes
 * (hashtags and mentions as links, escapes dropped), folded behind "…see more", and its length against
 * LinkedIn's limit.
 */
export function PostPreview({ text, author, headline }: { text: string; author: string; headline?: string }) {
  const t = useTranslations("preview");
  const format = useFormat();
  const [expanded, setExpanded] = useState(false);
  const preview = useMemo(() => postPreview(text.trimEnd()), [text]);
  const countId = useId();
  const { count, limit, over } = preview.length;
  return (
    <figure aria-label={t("label")} className="flex flex-col gap-3">
      <div className="rounded-card border border-line bg-surface p-4 shadow-sm">
        <div className="mb-3 flex items-center gap-3">
          <span
            aria-hidden="true"
            className="inline-flex size-12 shrink-0 items-center justify-center rounded-full bg-brand-soft font-bold text-brand-strong"
          >
            {initials(author)}
          </span>
          <div className="min-w-0">
            <p className="truncate font-semibold">{author}</p>
            <p className="truncate text-xs text-ink-muted">{headline || t("now")}</p>
          </div>
        </div>
        {text.trim() ? (
          <p className="text-sm break-words whitespace-pre-wrap" data-testid="preview-text">
            <Segments segments={expanded ? preview.segments : preview.visible} />
            {preview.folded && !expanded ? (
              <>
                {"… "}
                <button
                  type="button"
                  className="rounded-sm font-semibold text-ink-muted hover:text-brand hover:underline"
                  onClick={() => setExpanded(true)}
                >
                  {t("seeMore")}
                </button>
              </>
            ) : null}
            {preview.folded && expanded ? (
              <>
                {" "}
                <button
                  type="button"
                  className="rounded-sm font-semibold text-ink-muted hover:text-brand hover:underline"
                  onClick={() => setExpanded(false)}
                >
                  {t("seeLess")}
                </button>
              </>
            ) : null}
          </p>
        ) : (
          <p className="text-sm text-ink-muted">{t("empty")}</p>
        )}
      </div>
      <figcaption id={countId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className={cx("font-semibold", over ? "text-danger" : "text-ink-muted")}>
          {t("count", { count: format.number(count), limit: format.number(limit) })}
        </span>
        {over ? (
          <span className="font-semibold text-danger">{t("over", { over: format.number(count - limit) })}</span>
        ) : preview.folded ? (
          <span className="text-ink-muted">{t("folds")}</span>
        ) : (
          <span className="text-ink-muted">{t("noFold")}</span>
        )}
      </figcaption>
    </figure>
  );
}
