"""The build options of the scale work on the command line: --no-triage and --scheduler."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from cli.runner import run

FILLER = Path(__file__).resolve().parents[2] / "bench" / "filler"


def test_triage_skips_unrelated_news_and_no_triage_parses_it(tmp_path: Path):
    for name in ("usgs-volcano", "nih-hiv"):
        shutil.copy(FILLER / f"{name}.txt", tmp_path / f"{name}.txt")
    triaged = run("build", ".", "--store", "a", cwd=tmp_path, check=0)
    assert re.search(r"\b2 added, 0 replaced, 0 unchanged, 0 facts\b", triaged.stderr), triaged.stderr
    again = run("build", ".", "--store", "a", cwd=tmp_path, check=0)
    assert re.search(r"\b0 added, 0 replaced, 2 unchanged\b", again.stderr), again.stderr
    full = run("build", ".", "--store", "b", "--no-triage", cwd=tmp_path, check=0)
    assert re.search(r"\b2 added\b", full.stderr), full.stderr


def test_a_malformed_scheduler_is_E061(tmp_path: Path):
    shutil.copy(FILLER / "nih-hiv.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("Russia vetoed the draft resolution.\n", encoding="utf-8")
    result = run("build", ".", "--store", "s", "--scheduler", "local:0", cwd=tmp_path, check=1)
    assert "[E061]" in result.stderr
