"use client";

import { useTranslations } from "next-intl";

import { StateBadge } from "@/components/schedule/StateBadge";
import { preview, type Publication } from "@/components/schedule/publication";
import { Button, Card, EmptyState, Spinner, cx } from "@/components/ui";
import { useFormat } from "@/i18n/format";

/**
 * The posts of the visible dates as a list: what a screen reader or a phone uses instead of the grid,
 * each opening the same details as a click in the calendar.
 */
export function PublicationList({
  items,
  loading,
  selected,
  onOpen,
  onSchedule,
}: {
  items: Publication[];
  loading: boolean;
  selected: string | null;
  onOpen(id: string): void;
  onSchedule(): void;
}) {
  const t = useTranslations("calendar");
  const ts = useTranslations("schedule");
  const format = useFormat();
  return (
    <Card title={t("listTitle")}>
      {loading ? (
        <Spinner label={t("loading")} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t("listEmpty")}
          description={t("listEmptyHint")}
          action={
            <Button variant="secondary" onClick={onSchedule}>
              {t("schedule")}
            </Button>
          }
        />
      ) : (
        <ul className="-mx-2 flex flex-col">
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => onOpen(p.id)}
                aria-current={selected === p.id ? "true" : undefined}
                className={cx(
                  "flex w-full flex-col gap-1 rounded-control px-2 py-2 text-left hover:bg-canvas sm:flex-row sm:items-center sm:gap-3",
                  selected === p.id && "bg-brand-soft",
                )}
              >
                <time dateTime={p.dueAt} className="shrink-0 text-sm font-semibold sm:w-44">
                  {format.dateTime(p.dueAt, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                </time>
                <span className="min-w-0 flex-1 truncate">{preview(p.text) || ts("untitled")}</span>
                <StateBadge publication={p} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
