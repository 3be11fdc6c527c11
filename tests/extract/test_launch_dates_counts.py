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


def test_a_list_of_days_is_one_launch_a_day(make_ctx):
    ctx = make_ctx("Canada condemns the DPRK's ballistic missile launches on 8 June, 12 and 30 July.", "2025-08-02")
    assert sorted(x.date for x in extract_launches(ctx)) == [date(2025, 6, 8), date(2025, 7, 12), date(2025, 7, 30)]
    ctx = make_ctx("Iran fired cruise missiles on 4, 11 and 19 October.", "2025-10-20")
    assert sorted(x.date for x in extract_launches(ctx)) == [date(2025, 10, 4), date(2025, 10, 11),
                                                             date(2025, 10, 19)]


def test_plural_launches_without_days_stay_a_tally(make_ctx):
    assert extract_launches(make_ctx("Pyongyang staged 41 missile launches in 2024.", "2025-01-05")) == []
