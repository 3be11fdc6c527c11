"""Designees in semicolon lists and in names the model ran across "-designated": sentences of our own."""
from __future__ import annotations

import hashlib
from datetime import date

from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.records import Document, DocumentMeta


def _facts(nlp, text: str, publisher: str):
    meta = DocumentMeta(published=date(2021, 3, 4), publisher=publisher)
    doc = Document(hashlib.sha256(text.encode()).hexdigest(), "x.txt", text, meta)
    return extract_designations(DocContext(nlp(text), doc))


def _names(facts) -> set[str]:
    return {f.designee.name for f in facts}


def test_the_name_opening_each_part_of_a_semicolon_list_is_designated(nlp):
    text = ("Today, the United States is designating for sanctions Ryugyong Shipping Company, a firm that has "
            "moved coal; Kim Chol Ho, an agent of a bank; and Vostok Trade LLC, a Russian company.")
    assert _names(_facts(nlp, text, "U.S. Department of State")) >= {
        "Ryugyong Shipping Company", "Kim Chol Ho", "Vostok Trade LLC"}


def test_a_counted_group_then_a_semicolon_list_in_the_next_sentence(nlp):
    text = ("On 1 July 2019, the Council added two persons to the list of people subject to EU restrictive "
            "measures against Mali. Omar Bakary, leader of the Northern Front; and Issa Dembele, commander of a "
            "militia in Gao.")
    facts = _facts(nlp, text, "Council of the European Union")
    assert _names(facts) == {"Omar Bakary", "Issa Dembele"}
    assert {f.authority for f in facts} == {"EU"}


def test_a_name_the_model_ran_across_designated_is_trimmed(nlp):
    text = ("Kim Chol Ho is an agent of the UN- and U.S.-designated Tanchon Commercial Bank, the department "
            "said today.")
    facts = _facts(nlp, text, "U.S. Department of State")
    assert {(f.designee.name, f.authority) for f in facts} == {("Tanchon Commercial Bank", "UN"),
                                                                ("Tanchon Commercial Bank", "USA")}


def test_a_press_release_cited_is_no_designee(nlp):
    text = ("The Council imposed an asset freeze on the two men (see Press Release SC/9876 of 3 March).")
    assert not any(n.startswith("Press Release") for n in _names(_facts(nlp, text, "United Nations")))
