"""General causes of misses found by scoring eight more official texts blind (a GOV.UK release on UN
listings, Estonia's statement on a double veto, Japan's, Canada's and the U.S. missions' statements). Each
fix is checked with sentences of our own."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.votes import extract_votes

INTRO = "The Security Council today imposed UN sanctions on three smugglers operating in Somalia.\n\n"


def _designations(ctx) -> set[tuple[str, str]]:
    return {(d.designee.name, d.measure) for d in extract_designations(ctx)}


def test_a_list_after_an_opening_phrase_that_ends_in_a_name_is_the_subject(make_ctx):
    ctx = make_ctx(INTRO + "With the backing of the Government of Somalia, Ali Hassan, Omar Farah and Yusuf Idris "
                   "will be subject to asset freezes and travel bans.", "2031-05-10")
    assert _designations(ctx) == {(n, m) for n in ("Ali Hassan", "Omar Farah", "Yusuf Idris")
                                  for m in ("asset_freeze", "travel_ban")}


def test_a_clause_with_its_own_subject_keeps_the_opening_phrases_names_out(make_ctx):
    ctx = make_ctx(INTRO + "Together with Ambassador Maria Lopez and Peter Hansen, the committee listed Omar Farah "
                   "for an asset freeze.", "2031-05-10")
    assert {name for name, _ in _designations(ctx)} == {"Omar Farah"}


def test_a_veto_cast_at_a_meeting_on_a_day_is_dated_by_the_meeting(make_ctx):
    ctx = make_ctx("Norway deeply regrets that the veto was used by Russia at the Council session of 14 March 2031 "
                   "on the situation in Mali.", "2031-05-10")
    assert [(v.date, v.vetoed_by) for v in extract_votes(ctx)] == [(date(2031, 3, 14), ("RUS",))]


def test_vetoes_cast_during_a_meeting_too(make_ctx):
    ctx = make_ctx("Two vetoes were cast by China and Russia during the meeting on 2 February 2031 on the draft "
                   "resolution on Syria.", "2031-05-10")
    assert [(v.date, v.vetoed_by) for v in extract_votes(ctx)] == [(date(2031, 2, 2), ("CHN", "RUS"))]
