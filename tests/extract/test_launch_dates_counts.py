"""Launches named inside a sentence about another event: the launch keeps its own date, and numbers
that are days or resolution numbers are never missile counts (found on a MOFA Korea release; these
sentences use other names, numbers and phrasing)."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.launches import extract_launches


def test_a_launch_noun_with_its_own_date_does_not_take_the_clause_dates(make_ctx):
    ctx = make_ctx("Responding to the DPRK's intermediate-range missile launch on 4 July, the Council adopted "
                   "resolution 2519 on 14 August (13 August, New York time).", "2025-08-15")
    got = [(x.actor, x.date, x.count) for x in extract_launches(ctx)]
    assert got == [("PRK", date(2025, 7, 4), None)]


def test_days_and_resolution_numbers_are_not_counts(make_ctx):
    ctx = make_ctx("The DPRK fired ballistic missiles on 2 May and resolution 2711 was tabled on 19 May.",
                   "2025-05-30")
    got = sorted((x.date, x.count) for x in extract_launches(ctx))
    assert got == [(date(2025, 5, 2), None)]


def test_a_later_count_with_more_is_still_read(make_ctx):
    ctx = make_ctx("Iran fired two cruise missiles on 3 June and four more on 11 June.", "2025-06-12")
    got = sorted((x.date, x.count) for x in extract_launches(ctx))
    assert got == [(date(2025, 6, 3), 2), (date(2025, 6, 11), 4)]
    ctx = make_ctx("The DPRK fired three ballistic missiles on 2 May and two on 19 May.", "2025-05-30")
    got = sorted((x.date, x.count) for x in extract_launches(ctx))
    assert got == [(date(2025, 5, 2), 3), (date(2025, 5, 19), 2)]


def test_a_nuclear_test_beside_a_missile_launch_is_not_a_launch(make_ctx):
    ctx = make_ctx("Seoul condemned Pyongyang's 15 March nuclear test and 2 April missile launch.", "2025-04-20")
    assert [x.date for x in extract_launches(ctx)] == [date(2025, 4, 2)]
