"""write_results streams: rows are pulled as they are written and memory stays bounded."""
from __future__ import annotations

import json
import tracemalloc

import pytest
from query_samples import ID, SKG, FakeResult, many_rows

from sanctions_kg.query import CHUNK_ROWS, run_query, write_results

ROWS = 50_000
PEAK_LIMIT = 4 * 1024 * 1024  # 50,000 rows held as rdflib terms take about 20 MB


class LagSink:
    """A text sink that keeps nothing but counts lines and the largest lead of pulled over written rows."""

    def __init__(self, result: FakeResult, header_lines: int) -> None:
        self.result = result
        self.lines = -header_lines
        self.max_lead = 0
        self.head = ""

    def write(self, text: str) -> int:
        if len(self.head) < 200:
            self.head += text[:200]
        self.max_lead = max(self.max_lead, self.result.pulled - max(self.lines, 0))
        self.lines += text.count("\n")
        return len(text)


@pytest.mark.parametrize("fmt, header_lines, lead", [("csv", 1, 1), ("json", 0, 1), ("table", 2, CHUNK_ROWS)])
def test_rows_are_pulled_only_as_they_are_written(fmt: str, header_lines: int, lead: int) -> None:
    """CSV and JSON pull one row per row written; the table one chunk ahead at most."""
    result = FakeResult("select", ["s", "o"], many_rows(ROWS))
    sink = LagSink(result, header_lines)
    write_results(result, fmt, sink)  # type: ignore[arg-type]
    assert result.pulled == ROWS
    assert sink.max_lead <= lead


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_fifty_thousand_rows_use_bounded_memory(fmt: str) -> None:
    result = FakeResult("select", ["s", "o"], many_rows(ROWS))
    sink = LagSink(result, 0)
    tracemalloc.start()
    try:
        write_results(result, fmt, sink)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.pulled == ROWS
    assert peak < PEAK_LIMIT, f"{fmt}: peak {peak / 1e6:.1f} MB"


def test_a_large_real_result_streams_through(store: object, tmp_path: object) -> None:
    """224 × 224 = 50,176 rows from a cross product, written as JSON to a file and read back."""
    body = " ".join(f"<{ID}n/{i}> <{SKG}n> {i} ." for i in range(224))
    run_query(store, f"INSERT DATA {{ {body} }}", allow_update=True)  # into the default graph queries read
    result = run_query(store, "SELECT ?a ?b { ?a skg:n ?x . ?b skg:n ?y }", timeout=300)
    path = tmp_path / "big.json"  # type: ignore[operator]
    tracemalloc.start()
    try:
        with open(path, "w", encoding="utf-8") as out:
            write_results(result, "json", out)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.1f} MB"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["head"]["vars"] == ["a", "b"]
    assert len(document["results"]["bindings"]) == 224 * 224
