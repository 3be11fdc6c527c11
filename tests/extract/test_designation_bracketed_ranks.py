"""A list of designees with bracketed rank abbreviations ("Brigadier General (Brig. Gen.) A and Lieutenant
Colonel (Lt. Col.) B"): the parser ends a sentence at the abbreviation's period, so the sentence is joined
again (``context._joined``), the names after the cut are still the list's, and a rank is no designee.
Texts of our own."""
from __future__ import annotations

from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.records import Document

TEXT = ("The Council today imposed an asset freeze on four commanders of the Northern Front. The two individuals from "
        "its army are Brigadier General (Brig. Gen.) Peter Malual Deng and Lieutenant Colonel (Lt. Col.) James "
        "Okello Otim.")


def test_a_sentence_is_not_cut_after_a_bracketed_rank(nlp):
    text = "The list names Major General (Maj. Gen.) Peter Malual Deng of the army. Next (see annex.) Then."
    sentences = [s.text for s in DocContext(nlp(text), Document("a" * 64, "t.txt", text)).sentences()]
    assert sentences[0] == "The list names Major General (Maj. Gen.) Peter Malual Deng of the army."
    assert sentences[1] == "Next (see annex.)"


def test_the_names_after_a_bracketed_rank_are_designated(make_ctx):
    names = {d.designee.name for d in extract_designations(make_ctx(TEXT, "2031-07-01"))}
    assert "Peter Malual Deng" in names and any(n.startswith("James Okello") for n in names)
    assert not any("General" in n or "Colonel" in n for n in names)
