"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { EmptyState, PageHeader, TextLink } from "@/components/ui";
import { useAuth } from "./AuthProvider";

/**
 * For admin pages (inside the signed-in layout): a member who follows a link here is told in words,
 * rather than shown a page whose every call the API refuses.
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin, user } = useAuth();
  const t = useTranslations("admin");
  if (isAdmin) return <>{children}</>;
  // The page mounts before the user record answers (RequireAuth): no verdict, and no admin call, until then.
  if (!user) return null;
  return (
    <>
      <PageHeader title={t("onlyTitle")} />
      <EmptyState title={t("only")} action={<TextLink href="/">{t("home")}</TextLink>} />
    </>
  );
}
