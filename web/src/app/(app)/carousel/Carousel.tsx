"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";

import { PageHeader } from "@/components/ui";
import { CarouselBuilder } from "./CarouselBuilder";
import { GenerateCarousel } from "./GenerateCarousel";

/** `/carousel/` generates a carousel; `/carousel/?id=<uuid>` edits one and previews its PDF pages. */
export function Carousel() {
  const t = useTranslations("carousel");
  const id = useSearchParams()?.get("id");
  return (
    <>
      <PageHeader title={id ? t("editTitle") : t("title")} description={t("description")} />
      {id ? <CarouselBuilder key={id} id={id} /> : <GenerateCarousel />}
    </>
  );
}
