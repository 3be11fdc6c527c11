""""Today's resolution" tells a resolution adopted on the day of the report, even when no sentence says
"adopted" and the text never numbers it: found on an untuned U.S. Mission statement after a vote, checked
here with other regimes, owners of the day and wording. A draft of today, or a resolution of another day,
is no such vote."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.votes import extract_votes

STATEMENT = ("Thank you, Madam President. We thank the penholders for their work on the text. The measures in "
             "this morning's resolution will cut the flow of arms to the militias in Ruritania. We urge all "
             "Member States to enforce them.")


def test_this_mornings_resolution_is_an_adopted_vote_of_that_day(make_ctx):
    (vote,) = extract_votes(make_ctx(STATEMENT, "2033-04-11", "America/New_York"))
    assert (vote.number, vote.outcome, vote.date) == (None, "adopted", date(2033, 4, 11))


def test_todays_resolution_joins_the_vote_the_text_numbers(make_ctx):
    text = ("The Security Council today adopted resolution 2951 (2033) on Ruritania. Today's resolution "
            "renews the arms embargo for a year.")
    (vote,) = extract_votes(make_ctx(text, "2033-04-11", "America/New_York"))
    assert (vote.number, vote.outcome, vote.date) == (2951, "adopted", date(2033, 4, 11))


def test_todays_draft_is_no_adopted_resolution(make_ctx):
    text = STATEMENT.replace("this morning's resolution", "this morning's draft")
    assert [v.outcome for v in extract_votes(make_ctx(text, "2033-04-11"))] in ([], [None])


def test_a_resolution_of_last_year_is_no_vote_of_today(make_ctx):
    text = STATEMENT.replace("this morning's resolution", "last year's resolution")
    assert [v.outcome for v in extract_votes(make_ctx(text, "2033-04-11"))] in ([], [None])
