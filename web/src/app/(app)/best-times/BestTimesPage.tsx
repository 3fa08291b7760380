"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { useApiQuery, type components } from "@/api";
import { Card, PageHeader, QueryView } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Recommendation = components["schemas"]["RecommendationOut"];

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const TOP = 5;

/**
 * The recommended times with their explanations, and every hour of the week as a heat map. The map is
 * an HTML table (a CSS grid of cells, no chart library): screen readers read it as rows and columns,
 * each cell saying its day, hour and rate.
 */
export function BestTimesPage() {
  const t = useTranslations("bestTimes");
  const week = useApiQuery("get", "/v1/schedule/recommendations", { params: { query: { top: 168 } } });
  const zone = week.data?.timezone ?? "";
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { zone })} />
      <QueryView query={week} data={week.data?.items} empty={{ title: t("empty") }}>
        {(items) => (
          <div className="flex flex-col gap-gutter md:gap-6">
            <TopTimes items={items.slice(0, TOP)} />
            <HeatMap items={items} zone={zone} />
          </div>
        )}
      </QueryView>
    </>
  );
}

function TopTimes({ items }: { items: Recommendation[] }) {
  const t = useTranslations("bestTimes");
  const tw = useTranslations("weekdays");
  const format = useFormat();
  const percent = (rate: number) => format.number(rate, { style: "percent", maximumFractionDigits: 1 });
  return (
    <Card title={t("top")}>
      <ol className="flex flex-col divide-y divide-line">
        {items.map((r, index) => (
          <li key={`${r.weekday}-${r.hour}`} className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
            <p className="shrink-0 font-semibold sm:w-48">
              <span className="mr-2 text-ink-muted">{index + 1}.</span>
              {tw(String(r.weekday) as (typeof WEEKDAYS)[number])} {t("hour", { hour: String(r.hour).padStart(2, "0") })}
            </p>
            <div className="flex flex-col gap-1 text-sm">
              <p>
                <span className="font-semibold">{t("expected", { rate: percent(r.expectedRate) })}</span>
                <span className="text-ink-muted"> · {t("ownShare", { share: percent(r.ownWeight) })}</span>
              </p>
              <p className="text-ink-muted">{r.explanation}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function HeatMap({ items, zone }: { items: Recommendation[]; zone: string }) {
  const t = useTranslations("bestTimes");
  const tw = useTranslations("weekdays");
  const ts = useTranslations("weekdaysShort");
  const format = useFormat();
  const { byCell, low, high } = useMemo(() => {
    const map = new Map(items.map((r) => [`${r.weekday}-${r.hour}`, r.expectedRate]));
    const rates = items.map((r) => r.expectedRate);
    return { byCell: map, low: Math.min(...rates), high: Math.max(...rates) };
  }, [items]);
  const shade = (rate: number) => (high > low ? (rate - low) / (high - low) : 0.5);
  const percent = (rate: number) => format.number(rate, { style: "percent", maximumFractionDigits: 1 });
  return (
    <Card title={t("heatTitle")}>
      {/* On a phone the week is wider than the screen: the keyboard can scroll it too. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("heatTitle")}>
        <table className="w-full min-w-[40rem] table-fixed border-separate border-spacing-0.5 text-xs">
          <caption className="mb-2 text-left text-sm text-ink-muted">{t("heatCaption", { zone })}</caption>
          <thead>
            <tr>
              <td className="w-12" />
              {HOURS.map((hour) => (
                <th key={hour} scope="col" className="font-normal text-ink-muted">
                  <abbr title={t("hour", { hour: String(hour).padStart(2, "0") })} className="no-underline">
                    {hour}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day}>
                <th scope="row" className="pr-1 text-left font-semibold">
                  <abbr title={tw(day)} className="no-underline">
                    {ts(day)}
                  </abbr>
                </th>
                {HOURS.map((hour) => {
                  const rate = byCell.get(`${day}-${hour}`) ?? low;
                  const level = shade(rate);
                  return (
                    <td
                      key={hour}
                      title={t("cell", { day: tw(day), hour: String(hour).padStart(2, "0"), rate: percent(rate) })}
                      className="h-7 rounded-sm"
                      // The brand colour at an opacity by rate; the value itself is the cell's text for readers.
                      style={{ background: `color-mix(in srgb, var(--color-brand) ${Math.round(8 + level * 84)}%, var(--color-surface))` }}
                    >
                      <span className="sr-only">{percent(rate)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex items-center gap-2 text-xs text-ink-muted" aria-hidden="true">
        <span>{t("legendLow")}</span>
        <span
          className="h-3 w-32 rounded-sm"
          style={{ background: "linear-gradient(to right, color-mix(in srgb, var(--color-brand) 8%, var(--color-surface)), var(--color-brand))" }}
        />
        <span>{t("legendHigh")}</span>
      </div>
    </Card>
  );
}
