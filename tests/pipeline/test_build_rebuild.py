"""An unchanged rebuild looks the content hashes up before anything loads spaCy (issue 10).

The hooks count the calls of the build's own loaders (the real functions still run), so a test
fails if a rebuild with nothing new asks for the model or the triage tokenizer.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import sanctions_kg.build as build_module
from sanctions_kg.build import build
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
FILLER = REPO / "bench" / "filler"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often ``build`` asked for the spaCy pipeline and for the triage (each call goes through)."""
    calls = {"pipeline": 0, "triage": 0}

    def counting(name: str, real):
        def call(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(build_module, "build_pipeline", counting("pipeline", build_module.build_pipeline))
    monkeypatch.setattr(build_module, "get_triage", counting("triage", build_module.get_triage))
    return calls


def _seeds(target: Path) -> Path:
    shutil.copytree(REPO / "seeds", target)
    return target


def test_an_unchanged_rebuild_does_not_load_the_model(tmp_path: Path, loads: dict[str, int]):
    folder = _seeds(tmp_path / "seeds")
    with OxigraphStore(None) as store:
        first = build([folder], store, progress=False)
        assert (first.added, loads["pipeline"], loads["triage"]) == (3, 1, 1)
        again = build([folder], store, progress=False)
        assert (again.added, again.unchanged, again.failed) == (0, 3, False)
        assert loads == {"pipeline": 1, "triage": 1}  # nothing new: neither was asked for again


def test_a_changed_file_loads_the_model_and_replaces_its_graph(tmp_path: Path, loads: dict[str, int]):
    folder = _seeds(tmp_path / "seeds")
    with OxigraphStore(None) as store:
        build([folder], store, progress=False)
        changed = sorted(folder.glob("*.txt"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
        again = build([folder], store, progress=False)
        assert (again.added, again.replaced, again.unchanged) == (1, 1, 2)
        assert loads["pipeline"] == 2


def test_new_documents_that_triage_rejects_are_stored_without_the_model(tmp_path: Path, loads: dict[str, int]):
    for name in ("usgs-volcano", "nih-hiv"):
        shutil.copy(FILLER / f"{name}.txt", tmp_path / f"{name}.txt")
    with OxigraphStore(None) as store:
        report = build([tmp_path], store, progress=False)
        assert (report.added, report.facts, report.failed) == (2, 0, False)
        assert loads == {"pipeline": 0, "triage": 1}


def test_a_warning_met_while_reading_is_said_once(tmp_path: Path):
    """New documents are read twice (hashes first, then the parse); E016 is said the first time only."""
    folder = _seeds(tmp_path / "seeds")
    meta = sorted(folder.glob("*.meta.yml"))[0]
    meta.write_text(re.sub(r"(?m)^published: .*$", "published: 0001-01-01", meta.read_text(encoding="utf-8")),
                    encoding="utf-8")
    said: list[str] = []
    with OxigraphStore(None) as store:
        report = build([folder], store, progress=False, on_error=lambda e: said.append(str(e)))
    assert report.added == 3
    assert sum("[E016]" in s for s in said) == 1 and sum("[E016]" in str(w) for w in report.warnings) == 1, said
