"""One real ``sanctions-kg serve`` for the serve tests: a subprocess on a free 127.0.0.1 port.

Its graph is built by the real pipeline from ``seeds/`` plus one hostile document (``hostile/``:
``<script>`` and ``onerror=`` in its text, title and publisher, a ``javascript:`` source URL), so
the same server proves the evidence pages and the escaping.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
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


@pytest.fixture(scope="session")
def served_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(working folder, graph.trig): seeds/ and hostile/ built by the real pipeline, paths relative."""
    from sanctions_kg.build import build
    from sanctions_kg.export import export
    from sanctions_kg.store import OxigraphStore
    warnings.filterwarnings("ignore", category=UserWarning)
    work = tmp_path_factory.mktemp("serve")
    shutil.copytree(REPO / "seeds", work / "seeds")
    shutil.copytree(HERE / "hostile", work / "hostile")
    old = Path.cwd()
    os.chdir(work)
    try:
        with OxigraphStore(None) as store:
            report = build([Path("seeds"), Path("hostile")], store)
            assert report.added == 4 and not report.failed, report
            export(store, work / "graph.trig")
    finally:
        os.chdir(old)
    return work, work / "graph.trig"


@pytest.fixture(scope="session")
def server(served_graph: tuple[Path, Path]) -> Iterator[Server]:
    """The server every serve test talks to (row cap 1000, so a test can exceed it cheaply)."""
    work, graph = served_graph
    with start_server("--graph", str(graph), "--texts", str(work), "--row-cap", "1000", cwd=work) as url:
        yield Server(url, work, graph)
