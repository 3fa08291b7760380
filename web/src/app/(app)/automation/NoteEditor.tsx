"use client";

import { useTranslations } from "next-intl";
import { useId, useRef } from "react";

import { cx } from "@/components/ui";
import { NOTE_LIMIT, PLACEHOLDERS, fillNote, noteLength, unknownPlaceholders, type Person } from "./note";

/**
 * The invitation note: a live count against LinkedIn's 300 characters, buttons that insert each
 * placeholder at the cursor (with what it becomes), and the note as one example person would get it.
 */
export function NoteEditor({
  label,
  value,
  onChange,
  limit = NOTE_LIMIT,
  example,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  limit?: number;
  /** Whose details fill the preview (the first person of the CSV when there is one). */
  example: Person;
}) {
  const t = useTranslations("automation.note");
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const length = noteLength(value);
  const filled = fillNote(value, example);
  const filledLength = noteLength(filled);
  const over = length > limit;
  const filledOver = filledLength > limit;
  const unknown = unknownPlaceholders(value);

  const insert = (token: string) => {
    const el = area.current;
    const text = `{${token}}`;
    if (!el) return onChange(value + text);
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + text.length, start + text.length);
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={id} className="text-sm font-semibold">
          {label}
        </label>
        <span id={`${id}-count`} className={cx("text-sm tabular-nums", over ? "font-semibold text-danger" : "text-ink-muted")}>
          {t("count", { length, limit })}
        </span>
      </div>
      <textarea
        id={id}
        ref={area}
        rows={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-count ${id}-help`}
        aria-invalid={over || undefined}
        className={cx("rounded-control border bg-surface px-3 py-2 text-base", over ? "border-danger" : "border-line-strong")}
      />
      {over ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {t("tooLong", { over: length - limit, limit })}
        </p>
      ) : null}
      <div id={`${id}-help`} className="flex flex-col gap-2">
        <p className="text-sm text-ink-muted">{t("placeholdersHint")}</p>
        <ul className="flex flex-wrap gap-2">
          {PLACEHOLDERS.map((token) => (
            <li key={token}>
              <button
                type="button"
                onClick={() => insert(token)}
                className="inline-flex min-h-9 items-center gap-1 rounded-control border border-line-strong bg-surface px-2 text-sm hover:bg-canvas"
                aria-label={t("insert", { token: `{${token}}`, meaning: t(`placeholders.${token}`) })}
              >
                <code className="font-mono">{`{${token}}`}</code>
                <span className="text-ink-muted">{t(`placeholders.${token}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {unknown.length > 0 ? (
        <p className="text-sm text-warning">{t("unknown", { tokens: unknown.join(", ") })}</p>
      ) : null}
      {value.trim() ? (
        <figure className="rounded-control border border-line bg-canvas p-3">
          <figcaption className="mb-1 flex flex-wrap justify-between gap-2 text-xs font-semibold text-ink-muted">
            <span>{t("preview", { name: example.name })}</span>
            <span className={cx("tabular-nums", filledOver && "text-danger")}>{t("count", { length: filledLength, limit })}</span>
          </figcaption>
          <p className="text-sm whitespace-pre-wrap">{filled}</p>
          {filledOver ? <p className="mt-1 text-sm font-medium text-danger">{t("filledTooLong")}</p> : null}
        </figure>
      ) : null}
    </div>
  );
}
