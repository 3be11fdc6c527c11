"""The model's rule ``lemmatizer``, applied once per distinct word form: the same rules, the same lemmas.

spaCy's ``Lemmatizer`` walks every token in Python, makes a ``Token`` for it and sets ``lemma_``
one token at a time; in a build that was about a tenth of the parse (bench/README.md). Its rule
lemma is a function of three things only, the token's text, its POS and its morphology (the stock
component caches on that key too), and a news text repeats its word forms: a document has about
half as many distinct (ORTH, POS, MORPH) triples as tokens.

:class:`CompiledLemmatizer` reads those three columns with ``Doc.to_array``, asks the stock
component once per distinct triple (through its own ``lemmatize``, so its tables, exceptions and
cache are the ones used), remembers the answer across documents, and writes the LEMMA column back
with ``Doc.from_array``. A token that already has a lemma (set by the attribute ruler) keeps it
unless the stock component overwrites, exactly as the stock loop does. Only the ``rule`` mode is
compiled; any other mode keeps the stock component.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

COLUMNS = [ORTH, POS, MORPH, LEMMA]
MEMO = 200_000  # distinct word forms whose lemma is remembered (a hash always names the same string)


class CompiledLemmatizer:
    """The stock rule lemmatizer, called once per distinct (ORTH, POS, MORPH) of a document."""

    def __init__(self, stock: Lemmatizer) -> None:
        if stock.mode != "rule":
            raise ValueError(f"only the rule mode is compiled, not {stock.mode!r}")
        stock._validate_tables()  # what the stock component checks on its first call
        self.stock = stock
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array(COLUMNS)
        todo = np.arange(len(doc)) if self.stock.overwrite else np.flatnonzero(arr[:, 3] == 0)
        if not len(todo):
            return doc
        keys, first, where = np.unique(arr[todo, :3], axis=0, return_index=True, return_inverse=True)
        strings = doc.vocab.strings
        hashes = np.array([strings.add(self._lemma(doc, tuple(key), int(todo[i])))
                           for key, i in zip(keys.tolist(), first.tolist(), strict=True)], dtype=np.uint64)
        lemmas = arr[:, 3].copy()
        lemmas[todo] = hashes[where.reshape(-1)]
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc

    def _lemma(self, doc: Doc, key: tuple[int, int, int], i: int) -> str:
        """The stock lemma of the word form ``key`` (first seen at token ``i``), remembered."""
        lemma = self.memo.get(key)
        if lemma is None:
            if len(self.memo) >= MEMO:
                self.memo.clear()
            lemma = self.memo[key] = self.stock.lemmatize(doc[i])[0]
        return lemma

    def pipe(self, docs: Any, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def compile_lemmatizer(stock: Any) -> CompiledLemmatizer | None:
    """The compiled form of ``stock``, or None when it is no rule lemmatizer."""
    if not isinstance(stock, Lemmatizer):
        return None
    try:
        return CompiledLemmatizer(stock)
    except ValueError:
        return None


@Language.factory("skg_lemmatizer")
def make_lemmatizer(nlp: Language, name: str, source: str = "lemmatizer") -> CompiledLemmatizer:
    """The compiled copy of the pipeline's ``source`` lemmatizer (see :func:`use_compiled_lemmatizer`)."""
    compiled = compile_lemmatizer(nlp.get_pipe(source))
    if compiled is None:
        raise ValueError(f"{source} is no rule lemmatizer and cannot be compiled")
    return compiled


def use_compiled_lemmatizer(nlp: Language, source: str = "lemmatizer") -> bool:
    """Put ``skg_lemmatizer`` after ``source`` and disable ``source``; False (nothing changed) when the
    pipeline has no rule lemmatizer of that name."""
    if source not in nlp.pipe_names or compile_lemmatizer(nlp.get_pipe(source)) is None:
        return False
    nlp.add_pipe("skg_lemmatizer", after=source, config={"source": source})
    nlp.disable_pipe(source)
    return True


__all__ = ["CompiledLemmatizer", "compile_lemmatizer", "use_compiled_lemmatizer"]
