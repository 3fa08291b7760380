"""Content in the composition root: where uploaded and generated files live (local disk or S3) and how
uploaded PDFs are read."""

from __future__ import annotations

from typing import Any

from inergize.settings import Settings


def blob_store(settings: Settings) -> Any:
    if settings.blob_backend == "s3":
        from inergize.adapters.blobs.s3 import S3BlobStore, make_s3_client

        client = make_s3_client(region=settings.s3_region, endpoint_url=settings.s3_endpoint_url)
        return S3BlobStore(client, settings.s3_bucket or "")
    from inergize.adapters.blobs.local import LocalBlobStore

    return LocalBlobStore(settings.data_dir / "blobs")


def pdf_pages() -> Any:
    from inergize.adapters.rendering.pdf_pages import PdfiumPages

    return PdfiumPages()
