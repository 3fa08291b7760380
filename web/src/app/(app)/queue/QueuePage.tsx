"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { Card, PageHeader, QueryView } from "@/components/ui";
import { PauseCard } from "./PauseCard";
import { RecurringCard } from "./RecurringCard";
import { SeriesList } from "./SeriesList";
import { SlotsEditor } from "./SlotsEditor";
import { UpcomingList } from "./UpcomingList";

/** The queue: weekly time slots, pause (vacation), recurring series and what goes out next. */
export function QueuePage() {
  const t = useTranslations("queue");
  const settings = useApiQuery("get", "/v1/schedule/settings");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryView query={settings} data={settings.data}>
        {(data) => (
          <div className="grid gap-gutter md:gap-6 lg:grid-cols-2">
            <div className="flex flex-col gap-gutter md:gap-6">
              <SlotsEditor settings={data} />
              <PauseCard settings={data} />
            </div>
            <div className="flex flex-col gap-gutter md:gap-6">
              <UpcomingList />
              <RecurringCard zone={data.timezone} />
              <SeriesList />
            </div>
          </div>
        )}
      </QueryView>
    </>
  );
}
