"""General causes of misses found by scoring seven more official texts blind (French statements at the
Council and on DPRK launches, a UN press release on Iraq, a Dutch government release). Each fix is
checked with sentences of our own: other names, dates, regimes and wording."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.launches import extract_launches
from sanctions_kg.extract.represents import extract_represents


def _launches(ctx) -> list[tuple[str | None, date | None, tuple[str, ...]]]:
    return [(x.actor, x.date, tuple(x.types)) for x in extract_launches(ctx)]


# --- launches -----------------------------------------------------------------------------------------

def test_plural_launches_on_one_named_day_are_that_days_launch(make_ctx):
    ctx = make_ctx("Canada learned with concern of new cruise missile launches by Iran on Tuesday, 4 March.",
                   "2031-03-07")
    assert _launches(ctx) == [("IRN", date(2031, 3, 4), ("cruise",))]


def test_plural_launches_with_a_day_in_brackets_after_them(make_ctx):
    ctx = make_ctx("North Korea – Cruise missile launches (22 January 2031)\n\nWe learned of new missile "
                   "launches by North Korea on Wednesday.", "2031-01-23")
    assert _launches(ctx) == [("PRK", date(2031, 1, 22), ("cruise",))]


def test_plural_launches_since_a_day_stay_a_series(make_ctx):
    ctx = make_ctx("Canada is alarmed by the missile launches by Iran since 4 March.", "2031-05-07")
    assert _launches(ctx) == []


def test_a_launch_takes_the_state_that_acted_a_paragraph_before(make_ctx):
    text = ("Iran expanded its programme this year. Its actions have raised tensions across the region. "
            "Those tensions are felt by every neighbour. The Council answered each step with one voice. "
            "Our answer speaks to our credibility. That is why, the day after the cruise missile launch on "
            "3 May, Canada called for more sanctions.")
    assert _launches(make_ctx(text, "2031-06-10")) == [("IRN", date(2031, 5, 3), ("cruise",))]


# --- represents -----------------------------------------------------------------------------------------

def test_a_colleague_of_a_named_state_represents_it(make_ctx):
    ctx = make_ctx("I would like to thank my Brazilian colleague Mrs. Maria Luiza Viotti in particular.",
                   "2031-02-01", "Europe/Amsterdam", publisher="Government of the Netherlands")
    assert [(r.person, r.country) for r in extract_represents(ctx)] == [("Maria Luiza Viotti", "BRA")]


def test_a_colleague_of_no_named_state_is_not_lent_the_publishers(make_ctx):
    ctx = make_ctx("My colleague Peter Lund has worked on this file for years.",
                   "2031-02-01", "Europe/Amsterdam", publisher="Government of the Netherlands")
    assert extract_represents(ctx) == []


def test_a_state_secretary_after_the_name_is_the_publishers(make_ctx):
    ctx = make_ctx('"We act now," explained Sanne Dijkstra, State Secretary for Finance.',
                   "2031-02-01", "Europe/Amsterdam", publisher="Government of the Netherlands")
    assert [(r.person, r.country) for r in extract_represents(ctx)] == [("Sanne Dijkstra", "NLD")]
