"""Reading gold files: errors, merging across documents, and the real gold files of the project."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rdflib

from sanctions_kg.evaluate import EvaluationError, FactSet, facts_from_graph, load_gold, read_gold_file, score

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


def _seed_like_files(gold_doc: Callable) -> dict[str, dict[str, Any]]:
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
def test_cross_document_gold_merges_and_counts_once(basic_graph: rdflib.Graph, write_gold: Callable,
                                                    gold_doc: Callable, names: tuple[str, str]) -> None:
    files = _seed_like_files(gold_doc)
    gold = load_gold(write_gold(**{names[0]: files["x"], names[1]: files["y"]}))  # both reading orders
    assert len(gold.votes) == 1 and len(gold.launches) == 1
    vote, launch = gold.votes[0], gold.launches[0]
    assert (vote.against, vote.abstentions, set(vote.docs)) == (2, 0, {"x.txt", "y.txt"})
    assert vote.positions == (("CHN", "against"), ("RUS", "against")) and vote.vetoed_by == {"CHN", "RUS"}
    assert (launch.date, launch.count, launch.site) == (dt.date(2022, 5, 25), 3, "Sunan")
    report = score(gold, facts_from_graph(basic_graph))
    assert (report.family("vetoes").tp, report.family("vetoes").fn) == (2, 0)
    assert (report.family("tallies_outcomes").tp, report.family("tallies_outcomes").fn) == (1, 0)
    assert (report.family("launches").tp, report.family("launches").fn) == (1, 0)


def test_facts_of_one_document_never_merge(write_gold: Callable, gold_doc: Callable) -> None:
    launch = {"by": "PRK", "date": None, "missile_types": ["srbm"], "count": 2, "site": None}
    gold = load_gold(write_gold(t=gold_doc(launches=[launch, launch])))
    assert len(gold.launches) == 2


def test_contradicting_or_unidentified_reports_stay_apart(write_gold: Callable, gold_doc: Callable) -> None:
    vote = {"resolution": None, "date": None, "sponsor": [], "concerns": ["PRK"], "outcome": "adopted",
            "in_favour": 15, "against": 0, "abstentions": 0, "positions": {}, "vetoed_by": []}
    numbered = {**vote, "resolution": "2270", "date": "2016-03-02"}
    launch = {"by": "PRK", "date": None, "missile_types": ["ballistic"], "count": None, "site": None}
    dated = {**launch, "missile_types": [], "date": "2016-02-07"}
    gold = load_gold(write_gold(a=gold_doc("a.txt", votes=[vote], launches=[launch]),
                                b=gold_doc("b.txt", votes=[numbered], launches=[dated]),
                                c=gold_doc("c.txt", launches=[{**launch, "date": "2016-02-07", "count": 2},
                                                              {**launch, "site": "Sinpo"}])))
    # An undated, unnumbered vote shares no identity with resolution 2270; likewise the undated launch.
    assert len(gold.votes) == 2
    # c's dated launch merges with b's (same date, types not stated in b); c's "Sinpo" one shares nothing.
    assert len(gold.launches) == 3


def test_seed_gold_files_load_with_sane_counts() -> None:
    assert SEEDS.is_dir(), f"{SEEDS} is missing: ../shared must sit beside the repository"
    gold = load_gold(SEEDS)
    assert len(gold.files) == 3
    # 000 and 003 report the same vetoed vote and the same ICBM launch: each counts once.
    assert gold.counts() == {"votes": 1, "vote_positions": 2, "vetoes": 2, "tallies_outcomes": 1,
                             "designations": 6, "launches": 3, "import_caps": 2, "representation": 2,
                             "blocks": 2}
    vote = gold.votes[0]
    assert (vote.date, vote.in_favour, vote.against, vote.abstentions) == (dt.date(2022, 5, 26), 13, 2, None)
    assert len(vote.docs) == 2
    merged = [x for x in gold.launches if len(x.docs) == 2]
    assert len(merged) == 1 and (merged[0].date, merged[0].site, merged[0].count) == (dt.date(2022, 5, 25),
                                                                                      "Sunan", 3)


def test_dev_gold_files_load_with_sane_counts() -> None:
    assert DEV.is_dir(), f"{DEV} is missing: ../shared must sit beside the repository"
    gold = load_gold(DEV)
    assert len(gold.files) == 18
    # un-002 and w-010 report the same veto of 28 March 2024; w-001+w-006 and dm-027+w-002 each share a
    # launch; Nebenzia, Haley, Kim Jong Un and Kishida appear in two files each.
    assert gold.counts() == {"votes": 8, "vote_positions": 21, "vetoes": 1, "tallies_outcomes": 8,
                             "designations": 30, "launches": 10, "import_caps": 2, "representation": 15,
                             "blocks": 2}
    veto_vote = next(v for v in gold.votes if v.vetoed_by)
    assert len(veto_vote.docs) == 2 and dict(veto_vote.positions)["CHN"] == "abstention"


@pytest.mark.parametrize("folder", [SEEDS, DEV, SHARED])
def test_real_gold_scored_against_itself_is_perfect(folder: Path) -> None:
    """The matching rules must at least recognise the gold facts themselves, one to one."""
    assert folder.is_dir(), f"{folder} is missing: ../shared must sit beside the repository"
    gold = load_gold(folder)
    predicted = FactSet(gold.votes, gold.designations, gold.launches, gold.import_caps, gold.representation,
                        gold.blocks)
    report = score(gold, predicted)
    assert report.micro.tp == sum(v for k, v in gold.counts().items() if k != "votes")
    assert (report.micro.fp, report.micro.fn) == (0, 0)


def test_read_gold_file_keeps_each_document_separate() -> None:
    assert SEEDS.is_dir(), f"{SEEDS} is missing: ../shared must sit beside the repository"
    facts = read_gold_file(SEEDS / "000_5ae5f8acf440a4b5.gold.json")
    assert len(facts.votes) == 1 and facts.votes[0].docs == ("000_5ae5f8acf440a4b5.txt",)
    assert len(facts.designations) == 4 and len(facts.import_caps) == 2
