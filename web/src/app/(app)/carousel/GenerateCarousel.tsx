"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";

import { useApiMutation, useApiQuery } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, ProgressBar, Select, TextField } from "@/components/ui";
import { useFormat } from "@/i18n/format";

const SLIDE_COUNTS = ["3", "4", "5", "6", "7", "8", "9", "10"];

/** Generate a carousel: a job that plans the slides and renders the PDF, its progress shown as it runs. */
export function GenerateCarousel() {
  const t = useTranslations("carousel.generate");
  const format = useFormat();
  const router = useRouter();
  const { user } = useAuth();
  const templates = useApiQuery("get", "/v1/ai/templates");
  const [topic, setTopic] = useState("");
  const [slides, setSlides] = useState("5");
  const [industry, setIndustry] = useState<string | undefined>(undefined);
  const [tone, setTone] = useState(user?.tone ?? "");
  const [topicError, setTopicError] = useState<string | null>(null);
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
  const chosenIndustry = industry ?? templates.data?.yourIndustry;
  const running = start.isPending || (Boolean(jobId) && job.data?.status !== "failed" && !contentId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!topic.trim()) {
      setTopicError(t("topicRequired"));
      return;
    }
    setTopicError(null);
    start.mutate({
      body: {
        topic: topic.trim(),
        slides: Number(slides),
        industry: chosenIndustry ?? null,
        tone: tone.trim() || null,
        regenerate: false,
      },
    });
  };
  const progress = job.data?.progress ?? 0;
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
        <div className="grid gap-4 sm:grid-cols-3">
          <Select
            label={t("slides")}
            value={slides}
            onValueChange={setSlides}
            options={SLIDE_COUNTS.map((n) => ({ value: n, label: t("slideCount", { count: Number(n) }) }))}
          />
          <Select
            label={t("industry")}
            value={chosenIndustry}
            onValueChange={setIndustry}
            disabled={!templates.data}
            placeholder={t("loading")}
            options={(templates.data?.industries ?? []).map((option) => ({ value: option.key, label: option.label }))}
          />
          <TextField label={t("tone")} hint={t("toneHint")} value={tone} maxLength={100} onChange={(event) => setTone(event.target.value)} />
        </div>
        <ErrorMessage error={templates.error} />
        <ErrorMessage error={start.error} />
        <ErrorMessage error={job.error} />
        {job.data?.status === "failed" ? (
          <p role="alert" className="rounded-control border border-danger bg-danger-soft p-3 text-sm text-danger">
            {job.data.error ?? t("failed")}
          </p>
        ) : null}
        {running ? (
          <ProgressBar
            label={t("working")}
            value={jobId ? progress : null}
            valueText={jobId ? t("percent", { percent: format.number(progress / 100, { style: "percent" }) }) : undefined}
          />
        ) : null}
        <div>
          <Button type="submit" busy={running}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
