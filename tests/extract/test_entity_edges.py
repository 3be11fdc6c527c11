"""An entity never keeps the line break the model sometimes takes at its edge: a heading line's last name
("... by Chief Cabinet Secretary Nakamura" followed on the next line by the text) is the name alone, and
the speaker it names is found. Sentences of our own."""
from __future__ import annotations

from sanctions_kg.extract.represents import extract_represents

TEXT = ("Remarks by Chief Cabinet Secretary Nakamura\nNorth Korea launched three ballistic missiles in an easterly "
        "direction from its western shore this morning.")


def test_no_entity_ends_in_a_line_break(nlp):
    assert all(not e.text[-1].isspace() and not e.text[0].isspace() for e in nlp(TEXT).ents)


def test_the_speaker_of_a_heading_line_is_found(make_ctx):
    found = {(r.person, r.country) for r in extract_represents(make_ctx(TEXT, "2031-05-10"))}
    assert found == {("Nakamura", "JPN")}
