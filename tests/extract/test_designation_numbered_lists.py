"""A numbered list whose lines the parser cuts after the number ("1.      Name: …") names the members of a
designated group that a sentence ending in a colon heads ("The two firms are:"), even though that sentence
has no designation verb of its own. Texts of our own, with other names, counts and wording than the fact
sheet that showed the miss."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations

FIRMS = ("The Committee has designated two Syrian firms to be subject to an asset freeze. These firms help the "
         "army buy rockets.\n\n The two firms are:\n\n 1.      Velmar Trading Company:  Velmar is a front for "
         "the navy.  It ships parts from Latakia.\n\n 2.      Orsk Logistics Group: Orsk moves fuel for the army.\n")
PEOPLE = ("The Council today imposed a travel ban on three officials.\n The officials are as follows:\n"
          "(1)  Ivo Marek: a former governor.\n(2)  Pavel Stoyan: a former chief of staff.\n"
          "(3)  Emil Rusk: a former envoy.\n")


def _found(make_ctx, text: str) -> set[tuple[str, str, str]]:
    return {(d.designee.name, d.measure, d.status) for d in extract_designations(make_ctx(text, "2031-03-04"))}


def test_numbered_lines_after_a_group_heading_are_its_members(make_ctx):
    assert _found(make_ctx, FIRMS) == {("Velmar Trading Company", "asset_freeze", "imposed"),
                                       ("Orsk Logistics Group", "asset_freeze", "imposed")}


def test_bracketed_numbers_after_a_group_heading(make_ctx):
    assert {name for name, _, _ in _found(make_ctx, PEOPLE)} == {"Ivo Marek", "Pavel Stoyan", "Emil Rusk"}


def test_a_colon_heading_of_no_designated_group_lists_nobody(make_ctx):
    text = FIRMS.replace("The two firms are:", "The two ports are:").replace(
        "has designated two Syrian firms to be subject to an asset freeze", "met on Monday")
    assert not _found(make_ctx, text)
