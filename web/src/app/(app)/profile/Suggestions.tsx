"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { useApiMutation, useApiQuery, type components } from "@/api";
import { cx } from "@/components/ui";
import { GenerateForm } from "@/features/ai/GenerateForm";
import { CopyButton } from "@/features/content/CopyButton";
import { countCharacters } from "@/features/preview/post";
import { useFormat } from "@/i18n/format";

type LinkedInProfile = components["schemas"]["LinkedInProfileOut"];

function Length({ text, limit }: { text: string; limit: number }) {
  const t = useTranslations("profile.suggestions");
  const format = useFormat();
  const count = countCharacters(text);
  return (
    <span className={cx("text-sm", count > limit ? "font-semibold text-danger" : "text-ink-muted")}>
      {t("length", { count: format.number(count), limit: format.number(limit) })}
    </span>
  );
}

function Suggestion({
  title,
  current,
  children,
  footer,
}: {
  title: string;
  current?: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <section className="flex flex-col gap-2 rounded-control border border-line p-4" aria-label={title}>
      <h3 className="font-semibold">{title}</h3>
      {current}
      {children}
      <div className="flex flex-wrap items-center justify-between gap-2">{footer}</div>
    </section>
  );
}

/** AI proposals for the headline, About and skills, each within LinkedIn's limit, ready to copy. */
export function Suggestions({ current }: { current?: LinkedInProfile }) {
  const t = useTranslations("profile.suggestions");
  const templates = useApiQuery("get", "/v1/ai/templates");
  const suggest = useApiMutation("post", "/v1/ai/profile-suggestions");
  const limits = templates.data?.limits;
  const result = suggest.data;
  return (
    <GenerateForm
      title={t("title")}
      description={
        limits ? t("description", { headline: limits.headline, about: limits.about, skills: limits.skills }) : t("descriptionShort")
      }
      onSubmit={() => suggest.mutate({ body: { regenerate: Boolean(result) } })}
      errors={[templates.error, suggest.error]}
      busy={suggest.isPending}
      progress={{ label: t("working") }}
      submitLabel={result ? t("again") : t("submit")}
      after={
        result && limits ? (
          <div className="mt-4 flex flex-col gap-4" role="region" aria-label={t("resultsLabel")}>
            {result.offline ? (
              <p className="rounded-control border border-warning bg-warning-soft p-3 text-sm text-warning">{t("offline")}</p>
            ) : null}
            {result.basedOn === "account" ? <p className="text-sm text-ink-muted">{t("basedOnAccount")}</p> : null}
            {result.issues.length ? (
              <ul className="rounded-control border border-warning bg-warning-soft p-3 text-sm">
                {result.issues.map((issue) => (
                  <li key={`${issue.code}:${issue.detail}`}>{issue.detail}</li>
                ))}
              </ul>
            ) : null}
            <Suggestion
              title={t("headline")}
              current={current?.headline ? <p className="text-sm text-ink-muted">{t("currentHeadline", { text: current.headline })}</p> : null}
              footer={
                <>
                  <Length text={result.headline} limit={limits.headline} />
                  <CopyButton text={result.headline} label={t("copyHeadline")} />
                </>
              }
            >
              <p className="text-base font-medium break-words">{result.headline}</p>
            </Suggestion>
            <Suggestion
              title={t("about")}
              footer={
                <>
                  <Length text={result.about} limit={limits.about} />
                  <CopyButton text={result.about} label={t("copyAbout")} />
                </>
              }
            >
              <p className="text-sm break-words whitespace-pre-wrap">{result.about}</p>
            </Suggestion>
            <Suggestion
              title={t("skills")}
              footer={
                <>
                  <span className="text-sm text-ink-muted">
                    {t("skillCount", { count: result.skills.length, limit: limits.skills })}
                  </span>
                  <CopyButton text={result.skills.join(", ")} label={t("copySkills")} />
                </>
              }
            >
              <ul className="flex flex-wrap gap-2">
                {result.skills.map((skill) => (
                  <li key={skill} className="rounded-full bg-brand-soft px-3 py-1 text-sm font-medium text-brand-strong">
                    {skill}
                  </li>
                ))}
              </ul>
            </Suggestion>
          </div>
        ) : null
      }
    />
  );
}
