"""Launch and cap phrasings of official releases: hand-written sentences of our own."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.caps import extract_caps
from sanctions_kg.extract.launches import extract_launches


def test_a_hedged_report_dates_the_launch(make_ctx):
    ctx = make_ctx("At 7:10 a.m. today, it appears that North Korea fired a cruise missile from near Wonsan.",
                   "2019-10-02", "Asia/Tokyo")
    [launch] = extract_launches(ctx)
    assert launch.actor == "PRK" and launch.date == date(2019, 10, 2) and launch.types == ("cruise",)


def test_a_launch_using_missile_technology_is_a_launch(make_ctx):
    ctx = make_ctx("Minister Sato:This morning, North Korea carried out a launch using ballistic missile "
                   "technology.", "2024-05-27", "Asia/Tokyo")
    [launch] = extract_launches(ctx)
    assert launch.actor == "PRK" and launch.date == date(2024, 5, 27) and launch.types == ("ballistic",)


def test_a_bare_figure_with_its_unit_is_a_limit(make_ctx):
    ctx = make_ctx("The measure allows a maximum of 300,000 barrels a year of refined petroleum products to be "
                   "delivered to North Korea.", "2018-03-01")
    [cap] = extract_caps(ctx)
    assert (cap.commodity, cap.before, cap.after, cap.unit) == ("refined_petroleum", None, 300000.0, "barrel")


def test_the_same_limit_in_another_unit_is_not_a_second_cap(make_ctx):
    ctx = make_ctx("It sets a ceiling of 3 million barrels/year or 400,000 tons/year on crude oil.", "2018-03-01")
    assert [(c.commodity, c.after, c.unit) for c in extract_caps(ctx)] == [("crude_oil", 3000000.0, "barrel")]


def test_the_commodity_of_the_previous_sentence_carries(make_ctx):
    ctx = make_ctx("The text covers all refined petroleum products. It lowers the annual maximum to 250,000 "
                   "barrels from 1 January; it also limits crude oil to 3.5 million barrels.", "2018-03-01")
    caps = {(c.commodity, c.after) for c in extract_caps(ctx)}
    assert caps == {("refined_petroleum", 250000.0), ("crude_oil", 3500000.0)}
