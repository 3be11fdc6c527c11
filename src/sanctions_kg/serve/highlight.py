"""Document texts and the evidence spans marked inside them.

The graph keeps each quote with its offsets (``skg:charStart``/``skg:charEnd``), not the whole
text. The text is read again from the document's ``skg:sourceFile`` (under one of the server's
text folders) and used only if its SHA-256 is the document's content hash and the quote is found at
its offsets, so a highlight never lands on the wrong words of an edited file.

Segments are plain strings: the templates escape them (autoescape), so a text containing
``<script>`` is shown, never run.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..documents import read_document
from ..errors import SanctionsKGError
from ..settings import load_settings

_BLANK_LINES = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+")
#: characters of context shown around a quote on a fact's page
CONTEXT = 240


@dataclass(frozen=True)
class Span:
    """One evidence span: where it is, what it says, and the fact it supports."""

    start: int
    end: int
    quote: str
    fact: str = ""
    title: str = ""


@dataclass
class Segment:
    """A run of text that is either plain or covered by one or more spans (then ``spans`` is not empty)."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def display(self) -> str:
        """The text with runs of blank lines shown as one (offsets are not affected: display only)."""
        return _BLANK_LINES.sub("\n\n", self.text)

    @property
    def marked(self) -> bool:
        return bool(self.spans)

    @property
    def href_fact(self) -> str:
        return self.spans[0].fact if self.spans else ""

    @property
    def titles(self) -> str:
        return "; ".join(dict.fromkeys(s.title for s in self.spans if s.title))


class TextSource:
    """Finds a document's text from its source path under a list of folders, checked by content hash."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(r) for r in roots]
        self._cache = lru_cache(maxsize=256)(self._load)

    def text(self, source_file: str | None, content_hash: str | None) -> str | None:
        """The text, or None when the file is not found, unreadable or not the stored version."""
        if not source_file or not content_hash:
            return None
        return self._cache(source_file, content_hash)

    def _load(self, source_file: str, content_hash: str) -> str | None:
        for path in self._candidates(source_file):
            if not path.is_file():
                continue
            try:
                if hashlib.sha256(path.read_bytes()).hexdigest() != content_hash:
                    continue
                return read_document(path, load_settings().max_bytes).text
            except (OSError, SanctionsKGError):
                continue
        return None

    def _candidates(self, source_file: str) -> list[Path]:
        path = Path(source_file)
        if path.is_absolute():
            return [path]
        return [root / path for root in self.roots]


def valid_spans(text: str, spans: Iterable[Span]) -> tuple[list[Span], list[Span]]:
    """(spans whose quote is at its offsets, spans that are not): only the first are highlighted."""
    good: list[Span] = []
    bad: list[Span] = []
    for span in spans:
        ok = 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.quote
        (good if ok else bad).append(span)
    return good, bad


def segments(text: str, spans: Sequence[Span], start: int = 0, end: int | None = None) -> list[Segment]:
    """``text[start:end]`` cut at every span boundary; overlapping spans share the segments they cover."""
    end = len(text) if end is None else end
    cuts = {start, end}
    for span in spans:
        cuts.update(p for p in (span.start, span.end) if start < p < end)
    points = sorted(cuts)
    out: list[Segment] = []
    for left, right in zip(points, points[1:], strict=False):
        covering = [s for s in spans if s.start <= left and right <= s.end]
        if out and not covering and not out[-1].spans:
            out[-1].text += text[left:right]
        else:
            out.append(Segment(text[left:right], covering))
    return out


def excerpts(text: str, spans: Sequence[Span], context: int = CONTEXT) -> list[list[Segment]]:
    """Windows of ``context`` characters around the spans (overlapping windows merged), each as segments."""
    windows: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        left = _word_edge(text, max(0, span.start - context), backwards=True)
        right = _word_edge(text, min(len(text), span.end + context), backwards=False)
        if windows and left <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], right)
        else:
            windows.append([left, right])
    return [segments(text, spans, left, right) for left, right in windows]


def _word_edge(text: str, position: int, backwards: bool) -> int:
    """Move ``position`` to the nearest white space so an excerpt does not cut a word (at most 30 chars)."""
    step = -1 if backwards else 1
    for moved in range(30):
        at = position + step * moved
        if at <= 0 or at >= len(text):
            return max(0, min(len(text), at))
        if text[at].isspace():
            return at + 1 if backwards else at
    return position
