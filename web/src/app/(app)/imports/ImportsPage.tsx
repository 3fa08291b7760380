"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";

import { useApiMutation, useApiQuery } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { Button, Card, ErrorMessage, PageHeader, ProgressBar, Spinner, TextLink, useToast } from "@/components/ui";
import { browserTimeZone, useFormat } from "@/i18n/format";
import { saveFile, templateCsv } from "./download";

type RowProblem = { line: number; reason: string };

/** Bulk scheduling from a CSV (progress while the import job runs, the rows it refused by line) and export. */
export function ImportsPage() {
  const t = useTranslations("imports");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-gutter md:gap-6">
        <UploadCard />
        <ExportCard />
      </div>
    </>
  );
}

function UploadCard() {
  const t = useTranslations("imports.upload");
  const { user } = useAuth();
  const zone = user?.timezone || browserTimeZone();
  const queryClient = useQueryClient();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const start = useApiMutation("post", "/v1/schedule/imports");
  const progress = useApiQuery(
    "get",
    "/v1/schedule/imports/{import_id}",
    { params: { path: { import_id: importId ?? "" } } },
    {
      enabled: importId !== null,
      refetchInterval: (query) => (query.state.data && query.state.data.state !== "running" ? false : 1_000),
    },
  );
  const job = progress.data;
  const finished = job !== undefined && job.state !== "running";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMissing(true);
    setMissing(false);
    setImportId(null);
    const form = new FormData();
    form.append("file", file);
    start.mutate(
      // The generated type names the binary part a string; the form itself is what goes out.
      { body: { file: file.name }, bodySerializer: () => form },
      {
        onSuccess: (answer) => {
          setImportId(answer.id);
          void queryClient.invalidateQueries({ queryKey: ["get", "/v1/schedule/calendar"] });
        },
      },
    );
  };

  const reset = () => {
    setImportId(null);
    start.reset();
    if (input.current) input.current.value = "";
    input.current?.focus();
  };

  const problems: RowProblem[] = (job?.errors ?? []).map((e) => ({ line: Number(e.line ?? 0), reason: String(e.reason ?? "") }));
  const example = "2030-01-14 09:00";

  return (
    <Card title={t("title")}>
      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-2 text-sm">
          <p>{t("intro")}</p>
          <ul className="ml-5 list-disc space-y-1">
            <li>{t("columnText")}</li>
            <li>{t("columnTime", { example, zone })}</li>
            <li>{t("columnMedia")}</li>
          </ul>
          <div>
            <Button
              variant="secondary"
              onClick={() => saveFile(new Blob([templateCsv(example)], { type: "text/csv;charset=utf-8" }), "inergize-schedule-template.csv")}
            >
              {t("template")}
            </Button>
          </div>
        </div>

        {importId === null || !finished ? (
          <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
            <div className="flex flex-col gap-1">
              <label htmlFor={fileId} className="text-sm font-semibold">
                {t("file")}
              </label>
              <input
                ref={input}
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${fileId}-hint${missing ? ` ${fileId}-error` : ""}`}
                aria-invalid={missing || undefined}
                onChange={() => setMissing(false)}
                className="rounded-control border border-line-strong bg-surface p-2 text-sm file:mr-3 file:rounded-control file:border-0 file:bg-brand-soft file:px-3 file:py-2 file:font-semibold file:text-brand-strong"
              />
              <p id={`${fileId}-hint`} className="text-sm text-ink-muted">
                {t("fileHint")}
              </p>
              {missing ? (
                <p id={`${fileId}-error`} role="alert" className="text-sm font-medium text-danger">
                  {t("noFile")}
                </p>
              ) : null}
            </div>
            <ErrorMessage error={start.error} />
            <div>
              <Button type="submit" busy={start.isPending || (importId !== null && !finished)}>
                {t("submit")}
              </Button>
            </div>
          </form>
        ) : null}

        {importId !== null && !finished ? (
          job ? (
            <ProgressBar
              label={t("progress")}
              value={job.totalRows > 0 ? job.processedRows : null}
              max={Math.max(job.totalRows, 1)}
              valueText={job.totalRows > 0 ? t("progressValue", { done: job.processedRows, total: job.totalRows }) : t("starting")}
            />
          ) : progress.isError ? (
            <ErrorMessage error={progress.error} />
          ) : (
            <Spinner label={t("starting")} />
          )
        ) : null}

        {job && finished ? (
          <div className="flex flex-col gap-3">
            <div role="status" className="flex flex-col gap-1">
              {job.state === "failed" ? (
                <p className="font-semibold text-danger">{t("failed")}</p>
              ) : (
                <p className="font-semibold">{t("done", { imported: job.imported })}</p>
              )}
              {job.state !== "failed" ? (
                <p className="text-sm">{problems.length ? t("doneWithErrors", { count: problems.length }) : t("allGood")}</p>
              ) : null}
            </div>
            {problems.length ? <ProblemTable problems={problems} /> : null}
            <div className="flex flex-wrap gap-3">
              <Button variant="secondary" onClick={reset}>
                {t("again")}
              </Button>
              {job.imported > 0 ? (
                <TextLink href="/calendar/" className="self-center">
                  {t("seeCalendar")}
                </TextLink>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function ProblemTable({ problems }: { problems: RowProblem[] }) {
  const t = useTranslations("imports.upload");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-control border border-line">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-semibold">
          {t("errorsTitle")}
          <span className="sr-only"> — {t("errorsCaption")}</span>
        </caption>
        <thead className="bg-canvas">
          <tr>
            <th scope="col" className="w-20 px-3 py-2">
              {t("line")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("problem")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {problems.map((p, index) => (
            <tr key={`${p.line}-${index}`}>
              <th scope="row" className="px-3 py-2 font-semibold tabular-nums">
                {p.line > 0 ? format.number(p.line) : t("wholeFile")}
              </th>
              <td className="px-3 py-2">{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExportCard() {
  const t = useTranslations("imports.export");
  const toast = useToast();
  const download = useApiMutation("get", "/v1/schedule/export");
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-ink-muted">{t("description")}</p>
      <ErrorMessage error={download.error} className="mb-3" />
      <Button
        variant="secondary"
        busy={download.isPending}
        onClick={() =>
          download.mutate(
            { parseAs: "blob" },
            {
              onSuccess: (file) => {
                // the API types the CSV as text; parseAs "blob" hands it over as a Blob
                saveFile(file as unknown as Blob, "inergize-schedule.csv");
                toast.show(t("done"), "success");
              },
            },
          )
        }
      >
        {t("download")}
      </Button>
    </Card>
  );
}
