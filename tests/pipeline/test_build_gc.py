"""The objects alive once the model is loaded are kept out of the cyclic collector during a build
(``heap.long_lived_frozen``), and handed back at its end, even when the build stops early."""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from sanctions_kg import build as build_module
from sanctions_kg.build import build
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_5ae5f8acf440a4b5"


def _seed(folder: Path) -> None:
    for suffix in (".txt", ".meta.yml"):
        shutil.copy(SEED.with_name(SEED.name + suffix), folder)


def test_the_heap_is_frozen_while_documents_are_extracted_and_thawed_after(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(tmp_path)
    frozen: list[int] = []
    extract = build_module._extract

    def watching(parsed, item):
        frozen.append(gc.get_freeze_count())
        return extract(parsed, item)

    monkeypatch.setattr(build_module, "_extract", watching)
    before = gc.get_freeze_count()
    report = build([tmp_path], OxigraphStore(None), progress=False)
    assert report.added == 1 and frozen and frozen[0] > before
    assert gc.get_freeze_count() == before


def test_a_build_that_fails_midway_thaws_the_heap_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(tmp_path)
    before = gc.get_freeze_count()

    def broken(*_args, **_kwargs):
        raise KeyboardInterrupt  # a user stopping a long build: nothing must stay frozen behind it

    monkeypatch.setattr(build_module, "_flush", broken)
    with pytest.raises(KeyboardInterrupt):
        build([tmp_path], OxigraphStore(None), progress=False)
    assert gc.get_freeze_count() == before  # at once: the build closes its parse stream on the way out
