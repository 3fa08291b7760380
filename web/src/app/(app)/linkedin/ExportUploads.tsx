"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";

import { useApiMutation } from "@/api";
import { Button, Card, ErrorMessage, ProgressBar, useToast } from "@/components/ui";

/** Uploads of LinkedIn's own exports: the data archive (ZIP) and the creator analytics (XLSX). */
export function ExportUploads() {
  const t = useTranslations("linkedin.imports");
  const dataExport = useApiMutation("post", "/v1/linkedin/imports/data-export");
  const analytics = useApiMutation("post", "/v1/linkedin/imports/creator-analytics");
  return (
    <Card title={t("title")}>
      <p className="mb-4 text-sm text-ink-muted">{t("intro")}</p>
      <div className="grid gap-6 md:grid-cols-2">
        <UploadForm
          label={t("exportLabel")}
          hint={t("exportHint")}
          accept=".zip,application/zip"
          done={t("exportDone")}
          pending={dataExport.isPending}
          error={dataExport.error}
          send={(form, name, onDone) =>
            // The generated type names the binary part a string; the form itself is what goes out.
            dataExport.mutate({ body: { file: name }, bodySerializer: () => form }, { onSuccess: onDone })
          }
        />
        <UploadForm
          label={t("analyticsLabel")}
          hint={t("analyticsHint")}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          done={t("analyticsDone")}
          pending={analytics.isPending}
          error={analytics.error}
          send={(form, name, onDone) => analytics.mutate({ body: { file: name }, bodySerializer: () => form }, { onSuccess: onDone })}
        />
      </div>
    </Card>
  );
}

function UploadForm({
  label,
  hint,
  accept,
  done,
  pending,
  error,
  send,
}: {
  label: string;
  hint: string;
  accept: string;
  done: string;
  pending: boolean;
  error: unknown;
  send(form: FormData, name: string, onDone: () => void): void;
}) {
  const t = useTranslations("linkedin.imports");
  const toast = useToast();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setMissing(true);
    setMissing(false);
    const form = new FormData();
    form.append("file", file);
    send(form, file.name, () => {
      toast.show(done, "success");
      if (input.current) input.current.value = "";
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        aria-describedby={`${id}-hint`}
        aria-invalid={missing || undefined}
        onChange={() => setMissing(false)}
        className="rounded-control border border-line-strong bg-surface p-2 text-sm file:mr-3 file:rounded-control file:border-0 file:bg-brand-soft file:px-3 file:py-2 file:font-semibold file:text-brand-strong"
      />
      <p id={`${id}-hint`} className="text-sm text-ink-muted">
        {hint}
      </p>
      {missing ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {t("noFile")}
        </p>
      ) : null}
      {pending ? <ProgressBar label={t("uploading")} value={null} /> : null}
      <ErrorMessage error={error} />
      <div>
        <Button type="submit" variant="secondary" busy={pending}>
          {t("upload")}
        </Button>
      </div>
    </form>
  );
}
