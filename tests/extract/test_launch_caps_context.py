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


def test_a_weekday_leaning_on_a_time_of_day_dates_the_launch(make_ctx):
    ctx = make_ctx("North Korea fired a salvo of short-range ballistic missiles from the Sunan airfield on "
                   "Thursday morning.", "2023-04-14", "Asia/Seoul")
    [launch] = extract_launches(ctx)
    assert launch.date == date(2023, 4, 13) and launch.types == ("srbm",) and launch.count is None


def test_state_media_a_day_later_keeps_the_launch_day(make_ctx):
    ctx = make_ctx("North Korea's state media said on Friday it had test-fired a new hypersonic missile on "
                   "Thursday from an area near the capital.", "2022-01-07", "Asia/Seoul")
    [launch] = extract_launches(ctx)
    assert (launch.date, launch.types, launch.site) == (date(2022, 1, 6), ("hypersonic",), "area near the capital")


def test_capped_at_a_figure_a_year(make_ctx):
    ctx = make_ctx("Under the text, refined petroleum imports by North Korea are capped at 2 million barrels a "
                   "year.", "2017-09-16")
    [cap] = extract_caps(ctx)
    assert (cap.commodity, cap.after, cap.country) == ("refined_petroleum", 2000000.0, "PRK")


def test_a_launch_carried_out_by_a_state_needs_no_missile_word(make_ctx):
    ctx = make_ctx("The Council deplored the launch carried out on 12 December by the DPRK, which is barred from "
                   "missile-related activities.", "2012-12-13")
    [launch] = extract_launches(ctx)
    assert (launch.actor, launch.date, launch.types) == ("PRK", date(2012, 12, 12), ())


def test_a_satellite_launch_is_a_launch(make_ctx):
    ctx = make_ctx("Canberra condemned North Korea's satellite launch on 31 May.", "2023-06-01")
    [launch] = extract_launches(ctx)
    assert (launch.actor, launch.date) == ("PRK", date(2023, 5, 31))


def test_the_launch_of_something_else_is_not_a_launch(make_ctx):
    ctx = make_ctx("Seoul welcomed the launch of an inquiry by South Korea into missile exports.", "2023-06-01")
    assert extract_launches(ctx) == []
