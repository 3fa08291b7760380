"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { useApiMutation, useApiQuery } from "@/api";
import { Select } from "@/components/ui";
import { GenerateForm, useBrief } from "@/features/ai/GenerateForm";
import { useFormat } from "@/i18n/format";

const SLIDE_COUNTS = ["3", "4", "5", "6", "7", "8", "9", "10"];

/** Generate a carousel: a job that plans the slides and renders the PDF, its progress shown as it runs. */
export function GenerateCarousel() {
  const t = useTranslations("carousel.generate");
  const format = useFormat();
  const router = useRouter();
  const templates = useApiQuery("get", "/v1/ai/templates");
  const brief = useBrief("carousel.generate", templates.data);
  const [slides, setSlides] = useState("5");
  const start = useApiMutation("post", "/v1/ai/carousels");
  const jobId = start.data?.id;
  const job = useApiQuery(
    "get",
    "/v1/ai/jobs/{job_id}",
    { params: { path: { job_id: jobId ?? "" } } },
    {
      enabled: Boolean(jobId),
      refetchInterval: (query) => {
        const status = query.state.data?.status;
        return status === "done" || status === "failed" ? false : 1000;
      },
    },
  );
  const made = job.data?.status === "done" ? job.data.result.contentId : undefined;
  const contentId = typeof made === "string" ? made : undefined;
  useEffect(() => {
    if (contentId) router.replace(`/carousel/?id=${contentId}`);
  }, [contentId, router]);
  const running = start.isPending || (Boolean(jobId) && job.data?.status !== "failed" && !contentId);
  const submit = () => {
    const read = brief.read();
    if (read) start.mutate({ body: { ...read, slides: Number(slides), regenerate: false } });
  };
  const progress = job.data?.progress ?? 0;
  return (
    <GenerateForm
      title={t("title")}
      description={t("description")}
      onSubmit={submit}
      errors={[templates.error, start.error, job.error]}
      busy={running}
      progress={
        jobId
          ? { label: t("working"), value: progress, valueText: t("percent", { percent: format.number(progress / 100, { style: "percent" }) }) }
          : { label: t("working") }
      }
      submitLabel={t("submit")}
    >
      {brief.topicField}
      <div className="grid gap-4 sm:grid-cols-3">
        <Select
          label={t("slides")}
          value={slides}
          onValueChange={setSlides}
          options={SLIDE_COUNTS.map((n) => ({ value: n, label: t("slideCount", { count: Number(n) }) }))}
        />
        {brief.industryField}
        {brief.toneField}
      </div>
      {job.data?.status === "failed" ? (
        <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
          {job.data.error ?? t("failed")}
        </p>
      ) : null}
    </GenerateForm>
  );
}
