"""Parsing with a bounded cost per document, and no document able to stop the others.

* **Normalised view.** Each text is parsed through :mod:`textnorm` (invisible format characters
  removed); the record travels with the parse so evidence can be mapped back to the original text.
* **Over-long "sentences" skipped.** A run of more than ``MAX_SENTENCE_CHARS`` characters without a
  sentence end or a line break is no sentence a rule can read, and it is what makes the parser and
  the extractors slow. It is blanked (spaces of the same length, so offsets hold) with an E015 warning.
* **Chunks.** A long text is parsed in pieces of at most ``CHUNK_CHARS`` characters, cut at a line
  break or a sentence end, and the pieces are joined with ``Doc.from_docs``: the joined text is the
  whole text, so every offset stays relative to it, and the parser's memory is that of one chunk.
  spaCy's ``max_length`` is raised to the ``--max-bytes`` limit, so no text the reader accepts can
  meet spaCy's E088.
* **Bounded batches.** The parser's working memory grows with the tokens of one batch (about 6 KB a
  token for the parser's and the NER's precomputed features), so a batch holds at most ``batch_size``
  documents *and* at most ``BATCH_CHARS`` characters: a few long texts no longer make a peak that a
  corpus of short ones never reaches, and a long text is parsed a few chunks at a time. The bound is
  small (5,000 characters, two or three news items): over a long feed each batch's arrays left the heap
  a little higher (60,000 characters: 288 MB peak after 500 documents of the bench's news mix, 331 MB
  after 5,000), for a few percent more CPU on 126 relevant texts (0.95-1.0 of the speed in interleaved
  rounds; bench/README.md). The parsed
  Docs drop ``doc.tensor`` (384 bytes a token in ``en_core_web_sm``), which nothing after the
  pipeline reads, so a document held for extraction costs its tokens only.
* **Failures are per document.** With one process, documents are parsed batch by batch; a batch that
  fails is parsed again one document at a time, and the document that fails is reported (E012) and
  skipped. (With ``n_process > 1`` spaCy's worker pool streams the texts and cannot be resumed.)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import DocumentError, Errors
from .extract.context import remember_text
from .records import Document
from .textnorm import NormalisedText, normalise

C = TypeVar("C")

#: the parser's cost grows faster than the text (measured: 4,200 characters of vote sentences in 0.6 s,
#: 28,000 in 8.8 s), so long texts are parsed in pieces of this size, cut at a line break where possible
CHUNK_CHARS = 20_000
#: the most characters given to the parser in one batch (see the module's notes; a chunk is never cut)
BATCH_CHARS = 5_000
MAX_SENTENCE_CHARS = 5_000
#: a sentence end or a line break; the text between two of them is one "sentence" for the cap
_BREAK = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s|\n")


@dataclass(frozen=True)
class Prepared(Generic[C]):
    """One document ready to parse: its normalised view, the text given to spaCy, and a caller's context."""

    document: Document
    norm: NormalisedText
    text: str
    context: C

    @property
    def view(self) -> Document:
        """The document as extraction sees it: the parsed text, so quotes cut from it match the Doc."""
        return self.document if self.text is self.document.text else replace(self.document, text=self.text)


def prepare(document: Document, context: C, on_error: Callable[[DocumentError], None]) -> Prepared[C]:
    """Normalise the text (E017 says how many invisible characters were set aside) and blank
    over-long sentences (E015 for each)."""
    norm = normalise(document.text)
    text = norm.text
    invisible = len(norm.removed_at) - document.text.startswith("\ufeff")  # a leading BOM is no news
    if invisible > 0:
        on_error(DocumentError(Errors.E017.format(path=document.path, count=invisible), document.path, warning=True))
    for start, end in _long_runs(text):
        original, _ = norm.original_span(start, end)
        on_error(DocumentError(Errors.E015.format(path=document.path, length=end - start, offset=original,
                                                  limit=MAX_SENTENCE_CHARS), document.path, warning=True))
        text = text[:start] + " " * (end - start) + text[end:]
    return Prepared(document, norm, text, context)


def _long_runs(text: str) -> Iterator[tuple[int, int]]:
    """The spans between sentence breaks that are longer than ``MAX_SENTENCE_CHARS``."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return
    previous = 0
    for match in _BREAK.finditer(text):
        if match.start() - previous > MAX_SENTENCE_CHARS:
            yield previous, match.start()
        previous = match.end()
    if len(text) - previous > MAX_SENTENCE_CHARS:
        yield previous, len(text)


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most ``size`` characters whose concatenation is ``text``, cut at a line break,
    else after a sentence end, else at a space, else anywhere."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut < size // 2:
            ends = [m.end() for m in _BREAK.finditer(window)]
            cut = ends[-1] if ends and ends[-1] >= size // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_documents(nlp: Language, items: Iterable[tuple[Document, C]], *, batch_size: int, n_process: int,
                    max_bytes: int, on_error: Callable[[DocumentError], None]) -> Iterator[tuple[Doc, Prepared[C]]]:
    """Parse each document (see the module's notes); yields the Doc with its :class:`Prepared` record."""
    nlp.max_length = max(nlp.max_length, max_bytes + 1, CHUNK_CHARS + 1)
    prepared = (prepare(document, context, on_error) for document, context in items)
    if n_process > 1:
        yield from _assemble(nlp.pipe(_pieces(prepared), as_tuples=True, batch_size=batch_size,
                                      n_process=n_process))
        return
    for batch in bounded(prepared, batch_size, lambda item: len(item.text)):
        try:
            parsed: list[tuple[Doc, Prepared[C]]] = list(_assemble(_parse(nlp, _pieces(batch), batch_size)))
        except Exception:  # noqa: BLE001 - one document broke the batch: find it, keep the others
            parsed = list(_one_by_one(nlp, batch, on_error))
        yield from parsed


T = TypeVar("T")


def bounded(items: Iterable[T], size: int, chars: Callable[[T], int], limit: int | None = None) -> Iterator[list[T]]:
    """Consecutive groups of at most ``size`` items and at most ``limit`` (``BATCH_CHARS``) characters;
    an item longer than the limit is a group of its own."""
    limit = BATCH_CHARS if limit is None else limit
    group: list[T] = []
    total = 0
    for item in items:
        n = chars(item)
        if group and (len(group) >= size or total + n > limit):
            yield group
            group, total = [], 0
        group.append(item)
        total += n
    if group:
        yield group


def _parse(nlp: Language, pieces: Iterable[tuple[str, Any]], batch_size: int) -> Iterator[tuple[Doc, Any]]:
    """``nlp.pipe`` over the pieces, one bounded batch at a time, each Doc without its tensor."""
    for group in bounded(pieces, batch_size, lambda piece: len(piece[0])):
        for doc, context in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            doc.tensor = numpy.zeros((0,), dtype="float32")
            yield doc, context


def _one_by_one(nlp: Language, batch: list[Prepared[C]],
                on_error: Callable[[DocumentError], None]) -> Iterator[tuple[Doc, Prepared[C]]]:
    for item in batch:
        try:
            yield from _assemble(_parse(nlp, _pieces([item]), 1))
        except Exception as exc:  # noqa: BLE001 - any failure of one document is that document's E012
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            on_error(DocumentError(Errors.E012.format(path=item.document.path, reason=reason), item.document.path))


def _pieces(items: Iterable[Prepared[C]]) -> Iterator[tuple[str, tuple[Prepared[C], int, int]]]:
    """(chunk text, (record, chunk index, chunk count)) for every chunk of every document."""
    for item in items:
        parts = chunks(item.text, CHUNK_CHARS)
        for index, part in enumerate(parts):
            yield part, (item, index, len(parts))


def _assemble(parsed: Iterable[tuple[Doc, Any]]) -> Iterator[tuple[Doc, Prepared[C]]]:
    """Join each document's parsed chunks back into one Doc over its whole text."""
    waiting: list[Doc] = []
    for doc, (item, index, count) in parsed:
        if count == 1:
            remember_text(doc, item.text)  # the one chunk is the whole text
            yield doc, item
            continue
        waiting.append(doc)
        if index == count - 1:
            joined = Doc.from_docs(waiting, ensure_whitespace=False)
            joined.tensor = numpy.zeros((0,), dtype="float32")
            remember_text(joined, item.text)  # the chunks' texts end to end: the whole text
            waiting = []
            yield joined, item


__all__ = ["BATCH_CHARS", "CHUNK_CHARS", "MAX_SENTENCE_CHARS", "Prepared", "bounded", "chunks", "parse_documents",
           "prepare"]
