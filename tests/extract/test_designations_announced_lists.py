"""Designees named after a counted announcement: dash-bullet lines that open with "Name is …", and a
semicolon list in the next sentence. Found on a State Department and an EU Council release (f-006,
f-007 of a blind set); the texts here are written for the test with invented names."""
from __future__ import annotations

import hashlib
from datetime import date

from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.votes import extract_votes
from sanctions_kg.records import Document, DocumentMeta


def designees(nlp, text: str, publisher: str | None = None) -> list[str]:
    meta = DocumentMeta(published=date(2024, 6, 12), publisher=publisher, timezone="UTC")
    ctx = DocContext(nlp(text), Document(hashlib.sha256(text.encode()).hexdigest(), "t.txt", text, meta))
    return [f.designee.name for f in extract_designations(ctx, extract_votes(ctx))]


def test_dash_bullets_that_open_with_a_sentence_about_the_name(nlp):
    text = ("Today, the Department of the Treasury is designating three Boko Haram commanders under "
            "Executive Order 13224:\n\n"
            "– Bakura Modu is a senior commander who directs the group's operations near Lake Chad.\n\n"
            "– Aliyu Kaka Tela was the head of its logistics cell until 2021.\n\n"
            "– Musa Adamu Gaji has organised the group's finances since 2019.\n")
    assert designees(nlp, text) == ["Bakura Modu", "Aliyu Kaka Tela", "Musa Adamu Gaji"]


def test_a_counted_addition_then_a_semicolon_list_in_the_next_sentence(nlp):
    text = ("On 3 May 2024, the Council added two names to the list of persons subject to restrictive "
            "measures against Sudan. Hamid Osman Tawfiq, commander of a paramilitary unit in Darfur; and "
            "Salwa Idris Kamal, director of a front company, are considered responsible for attacks on "
            "civilians.")
    assert designees(nlp, text, "Council of the European Union") == ["Hamid Osman Tawfiq", "Salwa Idris Kamal"]
