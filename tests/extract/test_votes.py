"""Vote extraction on hand-written sentences (other names, numbers, phrasings than the corpus)."""
from __future__ import annotations

from datetime import date

import pytest

from sanctions_kg.extract.votes import extract_votes

CASES = [
    # (text, published, timezone, expected attributes)
    ("The Security Council on Tuesday adopted resolution 2719 (2023) by 13 votes in favour to none against, "
     "with 2 abstentions (Russian Federation, China), extending sanctions against Mali.",
     "2023-12-20", "America/New_York",
     dict(number=2719, year=2023, outcome="adopted", in_favour=13, against=0, abstentions=2,
          date=date(2023, 12, 19), concerns=("MLI",),
          positions=(("CHN", "abstention"), ("RUS", "abstention")))),
    ("By a vote of 12-0-3, the Council adopted resolution 2140 renewing the arms embargo on Yemen.",
     "2014-02-26", "America/New_York",
     dict(number=2140, outcome="adopted", in_favour=12, against=0, abstentions=3, concerns=("YEM",))),
    ("France vetoed a Russian-drafted resolution on Syria on Monday, while Britain voted against it "
     "and Uruguay abstained.",
     "2016-10-11", "Europe/Paris",
     # a permanent member's negative vote on a draft that fails is a veto (ontology contract)
     dict(outcome="not_adopted", sponsors=("RUS",), date=date(2016, 10, 10), vetoed_by=("FRA", "GBR"),
          positions=(("FRA", "against"), ("GBR", "against"), ("URY", "abstention")))),
    ("The Council unanimously adopted a text tabled by Japan that tightens the asset freeze on Somalia.",
     "2020-05-05", "America/New_York",
     dict(outcome="adopted", against=0, abstentions=0, in_favour=None, sponsors=("JPN",), concerns=("SOM",))),
    ("The draft failed to pass after receiving only 7 votes in favour, 3 against and 5 abstentions.",
     "2021-07-01", "America/New_York",
     dict(outcome="not_adopted", in_favour=7, against=3, abstentions=5, vetoed_by=())),
]


@pytest.mark.parametrize("text,published,tz,expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_vote_sentences(make_ctx, assert_evidence, text, published, tz, expected):
    ctx = make_ctx(text, published, tz)
    votes = extract_votes(ctx)
    assert len(votes) == 1
    vote = votes[0]
    for field, value in expected.items():
        assert getattr(vote, field) == value, field
    assert_evidence(ctx, votes)


def test_a_veto_by_a_permanent_member_means_not_adopted(make_ctx):
    ctx = make_ctx("Moscow's veto killed the draft on Tuesday. The text had the backing of 14 members.",
                   "2019-09-20", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert vote.outcome == "not_adopted" and vote.vetoed_by == ("RUS",)
    assert dict(vote.positions) == {"RUS": "against"}


def test_a_cited_resolution_is_an_adopted_vote_with_nothing_more(make_ctx):
    # corpus convention: a resolution named with its number is a vote of its own, with what the text says
    ctx = make_ctx("Under resolution 1874 (2009), member states must inspect cargo bound for the DPRK. "
                   "Security Council resolutions adopted since 2006 ban arms exports.", "2020-01-01")
    [vote] = extract_votes(ctx)
    assert (vote.number, vote.year, vote.outcome) == (1874, 2009, "adopted")
    assert vote.date is None and vote.positions == () and vote.in_favour is None


def test_time_of_day_in_seoul_moves_a_new_york_vote_to_the_previous_day(make_ctx):
    ctx = make_ctx("The Security Council voted on the draft in the early morning of the 9th, and "
                   "Russia vetoed it.", "2023-03-09", "Asia/Seoul")
    assert extract_votes(ctx)[0].date == date(2023, 3, 8)


def test_a_dateline_is_not_the_vote_date(make_ctx):
    ctx = make_ctx("NEW YORK, June 4 - China on Wednesday vetoed a U.S.-drafted resolution on Myanmar.",
                   "2025-06-05", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert vote.date == date(2025, 6, 4) and vote.sponsors == ("USA",) and vote.vetoed_by == ("CHN",)
