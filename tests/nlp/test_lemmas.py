"""The compiled lemmatizer (``skg_lemmatizer``) sets exactly the lemmas the model's own lemmatizer sets.

Both run on copies of the same documents, parsed up to the lemmatizer (tagger, parser and attribute
ruler done): every token's text, tag, POS, morphology, lemma and dependency label must agree on the dev
corpus, the seeds, the unrelated news of ``bench/filler`` and sentences with rare forms.
"""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from repo_paths import REPO, SHARED
from sanctions_kg.nlp import build_pipeline
from sanctions_kg.nlp.lemmas import compile_lemmatizer, use_compiled_lemmatizer
from sanctions_kg.nlp.pipeline import load_model
from sanctions_kg.settings import Settings, load_settings

RARE = [
    "Y'all gonna see it; they'd've gone. The mice were better, worse, best; she's been swimming.",
    "He vetoed, they veto, it is vetoing; ICBMs, SRBMs and the Hwasong-18s flew.  \n\n  Oxen! Geese?",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings(compiled_components=()))


def texts() -> list[str]:
    folders = [SHARED / "seeds", SHARED / "corpus" / "dev", REPO / "bench" / "filler"]
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))] + RARE


def token_attrs(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_same_lemmas_as_the_stock_lemmatizer(nlp: Language) -> None:
    stock = nlp.get_pipe("lemmatizer")
    assert isinstance(stock, Lemmatizer) and stock.mode == "rule"
    compiled = compile_lemmatizer(stock)
    assert compiled is not None
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts()))
    assert sum(len(d) for d in docs) > 20_000
    changed = 0
    for doc in docs:
        ours, theirs = compiled(doc.copy()), stock(doc.copy())
        assert token_attrs(ours) == token_attrs(theirs)
        changed += sum(a != b for a, b in zip(token_attrs(theirs), token_attrs(doc), strict=True))
    assert changed > 10_000  # the lemmatizers did set lemmas: the comparison is not of two no-ops


def test_a_lemma_the_attribute_ruler_set_is_kept(nlp: Language) -> None:
    with nlp.select_pipes(disable=["lemmatizer", "ner"]):
        doc = nlp("Y'all gonna see it.")
    lemmas = {t.text: t.lemma_ for t in compile_lemmatizer(nlp.get_pipe("lemmatizer"))(doc)}  # type: ignore[misc]
    assert (lemmas["gon"], lemmas["na"], lemmas["see"]) == ("go", "to", "see")


def test_pipeline_lists_the_replaced_component() -> None:
    pipeline = build_pipeline(load_settings())
    assert "lemmatizer" in pipeline.disabled
    names = pipeline.pipe_names
    assert names.index("skg_attributes") < names.index("skg_lemmatizer") < names.index("ner")


def test_a_lookup_lemmatizer_is_not_compiled() -> None:
    blank = Language()
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert compile_lemmatizer(blank.get_pipe("lemmatizer")) is None
    assert use_compiled_lemmatizer(blank) is False and "skg_lemmatizer" not in blank.pipe_names


def test_default_and_chosen_compiled_components(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIONS_KG_COMPILED", raising=False)
    assert load_settings().compiled_components == ("attribute_ruler", "lemmatizer")
    monkeypatch.setenv("SANCTIONS_KG_COMPILED", "lemmatizer")
    assert load_settings().compiled_components == ("lemmatizer",)
