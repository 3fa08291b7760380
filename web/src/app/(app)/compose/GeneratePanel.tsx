"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { Button, Select } from "@/components/ui";
import { GenerateForm, useBrief } from "@/features/ai/GenerateForm";
import { useFormat } from "@/i18n/format";

type Variant = components["schemas"]["PostVariantOut"];
type Result = components["schemas"]["GeneratedPostsOut"];

const VARIANT_COUNTS = ["1", "2", "3"];

/**
 * Generate a post from a template (post type), an industry, a tone and a topic. Each variant is saved to
 * the library; one variant opens in the editor at once, several are offered side by side.
 */
export function GeneratePanel() {
  const t = useTranslations("compose.generate");
  const tc = useTranslations("common");
  const router = useRouter();
  const templates = useApiQuery("get", "/v1/ai/templates");
  const brief = useBrief("compose.generate", templates.data);
  const [postType, setPostType] = useState<string | undefined>(undefined);
  const [variants, setVariants] = useState("1");
  const generate = useApiMutation("post", "/v1/ai/posts", {
    onSuccess: (result) => {
      const only = result.variants.length === 1 ? result.variants[0] : undefined;
      if (only?.contentId) router.push(`/compose/?id=${only.contentId}`);
    },
  });
  const chosenType = postType ?? templates.data?.postTypes[0]?.key;
  const submit = () => {
    const read = brief.read();
    if (!read || !chosenType) return;
    generate.mutate({ body: { ...read, postType: chosenType, variants: Number(variants), regenerate: false, save: true } });
  };
  const result = generate.data;
  return (
    <GenerateForm
      title={t("title")}
      description={t("description")}
      onSubmit={submit}
      errors={[templates.error, generate.error]}
      busy={generate.isPending}
      progress={{ label: t("working") }}
      submitLabel={generate.isPending ? t("generating") : t("submit")}
      submitDisabled={!chosenType}
      after={result && result.variants.length > 1 ? <Drafts result={result} /> : null}
    >
      {brief.topicField}
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label={t("postType")}
          value={chosenType}
          onValueChange={setPostType}
          disabled={!templates.data}
          placeholder={tc("loading")}
          options={(templates.data?.postTypes ?? []).map((option) => ({ value: option.key, label: option.label }))}
        />
        {brief.industryField}
        {brief.toneField}
        <Select
          label={t("variants")}
          value={variants}
          onValueChange={setVariants}
          options={VARIANT_COUNTS.map((n) => ({ value: n, label: t("variantCount", { count: Number(n) }) }))}
        />
      </div>
      {chosenType && templates.data ? (
        <p className="text-sm text-ink-muted">{templates.data.postTypes.find((option) => option.key === chosenType)?.description}</p>
      ) : null}
    </GenerateForm>
  );
}

/** Several drafts side by side, each saved already and opened in the editor by its button. */
function Drafts({ result }: { result: Result }) {
  const t = useTranslations("compose.generate");
  const format = useFormat();
  return (
    <div className="mt-6 flex flex-col gap-3" role="region" aria-label={t("resultsLabel")}>
      {result.notice ? (
        <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm text-warning">{t("offline")}</p>
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
  );
}
