"""General causes of misses found by scoring six more official texts blind (fresh17: UN press releases, a US
mission statement, a German Foreign Office statement, a UK written statement). Each fix is checked with
sentences of our own: other states, days, missiles, names and wording."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.launches import extract_launches
from sanctions_kg.extract.represents import extract_represents


def _launches(ctx) -> list[tuple[str | None, date | None, int | None]]:
    return sorted(((x.actor, x.date, x.count) for x in extract_launches(ctx)), key=str)


def test_testing_is_a_launch_noun(make_ctx):
    ctx = make_ctx("Tokyo protested the testing of a hypersonic missile by Iran on Monday.", "2031-04-02")
    assert _launches(ctx) == [("IRN", date(2031, 3, 31), 1)]
    nuclear = make_ctx("Tokyo protested the nuclear testing carried out by Iran on Monday.", "2031-04-02")
    assert _launches(nuclear) == []


def test_a_number_before_more_counts_the_missiles(make_ctx):
    ctx = make_ctx("The ministry condemned the launch of three more cruise missiles by Syria on 4 May 2031.",
                   "2031-05-05")
    assert _launches(ctx) == [("SYR", date(2031, 5, 4), 3)]
    undated = make_ctx("The ministry condemned the firing of four more ballistic missiles by Iran.", "2031-05-05")
    assert _launches(undated) == [("IRN", None, 4)]
    vague = make_ctx("Iran has fired more than 30 ballistic missiles this year.", "2031-05-05")
    assert _launches(vague) == []  # a tally, as before


def test_a_period_in_a_relative_clause_does_not_make_the_launch_a_tally(make_ctx):
    ctx = make_ctx("The ministry deplores the launch of two more cruise missiles by Syria, which has now carried "
                   "out its sixth test of such weapons this year.", "2031-05-05")
    assert _launches(ctx) == [("SYR", None, 2)]
    on_cue = make_ctx("Syria has fired six cruise missiles so far this year.", "2031-05-05")
    assert _launches(on_cue) == []  # the period on the launch verb itself still counts a series


def test_a_by_phrase_hung_on_the_verb_names_who_launched(make_ctx):
    ctx = make_ctx("Ministers deplored the firing of three cruise missiles by Syria, which has launched dozens of "
                   "them since January.", "2031-05-05")
    assert _launches(ctx) == [("SYR", None, 3)]


def _represents(ctx) -> set[tuple[str, str | None, str | None]]:
    return {(r.person, r.country, r.role) for r in extract_represents(ctx)}


def test_a_family_name_alone_after_a_title(make_ctx):
    # "... by North Korean Deputy Foreign Minister Choe to resume negotiations": the model tags no name
    ctx = make_ctx("The launch runs counter to the offer made yesterday by Ghanaian Deputy Foreign Minister "
                   "Kovac to resume talks.", "2031-05-05")
    assert _represents(ctx) == {("Kovac", "GHA", "deputy foreign minister")}
    before_of = make_ctx("The launch was condemned by Ghanaian Deputy Foreign Minister Kovac of the ruling party.",
                         "2031-05-05")
    assert ("Kovac", "GHA", "deputy foreign minister") in _represents(before_of)  # as before
    no_name = make_ctx("The launch runs counter to the offer made yesterday by the Ghanaian Deputy Foreign Minister "
                       "to resume talks.", "2031-05-05")
    assert _represents(no_name) == set()
