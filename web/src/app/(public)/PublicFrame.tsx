"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

import { Logo } from "@/components/shell/Logo";
import type { ReactNode } from "react";

export function PublicFrame({ children }: { children: ReactNode }) {
  const t = useTranslations();
  return (
    <div className="flex min-h-dvh flex-col items-center px-gutter py-8 sm:justify-center sm:py-12">
      <a
        href="#main"
        className="sr-only z-50 rounded-control bg-surface px-4 py-2 font-semibold text-brand shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="mb-6 flex flex-col items-center gap-1 text-center">
        <Link href="/" className="flex items-center gap-2 rounded-control text-2xl font-bold text-brand-strong">
      <Logo className="size-9" />
          {t("app.name")}
        </Link>
        <p className="text-sm text-ink-muted">{t("app.tagline")}</p>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="w-full max-w-md rounded-card border border-line bg-surface p-gutter shadow-sm focus:outline-none sm:p-8"
      >
        {children}
      </main>
    </div>
  );
}
