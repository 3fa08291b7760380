"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { Button, TextField, cx } from "@/components/ui";
import { MAX_SLIDES, MIN_SLIDES, SLIDE_BODY_MAX, SLIDE_TITLE_MAX, moveSlide, newKey, type EditableSlide } from "./slides";

/**
 * The content slides, each with a title and a text: added, removed and reordered with the buttons, by
 * dragging a slide's handle, or from the keyboard (Alt+↑ / Alt+↓ inside a slide). A move is announced.
 */
export function SlidesEditor({ slides, onChange }: { slides: EditableSlide[]; onChange: (slides: EditableSlide[]) => void }) {
  const t = useTranslations("carousel.slides");
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<number | null>(null);
  // The element to focus after the list re-renders (by id: the moved or neighbouring slide's field).
  const focusId = useRef<string | null>(null);

  useEffect(() => {
    if (focusId.current) {
      document.getElementById(focusId.current)?.focus();
      focusId.current = null;
    }
  });

  const move = (from: number, to: number, focus?: string) => {
    const next = moveSlide(slides, from, to);
    if (next === slides) return;
    const slide = slides[from];
    if (slide) {
      focusId.current = focus ?? null;
      setAnnouncement(t("moved", { number: from + 1, position: next.indexOf(slide) + 1, total: next.length }));
    }
    onChange(next);
  };
  const update = (index: number, patch: Partial<EditableSlide>) =>
    onChange(slides.map((slide, i) => (i === index ? { ...slide, ...patch } : slide)));
  const remove = (index: number) => {
    const next = slides.filter((_, i) => i !== index);
    setAnnouncement(t("removed", { number: index + 1 }));
    const neighbour = next[Math.min(index, next.length - 1)];
    focusId.current = neighbour ? `${neighbour.key}-title` : null;
    onChange(next);
  };
  const add = () => {
    const slide = { key: newKey(), title: "", body: "" };
    focusId.current = `${slide.key}-title`;
    setAnnouncement(t("added", { number: slides.length + 1 }));
    onChange([...slides, slide]);
  };
  const onKeyDown = (index: number, key: string) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const target = event.target as HTMLElement;
    const field = target.dataset.field ?? "title";
    move(index, event.key === "ArrowUp" ? index - 1 : index + 1, `${key}-${field}`);
  };

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-ink-muted">{t("help")}</p>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <ol className="flex flex-col gap-3">
        {slides.map((slide, index) => (
          <li
            key={slide.key}
            onKeyDown={onKeyDown(index, slide.key)}
            onDragOver={(event) => {
              if (dragging !== null) event.preventDefault();
            }}
            onDrop={(event) => {
              event.preventDefault();
              if (dragging !== null) move(dragging, index);
              setDragging(null);
            }}
            className={cx(
              "rounded-control border bg-surface p-3",
              dragging === index ? "border-brand opacity-60" : "border-line",
            )}
          >
            <fieldset className="flex flex-col gap-3">
              <legend className="flex w-full flex-wrap items-center justify-between gap-2">
                <span className="flex items-center gap-2 font-semibold">
                  <span
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.effectAllowed = "move";
                      event.dataTransfer.setData("text/plain", String(index));
                      setDragging(index);
                    }}
                    onDragEnd={() => setDragging(null)}
                    className="cursor-grab px-1 text-ink-muted select-none"
                    aria-hidden="true"
                    title={t("dragHint")}
                  >
                    ⋮⋮
                  </span>
                  {t("slide", { number: index + 1 })}
                </span>
                <span className="flex gap-1">
                  <Button
                    variant="ghost"
                    className="px-3"
                    disabled={index === 0}
                    id={`${slide.key}-up`}
                    onClick={() => move(index, index - 1, `${slide.key}-up`)}
                    aria-label={t("moveUp", { number: index + 1 })}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-3"
                    disabled={index === slides.length - 1}
                    id={`${slide.key}-down`}
                    onClick={() => move(index, index + 1, `${slide.key}-down`)}
                    aria-label={t("moveDown", { number: index + 1 })}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-3"
                    disabled={slides.length <= MIN_SLIDES}
                    onClick={() => remove(index)}
                    aria-label={t("remove", { number: index + 1 })}
                  >
                    {t("removeShort")}
                  </Button>
                </span>
              </legend>
              <TextField
                label={t("title", { number: index + 1 })}
                value={slide.title}
                maxLength={SLIDE_TITLE_MAX}
                required
                data-field="title"
                id={`${slide.key}-title`}
                onChange={(event) => update(index, { title: event.target.value })}
              />
              <SlideBody
                label={t("body", { number: index + 1 })}
                value={slide.body}
                id={`${slide.key}-body`}
                onChange={(body) => update(index, { body })}
              />
            </fieldset>
          </li>
        ))}
      </ol>
      <div>
        <Button variant="secondary" onClick={add} disabled={slides.length >= MAX_SLIDES}>
          {t("add")}
        </Button>
        {slides.length >= MAX_SLIDES ? <p className="mt-1 text-sm text-ink-muted">{t("max", { max: MAX_SLIDES })}</p> : null}
      </div>
    </div>
  );
}

function SlideBody({
  label,
  value,
  onChange,
  id,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  id: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <textarea
        id={id}
        data-field="body"
        rows={3}
        value={value}
        maxLength={SLIDE_BODY_MAX}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
      />
    </div>
  );
}
