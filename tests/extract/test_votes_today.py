"""A Council decision taken "today" is a vote even when the lead names no resolution ("The Security
Council decided this morning to extend … the mandate of the Panel of Experts"): found on an untuned UN
press-index lead, checked here with other regimes, verbs and dates. A decision of another year, or the
EU's "Council", is not."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.votes import extract_votes


def test_a_decision_this_afternoon_is_an_adopted_vote_of_that_day(make_ctx):
    ctx = make_ctx("The Security Council this afternoon renewed until 15 June 2033 the authorization for "
                   "Member States to inspect vessels bound for Ruritania.", "2032-06-14", "America/New_York")
    (vote,) = extract_votes(ctx)
    assert (vote.number, vote.outcome, vote.date) == (None, "adopted", date(2032, 6, 14))


def test_decided_today_to_extend_is_one_vote(make_ctx):
    ctx = make_ctx("The Security Council decided today to prolong for 13 months the mandate of the group of "
                   "experts assisting the committee on Ruritania.", "2031-02-20", "America/New_York")
    (vote,) = extract_votes(ctx)
    assert (vote.outcome, vote.date) == ("adopted", date(2031, 2, 20))


def test_a_decision_of_another_year_reports_no_vote(make_ctx):
    ctx = make_ctx("The Security Council decided in 2019 to extend the mandate of the panel of experts on "
                   "Ruritania.", "2031-02-20")
    assert extract_votes(ctx) == []


def test_the_eu_council_today_is_not_the_security_council(make_ctx):
    ctx = make_ctx("The Council today decided to impose restrictive measures on two further persons under "
                   "the EU's autonomous regime against Ruritania. The European Union first listed persons "
                   "under that regime in 2029.", "2031-02-20")
    assert extract_votes(ctx) == []
