"""The compiled attribute ruler (``skg_attributes``) sets exactly what the model's own ruler sets.

Both run on copies of the same parsed documents (tagger and parser done, neither ruler nor lemmatizer
yet): every token's tag, POS, morphology, lemma and dependency label must agree, on the dev corpus,
the seeds, the unrelated news of ``bench/filler`` and sentences made to hit the rare patterns (two-token
rules, regexes, dependency tests, whitespace tokens).
"""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from repo_paths import REPO, SHARED
from sanctions_kg.nlp import build_pipeline
from sanctions_kg.nlp.attributes import compile_ruler, use_compiled_attributes
from sanctions_kg.nlp.pipeline import load_model
from sanctions_kg.settings import Settings, load_settings

RARE = [
    "Y'all gonna see it. Let's go, c'mon! It ain't over; I got ta run. y'all are here.",
    "There is a cat and there are dogs.  \n\n He gets it; she got it. I saw it. You saw me. It saw you.",
    "But he did it anyway, but quietly. Do you? He has done what he did. That is that; which one?\t\n",
    "China and Russia vetoed it. I vetoed that, and this was what they did.   ",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings(compiled_components=()))


def texts() -> list[str]:
    folders = [SHARED / "seeds", SHARED / "corpus" / "dev", REPO / "bench" / "filler"]
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))] + RARE


def token_attrs(doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_same_attributes_as_the_stock_ruler(nlp: Language) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    compiled = compile_ruler(ruler)
    assert compiled is not None and compiled.masked and compiled.anchored and compiled.tag_table
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts()))
    assert sum(len(d) for d in docs) > 20_000
    changed = 0
    for doc in docs:
        stock, ours = ruler(doc.copy()), compiled(doc.copy())
        assert token_attrs(ours) == token_attrs(stock)
        changed += sum(a != b for a, b in zip(token_attrs(stock), token_attrs(doc), strict=True))
    assert changed > 10_000  # the rulers did set attributes: the comparison is not of two no-ops


def test_rare_patterns_fire(nlp: Language) -> None:
    """The made-up sentences reach the two-token, regex and dependency rules (else they test nothing)."""
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(RARE[0])
    ours = compile_ruler(nlp.get_pipe("attribute_ruler"))(doc)  # type: ignore[misc, arg-type]
    lemmas = {t.text: t.lemma_ for t in ours}
    assert (lemmas["gon"], lemmas["na"], lemmas["ai"], lemmas["y'"], lemmas["'s"]) == ("go", "to", "be", "you", "us")


def test_pipeline_lists_the_replaced_component() -> None:
    """The stock ruler stays in the pipeline, disabled, and the compiled one takes its place."""
    pipeline = build_pipeline(load_settings())
    assert "attribute_ruler" in pipeline.disabled
    names = pipeline.pipe_names
    assert names.index("parser") < names.index("skg_attributes") < names.index("skg_lemmas")


def test_uncompilable_patterns_keep_the_stock_ruler() -> None:
    """A pattern with an operator is not compiled: the pipeline is left as it is."""
    blank = Language()
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "un"}, {"IS_PUNCT": True, "OP": "?"}]], {"LEMMA": "un"})  # type: ignore[attr-defined]
    assert compile_ruler(ruler) is None  # type: ignore[arg-type]
    assert not use_compiled_attributes(blank)
    assert blank.pipe_names == ["attribute_ruler"] and not blank.disabled


def test_stock_model_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_KG_COMPILED", "none")
    assert load_settings().compiled_components == ()
    monkeypatch.setenv("SANCTIONS_KG_COMPILED", "attribute_ruler")
    assert load_settings().compiled_components == ("attribute_ruler",)
    monkeypatch.delenv("SANCTIONS_KG_COMPILED")
    assert load_settings().compiled_components == ("attribute_ruler", "lemmatizer")
