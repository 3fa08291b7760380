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

/**
 * Renders its children for a signed-in user; sends everyone else to `/sign-in/?next=<here>`. The page is
 * mounted (so its queries start) as soon as the session has a token, and shown once the user record is
 * there too: dates are then drawn in the profile's zone from the first paint, and nothing mounts twice.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, hasSession } = useAuth();
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("shell");
  useEffect(() => {
    if (status !== "signed-out") return;
    const here = `${pathname ?? "/"}${window.location.search}`;
    router.replace(here === "/" ? "/sign-in/" : `/sign-in/?next=${encodeURIComponent(here)}`);
  }, [status, pathname, router]);
  const ready = status === "signed-in";
  return (
    <>
      {ready ? null : (
        <div className="flex min-h-dvh items-center justify-center text-ink-muted">
          <Spinner label={t("loadingWorkspace")} />
          <span aria-hidden="true" className="ml-2">
            {t("loadingWorkspace")}
          </span>
        </div>
      )}
      {hasSession ? <div style={{ display: ready ? "contents" : "none" }}>{children}</div> : null}
    </>
  );
}
