"""Import caps on hand-written sentences: figure order, units, commodities, country, resolution."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.caps import extract_caps


def figures(caps):
    return {(c.commodity, c.before, c.after, c.unit) for c in caps}


def test_from_to_with_a_unit_on_each_figure(make_ctx, assert_evidence):
    ctx = make_ctx("The draft would slash the ceiling on Iran's crude oil imports from 2.5 million barrels "
                   "to 1 million barrels.")
    caps = extract_caps(ctx)
    assert figures(caps) == {("crude_oil", 2_500_000, 1_000_000, "barrel")}
    assert (caps[0].country, caps[0].via_resolution) == ("IRN", True)
    assert_evidence(ctx, caps)


def test_to_before_from_is_read_the_other_way_round(make_ctx):
    ctx = make_ctx("The council cut refined petroleum deliveries to Libya to 200,000 barrels a year "
                   "from 800,000 barrels.")
    caps = extract_caps(ctx)
    assert figures(caps) == {("refined_petroleum", 800_000, 200_000, "barrel")}
    assert (caps[0].country, caps[0].via_resolution) == ("LBY", False)


def test_a_limit_without_a_previous_figure(make_ctx):
    ctx = make_ctx("The Council capped Syria's imports of crude oil at 3 million barrels per year.")
    caps = extract_caps(ctx)
    assert figures(caps) == {("crude_oil", None, 3_000_000, "barrel")}
    assert caps[0].country == "SYR"


def test_unit_after_the_second_figure_and_a_bracketed_conversion(make_ctx):
    ctx = make_ctx("The text lowers the limit on petroleum products from 1.2 million to 600,000 barrels "
                   "(160,000 to 80,000 tonnes).")
    assert figures(extract_caps(ctx)) == {("refined_petroleum", 1_200_000, 600_000, "barrel")}


def test_respectively_shares_figures_among_commodities(make_ctx):
    ctx = make_ctx("It would also reduce crude and refined oil imports from 5 million and 900,000 barrels "
                   "to 3 million and 450,000 barrels, respectively.")
    caps = extract_caps(ctx)
    assert figures(caps) == {("crude_oil", 5_000_000, 3_000_000, "barrel"),
                             ("refined_petroleum", 900_000, 450_000, "barrel")}
    assert all(c.via_resolution for c in caps)


def test_two_caps_in_one_sentence_take_their_nearest_commodity(make_ctx):
    ctx = make_ctx("The proposal lowers the limit on Yemen's refined fuel imports from 600,000 barrels to "
                   "300,000 barrels and the limit on its crude oil imports from 2 million barrels to "
                   "1 million barrels.")
    assert figures(extract_caps(ctx)) == {("refined_petroleum", 600_000, 300_000, "barrel"),
                                          ("crude_oil", 2_000_000, 1_000_000, "barrel")}


def test_tonnes(make_ctx):
    ctx = make_ctx("The measure limits refined fuel shipments to Iran to 60,000 tonnes per year.")
    caps = extract_caps(ctx)
    assert figures(caps) == {("refined_petroleum", None, 60_000, "tonne")}
    assert caps[0].country == "IRN"


def test_the_same_cap_told_twice_is_one_fact_with_two_evidence(make_ctx, assert_evidence):
    ctx = make_ctx("The resolution cut crude oil imports to 2 million barrels. "
                   "Diplomats said the resolution cut crude oil imports to 2 million barrels.")
    caps = extract_caps(ctx)
    assert len(caps) == 1 and len(caps[0].evidence) == 2
    assert_evidence(ctx, caps)


@pytest.mark.parametrize("text", [
    "Oil prices rose from 80 dollars to 90 dollars a barrel.",
    "North Korea imported about 1.5 million barrels of refined petroleum last year.",
    "The council cut the number of experts from eight to five.",
    "Crude oil shipments fell to 2 million barrels in 2019.",
])
def test_non_caps(make_ctx, text):
    assert extract_caps(make_ctx(text)) == []
