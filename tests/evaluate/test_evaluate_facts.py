"""The matching rules of single facts: names, sites, missile types, dates, null fields."""
from __future__ import annotations

import datetime as dt

import pytest

from sanctions_kg.evaluate import (
    Block,
    Designation,
    ImportCap,
    Launch,
    Representation,
    Tally,
    Veto,
    VotePosition,
    close_types,
    name_match,
    normalise_name,
    sites_match,
)

DAY = dt.date(2024, 3, 28)
PRK, USA, CHN = frozenset({"PRK"}), frozenset({"USA"}), frozenset({"CHN"})


def _days(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


@pytest.mark.parametrize("raw, key", [
    ("Kim Su-il", "kim su il"), ("The Lazarus Group", "lazarus group"), ("Choe  Myong\tHyon", "choe myong hyon"),
    ("Ri Chang-Ho", "ri chang ho"), ("Thérèse d'Arc", "therese d arc"), ("U.S.", "u s"), ("Theodore", "theodore"),
])
def test_normalise_name(raw: str, key: str) -> None:
    assert normalise_name(raw) == key


@pytest.mark.parametrize("gold, pred, ok", [
    ({"Kim Su-il"}, {"Kim Su Il"}, True),                       # punctuation and case
    ({"The Lazarus Group"}, {"Lazarus"}, True),                 # "the" and "group" are noise
    ({"Vassily Nebenzia"}, {"Vasily Nebenzya", "Vassily Nebenzia"}, True),  # any label
    ({"Kim Jong Un"}, {"Kim"}, False),                          # containment needs more than 3 letters
    ({"Korea Mining Development Trading Corporation"}, {"Korea Mining Development Trading"}, True),
    ({"Kim Jong Un"}, {"Kim Yo Jong"}, False),                  # 2 shared words of 4: below 0.6
    (set(), {"anything"}, False),
])
def test_names_match_like_the_reference(gold: set[str], pred: set[str], ok: bool) -> None:
    assert name_match(gold, pred) is ok


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
    ({"icbm"}, set(), True),                      # nothing predicted about the type: no contradiction
    ({"ballistic"}, {"icbm"}, True),              # an ICBM is a ballistic missile (the reference's rule)
    ({"icbm"}, {"ballistic"}, False),             # less specific than the text
    ({"cruise"}, {"icbm"}, False),
])
def test_launch_types_share_one_after_closure(gold: set[str], pred: set[str], ok: bool) -> None:
    g = Launch(PRK, DAY, frozenset(gold))
    p = Launch(PRK, DAY, frozenset(pred))
    assert g.matches(p) is ok


FULL_LAUNCH = Launch(PRK, DAY, frozenset({"icbm"}), 1, frozenset({"Pyongyang International Airport"}))


@pytest.mark.parametrize("gold, ok", [
    (Launch(), True),                                         # nothing stated: anything will do
    (Launch(PRK, DAY), True),
    (Launch(PRK, _days(1)), False),                           # a launch date must be exact
    (Launch(USA, DAY), False),
    (Launch(PRK, DAY, count=2), False),
    (Launch(PRK, DAY, site=frozenset({"Sinpo"})), True),      # the site is shown, not compared
])
def test_launch_fields_stated_in_gold_must_agree(gold: Launch, ok: bool) -> None:
    assert gold.matches(FULL_LAUNCH) is ok


def test_launch_gold_fields_are_not_accepted_by_silence() -> None:
    assert not FULL_LAUNCH.matches(Launch())                  # the actor and the date are required
    assert Launch(PRK, DAY, count=3).matches(Launch(PRK, DAY))  # a count the graph does not state is no conflict


@pytest.mark.parametrize("gold_day, pred_day, ok", [
    (DAY, DAY, True), (DAY, _days(1), True), (DAY, _days(-1), True), (DAY, _days(2), False),
    (DAY, None, False),                                       # an undated vote is not the vote of that day
    (None, _days(30), True),                                  # a gold vote without date accepts any
])
def test_a_vote_date_is_part_of_positions_vetoes_and_tallies(gold_day: dt.date | None, pred_day: dt.date | None,
                                                              ok: bool) -> None:
    assert VotePosition(CHN, "against", gold_day).matches(VotePosition(CHN, "against", pred_day)) is ok
    assert Veto(CHN, gold_day).matches(Veto(CHN, pred_day)) is ok
    assert Tally(gold_day, "not_adopted", 13).matches(Tally(pred_day, "notadopted", 13, 2, 0)) is ok


@pytest.mark.parametrize("gold, pred, ok", [
    (Tally(DAY, None, None, None, None), Tally(DAY, "adopted", 15, 0, 0), True),
    (Tally(DAY, "adopted"), Tally(DAY, "notadopted"), False),
    (Tally(DAY, "adopted"), Tally(DAY, None), True),          # no predicted outcome: no contradiction
    (Tally(DAY, None, 13), Tally(DAY, None, None), False),    # a stated count must be predicted
    (Tally(DAY, None, 13), Tally(DAY, None, 12), False),
    (Tally(DAY, None, None, 0), Tally(DAY, None, 2017, 0), False),  # a year read as a count never matches
    (Tally(DAY, None, None, None, None), Tally(DAY, None, None, None, 16), False),
])
def test_tally_fields(gold: Tally, pred: Tally, ok: bool) -> None:
    assert gold.matches(pred) is ok


def test_positions_need_the_same_actor_and_position() -> None:
    pred = VotePosition(frozenset({"CHN", "China"}), "abstention", DAY)
    assert VotePosition(CHN, "abstention", DAY).matches(pred)
    assert not VotePosition(CHN, "against", DAY).matches(pred)
    assert not VotePosition(USA, "abstention", DAY).matches(pred)


def test_designation_compares_names_measure_and_status() -> None:
    names = frozenset({"Jon Il Ho"})
    pred = Designation(names, "assetfreeze", "imposed", frozenset({"USA"}), dt.date(2022, 12, 1))
    assert Designation(names, "asset_freeze", "imposed").matches(pred)
    assert Designation(names, "sanctions", "imposed").matches(pred)          # "sanctions": any measure
    assert Designation(names, "asset_freeze", None).matches(pred)
    assert not Designation(names, "travel_ban", "imposed").matches(pred)
    assert not Designation(names, "asset_freeze", "proposed").matches(pred)
    assert not Designation(frozenset({"Kim Il Ho"}), "asset_freeze", "imposed").matches(pred)
    # who designated and when are not compared, as in the reference scorer
    assert Designation(names, "asset_freeze", "imposed", frozenset({"EU"}), DAY).matches(pred)
    assert Designation(names, "travel_ban", "imposed").matches(Designation(names, "sanctions", "imposed"))


def test_representation_ignores_role() -> None:
    gold = Representation(frozenset({"Vassily Nebenzia"}), frozenset({"RUS"}), "ambassador")
    pred = Representation(frozenset({"Vasily Nebenzya", "Vassily Nebenzia"}), frozenset({"RUS", "Russia"}),
                          "permanent representative")
    assert gold.matches(pred)
    assert not gold.matches(Representation(gold.names, frozenset({"CHN"})))


@pytest.mark.parametrize("gold, pred, ok", [
    (ImportCap("crude_oil", 4000000, 3000000.0, "barrel"), ImportCap("crudeoil", 4000000.0, 3000000, None), True),
    (ImportCap("crude_oil", None, 4000000, "barrel"), ImportCap("crudeoil", 2000000, 4000000, "barrel"), True),
    (ImportCap("crude_oil", 1, 4000000, "barrel"), ImportCap("crudeoil", None, 4000000, "barrel"), False),
    (ImportCap("refined_petroleum", None, 500000), ImportCap("crudeoil", None, 500000), False),
])
def test_import_cap_figures_compare_as_numbers(gold: ImportCap, pred: ImportCap, ok: bool) -> None:
    assert gold.matches(pred) is ok


@pytest.mark.parametrize("gold, ok", [
    (Block(CHN, USA), True), (Block(CHN), True), (Block(CHN, USA, dt.date(2022, 1, 21)), True),
    (Block(CHN, USA, dt.date(2022, 1, 25)), False), (Block(CHN, frozenset({"GBR"})), False), (Block(USA), False),
])
def test_block_fields(gold: Block, ok: bool) -> None:
    pred = Block(frozenset({"CHN", "China"}), frozenset({"USA", "United States"}), dt.date(2022, 1, 20))
    assert gold.matches(pred) is ok
