"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { isProblemCode, useApiMutation, useApiQuery, type components } from "@/api";
import { preview } from "@/components/schedule/publication";
import { Button, Card, Dialog, ErrorMessage, QueryView, useToast } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Series = components["schemas"]["SeriesOut"];

/** The recurring series made so far: how many posts, how many to come and the next; stop one as a whole. */
export function SeriesList() {
  const t = useTranslations("queue.series");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const series = useApiQuery("get", "/v1/schedule/recurring");
  const [stopping, setStopping] = useState<Series | null>(null);
  const stop = useApiMutation("delete", "/v1/schedule/recurring/{series_id}", {
    onSettled: () =>
      Promise.all(
        ["/v1/schedule/recurring", "/v1/schedule/calendar"].map((path) => queryClient.invalidateQueries({ queryKey: ["get", path] })),
      ),
  });

  return (
    <Card title={t("title")}>
      <QueryView query={series} data={series.data} empty={{ title: t("empty"), description: t("emptyHint") }}>
        {(list) => (
          <ul className="flex flex-col divide-y divide-line" aria-label={t("title")}>
            {list.map((s, index) => (
              <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">
                    {t("counts", { total: s.total, toCome: s.toCome, published: s.published })}
                  </p>
                  <p className="text-ink-muted">
                    {s.nextDue
                      ? t("next", { when: format.dateTime(s.nextDue), text: preview(s.nextText ?? "", 50) })
                      : t("finished", { when: format.dateTime(s.lastDue) })}
                  </p>
                </div>
                {s.toCome > 0 ? (
                  <Button variant="secondary" aria-label={t("stopNumbered", { number: index + 1 })} onClick={() => setStopping(s)}>
                    {t("stop")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {isProblemCode(stop.error, "precondition_failed") ? (
        <p role="alert" className="mt-3 rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
          {t("changed")}
        </p>
      ) : (
        <ErrorMessage error={stop.error} className="mt-3" />
      )}
      <Dialog
        open={stopping !== null}
        onOpenChange={(open) => (open ? undefined : setStopping(null))}
        title={t("stopTitle")}
        description={t("stopDescription", { count: stopping?.toCome ?? 0 })}
        closeLabel={t("keep")}
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setStopping(null)}>
            {t("keep")}
          </Button>
          <Button
            variant="danger"
            busy={stop.isPending}
            onClick={() => {
              if (!stopping) return;
              const { id: seriesId, version } = stopping;
              setStopping(null);
              // As last read: a post of the series changed meanwhile is refused (412), said in words, and the
              // list read again.
              stop.mutate(
                { params: { path: { series_id: seriesId }, header: { "If-Match": `"v${version}"` } } },
                { onSuccess: () => toast.show(t("stopped"), "success") },
              );
            }}
          >
            {t("stopYes")}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}
