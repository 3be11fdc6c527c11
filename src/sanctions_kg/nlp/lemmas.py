"""The model's rule ``lemmatizer``, with its answers remembered: the same lemmas, set per document.

spaCy's rule lemmatizer walks the Doc token by token in Python and, for every token in a base form
(most of them), reads its morphology into a dict again before it answers: its cache only keeps the
inflected words. Its answer depends on nothing but the word, its part of speech and its morphology
(``rule_lemmatize`` keys its own cache on those three), so :class:`RememberedLemmas` reads the three
columns with ``Doc.to_array``, asks the stock component once per new triple, and writes the lemma
column back with ``Doc.from_array``. On the dev texts it costs about a tenth of the stock component.

The memo holds strings, not hashes: a lemma first seen inside a memory zone is a transient string,
gone when the zone closes, so each document adds the strings it uses again (``StringStore.add``).
Like the stock component (``overwrite = False`` in the model), a token that already has a lemma
(the attribute ruler sets some) keeps it. A lemmatizer not in rule mode is left as it is.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

MEMO_SIZE = 200_000  # (word, part of speech, morphology) triples remembered; cleared when full


class RememberedLemmas:
    """The ``source`` rule lemmatizer's answers, one call per distinct (word, POS, morphology)."""

    def __init__(self, nlp: Language, name: str, source: Lemmatizer) -> None:
        self.name = name
        self.stock = source
        self.vocab = nlp.vocab
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.flatnonzero(columns[:, 3] == 0) if not self.stock.overwrite else np.arange(len(doc))
        if not len(todo):
            return doc
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        lemmas = columns[:, 3].copy()
        added: dict[str, int] = {}
        strings = self.vocab.strings
        for i, (orth, pos, morph) in zip(todo.tolist(), columns[todo, :3].tolist(), strict=True):
            key = (orth, pos, morph)
            text = self.memo.get(key)
            if text is None:
                text = self.memo[key] = self.stock.lemmatize(doc[i])[0]
            value = added.get(text)
            if value is None:
                value = added[text] = strings.add(text)
            lemmas[i] = value
        doc.from_array([LEMMA], cast(Any, lemmas))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("skg_lemmas")
def make_lemmas(nlp: Language, name: str, source: str = "lemmatizer") -> RememberedLemmas:
    """The remembering copy of the pipeline's ``source`` lemmatizer (see :func:`use_remembered_lemmas`)."""
    return RememberedLemmas(nlp, name, cast(Lemmatizer, nlp.get_pipe(source)))


def use_remembered_lemmas(nlp: Language, source: str = "lemmatizer") -> bool:
    """Put ``skg_lemmas`` after ``source`` and disable ``source``; False (nothing changed) when the
    pipeline has no such component or it is not a rule lemmatizer."""
    stock = nlp.get_pipe(source) if source in nlp.pipe_names else None
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule":
        return False
    nlp.add_pipe("skg_lemmas", after=source, config={"source": source})
    nlp.disable_pipe(source)
    return True


__all__ = ["RememberedLemmas", "use_remembered_lemmas"]
