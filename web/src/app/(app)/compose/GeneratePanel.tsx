"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, ProgressBar, Select, TextField } from "@/components/ui";
import { useFormat } from "@/i18n/format";

type Variant = components["schemas"]["PostVariantOut"];

const VARIANT_COUNTS = ["1", "2", "3"];

/**
 * Generate a post from a template (post type), an industry, a tone and a topic. Each variant is saved to
 * the library; one variant opens in the editor at once, several are offered side by side.
 */
export function GeneratePanel() {
  const t = useTranslations("compose.generate");
  const format = useFormat();
  const router = useRouter();
  const { user } = useAuth();
  const templates = useApiQuery("get", "/v1/ai/templates");
  const [topic, setTopic] = useState("");
  const [postType, setPostType] = useState<string | undefined>(undefined);
  const [industry, setIndustry] = useState<string | undefined>(undefined);
  const [tone, setTone] = useState(user?.tone ?? "");
  const [variants, setVariants] = useState("1");
  const [topicError, setTopicError] = useState<string | null>(null);
  const generate = useApiMutation("post", "/v1/ai/posts", {
    onSuccess: (result) => {
      const only = result.variants.length === 1 ? result.variants[0] : undefined;
      if (only?.contentId) router.push(`/compose/?id=${only.contentId}`);
    },
  });
  const chosenType = postType ?? templates.data?.postTypes[0]?.key;
  const chosenIndustry = industry ?? templates.data?.yourIndustry;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!topic.trim()) {
      setTopicError(t("topicRequired"));
      return;
    }
    setTopicError(null);
    if (!chosenType) return;
    generate.mutate({
      body: {
        topic: topic.trim(),
        postType: chosenType,
        industry: chosenIndustry ?? null,
        tone: tone.trim() || null,
        variants: Number(variants),
        regenerate: false,
        save: true,
      },
    });
  };
  const result = generate.data;
  return (
    <Card title={t("title")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-sm text-ink-muted">{t("description")}</p>
        <TextField
          label={t("topic")}
          hint={t("topicHint")}
          value={topic}
          maxLength={300}
          required
          error={topicError}
          onChange={(event) => setTopic(event.target.value)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            label={t("postType")}
            value={chosenType}
            onValueChange={setPostType}
            disabled={!templates.data}
            placeholder={t("loadingTemplates")}
            options={(templates.data?.postTypes ?? []).map((option) => ({ value: option.key, label: option.label }))}
          />
          <Select
            label={t("industry")}
            value={chosenIndustry}
            onValueChange={setIndustry}
            disabled={!templates.data}
            placeholder={t("loadingTemplates")}
            options={(templates.data?.industries ?? []).map((option) => ({ value: option.key, label: option.label }))}
          />
          <TextField
            label={t("tone")}
            hint={t("toneHint")}
            value={tone}
            maxLength={100}
            onChange={(event) => setTone(event.target.value)}
          />
          <Select
            label={t("variants")}
            value={variants}
            onValueChange={setVariants}
            options={VARIANT_COUNTS.map((n) => ({ value: n, label: t("variantCount", { count: Number(n) }) }))}
          />
        </div>
        {chosenType && templates.data ? (
          <p className="text-sm text-ink-muted">
            {templates.data.postTypes.find((option) => option.key === chosenType)?.description}
          </p>
        ) : null}
        <ErrorMessage error={templates.error} />
        <ErrorMessage error={generate.error} />
        {generate.isPending ? <ProgressBar label={t("working")} value={null} /> : null}
        <div>
          <Button type="submit" busy={generate.isPending} disabled={!chosenType}>
            {generate.isPending ? t("generating") : t("submit")}
          </Button>
        </div>
      </form>
      {result && result.variants.length > 1 ? (
        <div className="mt-6 flex flex-col gap-3" role="region" aria-label={t("resultsLabel")}>
          {result.notice ? (
            <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm text-warning">
              {t("offline")}
            </p>
          ) : null}
          <ul className="grid gap-3 md:grid-cols-2">
            {result.variants.map((variant: Variant, index: number) => (
              <li key={variant.contentId ?? index} className="flex flex-col gap-2 rounded-control border border-line p-3">
                <p className="font-semibold">{t("variant", { number: index + 1 })}</p>
                <p className="line-clamp-4 text-sm whitespace-pre-wrap">{variant.hook}</p>
                <p className="text-sm text-ink-muted">
                  {t("quality", { score: format.number(variant.quality.score) })}
                  {variant.issues.length ? ` · ${t("issues", { count: variant.issues.length })}` : ""}
                </p>
                {variant.contentId ? (
                  <Button asChild variant="secondary">
                    <Link href={`/compose/?id=${variant.contentId}`}>{t("edit", { number: index + 1 })}</Link>
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
