"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import type { components } from "@/api";
import { TextField } from "@/components/ui";
import { peopleInCsv } from "./csv";
import type { Person } from "./note";

export type Targets =
  | { source: "csv"; fileName: string; text: string; people: Person[] | null }
  | { source: "network"; count: number }
  | { source: "posts"; text: string };

export function emptyTargets(kind: "connection" | "engagement"): Targets {
  return kind === "engagement" ? { source: "posts", text: "" } : { source: "csv", fileName: "", text: "", people: null };
}

/** The request body that adds these targets, or null while nothing usable is chosen. */
export function targetsBody(targets: Targets): components["schemas"]["TargetsIn"] | null {
  if (targets.source === "csv") return targets.text && targets.people?.length ? { csv: targets.text } : null;
  if (targets.source === "network") return targets.count >= 1 ? { fromNetwork: targets.count } : null;
  const posts = targets.text.split("\n").map((line) => line.trim()).filter(Boolean);
  return posts.length ? { posts } : null;
}

/** Who the campaign reaches: a CSV of profiles or people suggested from the network; posts to engage with. */
export function TargetsFields({
  kind,
  value,
  onChange,
}: {
  kind: "connection" | "engagement";
  value: Targets;
  onChange: (targets: Targets) => void;
}) {
  const t = useTranslations("automation.targets");
  const fileId = useId();
  const postsId = useId();
  const [reading, setReading] = useState(false);

  if (kind === "engagement") {
    const text = value.source === "posts" ? value.text : "";
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={postsId} className="text-sm font-semibold">
          {t("posts")}
        </label>
        <textarea
          id={postsId}
          rows={4}
          value={text}
          onChange={(e) => onChange({ source: "posts", text: e.target.value })}
          aria-describedby={`${postsId}-hint`}
          className="rounded-control border border-line-strong bg-surface px-3 py-2 text-base"
        />
        <p id={`${postsId}-hint`} className="text-sm text-ink-muted">
          {t("postsHint")}
        </p>
      </div>
    );
  }

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    try {
      const text = await file.text();
      onChange({ source: "csv", fileName: file.name, text, people: peopleInCsv(text) });
    } finally {
      setReading(false);
    }
  };

  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-1 text-sm font-semibold">{t("source")}</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
        <label className="inline-flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={`${fileId}-source`}
            className="size-5"
            checked={value.source === "csv"}
            onChange={() => onChange({ source: "csv", fileName: "", text: "", people: null })}
          />
          {t("fromCsv")}
        </label>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={`${fileId}-source`}
            className="size-5"
            checked={value.source === "network"}
            onChange={() => onChange({ source: "network", count: 20 })}
          />
          {t("fromNetwork")}
        </label>
      </div>
      {value.source === "csv" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={fileId} className="text-sm font-semibold">
            {t("file")}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => void readFile(e.target.files?.[0])}
            className="text-sm file:mr-3 file:min-h-11 file:rounded-control file:border file:border-line-strong file:bg-surface file:px-4 file:font-semibold"
          />
          <p id={`${fileId}-hint`} className="text-sm text-ink-muted">
            {t("fileHint")}
          </p>
          <p role="status" className="text-sm">
            {reading
              ? t("reading")
              : value.fileName
                ? value.people === null
                  ? <span className="font-medium text-danger">{t("noUrlColumn", { file: value.fileName })}</span>
                  : t("found", { count: value.people.length, file: value.fileName })
                : null}
          </p>
        </div>
      ) : value.source === "network" ? (
        <TextField
          type="number"
          min={1}
          max={200}
          label={t("networkCount")}
          hint={t("networkHint")}
          value={String(value.count)}
          onChange={(e) => onChange({ source: "network", count: Number(e.target.value) })}
          className="max-w-xs"
        />
      ) : null}
    </fieldset>
  );
}
