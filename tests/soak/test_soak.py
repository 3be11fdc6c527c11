"""Soak (issue 11, item 7): 2,000 generated documents built into a real ``oxigraph serve`` while 8
readers query it, with a server restart in the middle; then a second build, which must converge.

Marked ``soak``: not in the default run (``scripts/test -m soak`` runs it, in a few minutes). What it
saw is written to ``bench/soak.json``: documents stored, queries answered, errors by kind.
"""
from __future__ import annotations

import json
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from sanctions_kg.build import build
from sanctions_kg.errors import SanctionsKGError
from sanctions_kg.namespace import SKG
from sanctions_kg.store import EndpointStore
from sanctions_kg.store.http import NetworkPolicy
from store.server import _stop, _wait_until_ready, free_port, oxigraph_binary

pytestmark = pytest.mark.soak

DOCUMENTS = 2_000
READERS = 8
DEADLINE_S = 1_500
REPO = Path(__file__).resolve().parents[2]
COUNTRIES = ["China", "Russia", "France", "the United Kingdom", "the United States"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
COUNT_DOCS = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d a <{SKG.Document}> }}"


def _text(i: int) -> str:
    """A short report of a vote, different for every ``i`` (so every document has its own content)."""
    a, b = COUNTRIES[i % 5], COUNTRIES[(i // 5) % 5]
    day, month, number = 1 + i % 28, MONTHS[(i // 28) % 10], 2000 + i
    return (f"{a} vetoed a draft resolution on {day} {month} 2022 in the Security Council. "
            f"The draft would have renewed the sanctions regime established by resolution {number}. "
            f"{b} abstained. North Korea fired {1 + i % 4} ballistic missiles on {day} {month} 2022.\n")


def _serve(location: Path, port: int) -> subprocess.Popen:
    binary = oxigraph_binary()
    assert binary is not None, "the oxigraph server binary is not installed"
    process = subprocess.Popen([str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    assert _wait_until_ready(process, f"http://127.0.0.1:{port}"), "oxigraph serve did not start"
    return process


def _reader(base: str, stop: threading.Event, answered: Counter, errors: Counter) -> None:
    store = EndpointStore(f"{base}/query", policy=NetworkPolicy(connect_timeout=2, read_timeout=10, retries=3,
                                                                backoff=0.2))
    while not stop.is_set():
        try:
            list(store.query(COUNT_DOCS, timeout=None))
            answered["queries"] += 1
        except SanctionsKGError as exc:
            errors[str(exc)[:6]] += 1
            time.sleep(0.2)


def test_build_under_readers_and_a_restart_converges(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(DOCUMENTS):
        (corpus / f"d{i:05d}.txt").write_text(_text(i), encoding="utf-8")
    port, location = free_port(), tmp_path / "data"
    base = f"http://127.0.0.1:{port}"
    server = _serve(location, port)
    stop, answered, errors = threading.Event(), Counter(), Counter()
    readers = [threading.Thread(target=_reader, args=(base, stop, answered, errors), daemon=True)
               for _ in range(READERS)]
    for reader in readers:
        reader.start()
    writer = EndpointStore(f"{base}/query", f"{base}/update", policy=NetworkPolicy(retries=3, backoff=0.2))
    outcome: dict[str, object] = {}

    def first_build() -> None:
        try:
            outcome["first"] = build([corpus], writer, validate=False)
        except SanctionsKGError as exc:
            outcome["first_error"] = str(exc)[:200]

    started = time.monotonic()
    builder = threading.Thread(target=first_build, daemon=True)
    builder.start()
    while _stored(writer) < DOCUMENTS // 2 and builder.is_alive() and time.monotonic() - started < DEADLINE_S:
        time.sleep(1)
    _stop(server)  # the restart in the middle of the build
    server = _serve(location, port)
    builder.join(timeout=DEADLINE_S)
    second = build([corpus], writer, validate=False)  # the user runs build again
    stop.set()
    for reader in readers:
        reader.join(timeout=30)
    stored = _stored(writer)
    _stop(server)
    record = {"documents": DOCUMENTS, "stored": stored, "readers": READERS, "queries_answered": answered["queries"],
              "reader_errors": dict(errors), "first_build_error": outcome.get("first_error"),
              "second_build_added": second.added, "seconds": round(time.monotonic() - started, 1)}
    (REPO / "bench" / "soak.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    assert stored == DOCUMENTS, record
    assert not second.failed and answered["queries"] > 0, record


def _stored(store: EndpointStore) -> int:
    try:
        rows = list(store.query(COUNT_DOCS))
    except SanctionsKGError:
        return 0
    return int(rows[0]["n"].toPython()) if rows else 0
