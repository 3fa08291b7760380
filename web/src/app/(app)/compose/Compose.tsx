"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";

import { PageHeader } from "@/components/ui";
import { EditPost } from "./EditPost";
import { NewPost } from "./NewPost";

/** `/compose/` writes or generates a new post; `/compose/?id=<uuid>` edits one from the library. */
export function Compose() {
  const t = useTranslations("compose");
  const id = useSearchParams()?.get("id");
  return (
    <>
      <PageHeader title={id ? t("editTitle") : t("title")} description={t("description")} />
      {id ? <EditPost key={id} id={id} /> : <NewPost />}
    </>
  );
}
