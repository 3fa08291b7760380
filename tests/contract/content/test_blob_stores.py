"""The BlobStore contract on the fake, the local directory (embedded default) and S3 (moto's server)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from inergize.adapters.blobs import LocalBlobStore, S3BlobStore
from inergize.adapters.blobs.s3 import make_s3_client
from tests.fakes.blob_store import MemoryBlobStore


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    import os

    from moto.server import ThreadedMotoServer

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["fake", "local", "s3"])
async def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Any]:
    if request.param == "fake":
        yield MemoryBlobStore()
        return
    if request.param == "local":
        yield LocalBlobStore(tmp_path / "blobs")
        return
    endpoint = request.getfixturevalue("moto_endpoint")
    client = make_s3_client(region="us-east-1", endpoint_url=endpoint)
    client.create_bucket(Bucket="inergize-test")
    yield S3BlobStore(client, "inergize-test", prefix="t/")


async def test_put_get_overwrite_delete(blobs: Any) -> None:
    key = "users/u1/carousels/job.pdf"
    assert await blobs.get(key) is None
    await blobs.put(key, b"%PDF-1", content_type="application/pdf")
    assert await blobs.get(key) == b"%PDF-1"
    await blobs.put(key, b"%PDF-2", content_type="application/pdf")  # a retried job overwrites
    assert await blobs.get(key) == b"%PDF-2"
    await blobs.delete(key)
    assert await blobs.get(key) is None
    await blobs.delete(key)  # deleting twice is fine


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "a/../b", "", "a//b", "with space"])
async def test_keys_cannot_escape_the_store(blobs: Any, key: str) -> None:
    with pytest.raises(ValueError):
        await blobs.put(key, b"x", content_type="text/plain")


async def test_s3_objects_carry_their_content_type(moto_endpoint: str) -> None:
    client = make_s3_client(region="us-east-1", endpoint_url=moto_endpoint)
    client.create_bucket(Bucket="typed")
    await S3BlobStore(client, "typed").put("a.png", b"png", content_type="image/png")
    assert client.head_object(Bucket="typed", Key="a.png")["ContentType"] == "image/png"
