"""A series of launches that singles out its last one ("repeated launches ..., most recently on 5
August") names one launch on that day; a series without such a date stays a tally. Sentences of our
own: other states, missiles, markers and days than the text that showed the miss."""
from __future__ import annotations

from datetime import date

import pytest

from sanctions_kg.extract.launches import extract_launches


def _launches(make_ctx, text: str) -> list[tuple]:
    return sorted((f.actor, f.date, tuple(f.types), f.count) for f in extract_launches(make_ctx(text, "2031-11-20")))


@pytest.mark.parametrize("text, day", [
    ("Ottawa condemns the frequent missile tests by the DPRK, most recently on 2 October.", date(2031, 10, 2)),
    ("The minister deplored the repeated firings of cruise missiles by North Korea, the latest on 14 March.",
     date(2031, 3, 14)),
])
def test_the_last_launch_of_a_series_is_dated(make_ctx, text, day):
    found = _launches(make_ctx, text)
    assert [(actor, when, count) for actor, when, _, count in found] == [("PRK", day, None)]


def test_a_series_without_a_last_date_stays_a_tally(make_ctx):
    assert _launches(make_ctx, "North Korea has carried out repeated ballistic missile launches since January.") == []
