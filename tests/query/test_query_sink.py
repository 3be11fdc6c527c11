"""``result_sink``: a file is written all or nothing; stdout never shows half of a JSON document."""
from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest
from query_samples import FakeResult, many_rows

from sanctions_kg.errors import QueryError
from sanctions_kg.query import result_sink, write_results
from sanctions_kg.store import QueryTimeout


def failing_after(rows: int) -> FakeResult:
    """A result that yields ``rows`` rows and then times out, as a store stream does."""
    def make():  # type: ignore[no-untyped-def]
        yield from many_rows(rows)()
        raise QueryTimeout(1)
    return FakeResult("select", ["s", "o"], make)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with result_sink("json", target, io.StringIO()) as out:
        write_results(FakeResult("select", ["s", "o"], many_rows(3)), "json", out)
    assert len(json.loads(target.read_text(encoding="utf-8"))["results"]["bindings"]) == 3
    assert leftovers(tmp_path) == ["out.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as a plain open() makes it, not 0600


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_a_failure_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_text("before\n", encoding="utf-8")
    with pytest.raises(QueryTimeout), result_sink(fmt, target, io.StringIO()) as out:
        write_results(failing_after(5000), fmt, out)
    assert target.read_text(encoding="utf-8") == "before\n"
    assert leftovers(tmp_path) == [target.name]


def test_a_failure_leaves_no_new_file(tmp_path: Path) -> None:
    with pytest.raises(QueryTimeout), result_sink("csv", tmp_path / "new.csv", io.StringIO()) as out:
        write_results(failing_after(10), "csv", out)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["missing/out.csv", ".", "file.txt/out.csv"])
def test_a_bad_path_is_refused_before_anything_runs(tmp_path: Path, where: str) -> None:
    """A missing folder, a folder, a path through a file (which even root cannot write)."""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    ran = []
    with pytest.raises(QueryError, match=r"^\[E074\] cannot write results to .*; nothing was written"), \
            result_sink("csv", tmp_path / where, io.StringIO()):
        ran.append(True)
    assert ran == [] and leftovers(tmp_path) == ["file.txt"]


@pytest.mark.parametrize("fmt", ["json", "table", "markdown"])
def test_stdout_gets_nothing_of_a_document_that_failed(fmt: str) -> None:
    stdout = io.StringIO()
    with pytest.raises(QueryTimeout), result_sink(fmt, None, stdout) as out:
        write_results(failing_after(3000), fmt, out)
    assert stdout.getvalue() == ""


def test_stdout_gets_the_whole_document_on_success() -> None:
    stdout = io.StringIO()
    with result_sink("json", None, stdout) as out:
        write_results(FakeResult("select", ["s", "o"], many_rows(20_000)), "json", out)
    assert len(json.loads(stdout.getvalue())["results"]["bindings"]) == 20_000


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_line_formats_stream_to_stdout(fmt: str) -> None:
    """``| head`` answers at once: the rows are on stdout before the result has ended."""
    stdout = io.StringIO()
    with pytest.raises(QueryTimeout), result_sink(fmt, None, stdout) as out:
        write_results(failing_after(10), fmt, out)
    lines = stdout.getvalue().splitlines()
    assert len(lines) >= 10 and "thing/9" in lines[-1]  # every line written is a whole row
