"""The remembering lemmatizer (``skg_lemmas``) sets exactly the lemmas the model's own lemmatizer sets.

Both run on copies of the same documents (everything before the lemmatizer done): the dev corpus,
the seeds, the unrelated news of ``bench/filler`` and sentences of words in several forms. The memo
must survive spaCy's memory zones, whose transient strings are gone when a zone closes.
"""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from repo_paths import REPO, SHARED
from sanctions_kg.nlp import build_pipeline
from sanctions_kg.nlp.lemmas import RememberedLemmas, use_remembered_lemmas
from sanctions_kg.nlp.pipeline import load_model
from sanctions_kg.settings import Settings, load_settings

FORMS = [
    "The Council vetoed the drafts; Russia vetoes drafts. Vetoing is what they did, and the vetoes stood.",
    "Pyongyang fired missiles, firing two more; it fires often. The launches were launched from Sunan.",
    "Qwertyzing zorbled glorfs were zorbling the glorfier flarbs.",  # words no table knows
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings(compiled_components=("attribute_ruler",)))


def texts() -> list[str]:
    folders = [SHARED / "seeds", SHARED / "corpus" / "dev", REPO / "bench" / "filler"]
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))] + FORMS


def test_same_lemmas_as_the_stock_lemmatizer(nlp: Language) -> None:
    stock = nlp.get_pipe("lemmatizer")
    assert isinstance(stock, Lemmatizer) and stock.mode == "rule"
    ours = RememberedLemmas(nlp, "skg_lemmas", stock)
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts()))
    assert sum(len(d) for d in docs) > 20_000
    changed = 0
    for doc in docs:
        expected, got = stock(doc.copy()), ours(doc.copy())
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]
        changed += sum(t.lemma == 0 for t in doc)
    assert changed > 10_000  # the lemmatizer had lemmas to set: the comparison is not of two no-ops
    assert 0 < len(ours.memo) < changed  # one call per distinct word form, not per token


def test_lemmas_survive_memory_zones(nlp: Language) -> None:
    """A lemma first made inside a zone is added again in the next one (the memo keeps strings)."""
    with nlp.select_pipes(disable=["ner"]):
        with nlp.memory_zone():
            first = [t.lemma_ for t in nlp(FORMS[2])]
        with nlp.memory_zone():
            second = [t.lemma_ for t in nlp(FORMS[2])]
    assert first == second and "zorble" in first


def test_a_lemma_already_set_is_kept(nlp: Language) -> None:
    stock = nlp.get_pipe("lemmatizer")
    ours = RememberedLemmas(nlp, "skg_lemmas", stock)  # type: ignore[arg-type]
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        doc = nlp("Missiles were fired.")
    doc[0].lemma_ = "projectile"
    assert [t.lemma_ for t in ours(doc)] == ["projectile", "be", "fire", "."]


def test_pipeline_lists_the_replaced_lemmatizer() -> None:
    pipeline = build_pipeline(load_settings())
    assert "lemmatizer" in pipeline.disabled
    names = pipeline.pipe_names
    assert names.index("skg_attributes") < names.index("skg_lemmas") < names.index("ner")


def test_no_rule_lemmatizer_leaves_the_pipeline_alone() -> None:
    blank = Language()
    assert not use_remembered_lemmas(blank)
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not use_remembered_lemmas(blank)
    assert blank.pipe_names == ["lemmatizer"] and not blank.disabled
