"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { useApiMutation, useApiQuery } from "@/api";
import { Button, Card, ErrorMessage, PageHeader, Select, Spinner, TextField } from "@/components/ui";
import { GenerateForm } from "@/features/ai/GenerateForm";
import { useBlobUrl } from "@/features/content/useBlobUrl";

const DEFAULT_BRAND = { primary: "#0A66C2", background: "#FFFFFF", text: "#1D2226" };
type BrandKey = keyof typeof DEFAULT_BRAND;

function ColourField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <span className="flex items-center gap-2">
        <input
          id={id}
          type="color"
          value={value.toLowerCase()}
          onChange={(event) => onChange(event.target.value.toUpperCase())}
          className="h-11 w-16 cursor-pointer rounded-control border border-line-strong bg-surface p-1"
        />
        <span className="font-mono text-sm text-ink-muted">{value}</span>
      </span>
    </div>
  );
}

/** The banner of `/banner/?id=`, as LinkedIn's 1584×396 image, scaled to the width with its ratio kept. */
function BannerImage({ id }: { id: string }) {
  const t = useTranslations("banner");
  const tc = useTranslations("common");
  const content = useApiQuery("get", "/v1/content/{content_id}", { params: { path: { content_id: id } } });
  const file = useApiQuery(
    "get",
    "/v1/content/{content_id}/file",
    { params: { path: { content_id: id } }, parseAs: "blob" },
    { enabled: content.data?.kind === "banner", retry: false },
  );
  const url = useBlobUrl(file.data as Blob | undefined);
  if (content.isError) return <ErrorMessage error={content.error} />;
  if (content.data && content.data.kind !== "banner") return <p>{t("notABanner")}</p>;
  return (
    <Card title={content.data ? t("previewOf", { title: content.data.title }) : t("preview")}>
      <div className="flex flex-col gap-3">
        <div className="relative aspect-[1584/396] w-full overflow-hidden rounded-control bg-canvas ring-1 ring-line">
          {url ? (
            // a blob URL of the API's PNG
            <img src={url} alt={t("alt", { title: content.data?.title ?? "" })} className="size-full object-contain" />
          ) : file.isError ? null : (
            <span className="absolute inset-0 flex items-center justify-center">
              <Spinner label={tc("loading")} />
            </span>
          )}
        </div>
        <ErrorMessage error={file.error} />
        <p className="text-sm text-ink-muted">{t("sizeNote")}</p>
        {url ? (
          <div>
            <Button asChild variant="secondary">
              <a href={url} download={`banner-${id}.png`}>
                {t("download")}
              </a>
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

/** Generate a LinkedIn profile banner (1584×396 PNG) from a headline or a topic, in brand colours. */
export function Banner() {
  const t = useTranslations("banner");
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useSearchParams()?.get("id") ?? null;
  const templates = useApiQuery("get", "/v1/ai/templates");
  const [headline, setHeadline] = useState("");
  const [subline, setSubline] = useState("");
  const [topic, setTopic] = useState("");
  const [template, setTemplate] = useState("gradient");
  const [brand, setBrand] = useState(DEFAULT_BRAND);
  const [aiBackground, setAiBackground] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const generate = useApiMutation("post", "/v1/ai/banners", {
    onSuccess: async (banner) => {
      await queryClient.invalidateQueries({ queryKey: ["get", "/v1/content"] });
      router.replace(`/banner/?id=${banner.contentId}`);
    },
  });
  const submit = () => {
    if (!headline.trim() && !topic.trim()) {
      setFormError(t("needHeadlineOrTopic"));
      return;
    }
    setFormError(null);
    generate.mutate({
      body: {
        headline: headline.trim() || null,
        subline: subline.trim() || null,
        topic: topic.trim(),
        template,
        brand,
        aiBackground,
      },
    });
  };
  const setColour = (key: BrandKey) => (value: string) => setBrand((b) => ({ ...b, [key]: value }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        {id ? <BannerImage key={id} id={id} /> : null}
        <GenerateForm
          title={id ? t("another") : t("formTitle")}
          onSubmit={submit}
          errors={[generate.error]}
          busy={generate.isPending}
          progress={{ label: t("working") }}
          submitLabel={t("submit")}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <TextField
              label={t("headline")}
              hint={t("headlineHint")}
              value={headline}
              maxLength={80}
              error={formError}
              onChange={(event) => setHeadline(event.target.value)}
            />
            <TextField label={t("subline")} hint={t("sublineHint")} value={subline} maxLength={120} onChange={(event) => setSubline(event.target.value)} />
            <TextField label={t("topic")} hint={t("topicHint")} value={topic} maxLength={300} onChange={(event) => setTopic(event.target.value)} />
            <Select
              label={t("template")}
              value={template}
              onValueChange={setTemplate}
              options={(templates.data?.bannerTemplates ?? ["gradient", "split", "minimal"]).map((value) => ({
                value,
                label: t.has(`templates.${value}`) ? t(`templates.${value}`) : value,
              }))}
            />
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-semibold">{t("colours")}</legend>
            <div className="flex flex-wrap gap-6">
              <ColourField label={t("primary")} value={brand.primary} onChange={setColour("primary")} />
              <ColourField label={t("background")} value={brand.background} onChange={setColour("background")} />
              <ColourField label={t("text")} value={brand.text} onChange={setColour("text")} />
            </div>
          </fieldset>
          <label className="flex min-h-11 items-center gap-3 text-sm">
            <input
              type="checkbox"
              checked={aiBackground}
              onChange={(event) => setAiBackground(event.target.checked)}
              className="size-5"
            />
            {t("aiBackground")}
          </label>
        </GenerateForm>
      </div>
    </>
  );
}
