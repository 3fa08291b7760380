"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui";

/**
 * Recovery codes, shown once: the server keeps only their hashes, so this is the person's one chance to
 * copy or download them.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("settings.security.mfa.codes");
  const [copied, setCopied] = useState(false);
  const text = `${codes.join("\n")}\n`;
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "inergize-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="flex flex-col gap-4 rounded-control border border-warning bg-warning-soft p-4">
      <div>
        <h3 className="font-semibold">{t("title")}</h3>
        <p className="mt-1 text-sm">{t("description")}</p>
      </div>
      <ul aria-label={t("title")} className="grid grid-cols-1 gap-2 font-mono text-base min-[400px]:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="rounded bg-surface px-3 py-1.5 tracking-wider">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button variant="secondary" onClick={download}>
          {t("download")}
        </Button>
        <Button onClick={onDone}>{t("done")}</Button>
      </div>
      <p role="status" className="sr-only">
        {copied ? t("copied") : ""}
      </p>
    </div>
  );
}
