"""Text normalisation before the parse, with a record to map offsets back to the original text.

Zero-width characters (ZWSP, ZWJ, ZWNJ, word joiner, BOM) and bidirectional controls (LRM, RLM,
embeddings, overrides, isolates) are invisible on screen but split tokens: "Ru\u200bssia" is no
country to the gazetteer, and a vote is lost without a word of warning. The parse runs on a view
with those characters removed; every evidence span found there is mapped back through this record,
so offsets index the *original* text and quotes are cut from it verbatim (invisible characters
inside a quote stay in it).

Publishers' notes inside a sentence are removed the same way (``publishing_notes`` in
``rules/tokenizer.yml``): a UN press release writes "resolution 2624 (2022) (to be issued as document
S/RES/2624(2022)), adopted by 11 votes …", and the parser, taking the note for the main clause, hangs
the vote on "issued" instead of on the resolution.

One character is replaced by another of the same width: the non-breaking hyphen (U+2011, "the
15‑member Council"), which the tokenizer does not split as it splits "-". Nothing else is changed: no
case, width or quote-mark folding.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from .records import Document, Evidence

T = TypeVar("T")

#: zero-width and bidirectional format characters that never carry meaning in the texts we read
INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen
             "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
             "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
             "\u2066\u2067\u2068\u2069")  # isolates
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
#: characters read as another of the same width (offsets do not move): the non-breaking hyphen is a hyphen
FOLDED = {"\u2011": "-"}
_FOLD_TABLE = str.maketrans(FOLDED)


@dataclass(frozen=True)
class NormalisedText:
    """The text to parse and how to map its offsets back.

    ``removed_at`` holds, for each removed character in order, its position in the normalised text;
    a normalised offset ``n`` then sits at ``n + (removed characters at or before n)`` in the original.
    """

    original: str
    text: str
    removed_at: tuple[int, ...] = ()
    folded: bool = False  # a character of ``FOLDED`` was replaced: quotes are still cut from ``original``

    @property
    def changed(self) -> bool:
        return bool(self.removed_at) or self.folded

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised span ``[start, end)``."""
        if not self.removed_at:
            return start, end
        first = start + bisect_right(self.removed_at, start)
        if end <= start:
            return first, first
        last = (end - 1) + bisect_right(self.removed_at, end - 1)
        return first, last + 1

    def evidence(self, ev: Evidence) -> Evidence:
        """Evidence found in the normalised text, pointing into the original one."""
        start, end = self.original_span(ev.start, ev.end)
        return dataclasses.replace(ev, start=start, end=end, quote=self.original[start:end])


def normalise(text: str) -> NormalisedText:
    """Remove the invisible format characters and the publishers' notes; the identity (and no copy)
    when there are none."""
    notes = _notes_re()
    cuts = [m.span() for m in _INVISIBLE_RE.finditer(text)]
    cuts += [m.span() for m in notes.finditer(text)] if notes is not None else []
    folded = any(c in text for c in FOLDED)
    if not cuts and not folded:
        return NormalisedText(text, text)
    kept: list[str] = []
    removed: list[int] = []
    at = 0
    for start, end in sorted(cuts):
        start = max(start, at)  # an invisible character inside a note is cut once
        kept.append(text[at:start])
        removed.extend([start - len(removed)] * (end - start))  # each cut character, at its normalised place
        at = max(at, end)
    kept.append(text[at:])
    view = "".join(kept)
    return NormalisedText(text, view.translate(_FOLD_TABLE) if folded else view, tuple(removed), folded)


@lru_cache(maxsize=1)
def _notes_re() -> re.Pattern[str] | None:
    from .ruleset import load_rules  # the rules files are read once, on the first text
    notes = load_rules("tokenizer.yml").get("publishing_notes") or []
    return re.compile("|".join(f"(?:{n})" for n in notes)) if notes else None


def restore(value: T, norm: NormalisedText, document: Document) -> T:
    """``value`` (facts, or a structure of them) with every Evidence mapped to the original text and
    every Document replaced by the original ``document``.

    This is the one place where evidence offsets found on the normalised view are mapped back.
    """
    if not norm.changed:
        return value
    return _restore(value, norm, document)


def _restore(value: Any, norm: NormalisedText, document: Document) -> Any:
    if isinstance(value, Evidence):
        return norm.evidence(value)
    if isinstance(value, Document):
        return document
    if isinstance(value, tuple):
        return tuple(_restore(item, norm, document) for item in value)
    if isinstance(value, list):
        return [_restore(item, norm, document) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _restore(getattr(value, f.name), norm, document) for f in dataclasses.fields(value)
                   if f.init}
        return dataclasses.replace(value, **changes)
    return value


__all__ = ["INVISIBLE", "NormalisedText", "normalise", "restore"]
