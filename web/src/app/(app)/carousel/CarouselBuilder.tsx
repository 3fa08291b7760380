"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";

import { isProblemCode, useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Card, ErrorMessage, ProgressBar, QueryView, TextField, TextLink, useToast } from "@/components/ui";
import { ScheduleForm } from "@/app/(app)/compose/ScheduleForm";
import { ModerationFindings } from "@/app/(app)/compose/ModerationFindings";
import { postLength } from "@/features/preview/post";
import { useFormat } from "@/i18n/format";
import { PagesPreview } from "./PagesPreview";
import { SlidesEditor } from "./SlidesEditor";
import { slidesOf, textOf, type EditableSlide } from "./slides";

type Content = components["schemas"]["ContentOut"];

type Deck = { title: string; subtitle: string; closing: string; caption: string; slides: EditableSlide[] };

function deckOf(item: Content): Deck {
  return {
    title: item.title,
    subtitle: textOf(item.data, "subtitle"),
    closing: textOf(item.data, "closing"),
    caption: item.body,
    slides: slidesOf(item.data),
  };
}

function sameDeck(a: Deck, b: Deck): boolean {
  const plain = (d: Deck) => JSON.stringify({ ...d, slides: d.slides.map(({ title, body }) => ({ title, body })) });
  return plain(a) === plain(b);
}

/** Edit a carousel: its slides and texts; every save renders the PDF again, previewed page by page. */
export function CarouselBuilder({ id }: { id: string }) {
  const t = useTranslations("carousel");
  const content = useApiQuery("get", "/v1/content/{content_id}", { params: { path: { content_id: id } } });
  const back = <TextLink href="/library/">{t("backToLibrary")}</TextLink>;
  return (
    <QueryView
      query={content}
      data={content.data}
      errorAction={back}
      isEmpty={(item) => item.kind !== "carousel"}
      empty={{ title: t("notACarousel"), action: back }}
    >
      {(item) => <Builder item={item} />}
    </QueryView>
  );
}

function Builder({ item }: { item: Content }) {
  const t = useTranslations("carousel");
  const format = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const captionId = useId();
  const [deck, setDeck] = useState<Deck>(() => deckOf(item));
  const [base, setBase] = useState<Deck>(() => deckOf(item));
  const dirty = !sameDeck(deck, base);
  const path = { content_id: item.id };
  const versions = useApiQuery(
    "get",
    "/v1/content/{content_id}/versions",
    { params: { path } },
    // A saved edit is drawn by a background job: ask again until the new version has its file.
    { refetchInterval: (query) => (query.state.data?.items[0]?.media.length === 0 ? 1000 : false) },
  );
  const latest = versions.data?.items[0];
  const rendering = latest !== undefined && latest.media.length === 0;
  const save = useApiMutation("patch", "/v1/content/{content_id}");
  const ready = useApiMutation("post", "/v1/content/{content_id}/ready");
  const download = useApiQuery(
    "get",
    "/v1/content/{content_id}/file",
    { params: { path, query: { version: latest?.number } }, parseAs: "blob" },
    { enabled: false },
  );

  const store = (saved: Content) => {
    queryClient.setQueryData(["get", "/v1/content/{content_id}", { params: { path } }], saved);
  };
  useEffect(() => {
    if (!rendering) void queryClient.invalidateQueries({ queryKey: ["get", "/v1/content/{content_id}/pages/{page}"] });
  }, [rendering, queryClient]);

  const onSave = async () => {
    ready.reset();
    try {
      const saved = await save.mutateAsync({
        params: { path, header: { "If-Match": `"v${item.version}"` } },
        body: {
          title: deck.title,
          body: deck.caption,
          data: {
            ...item.data,
            subtitle: deck.subtitle,
            closing: deck.closing,
            slides: deck.slides.map(({ title, body }) => ({ title, body })),
            pages: deck.slides.length + 2,
          },
        },
      });
      store(saved);
      setBase(deck);
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content/{content_id}/versions"] });
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content"] });
      toast.show(t("saved"), "success");
    } catch {
      // shown by the mutation's error
    }
  };
  const onReady = async () => {
    try {
      const done = await ready.mutateAsync({ params: { path, header: { "If-Match": `"v${item.version}"` } } });
      store(done);
      toast.show(t("readyDone"), "success");
    } catch {
      // shown below
    }
    await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content/{content_id}/versions"] });
  };
  const onDownload = async () => {
    const file = await download.refetch();
    if (!(file.data instanceof Blob)) return;
    const url = URL.createObjectURL(file.data);
    const link = document.createElement("a");
    link.href = url;
    link.download = `carousel-${item.id}-v${latest?.number ?? 1}.pdf`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const isReady = item.state === "ready" && !dirty && latest?.state === "ready";
  const captionLength = postLength(deck.caption);
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
      <div className="flex min-w-0 flex-col gap-6">
        <Card title={t("deck")}>
          <div className="flex flex-col gap-4">
            <TextField label={t("deckTitle")} hint={t("deckTitleHint")} value={deck.title} maxLength={160} required onChange={(e) => setDeck({ ...deck, title: e.target.value })} />
            <TextField label={t("subtitle")} value={deck.subtitle} maxLength={200} onChange={(e) => setDeck({ ...deck, subtitle: e.target.value })} />
          </div>
        </Card>
        <Card title={t("slides.heading")}>
          <SlidesEditor slides={deck.slides} onChange={(slides) => setDeck({ ...deck, slides })} />
        </Card>
        <Card title={t("closingAndCaption")}>
          <div className="flex flex-col gap-4">
            <TextField label={t("closing")} hint={t("closingHint")} value={deck.closing} maxLength={200} onChange={(e) => setDeck({ ...deck, closing: e.target.value })} />
            <div className="flex flex-col gap-1">
              <label htmlFor={captionId} className="text-sm font-semibold">
                {t("caption")}
              </label>
              <textarea
                id={captionId}
                rows={5}
                value={deck.caption}
                aria-describedby={`${captionId}-count`}
                onChange={(e) => setDeck({ ...deck, caption: e.target.value })}
                className="rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
              />
              <p id={`${captionId}-count`} className={captionLength.over ? "text-sm font-semibold text-danger" : "text-sm text-ink-muted"}>
                {t("captionCount", { count: format.number(captionLength.count), limit: format.number(captionLength.limit) })}
              </p>
            </div>
          </div>
        </Card>
      </div>
      <div className="flex min-w-0 flex-col gap-6 xl:sticky xl:top-6 xl:self-start">
        <Card title={t("pdf")}>
          <div className="flex flex-col gap-4">
            <p className="text-sm" role="status">
              <span className="font-semibold">{t("stateLabel")}</span>{" "}
              {dirty ? t("state.unsaved") : rendering ? t("state.rendering") : isReady ? t("state.ready") : t("state.draft")}
            </p>
            {rendering ? <ProgressBar label={t("rendering")} value={null} /> : null}
            <ModerationFindings issues={dirty || !latest ? [] : latest.moderation} />
            <ErrorMessage error={save.error} />
            <ErrorMessage error={ready.error} title={isProblemCode(ready.error, "moderation_blocked") ? t("blocked") : undefined} />
            <ErrorMessage error={download.error} />
            <div className="flex flex-wrap gap-2">
              <Button onClick={onSave} busy={save.isPending} disabled={!dirty || deck.slides.length === 0}>
                {t("save")}
              </Button>
              <Button variant="secondary" onClick={onReady} busy={ready.isPending} disabled={dirty || rendering || isReady}>
                {isReady ? t("isReady") : t("markReady")}
              </Button>
              <Button variant="secondary" onClick={onDownload} busy={download.isFetching} disabled={rendering || !latest}>
                {t("download")}
              </Button>
            </div>
            {latest && !rendering ? (
              <PagesPreview contentId={item.id} version={latest.number} />
            ) : null}
          </div>
        </Card>
        <Card title={t("schedule")}>
          {isReady ? <ScheduleForm contentId={item.id} /> : <p className="text-sm text-ink-muted">{t("scheduleNotReady")}</p>}
        </Card>
      </div>
    </div>
  );
}
