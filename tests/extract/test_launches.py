"""Launch events on hand-written sentences: actor, date, types, count, site, merging and non-events."""
from __future__ import annotations

from datetime import date

import pytest

from sanctions_kg.extract.launches import extract_launches


def one(launches):
    assert len(launches) == 1, launches
    return launches[0]


def test_capital_as_actor_with_count_type_site_and_weekday(make_ctx, assert_evidence):
    ctx = make_ctx("Pyongyang launched two short-range ballistic missiles from the Jangyon area on Tuesday, "
                   "the South Korean military said.", "2023-06-16", "Asia/Seoul")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.types, launch.count) == ("PRK", date(2023, 6, 13), ("srbm",), 2)
    assert launch.site == "Jangyon area"
    assert_evidence(ctx, [launch])


def test_including_adds_a_type_but_not_a_count(make_ctx):
    ctx = make_ctx("The DPRK fired four ballistic missiles, including an IRBM, on 12 October.", "2023-10-13")
    launch = one(extract_launches(ctx))
    assert set(launch.types) == {"ballistic", "irbm"}
    assert (launch.count, launch.date) == (4, date(2023, 10, 12))


def test_pronoun_actor_and_reporting_date_kept_apart(make_ctx):
    ctx = make_ctx("Iran said on Friday it had test-fired a hypersonic missile during an exercise on Thursday.",
                   "2024-03-09")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.types) == ("IRN", date(2024, 3, 7), ("hypersonic",))


def test_noun_cue_with_possessor_and_date_in_the_phrase(make_ctx):
    ctx = make_ctx("Condemnation followed North Korea's 9 July launch of a Hwasong-18 missile.", "2023-07-20")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.types, launch.count) == ("PRK", date(2023, 7, 9), ("icbm",), 1)


def test_two_dates_in_one_clause_are_two_launches(make_ctx):
    ctx = make_ctx("Seoul said Pyongyang had fired two ballistic missiles from Sunchon on 4 March and another "
                   "from the coast near Wonsan on 9 March.", "2024-03-12")
    got = sorted(extract_launches(ctx), key=lambda x: x.date)
    assert [(x.date, x.count, x.site) for x in got] == [
        (date(2024, 3, 4), 2, "Sunchon"), (date(2024, 3, 9), 1, "coast near Wonsan")]


def test_coordinated_verbs_with_their_own_dates_come_apart(make_ctx):
    ctx = make_ctx("On Saturday the DPRK fired an SLBM, and on Monday it launched three SRBMs from Pyongyang.",
                   "2024-01-10")
    got = {(x.date, x.types, x.count) for x in extract_launches(ctx)}
    assert got == {(date(2024, 1, 6), ("slbm",), 1), (date(2024, 1, 8), ("srbm",), 3)}


def test_when_clause_takes_the_date_of_the_clause_it_modifies(make_ctx):
    ctx = make_ctx("On the 14th, when North Korea fired two cruise missiles, the ministers were meeting in Tokyo.",
                   "2024-02-20")
    launch = one(extract_launches(ctx))
    assert (launch.date, launch.types, launch.count) == (date(2024, 2, 14), ("cruise",), 2)


def test_undated_mention_merges_with_the_dated_launch(make_ctx, assert_evidence):
    ctx = make_ctx("North Korea fired a long-range ballistic missile on Sunday, Japan said.\n"
                   "The missile was launched from the Sunan district of Pyongyang and flew for 70 minutes.",
                   "2023-12-19")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.count) == ("PRK", date(2023, 12, 17), 1)
    assert launch.site == "Sunan district of Pyongyang"
    assert len(launch.evidence) == 2
    assert_evidence(ctx, [launch])


def test_passive_launch_takes_the_actor_named_before(make_ctx):
    ctx = make_ctx("North Korea stepped up its weapons tests in May.\n"
                   "Three cruise missiles were fired from waters off Nampo on 22 May, officials said.",
                   "2024-05-25")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.count, launch.site) == ("PRK", 3, "waters off Nampo")


def test_a_vague_date_gives_no_date(make_ctx):
    ctx = make_ctx("Last week, Pyongyang launched a salvo of cruise missiles toward the sea.", "2024-02-02")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.count) == ("PRK", None, None)


def test_a_vague_quantity_on_a_dated_launch_is_an_event_without_a_count(make_ctx):
    ctx = make_ctx("North Korea fired several short-range ballistic missiles on Monday.", "2024-01-10")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.types, launch.count) == ("PRK", date(2024, 1, 8), ("srbm",), None)


@pytest.mark.parametrize("text", [
    "North Korea has launched more than 30 ballistic missiles this year.",
    "The North has conducted dozens of missile tests since 2019.",
    "Pyongyang carried out numerous launches of cruise missiles in 2022.",
    "It was the country's fifth ballistic missile launch this month.",
    "North Korea threatened to fire more ICBMs if the drills went ahead.",
    "Analysts expect North Korea to launch an intercontinental ballistic missile soon.",
    "North Korea did not fire any missiles on Friday.",
    "ICBMs were the main subject of the meeting on Monday.",
    "The United States test-fired a Minuteman III missile on Thursday.",
    "North Korea conducted a nuclear test on 3 September.",
])
def test_non_events(make_ctx, text):
    assert extract_launches(make_ctx(text)) == []


@pytest.mark.parametrize("text", [  # a missile elsewhere in the text makes a bare "test" by a state a launch
    "Pyongyang carried out a nuclear weapons test last September. Its ballistic missile programme worried Tokyo.",
    "The Council condemned the atomic bomb test conducted by the DPRK on 9 October 2006, and its ballistic "
    "missile programme.",
    "Ministers recalled the hydrogen bomb test staged by the North in 2017; missiles flew in 2022.",
])
def test_a_kind_word_deeper_in_the_noun_phrase_is_still_no_launch(make_ctx, text):
    assert extract_launches(make_ctx(text, "2010-01-05")) == []


def test_a_deeper_kind_word_beside_a_missile_word_stays_a_launch(make_ctx):
    ctx = make_ctx("North Korea conducted a nuclear-capable cruise missile test on 12 March.", "2024-03-14")
    launch = one(extract_launches(ctx))
    assert (launch.actor, launch.date, launch.types) == ("PRK", date(2024, 3, 12), ("cruise",))
