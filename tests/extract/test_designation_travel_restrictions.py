""""Travel restrictions" (the UN's usual words for a travel ban) name the travel ban; they are a
designation rule's pattern, not a triage cue, since unrelated news speaks of travel restrictions too."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.triage import get_triage


def test_travel_restrictions_are_a_travel_ban(make_ctx):
    ctx = make_ctx("The Council decided to impose travel restrictions on two individuals, Ivo Marek and Emil Rusk.",
                   "2031-04-09")
    assert {(d.designee.name, d.measure) for d in extract_designations(ctx)} == {("Ivo Marek", "travel_ban"),
                                                                                 ("Emil Rusk", "travel_ban")}


def test_travel_restrictions_alone_do_not_pass_triage():
    assert not get_triage().decide("Airlines expect travel restrictions to ease before the holiday season.").passed
