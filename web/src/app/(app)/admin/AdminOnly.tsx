"use client";

import { useTranslations } from "next-intl";

import { isProblemCode } from "@/api";
import { EmptyState, PageHeader, TextLink } from "@/components/ui";

/**
 * What an admin page shows when the API refuses it after all (the role was taken away while the page
 * was open): the same polite words as RequireAdmin, not an error.
 */
export function AdminsOnlyMessage() {
  const t = useTranslations("admin");
  return (
    <>
      <PageHeader title={t("onlyTitle")} />
      <EmptyState title={t("only")} action={<TextLink href="/">{t("home")}</TextLink>} />
    </>
  );
}

/** True when the API refused an admin route: on these routes a refusal means "not (or no longer) an admin". */
export function isAdminOnly(error: unknown): boolean {
  return isProblemCode(error, "forbidden") || isProblemCode(error, "admin_only");
}
