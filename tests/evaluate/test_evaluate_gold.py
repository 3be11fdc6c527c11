"""Reading gold files: errors, merging across documents, and the real gold files of the project."""
from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rdflib

from sanctions_kg.evaluate import (
    FAMILIES,
    EvaluationError,
    FactSet,
    facts_from_graph,
    load_gold,
    read_gold_file,
    score,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev"


def test_empty_directory_is_e040(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"^\[E040\]"):
        load_gold(tmp_path)
    with pytest.raises(EvaluationError, match=r"^\[E040\]"):
        load_gold(tmp_path / "missing")


@pytest.mark.parametrize("text, reason", [
    ("{not json", "JSONDecodeError"),
    ('{"votes": [{"positions": {"CHN": "yes"}}]}', "position 'yes'"),
    ('{"launches": [{"date": "26 May 2022"}]}', "ValueError"),
    ('{"designations": [{"aliases": []}]}', "KeyError"),
])
def test_malformed_gold_file_is_e041(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "bad.gold.json").write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"^\[E041\] .*bad\.gold\.json") as info:
        load_gold(tmp_path)
    assert reason in str(info.value)


def _two_reports(gold_doc: Callable) -> dict[str, dict[str, Any]]:
    """Two reports of the same vote and launch, as in seeds 000 and 003: each knows something the other doesn't."""
    vote = {"resolution": "US draft", "date": "2022-05-26", "sponsor": ["USA"], "concerns": ["PRK"],
            "outcome": "not_adopted", "in_favour": 13, "against": 2, "abstentions": None,
            "positions": {"CHN": "against"}, "vetoed_by": ["CHN"]}
    other = {**vote, "resolution": "US resolution on North Korea", "against": None, "abstentions": 0,
             "positions": {"CHN": "against", "RUS": "against"}, "vetoed_by": ["CHN", "RUS"]}
    return {
        "x": gold_doc("x.txt", votes=[vote],
                      launches=[{"by": "PRK", "date": "2022-05-25", "missile_types": ["ballistic", "icbm"],
                                 "count": 3, "site": None}]),
        "y": gold_doc("y.txt", votes=[other],
                      launches=[{"by": "PRK", "date": None, "missile_types": ["icbm"], "count": 3,
                                 "site": "Sunan"}]),
    }


@pytest.mark.parametrize("names", [("a", "b"), ("b", "a")])
def test_identical_facts_count_once_others_stay_apart(basic_graph: rdflib.Graph, write_gold: Callable,
                                                      gold_doc: Callable, names: tuple[str, str]) -> None:
    """As in the reference: only facts equal in every stated field merge, whatever the reading order."""
    files = _two_reports(gold_doc)
    gold = load_gold(write_gold(**{names[0]: files["x"], names[1]: files["y"]}))
    assert gold.counts() == {"positions": 2, "vetoes": 2, "tallies": 2, "designations": 0, "launches": 2,
                             "caps": 0, "represents": 0, "blocks": 0}
    chn = next(p for p in gold.positions if p.actor == {"CHN"})
    assert set(chn.docs) == {"x.txt", "y.txt"}  # stated by both (x twice: its veto is a vote against too)
    assert {t.counts() for t in gold.tallies} == {(13, 2, None), (13, None, 0)}
    report = score(gold, facts_from_graph(basic_graph))
    for family, counts in {"positions": (2, 3, 0), "vetoes": (2, 0, 0), "tallies": (2, 2, 0),
                           "launches": (2, 1, 0)}.items():
        found = report.family(family)
        assert (found.tp, found.fp, found.fn) == counts, family


@pytest.mark.parametrize("second, merged", [
    ({}, True),                                    # the same launch twice in one text counts once
    ({"count": 3}, False),
    ({"date": "2016-02-07"}, False),
    ({"site": "Sinpo"}, False),                    # the site is not compared, but makes it another fact
    ({"missile_types": ["srbm", "ballistic"]}, False),
])
def test_only_equal_gold_facts_merge(write_gold: Callable, gold_doc: Callable, second: dict[str, Any],
                                     merged: bool) -> None:
    launch = {"by": "PRK", "date": None, "missile_types": ["srbm"], "count": 2, "site": None}
    gold = load_gold(write_gold(t=gold_doc(launches=[launch, {**launch, **second}])))
    assert len(gold.launches) == (1 if merged else 2)


def _reference_counts(folder: Path) -> dict[str, int]:
    """Gold facts per family as the reference scorer counts them (its module, loaded from ../shared)."""
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = module.load_gold(folder)
    return {family: len(module.dedup_gold(gold[family], fn)) for family, fn in module.MATCH.items()}


@pytest.mark.parametrize("folder", [SEEDS, DEV])
def test_gold_counts_equal_the_reference(folder: Path) -> None:
    assert folder.is_dir(), f"{folder} is missing: ../shared must sit beside the repository"
    gold = load_gold(folder)
    assert len(gold.files) == len(list(folder.glob("*.gold.json")))
    assert gold.counts() == _reference_counts(folder)


def test_seed_gold_files_load_with_sane_counts() -> None:
    assert SEEDS.is_dir(), f"{SEEDS} is missing: ../shared must sit beside the repository"
    gold = load_gold(SEEDS)
    # 000 and 003 report the same vetoed vote: the same positions and vetoes (counted once), but two
    # tallies, because each states counts the other does not.
    assert gold.counts() == {"positions": 2, "vetoes": 2, "tallies": 2, "designations": 6, "launches": 4,
                             "caps": 2, "represents": 2, "blocks": 2}
    assert all(len(v.docs) == 2 for v in gold.vetoes)
    assert {t.date for t in gold.tallies} == {dt.date(2022, 5, 26)}


def test_every_gold_veto_is_also_a_vote_against() -> None:
    assert DEV.is_dir(), f"{DEV} is missing: ../shared must sit beside the repository"
    gold = load_gold(DEV)
    assert gold.vetoes
    positions = {(p.actor, p.position, p.date) for p in gold.positions}
    assert all((v.actor, "against", v.date) in positions for v in gold.vetoes)


@pytest.mark.parametrize("folder", [SEEDS, DEV, SHARED])
def test_real_gold_scored_against_itself_is_perfect(folder: Path) -> None:
    """The matching rules must at least recognise the gold facts themselves, one to one."""
    assert folder.is_dir(), f"{folder} is missing: ../shared must sit beside the repository"
    gold = load_gold(folder)
    predicted = FactSet(*(gold.family(name) for name in FAMILIES))
    report = score(gold, predicted)
    assert report.micro.tp == sum(gold.counts().values())
    assert (report.micro.fp, report.micro.fn) == (0, 0)


def test_read_gold_file_keeps_each_document_separate() -> None:
    assert SEEDS.is_dir(), f"{SEEDS} is missing: ../shared must sit beside the repository"
    facts = read_gold_file(SEEDS / "000_5ae5f8acf440a4b5.gold.json")
    assert len(facts.votes) == 1 and facts.votes[0].docs == ("000_5ae5f8acf440a4b5.txt",)
    assert len(facts.designations) == 4 and len(facts.caps) == 2
    assert len(facts.tallies) == 1 and facts.tallies[0].docs == ("000_5ae5f8acf440a4b5.txt",)
