"""General causes of misses found by scoring seven more official texts blind (fresh15: UN press releases, the
UN audiovisual library, Japanese Prime Minister's statements, a Korean briefing). Each fix is checked with
sentences of our own: other states, days, missiles and wording."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.launches import extract_launches


def _launches(ctx) -> list[tuple[str | None, date | None]]:
    return sorted(((x.actor, x.date) for x in extract_launches(ctx)), key=str)


def test_a_launch_told_as_just_done_takes_the_statements_date_line(make_ctx):
    perfect = make_ctx("Statement by the Minister for Foreign Affairs\n\nJune 3, 2031\n\nIran has fired a cruise "
                       "missile toward the Gulf of Oman. We condemn this act in the strongest terms.", "2031-06-04")
    assert _launches(perfect) == [("IRN", date(2031, 6, 3))]
    a_while = make_ctx("Remarks by the Prime Minister\n\n9 October 2031\n\nA short while ago, Syria launched a "
                       "ballistic missile, which fell in the sea. This is a grave provocation.", "2031-10-10")
    assert _launches(a_while) == [("SYR", date(2031, 10, 9))]


def test_without_a_date_line_or_with_a_dated_launch_nothing_changes(make_ctx):
    no_line = make_ctx("Iran has fired a cruise missile toward the Gulf of Oman. We condemn this act.", "2031-06-04")
    assert _launches(no_line) == [("IRN", None)]
    dated = make_ctx("Statement\n\nJune 3, 2031\n\nIran fired a cruise missile on 1 June. Iran has fired a cruise "
                     "missile toward the Gulf of Oman, in breach of its obligations.", "2031-06-04")
    assert _launches(dated) == [("IRN", date(2031, 6, 1))]
    past = make_ctx("Statement\n\nJune 3, 2031\n\nIran fired a cruise missile toward the Gulf of Oman.", "2031-06-04")
    assert _launches(past) == [("IRN", None)]  # a plain past tense does not say when


def test_a_date_on_the_launch_noun_is_not_taken_from_a_clause_hung_under_it(make_ctx):
    # the parser hangs "tightened" (with its "today") under the launch noun in this shape of sentence
    one = make_ctx("Condemning, in the strongest terms, the launch of two cruise missiles by Iran on 14 March 2031, "
                   "the Council today further tightened sanctions on the country, severely restricting shipping and "
                   "banking.", "2031-04-02")
    assert _launches(one) == [("IRN", date(2031, 3, 14))]
    other = make_ctx("Condemning, in the strongest terms, the launch of a cruise missile by Iran on 14 March 2031, the "
                     "Security Council today further tightened measures on the country, severely restricting arms "
                     "imports and other commerce.", "2031-04-02")
    assert _launches(other) == [("IRN", date(2031, 3, 14))]


def test_a_relative_clause_on_the_missile_still_dates_the_launch(make_ctx):
    ctx = make_ctx("The Council condemned the launch of the missile that Syria fired on 14 March 2031.", "2031-04-02")
    assert _launches(ctx) == [("SYR", date(2031, 3, 14))]


def _positions(ctx) -> set[tuple[str, str]]:
    from sanctions_kg.extract.votes import extract_votes
    return {p for v in extract_votes(ctx) for p in v.positions}


def test_voters_listed_after_an_aside_between_dashes(make_ctx):
    # found in a sixteenth blind set (fresh16): "9 votes in favor – the necessary number for a majority – from ..."
    ctx = make_ctx("The Security Council today voted on a draft resolution on Myanmar. The text won 11 votes in favour "
                   "— two more than it needed — from Ghana, Japan, Malta, Ecuador, Slovenia and Peru, while Guyana "
                   "abstained.", "2031-05-10")
    assert {("GHA", "in_favour"), ("JPN", "in_favour"), ("MLT", "in_favour"), ("ECU", "in_favour"),
            ("SVN", "in_favour"), ("PER", "in_favour"), ("GUY", "abstention")} <= _positions(ctx)


def test_a_dash_that_opens_the_list_is_still_read_as_one(make_ctx):
    ctx = make_ctx("The Security Council today voted on a draft resolution on Myanmar. It received 2 abstentions — "
                   "Ghana and Peru — and 13 votes in favour.", "2031-05-10")
    assert {("GHA", "abstention"), ("PER", "abstention")} <= _positions(ctx)
