"""Blob stores: a local directory (the embedded default) and S3 (or any S3-compatible store) via boto3."""

from inergize.adapters.blobs.local import LocalBlobStore
from inergize.adapters.blobs.s3 import S3BlobStore

__all__ = ["LocalBlobStore", "S3BlobStore"]
