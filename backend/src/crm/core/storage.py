"""Where uploaded bytes live: local disk (embedded default) or S3-compatible object storage.

Objects are written before the database row that points at them, so the transaction decides their
fate: a rollback deletes what it stored (`discard_on_rollback`), and deletions wait for the commit
(`delete_after_commit`) so a failed purge never loses bytes a live row still needs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import uuid
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import anyio
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from crm.settings import get_settings

log = logging.getLogger("crm.storage")
CHUNK = 1 << 20
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,300}$")


def check_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key or "//" in key:
        raise ValueError(f"bad storage key {key!r}")
    return key


class Storage(Protocol):
    name: str

    async def save(self, key: str, source: BinaryIO) -> None:
        """Copies `source` (a file positioned at its start) to `key`, replacing nothing half-written."""

    def read(self, key: str, start: int = 0, length: int | None = None) -> AsyncIterator[bytes]:
        """The bytes [start, start + length) in chunks."""

    async def delete(self, key: str) -> None: ...

    async def exists(self, key: str) -> bool: ...


class LocalStorage:
    """Files under a folder of the data directory, never one the web server serves."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def save(self, key: str, source: BinaryIO) -> None:
        target = self.path(key)

        def copy() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
            try:
                with open(tmp, "wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
                    out.flush()
                    os.fsync(out.fileno())
                tmp.replace(target)
            finally:
                tmp.unlink(missing_ok=True)

        await anyio.to_thread.run_sync(copy)

    async def read(self, key: str, start: int = 0, length: int | None = None) -> AsyncIterator[bytes]:
        f = await anyio.to_thread.run_sync(open, self.path(key), "rb")
        try:
            await anyio.to_thread.run_sync(f.seek, start)
            left = length
            while left is None or left > 0:
                chunk = await anyio.to_thread.run_sync(f.read, CHUNK if left is None else min(CHUNK, left))
                if not chunk:
                    break
                if left is not None:
                    left -= len(chunk)
                yield chunk
        finally:
            await anyio.to_thread.run_sync(f.close)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self.path(key).unlink(missing_ok=True))

    async def exists(self, key: str) -> bool:
        return await anyio.to_thread.run_sync(self.path(key).is_file)


class S3Storage:
    """Any S3-compatible service (AWS S3, MinIO, SeaweedFS, Ceph…); boto3 runs in worker threads."""

    name = "s3"

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None,
        region: str,
        access_key_id: str | None,
        secret_access_key: str | None,
        prefix: str = "",
    ) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5, "mode": "standard"}),
        )
        from boto3.s3.transfer import TransferConfig

        # Sequential parts: memory stays at a few chunks whatever the file size.
        self.transfer = TransferConfig(
            multipart_threshold=16 * CHUNK, multipart_chunksize=16 * CHUNK, use_threads=False
        )

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    async def save(self, key: str, source: BinaryIO) -> None:
        # A multipart upload becomes visible only when it completes, so readers never see half a file.
        await anyio.to_thread.run_sync(
            lambda: self.client.upload_fileobj(source, self.bucket, self._key(key), Config=self.transfer)
        )

    async def read(self, key: str, start: int = 0, length: int | None = None) -> AsyncIterator[bytes]:
        kwargs: dict[str, Any] = {"Bucket": self.bucket, "Key": self._key(key)}
        if start or length is not None:
            end = "" if length is None else str(start + length - 1)
            kwargs["Range"] = f"bytes={start}-{end}"
        obj = await anyio.to_thread.run_sync(lambda: self.client.get_object(**kwargs))
        body = obj["Body"]
        try:
            while True:
                chunk = await anyio.to_thread.run_sync(body.read, CHUNK)
                if not chunk:
                    break
                yield chunk
        finally:
            body.close()

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self.client.delete_object(Bucket=self.bucket, Key=self._key(key)))

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await anyio.to_thread.run_sync(lambda: self.client.head_object(Bucket=self.bucket, Key=self._key(key)))
        except ClientError:
            return False
        return True

    def ensure_bucket(self) -> None:
        from botocore.exceptions import ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)


@lru_cache
def get_storage() -> Storage:
    s = get_settings()
    if s.storage_backend == "s3":
        if not s.s3_bucket:
            raise RuntimeError("CRM_STORAGE_BACKEND=s3 needs CRM_S3_BUCKET")
        return S3Storage(
            s.s3_bucket,
            endpoint_url=s.s3_endpoint_url,
            region=s.s3_region,
            access_key_id=s.s3_access_key_id,
            secret_access_key=s.s3_secret_access_key,
            prefix=s.s3_prefix,
        )
    return LocalStorage(s.files_dir or s.data_dir / "files")


# --- tying stored objects to the transaction ---------------------------------------------------

_NEW, _GONE = "storage_new", "storage_gone"
_pending: set[asyncio.Task[None]] = set()


def discard_on_rollback(session: AsyncSession, key: str) -> None:
    session.info.setdefault(_NEW, []).append(key)


def delete_after_commit(session: AsyncSession, key: str) -> None:
    session.info.setdefault(_GONE, []).append(key)


async def _delete_all(keys: list[str]) -> None:
    storage = get_storage()
    for key in keys:
        try:
            await storage.delete(key)
        except Exception:  # a leftover object is garbage, not data loss: log and go on
            log.warning("could not delete stored object %s", key, exc_info=True)


def _schedule(keys: list[str]) -> None:
    if not keys:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_delete_all(keys))
        return
    task = loop.create_task(_delete_all(keys))
    _pending.add(task)
    task.add_done_callback(_pending.discard)


async def drain() -> None:
    """Waits for scheduled deletions (tests and shutdown)."""
    while _pending:
        await asyncio.gather(*list(_pending), return_exceptions=True)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_NEW, None)
    _schedule(session.info.pop(_GONE, []))


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_GONE, None)
    _schedule(session.info.pop(_NEW, []))
