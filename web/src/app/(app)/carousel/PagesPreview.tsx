"use client";

import { useTranslations } from "next-intl";

import { useApiQuery } from "@/api";
import { ErrorMessage, Spinner } from "@/components/ui";
import { useBlobUrl } from "@/features/content/useBlobUrl";

function PageImage({ contentId, version, page, count }: { contentId: string; version: number; page: number; count: number }) {
  const t = useTranslations("carousel.pages");
  const image = useApiQuery(
    "get",
    "/v1/content/{content_id}/pages/{page}",
    { params: { path: { content_id: contentId, page }, query: { version } }, parseAs: "blob" },
    { staleTime: Infinity },
  );
  const url = useBlobUrl(image.data instanceof Blob ? image.data : null);
  return (
    <li className="w-40 shrink-0 snap-start sm:w-48">
      <div className="relative aspect-[1080/1350] overflow-hidden rounded-control bg-canvas ring-1 ring-line">
        {url ? (
          // a blob URL of a page the API rendered from the PDF
          <img src={url} alt={t("alt", { page, count })} className="size-full object-contain" />
        ) : image.isError ? (
          <span className="absolute inset-0 p-2 text-xs">
            <ErrorMessage error={image.error} />
          </span>
        ) : (
          <span className="absolute inset-0 flex items-center justify-center">
            <Spinner label={t("loading", { page })} />
          </span>
        )}
      </div>
      <p className="mt-1 text-center text-xs text-ink-muted">{t("caption", { page, count })}</p>
    </li>
  );
}

/** The pages of the rendered PDF as images, drawn by the API from the PDF itself. */
export function PagesPreview({ contentId, version }: { contentId: string; version: number }) {
  const t = useTranslations("carousel.pages");
  const pages = useApiQuery("get", "/v1/content/{content_id}/pages", {
    params: { path: { content_id: contentId }, query: { version } },
  });
  if (pages.isPending) return <Spinner label={t("counting")} />;
  if (pages.isError) return <ErrorMessage error={pages.error} />;
  const count = pages.data.count;
  return (
    <section aria-label={t("label")}>
      <p className="mb-2 text-sm text-ink-muted">{t("summary", { count, version })}</p>
      <ol className="flex snap-x gap-3 overflow-x-auto pb-2" tabIndex={0} aria-label={t("scroll")}>
        {Array.from({ length: count }, (_, index) => (
          <PageImage key={index} contentId={contentId} version={version} page={index + 1} count={count} />
        ))}
      </ol>
    </section>
  );
}
