"""General causes of misses found by scoring eight more official texts blind (UN Web TV's summary of a
meeting, statements of Ireland's, Norway's, the Netherlands' and Russia's missions, German foreign office
statements on launches). Each fix is checked with sentences of our own."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.launches import extract_launches
from sanctions_kg.extract.votes import extract_votes
from sanctions_kg.records import Evidence
from sanctions_kg.textnorm import normalise

TODAY = "The Security Council decided today to renew the sanctions on Haiti for a year.\n\n"
MEETING = ("By resolution 2651 (2022) (to be issued as document S/RES/2651(2022)), adopted by 12 votes in favour "
           "to none against, with 3 abstentions (Brazil, Gabon, Ghana), the Council renewed the measures first "
           "imposed by its resolution 2127 (2013).")


def _tally(vote) -> tuple:
    return (vote.number, vote.in_favour, vote.against, vote.abstentions, vote.positions)


def test_a_publishers_note_is_removed_before_the_parse_and_quotes_stay_verbatim():
    norm = normalise(MEETING)
    assert "to be issued" not in norm.text and norm.text.startswith("By resolution 2651 (2022), adopted by 12")
    start = norm.text.index("adopted")
    ev = norm.evidence(Evidence("d", 0, start + 7, norm.text[:start + 7], "rule"))
    assert ev.quote == MEETING[:MEETING.index("adopted") + 7]  # the original text, note and all


def test_by_resolution_then_adopted_by_a_tally_is_that_resolutions_vote(make_ctx):
    ctx = make_ctx(TODAY + normalise(MEETING).text, "2022-06-01")  # a vote in focus before: not this one
    votes = [v for v in extract_votes(ctx) if v.in_favour is not None]
    assert [_tally(v) for v in votes] == [
        (2651, 12, 0, 3, (("BRA", "abstention"), ("GAB", "abstention"), ("GHA", "abstention")))]


def test_by_the_terms_of_a_resolution_too(make_ctx):
    text = (TODAY + "By the terms of resolution 2660 (2022), adopted by 13 votes in favour to none against, with "
            "2 abstentions, the Council extended the arms embargo of resolution 2127 (2013).")
    votes = [v for v in extract_votes(make_ctx(text, "2022-06-01")) if v.in_favour is not None]
    assert [_tally(v) for v in votes] == [(2660, 13, 0, 2, ())]


def test_the_launch_of_a_missile_by_a_state_and_one_the_previous_day(make_ctx):
    ctx = make_ctx("We condemn in the strongest terms the illegal launch of an intermediate-range ballistic missile "
                   "by North Korea on 9 May, as well as the launch of a cruise missile the previous day.", "2031-05-10")
    assert sorted((x.actor, x.date, tuple(x.types)) for x in extract_launches(ctx)) == [
        ("PRK", date(2031, 5, 8), ("cruise",)), ("PRK", date(2031, 5, 9), ("irbm",))]


def test_plural_launches_of_a_day_named_before_them(make_ctx):
    """Found on an eleventh blind set (a New Zealand release): "yesterday's multiple missile launches"."""
    ctx = make_ctx("Canada deplores yesterday's multiple missile launches by Iran.", "2031-05-10")
    assert [(x.actor, x.date, x.count) for x in extract_launches(ctx)] == [("IRN", date(2031, 5, 9), None)]
