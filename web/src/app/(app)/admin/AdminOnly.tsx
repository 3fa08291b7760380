"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { isProblemCode } from "@/api";
import { useAuth } from "@/auth/AuthProvider";
import { EmptyState, PageHeader, TextLink } from "@/components/ui";

/** The admin pages for admins; a member who opens one gets a polite word and a way back, not an error. */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { isAdmin } = useAuth();
  if (!isAdmin) return <AdminsOnlyMessage title={title} />;
  return <>{children}</>;
}

export function AdminsOnlyMessage({ title }: { title: string }) {
  const t = useTranslations("admin");
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={t("onlyTitle")} description={t("onlyDescription")} action={<TextLink href="/">{t("home")}</TextLink>} />
    </>
  );
}

/** True when the API refused because the caller is not (or no longer) an admin. */
export function isAdminOnly(error: unknown): boolean {
  return isProblemCode(error, "admin_only");
}
