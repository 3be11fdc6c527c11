"""The vote a report is about, when its opening sentence cites an older resolution ("failed to renew
the measures imposed through resolution 2374 (2017)"): found on a UN press release on Mali, checked
here with other regimes, members and figures."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.votes import extract_votes

OPENING = "The Security Council today failed to extend the arms embargo imposed by resolution 2140 (2014) on Yemen. "


def test_today_dates_the_vetoed_draft_not_the_cited_resolution(make_ctx):
    ctx = make_ctx(OPENING + "A draft put forward by the United Kingdom was vetoed by the Russian Federation, "
                   "having received 11 votes in favour, with 3 abstentions.", "2024-11-18", "America/New_York")
    by_number = {v.number: v for v in extract_votes(ctx)}
    draft, cited = by_number[None], by_number[2140]
    assert (draft.date, draft.outcome, draft.vetoed_by) == (date(2024, 11, 18), "not_adopted", ("RUS",))
    assert (draft.in_favour, draft.abstentions) == (11, 3)
    assert cited.date is None and cited.vetoed_by == ()


def test_the_draft_is_not_the_resolution_cited_from_an_earlier_year(make_ctx):
    ctx = make_ctx(OPENING + "The draft, tabled by the United Kingdom, was vetoed by the Russian Federation.",
                   "2024-11-18", "America/New_York")
    by_number = {v.number: v for v in extract_votes(ctx)}
    assert by_number[None].vetoed_by == ("RUS",) and by_number[2140].vetoed_by == ()
    assert dict(by_number[None].positions) == {"RUS": "against"}  # the sponsor named in the subject did not veto
