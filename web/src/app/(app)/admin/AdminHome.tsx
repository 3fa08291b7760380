"use client";

import { useTranslations } from "next-intl";

import { Card, PageHeader, TextLink } from "@/components/ui";
import { RequireAdmin } from "@/auth/RequireAdmin";

/** Where the administration pages are. */
export function AdminHome() {
  const t = useTranslations("admin");
  const tn = useTranslations("nav");
  return (
    <RequireAdmin>
      <PageHeader title={tn("admin")} description={t("description")} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={tn("adminUsers")}>
          <p className="mb-2 text-sm text-ink-muted">{t("usersHint")}</p>
          <TextLink href="/admin/users/">{t("openUsers")}</TextLink>
        </Card>
        <Card title={tn("adminAudit")}>
          <p className="mb-2 text-sm text-ink-muted">{t("auditHint")}</p>
          <TextLink href="/admin/audit/">{t("openAudit")}</TextLink>
        </Card>
      </div>
    </RequireAdmin>
  );
}
