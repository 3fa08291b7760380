"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, type ReactNode } from "react";

import { Spinner } from "@/components/ui";
import { useAuth } from "./AuthProvider";

/** Where to go after signing in: a path of this app only (never another site). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** Renders its children for a signed-in user; sends everyone else to `/sign-in/?next=<here>`. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("shell");
  useEffect(() => {
    if (status !== "signed-out") return;
    const here = `${pathname ?? "/"}${window.location.search}`;
    router.replace(here === "/" ? "/sign-in/" : `/sign-in/?next=${encodeURIComponent(here)}`);
  }, [status, pathname, router]);
  if (status !== "signed-in") {
    return (
      <div className="flex min-h-dvh items-center justify-center text-ink-muted">
        <Spinner label={t("loadingWorkspace")} />
        <span aria-hidden="true" className="ml-2">
          {t("loadingWorkspace")}
        </span>
      </div>
    );
  }
  return <>{children}</>;
}
