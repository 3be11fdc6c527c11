"""Date expressions against the published date, time zones, and the calendar's ends (no model needed)."""
from __future__ import annotations

from datetime import date

import pytest

from sanctions_kg.extract.dates import hour_of_day, resolve_date, to_timezone

PUBLISHED = date(2022, 5, 27)  # a Friday


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("on Thursday", PUBLISHED, date(2022, 5, 26)),          # the latest Thursday on or before publication
    ("on Friday", PUBLISHED, PUBLISHED),                     # the day itself
    ("the 25th", PUBLISHED, date(2022, 5, 25)),
    ("the 28th", PUBLISHED, date(2022, 5, 28)),              # one day ahead is allowed (time zones)
    ("the 30th", date(2022, 6, 2), date(2022, 5, 30)),       # in the future: the month before
    ("24 March", date(2022, 3, 23), date(2022, 3, 24)),
    ("24 December", date(2022, 1, 5), date(2021, 12, 24)),  # a year-less date after publication: last year
    ("Nov. 18", date(2022, 12, 1), date(2022, 11, 18)),
    ("on 2022-05-26", PUBLISHED, date(2022, 5, 26)),
    ("yesterday", PUBLISHED, date(2022, 5, 26)),
    ("today", PUBLISHED, PUBLISHED),
    ("29 February", date(2024, 3, 1), date(2024, 2, 29)),
])
def test_a_date_expression_names_one_day(text: str, published: date, expected: date) -> None:
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize(("text", "published"), [
    ("last week", PUBLISHED), ("earlier this year", PUBLISHED), ("since January", PUBLISHED),
    ("29 February", date(2023, 3, 1)),        # no such day in 2023
    ("the 31st", date(2022, 3, 5)),           # 31 March is ahead, and February has no 31st
    ("on Thursday", None),                     # no anchor
])
def test_vague_impossible_or_unanchored_dates_are_none(text: str, published: date | None) -> None:
    assert resolve_date(text, published) is None


def test_an_iso_date_needs_no_anchor() -> None:
    assert resolve_date("on 2022-05-26", None) == date(2022, 5, 26)


@pytest.mark.parametrize(("text", "published"), [
    ("yesterday", date(1, 1, 1)),       # before the first day of the calendar
    ("on Sunday", date(1, 1, 1)),       # a Monday: the Sunday before does not exist
    ("24 December", date(1, 1, 5)),     # would be year 0
])
def test_the_start_of_the_calendar_is_none_not_a_crash(text: str, published: date) -> None:
    assert resolve_date(text, published) is None


def test_the_end_of_the_calendar() -> None:
    assert resolve_date("today", date(9999, 12, 31)) == date(9999, 12, 31)
    assert resolve_date("December 31", date(9999, 12, 31)) == date(9999, 12, 31)


@pytest.mark.parametrize(("text", "hour"), [
    ("early morning of the 27th", 3),   # the longest phrase wins over "morning"
    ("in the morning", 8),
    ("at 10:30 p.m.", 22),
    ("at 07:15", 7),
    ("at 25:00", None),
    ("on Friday", None),
])
def test_hour_of_day(text: str, hour: int | None) -> None:
    assert hour_of_day(text) == hour


def test_early_morning_in_seoul_is_the_day_before_in_new_york() -> None:
    assert to_timezone(date(2022, 5, 27), 3, "Asia/Seoul", "America/New_York") == date(2022, 5, 26)
    assert to_timezone(date(2022, 5, 27), 19, "Asia/Seoul", "America/New_York") == date(2022, 5, 27)


def test_without_an_hour_or_a_zone_change_the_day_is_kept() -> None:
    assert to_timezone(date(2022, 5, 27), None, "Asia/Seoul", "America/New_York") == date(2022, 5, 27)
    assert to_timezone(date(2022, 5, 27), 1, "Asia/Seoul", "Asia/Seoul") == date(2022, 5, 27)


def test_daylight_saving_changes_are_applied() -> None:
    # 00:00 in London on the day British Summer Time starts is still 19:00 the day before in New York.
    assert to_timezone(date(2022, 3, 27), 0, "Europe/London", "America/New_York") == date(2022, 3, 26)
    assert to_timezone(date(2022, 3, 13), 1, "America/New_York", "Europe/London") == date(2022, 3, 13)


def test_time_zones_at_the_calendar_ends_keep_the_day() -> None:
    assert to_timezone(date(9999, 12, 31), 23, "America/New_York", "Asia/Seoul") == date(9999, 12, 31)
    assert to_timezone(date(1, 1, 1), 0, "Asia/Seoul", "America/New_York") == date(1, 1, 1)


@pytest.mark.parametrize("text, days", [
    ("2 January, 9 and 23 February", [date(2024, 1, 2), date(2024, 2, 9), date(2024, 2, 23)]),
    ("August 4 and August 21", [date(2023, 8, 4), date(2023, 8, 21)]),
    ("August 4 and 21", [date(2023, 8, 4), date(2023, 8, 21)]),
    ("6, 13 and 20 April", [date(2023, 4, 6), date(2023, 4, 13), date(2023, 4, 20)]),
    ("11 May 2022", [date(2022, 5, 11)]),
    ("7", []),
    ("this week and next", []),
])
def test_resolve_days_reads_lists_of_days(text, days):
    from sanctions_kg.extract.dates import resolve_days
    assert resolve_days(text, date(2024, 3, 1)) == days
