"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";

import type { components } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, ProgressBar, Select, TextField } from "@/components/ui";

type Templates = components["schemas"]["TemplatesOut"];

/**
 * The frame every AI form shares (post, carousel, banner, profile suggestions): what it does, its
 * fields, each failure in words, a progress bar while the AI works, and the button.
 */
export function GenerateForm({
  title,
  description,
  onSubmit,
  errors,
  busy,
  progress,
  submitLabel,
  submitDisabled,
  children,
  after,
}: {
  title: string;
  description?: ReactNode;
  onSubmit: () => void;
  /** Failures of the calls behind the form (templates, the job, its polling); empty ones show nothing. */
  errors: unknown[];
  busy: boolean;
  /** The progress bar's words while busy, and how far it is when the API says (0–100). */
  progress: { label: string; value?: number; valueText?: string };
  submitLabel: ReactNode;
  submitDisabled?: boolean;
  children?: ReactNode;
  /** What the form made, below it (several drafts, the suggestions). */
  after?: ReactNode;
}) {
  return (
    <Card title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        noValidate
        className="flex flex-col gap-4"
      >
        {description ? <p className="text-sm text-ink-muted">{description}</p> : null}
        {children}
        {errors.map((error, index) => (
          <ErrorMessage key={index} error={error} />
        ))}
        {busy ? <ProgressBar label={progress.label} value={progress.value ?? null} valueText={progress.valueText} /> : null}
        <div>
          <Button type="submit" busy={busy} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </div>
      </form>
      {after}
    </Card>
  );
}

/** What a post or a carousel is about, as the AI endpoints take it: topic, industry and tone. */
export type Brief = { topic: string; industry: string | null; tone: string | null };

/**
 * The topic, industry and tone fields with their state, labelled from `namespace` of the messages
 * (`topic`, `topicHint`, `topicRequired`, `industry`, `tone`, `toneHint`). The industry starts as the
 * caller's own and the tone as the profile's. `read()` gives the brief, or null and shows why.
 */
export function useBrief(namespace: string, templates: Templates | undefined) {
  const t = useTranslations(namespace);
  const tc = useTranslations("common");
  const { user } = useAuth();
  const [topic, setTopic] = useState("");
  const [industry, setIndustry] = useState<string | undefined>(undefined);
  // Untouched, the tone is the profile's (which may load after the form mounts).
  const [typedTone, setTone] = useState<string | null>(null);
  const tone = typedTone ?? user?.tone ?? "";
  const [topicError, setTopicError] = useState<string | null>(null);
  const chosenIndustry = industry ?? templates?.yourIndustry;
  const read = (): Brief | null => {
    if (!topic.trim()) {
      setTopicError(t("topicRequired"));
      return null;
    }
    setTopicError(null);
    return { topic: topic.trim(), industry: chosenIndustry ?? null, tone: tone.trim() || null };
  };
  const topicField = (
    <TextField
      label={t("topic")}
      hint={t("topicHint")}
      value={topic}
      maxLength={300}
      required
      error={topicError}
      onChange={(event) => setTopic(event.target.value)}
    />
  );
  const industryField = (
    <Select
      label={t("industry")}
      value={chosenIndustry}
      onValueChange={setIndustry}
      disabled={!templates}
      placeholder={tc("loading")}
      options={(templates?.industries ?? []).map((option) => ({ value: option.key, label: option.label }))}
    />
  );
  const toneField = (
    <TextField label={t("tone")} hint={t("toneHint")} value={tone} maxLength={100} onChange={(event) => setTone(event.target.value)} />
  );
  return { read, topicField, industryField, toneField };
}
