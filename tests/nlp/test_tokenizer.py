"""The tokenizer as ``rules/tokenizer.yml`` adapts it, on a blank English pipeline (no model needed)."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from sanctions_kg.nlp.pipeline import add_domain_components
from sanctions_kg.settings import load_settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return add_domain_components(spacy.blank("en"), load_settings())


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("name", ["Shant", "Hes", "Ima", "Id", "Wont"])
def test_a_capitalised_word_is_not_read_as_a_contraction_without_its_apostrophe(nlp, name):
    assert words(nlp, f"The Committee listed Tomas {name} and Ana Brel.")[4] == name


def test_contractions_and_cannot_still_split(nlp):
    assert words(nlp, "Cannot. They cannot, and don't.") == ["Can", "not", ".", "They", "can", "not", ",", "and",
                                                             "do", "n't", "."]


def test_a_speaker_label_glued_to_the_answer_is_cut(nlp):
    assert words(nlp, "Minister for Foreign Affairs:Today we act.")[:6] == ["Minister", "for", "Foreign", "Affairs",
                                                                            ":", "Today"]


def test_a_title_abbreviation_is_one_token(nlp):
    assert words(nlp, "Maj. Gen. Ivo Marek and Lt. Col. Ana Brel")[:2] == ["Maj.", "Gen."]
    assert words(nlp, "Maj. Gen. Ivo Marek and Lt. Col. Ana Brel")[5:7] == ["Lt.", "Col."]
