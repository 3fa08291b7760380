"use client";

import { useTranslations } from "next-intl";

import { PublicFrame } from "./(public)/PublicFrame";
import { TextLink } from "@/components/ui";

export function NotFound() {
  const t = useTranslations("notFound");
  return (
    <PublicFrame>
      <div className="flex flex-col gap-4">
        <h1 className="text-display font-bold">{t("title")}</h1>
        <p>{t("description")}</p>
        <TextLink href="/" className="self-start">
          {t("home")}
        </TextLink>
      </div>
    </PublicFrame>
  );
}
