"""Extraction quality floors, measured with the scorer on the gold files in ../shared.

Scored strictly, as the reference scorer does (a vote's date is part of each of its positions, vetoes
and tally). The dev floors record the level reached on all 60 texts of ../shared/corpus/dev, built with
SHACL validation on; they only ever go up.
Raise them when the extractor improves; never lower them to make a change pass.
"""
from __future__ import annotations

import pytest

from sanctions_kg.evaluate import evaluate

SEED_MICRO_FLOOR = 1.0
DEV_MICRO_FLOOR = 0.97
DEV_FAMILY_FLOORS = {
    "positions": 0.98, "vetoes": 0.98, "tallies": 0.94, "designations": 0.98,
    "launches": 0.98, "caps": 0.98, "represents": 0.92, "blocks": 0.98,
}


@pytest.fixture(scope="module")
def dev_store(shared):
    from sanctions_kg.build import build
    from sanctions_kg.store import OxigraphStore
    store = OxigraphStore(None)
    report = build([shared / "corpus" / "dev"], store)
    assert not report.failed, report
    yield store
    store.close()


def test_seed_micro_f1(seed_store, shared):
    report = evaluate(shared / "seeds", seed_store)
    assert report.micro.f1 >= SEED_MICRO_FLOOR, report.micro


def test_dev_micro_f1(dev_store, shared):
    report = evaluate(shared / "corpus" / "dev", dev_store)
    assert report.micro.f1 >= DEV_MICRO_FLOOR, report.micro


def test_dev_every_family(dev_store, shared):
    report = evaluate(shared / "corpus" / "dev", dev_store)
    scores = {s.family: s.f1 for s in report.families}
    assert set(scores) == set(DEV_FAMILY_FLOORS)
    low = {f: round(scores[f], 3) for f, floor in DEV_FAMILY_FLOORS.items() if scores[f] < floor}
    assert not low, low
