"""Bad input files: every good file is still built, each bad one gets one line, the exit code says so."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli.runner import COUNT_DOCUMENTS, SEED_NAMES, copy_seeds, count, run

MAX_BYTES = 3000  # the seeds are 2.2-2.4 kB

BAD_FILES = {  # file name -> (bytes written, code expected on its stderr line, the file the line names)
    "empty.txt": (b"", "E002", "empty.txt"),
    "binary.txt": (b"Security Council\x00\x01\x02 vote", "E003", "binary.txt"),
    "latin1.txt": ("Le Conseil de s\u00e9curit\u00e9 a vot\u00e9.".encode("latin-1"), "E004", "latin1.txt"),
    "oversize.txt": (b"The Security Council voted. " * 200, "E005", "oversize.txt"),
}
BAD_META = {  # document stem -> (.meta.yml text, code, the file the line names)
    "badyaml": ("title: [never closed\npublished: 2022-05-27\n", "E006", "badyaml.meta.yml"),
    "baddate": ("title: A title\npublished: 2022-13-45\n", "E007", "baddate.meta.yml"),
}


def _mixed_corpus(folder: Path) -> Path:
    copy_seeds(folder, SEED_NAMES[:2])
    for name, (data, _code, _named) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    for stem, (meta, _code, _named) in BAD_META.items():
        (folder / f"{stem}.txt").write_text("China and Russia vetoed the resolution.\n", encoding="utf-8")
        (folder / f"{stem}.meta.yml").write_text(meta, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("mixed")
    _mixed_corpus(work / "corpus")
    result = run("build", "corpus", "--max-bytes", str(MAX_BYTES), "-o", "out.ttl", cwd=work)
    return work, result


def test_a_mixed_corpus_exits_1_and_writes_the_good_documents(mixed_build):
    work, result = mixed_build
    assert result.returncode == 1, result.stderr
    assert (work / "out.ttl").is_file()
    assert count(COUNT_DOCUMENTS, "--graph", "out.ttl", cwd=work) == 2
    assert re.search(r"\b2 added\b", result.stderr), result.stderr


def test_one_stderr_line_per_bad_file_naming_file_and_reason(mixed_build):
    _, result = mixed_build
    lines = [line for line in result.stderr.splitlines() if line.startswith("sanctions-kg:")]
    expected = [(code, named) for _, code, named in (*BAD_FILES.values(), *BAD_META.values())]
    assert len(lines) == len(expected), result.stderr
    for code, named in expected:
        hits = [line for line in lines if f"[{code}]" in line and named in line]
        assert len(hits) == 1, (code, named, result.stderr)
    empty = next(line for line in lines if "[E002]" in line)
    assert "warning" in empty
    assert all("error" in line for line in lines if line is not empty)
    assert "Traceback" not in result.stderr


def test_no_replacement_characters_in_the_output_graph(mixed_build):
    work, _ = mixed_build
    text = (work / "out.ttl").read_bytes().decode("utf-8")
    assert "\ufffd" not in text
    assert "s\u00e9curit" not in text  # the latin-1 document was refused, not guessed


def test_all_good_documents_exit_0(tmp_path: Path):
    copy_seeds(tmp_path / "corpus", SEED_NAMES[:2])
    result = run("build", "corpus", "-o", "out.ttl", cwd=tmp_path, check=0)
    assert "error" not in result.stderr
    assert count(COUNT_DOCUMENTS, "--graph", "out.ttl", cwd=tmp_path) == 2


def test_an_empty_file_alone_is_a_warning_and_exits_0(tmp_path: Path):
    copy_seeds(tmp_path / "corpus", SEED_NAMES[:1])
    (tmp_path / "corpus" / "empty.txt").write_bytes(b"")
    result = run("build", "corpus", "-o", "out.ttl", cwd=tmp_path, check=0)
    assert re.search(r"warning: \[E002\] .*empty\.txt", result.stderr), result.stderr
    assert count(COUNT_DOCUMENTS, "--graph", "out.ttl", cwd=tmp_path) == 1


def test_a_directory_without_documents_is_e008_exit_1(tmp_path: Path):
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.md").write_text("not a document")
    result = run("build", "nothing", "-o", "out.ttl", cwd=tmp_path, check=1)
    assert "[E008]" in result.stderr and "nothing" in result.stderr


def test_a_missing_path_is_e001_and_the_other_paths_are_still_built(tmp_path: Path):
    copy_seeds(tmp_path / "corpus", SEED_NAMES[:1])
    result = run("build", "missing", "corpus", "-o", "out.ttl", cwd=tmp_path, check=1)
    assert "[E001]" in result.stderr and "missing" in result.stderr
    assert count(COUNT_DOCUMENTS, "--graph", "out.ttl", cwd=tmp_path) == 1


def test_an_unknown_output_format_fails_before_the_build(tmp_path: Path):
    copy_seeds(tmp_path / "corpus", SEED_NAMES[:1])
    result = run("build", "corpus", "-o", "out.xyz", cwd=tmp_path, check=1)
    assert "[E030]" in result.stderr
    assert not list(tmp_path.glob("*out.xyz*"))


@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["build"],
    ["build", "corpus", "--no-such-option"],
    ["build", "corpus", "--max-bytes", "lots"],
    ["build", "corpus", "--max-bytes", "0"],
    ["build", "corpus", "--n-process", "0"],
    ["build", "corpus", "--batch-size", "-3"],
    ["query", "--store", "store"],
    ["query", "cq1", "--store", "store", "--timeout", "-1"],
    ["query", "cq1", "--store", "store", "--format", "xml"],
    ["export", "--store", "store"],
    ["remove", "--store", "store"],
    ["validate", "--unknown"],
], ids=lambda a: " ".join(a) or "no-args")
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]):
    result = run(*args, cwd=tmp_path, check=2)
    assert "usage" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "store").exists()
