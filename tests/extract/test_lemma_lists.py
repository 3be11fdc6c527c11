"""The per-document word lists the extractors scan (``doc_lemmas``, ``doc_lowers``) are read from
``Doc.to_array`` columns; they must give exactly what the tokens give, and the cue scans built on them
(``DocContext.lemma_set``, ``cue_tokens``) must agree with asking each token, on any span of a document."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sanctions_kg.extract.context import DocContext, cue_tokens, doc_lemmas, doc_lowers, lemma
from sanctions_kg.records import Document, DocumentMeta

WORDS = ["Pyongyang", "test", "-", "fired", "TWO", "Missiles", ";", "Velmar", "LISTED", "the",
         "Orvane", "Shipping", "Co.", "and", "listed", "two", "vessels", "."]
LEMMAS = ["pyongyang", "test", "-", "fire", "two", "missile", ";", "velmar", "list", "the",
          "orvane", "shipping", "co.", "and", "list", "two", "vessel", "."]


def _doc() -> Doc:
    return Doc(spacy.blank("en").vocab, words=WORDS, lemmas=LEMMAS)


def test_lists_match_the_tokens() -> None:
    doc = _doc()
    assert doc_lowers(doc) == [t.lower_ for t in doc]
    expected = [t.lemma_.lower() for t in doc]
    expected[3] = "test-fire"  # "test-fire" is read as one word (see doc_lemmas)
    assert doc_lemmas(doc) == expected
    assert [lemma(t) for t in doc] == expected


def test_cue_scans_agree_with_each_token() -> None:
    doc = _doc()
    ctx = DocContext(doc, Document("x", "t.txt", doc.text, DocumentMeta()))

    def has_cue(span, cues) -> bool:
        return not cues.isdisjoint(ctx.lemma_set(span))

    for cues in (frozenset({"list"}), frozenset({"test-fire", "vessel"}), frozenset({"designate"}), frozenset()):
        for span in (doc[a:b] for a in range(len(doc) + 1) for b in range(a, len(doc) + 1)):
            tokens = list(span)
            assert cue_tokens(span, cues) == [t for t in tokens if lemma(t) in cues]
            assert has_cue(span, cues) == any(lemma(t) in cues for t in tokens)
    assert [t.i for t in cue_tokens(doc[:], frozenset({"list"}))] == [8, 14]
    assert not has_cue(doc[9:14], frozenset({"list"})) and has_cue(doc[9:15], frozenset({"list"}))
