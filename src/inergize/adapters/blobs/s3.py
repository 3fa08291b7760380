"""Blobs in an S3 bucket (AWS or any S3-compatible endpoint) via boto3, in a worker thread."""

from __future__ import annotations

import asyncio
from typing import Any

from inergize.adapters.blobs.local import check_key


class S3BlobStore:
    def __init__(self, client: Any, bucket: str, *, prefix: str = "") -> None:
        self._client = client
        self._bucket = bucket
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return self._prefix + check_key(key)

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        await asyncio.to_thread(
            self._client.put_object,
            Bucket=self._bucket,
            Key=self._key(key),
            Body=data,
            ContentType=content_type,
        )

    def _get(self, key: str) -> bytes | None:
        try:
            answer = self._client.get_object(Bucket=self._bucket, Key=self._key(key))
        except self._client.exceptions.NoSuchKey:
            return None
        return bytes(answer["Body"].read())

    async def get(self, key: str) -> bytes | None:
        return await asyncio.to_thread(self._get, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._client.delete_object, Bucket=self._bucket, Key=self._key(key))


def make_s3_client(*, region: str, endpoint_url: str | None) -> Any:
    import boto3

    return boto3.client("s3", region_name=region, endpoint_url=endpoint_url)
