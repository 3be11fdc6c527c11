"""A veto named as a noun with the member as the agent of the verb that uses it ("a veto cast by X"):
found on a UN press release (un-002); these sentences use other members, drafts and verbs."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.votes import extract_votes


@pytest.mark.parametrize("text, member", [
    ("The Council did not adopt the draft on Syrian chemical weapons owing to a veto cast by China.", "CHN"),
    ("The text on Myanmar fell on Monday after the veto exercised by the Russian Federation.", "RUS"),
])
def test_the_agent_of_the_verb_using_the_veto_is_the_vetoing_member(make_ctx, text, member):
    votes = extract_votes(make_ctx(text, "2021-05-18", "America/New_York"))
    assert [v.vetoed_by for v in votes] == [(member,)]
    assert votes[0].outcome == "not_adopted"


def test_a_veto_cast_by_a_member_that_is_not_permanent_is_not_a_veto(make_ctx):
    votes = extract_votes(make_ctx("The draft failed after a veto cast by Brazil.", "2021-05-18"))
    assert all(v.vetoed_by == () for v in votes)
