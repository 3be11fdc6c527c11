"""Starting a real ``sanctions-kg serve`` in a subprocess on a free 127.0.0.1 port (``--port 0``)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
START_TIMEOUT = 60


@dataclass(frozen=True)
class Server:
    """A running server: its base URL (ending in ``/``), its working folder and graph file."""

    url: str
    work: Path
    graph: Path


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANCTIONS_KG_")}
    env.update(LC_ALL="C.UTF-8", NO_COLOR="1")
    return env


@contextmanager
def start_server(*args: str, cwd: Path) -> Iterator[str]:
    """Run ``sanctions-kg serve --port 0 ARGS``; yield its base URL once it answers; stop it after."""
    log = cwd / f"serve-{time.monotonic_ns()}.log"
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "sanctions_kg.cli", "serve", "--port", "0", *args],
                                cwd=cwd, env=server_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
    try:
        yield _wait_for_url(proc, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _wait_for_url(proc: subprocess.Popen, log: Path) -> str:
    """The URL from the server's first stderr line, after it answers a request (bounded wait)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}: {log.read_text()}")
        for line in log.read_text().splitlines():
            if "serving http://" in line:
                url = line.split("serving ", 1)[1].split()[0]
                try:
                    urllib.request.urlopen(url + "views", timeout=5).read()
                    return url
                except (urllib.error.URLError, OSError):
                    break
        time.sleep(0.1)
    proc.kill()
    pytest.fail(f"serve did not start within {START_TIMEOUT} s: {log.read_text()}")
