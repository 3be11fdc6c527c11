"""Start a real ``oxigraph serve`` on 127.0.0.1 for tests (no mocks).

Importable outside pytest fixtures, e.g. by CLI tests::

    from store.server import start_oxigraph_server   # with tests/ on sys.path
    with start_oxigraph_server(tmp_path) as base_url:
        ...  # base_url + "/query", "/update", "/store"
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 20.0


def oxigraph_binary() -> Path | None:
    """The ``oxigraph`` server installed next to this Python (PyPI package ``oxigraph``), or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def free_port() -> int:
    """A port the kernel just considered free (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def start_oxigraph_server(tmp_path: Path, *, timeout_s: int | None = 10) -> Iterator[str]:
    """Run ``oxigraph serve`` on a free port; yield its base URL.

    Data lives in ``tmp_path/oxigraph-data``, the server log in ``tmp_path/oxigraph.log``.
    ``timeout_s`` is the server's own query time limit, so a query a test abandoned on the
    client side does not keep a CPU busy for long. Raises RuntimeError if it does not answer.
    """
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server binary is not installed (pip install oxigraph)")
    for _attempt in range(3):  # the free port can be taken between probing and binding
        process, base_url, log = _launch(binary, Path(tmp_path), timeout_s)
        try:
            if _wait_until_ready(process, base_url):
                break
        except BaseException:
            _stop(process)
            raise
        _stop(process)
    else:
        raise RuntimeError(f"oxigraph serve did not start:\n{log.read_text(errors='replace')[-2000:]}")
    try:
        yield base_url
    finally:
        _stop(process)


def _launch(binary: Path, tmp_path: Path, timeout_s: int | None) -> tuple[subprocess.Popen, str, Path]:
    location = tmp_path / "oxigraph-data"
    location.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "oxigraph.log"
    port = free_port()
    command = [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if timeout_s is not None:
        command += ["--timeout-s", str(timeout_s)]
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}", log


def _wait_until_ready(process: subprocess.Popen, base_url: str) -> bool:
    """Poll an ASK until it answers (True) or the process dies / time runs out (False)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    probe = f"{base_url}/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False


def _stop(process: subprocess.Popen) -> None:
    """Terminate; kill if it has not exited within five seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
