"""The matching rules of single facts: names, sites, missile types, vote pairing."""
from __future__ import annotations

import datetime as dt

import pytest

from sanctions_kg.evaluate import (
    Designation,
    ImportCap,
    Launch,
    Representation,
    Vote,
    close_types,
    normalise_name,
    sites_match,
)


@pytest.mark.parametrize("raw, key", [
    ("Kim Su-il", "kim su il"), ("The Lazarus Group", "lazarus group"), ("Choe  Myong\tHyon", "choe myong hyon"),
    ("Ri Chang-Ho", "ri chang ho"), ("Thérèse d'Arc", "therese d arc"), ("U.S.", "u s"), ("Theodore", "theodore"),
])
def test_normalise_name(raw: str, key: str) -> None:
    assert normalise_name(raw) == key


@pytest.mark.parametrize("gold, pred, ok", [
    ("Sunan", "Sunan area of Pyongyang", True),
    ("the Sunan area of Pyongyang", "Sunan", True),
    ("waters near Sinpo, South Hamgyong Province", "Sinpo", True),
    ("Sunan", "Sinpo", False),
    ("Sunan", None, False),
    (None, "anything", True),
    (None, None, True),
])
def test_site_matches_by_token_subset(gold: str | None, pred: str | None, ok: bool) -> None:
    assert sites_match(gold, pred) is ok


def test_types_are_closed_under_ballistic() -> None:
    assert close_types(["icbm"]) == {"icbm", "ballistic"}
    assert close_types(["slbm"]) == {"slbm", "ballistic"}
    assert close_types(["cruise"]) == {"cruise"}
    assert close_types(["hypersonic", "irbm"]) == {"hypersonic", "irbm", "ballistic"}


@pytest.mark.parametrize("gold, pred, ok", [
    ({"icbm"}, {"icbm", "ballistic"}, True),      # the graph states the super-type too
    ({"ballistic", "icbm"}, {"icbm"}, True),      # gold states it, the graph implies it
    (set(), {"cruise"}, True),                    # empty gold list: not stated
    ({"ballistic"}, {"icbm"}, False),             # more specific than the text: not the same statement
    ({"icbm"}, {"ballistic"}, False),
    ({"cruise"}, {"icbm"}, False),
])
def test_launch_types_compare_after_closure(gold: set[str], pred: set[str], ok: bool) -> None:
    day = dt.date(2022, 3, 24)
    g = Launch("PRK", day, frozenset(gold))
    p = Launch("PRK", day, frozenset(pred))
    assert (g.match_score(p) is not None) is ok


def test_launch_null_gold_fields_accept_anything_but_not_the_reverse() -> None:
    full = Launch("PRK", dt.date(2022, 3, 24), frozenset({"icbm"}), 1, "Pyongyang International Airport")
    assert Launch().match_score(full) is not None
    assert full.match_score(Launch()) is None
    assert Launch("PRK", dt.date(2022, 3, 25)).match_score(full) is None  # launch dates must be equal


def test_more_specific_gold_scores_higher() -> None:
    pred = Launch("PRK", dt.date(2022, 3, 24), frozenset({"icbm"}), 1, "Sunan")
    vague, exact = Launch("PRK"), Launch("PRK", dt.date(2022, 3, 24), frozenset({"icbm"}), 1, "Sunan")
    assert exact.match_score(pred) > vague.match_score(pred)  # type: ignore[operator]


def test_designation_fields_must_agree_where_gold_states_them() -> None:
    names = frozenset({"jon il ho"})
    pred = Designation("Jon Il Ho", names, "asset_freeze", "imposed", "USA", dt.date(2022, 12, 1))
    assert Designation("Jon Il Ho", names, "asset_freeze", "imposed", None, None).match_score(pred) is not None
    assert Designation("Jon Il Ho", names, "asset_freeze", "imposed", "EU", None).match_score(pred) is None
    assert Designation("Jon Il Ho", names, "travel_ban", "imposed", "USA", None).match_score(pred) is None


def test_representation_ignores_role() -> None:
    gold = Representation("Vassily Nebenzia", frozenset({"vassily nebenzia"}), "RUS", "ambassador")
    pred = Representation("Vasily Nebenzya", frozenset({"vasily nebenzya", "vassily nebenzia"}), "RUS",
                          "permanent representative")
    assert gold.match_score(pred) is not None
    assert gold.match_score(Representation("Vassily Nebenzia", gold.names, "CHN")) is None


def test_import_cap_figures_compare_as_numbers() -> None:
    assert ImportCap("crude_oil", 4000000, 3000000.0, "barrel").match_score(
        ImportCap("crude_oil", 4000000.0, 3000000, "barrel")) is not None
    assert ImportCap("crude_oil", None, 4000000, "barrel").match_score(
        ImportCap("crude_oil", 2000000, 4000000, "barrel")) is not None


def test_vote_pairing_rules() -> None:
    day = dt.date(2024, 3, 28)
    gold = Vote("draft on the panel", date=day, outcome="not_adopted", sponsors=frozenset({"USA"}),
                concerns=frozenset({"PRK"}))
    assert gold.pair_score(Vote("r", date=day + dt.timedelta(days=1), outcome="not_adopted")) is not None
    assert gold.pair_score(Vote("r", date=day, outcome="adopted")) is None
    assert gold.pair_score(Vote("r", date=day, concerns=frozenset({"IRN"}))) is None
    assert gold.pair_score(Vote("r", outcome="not_adopted")) is None  # nothing identifies it
    same_day = gold.pair_score(Vote("r", date=day))
    next_day = gold.pair_score(Vote("r", date=day + dt.timedelta(days=1)))
    assert same_day is not None and next_day is not None and same_day > next_day
    numbered = Vote("2216", number=2216, date=dt.date(2015, 4, 14))
    assert numbered.pair_score(Vote("r", number=2216)) is not None
    assert numbered.pair_score(Vote("r", number=2217, date=dt.date(2015, 4, 14))) is None
