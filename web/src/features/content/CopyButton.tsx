"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button, useToast } from "@/components/ui";

/** Copies `text` to the clipboard and says so (or says it could not, where the browser refuses). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("copy");
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.show(t("done"), "success");
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.show(t("failed"), "error");
    }
  };
  return (
    <Button variant="secondary" onClick={copy} aria-label={label}>
      {copied ? t("copied") : t("copy")}
    </Button>
  );
}
