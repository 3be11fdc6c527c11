"""Domain components registered with ``@Language.factory``; their rules are the files in ``rules/``.

- ``skg_gazetteer`` (before ``ner``): countries, demonyms, capitals and known organisations as entities,
  so that the statistical NER keeps them and resolves them to codes (``ent.ent_id_``).
- ``skg_terms`` (after ``ner``): missile types, measures, commodities, units and tally phrases as spans
  in ``doc.spans["skg"]``.
- ``skg_actors`` (last): person and organisation names the model misses (name shapes from ``names.yml``),
  and removal of entities that overlap a domain term ("ICBMs" is not an organisation).
Each follows spaCy's habit: ``__call__`` matches and sets annotations; ``initialize`` loads the patterns.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler, SpanRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from .gazetteer import entity_patterns, load_yaml, term_patterns

GAZETTEER_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL", "ORG"}
TERMS_KEY = "skg"
BULLETS = {"-", "–", "—", "•", "*", "·", "▪"}
SHORT_LINE = 12  # tokens: a line this short is a headline, a byline or page furniture, one sentence


class _RulerWrapper:
    """Shared delegation to a built-in ruler: patterns come from ``rules_dir`` in ``initialize``."""

    ruler: Any

    def __call__(self, doc: Doc) -> Doc:
        return self.ruler(doc)

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        self.ruler.to_disk(path, exclude=exclude)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> _RulerWrapper:
        self.ruler.from_disk(path, exclude=exclude)
        return self


class Gazetteer(_RulerWrapper):
    """An entity ruler whose patterns are the country and organisation gazetteers."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.ruler = EntityRuler(nlp, name=name, overwrite_ents=True)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   rules_dir: str = "") -> None:
        """Load the gazetteer patterns from ``rules_dir`` (the package's ``rules/``)."""
        self.ruler.clear()
        with warnings.catch_warnings():  # the ruler tokenises its phrases with itself still empty (W036)
            warnings.filterwarnings("ignore", message=r"\[W036\]")
            self.ruler.add_patterns(entity_patterns(Path(rules_dir)))


class Terms(_RulerWrapper):
    """A span ruler for domain terms and tally phrases, written to ``doc.spans["skg"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        longest = registry.misc.get("spacy.first_longest_spans_filter.v1")()
        self.ruler = SpanRuler(nlp, name=name, spans_key=TERMS_KEY, overwrite=True, spans_filter=longest,
                               phrase_matcher_attr="LOWER")

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   rules_dir: str = "") -> None:
        """Load the term and tally patterns from ``rules_dir``."""
        self.ruler.clear()
        self.ruler.add_patterns(term_patterns(Path(rules_dir)))


class Actors:
    """Adds PERSON/ORG spans from name shapes and drops entities that overlap domain terms."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.matcher = Matcher(nlp.vocab)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   rules_dir: str = "") -> None:
        """Build the name-shape patterns from ``names.yml``."""
        names = load_yaml(Path(rules_dir) / "names.yml")
        given: dict[str, Any] = {"IS_TITLE": True, "ORTH": {"NOT_IN": names["not_given_names"]}}
        hyphen_part: list[dict[str, Any]] = [{"ORTH": "-"}, {"IS_ALPHA": True, "IS_LOWER": True}]
        surname: dict[str, Any] = {"ORTH": {"IN": names["surnames"]}}
        self.matcher = Matcher(self.vocab)
        self.matcher.add("PERSON", [
            [surname, given, given],
            [surname, given, *hyphen_part],
            [surname, given],
        ], greedy="LONGEST")
        heads = {"ORTH": {"IN": names["org_heads"]}}
        word = {"IS_TITLE": True, "ORTH": {"NOT_IN": ["The", "A", "An"]}}
        self.matcher.add("ORG", [
            [word, {**word, "OP": "*"}, heads],
            [{**word, "OP": "*"}, heads, {"LOWER": {"IN": ["of", "for"]}}, word, {**word, "OP": "*"}],
        ], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        terms = [s for s in doc.spans.get(TERMS_KEY, []) if s.label_ in {"MISSILE", "MEASURE", "COMMODITY"}]
        ents = [e for e in doc.ents if not _overlaps_any(e, terms)]
        found = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        fixed = [e for e in ents if e.label_ in GAZETTEER_LABELS]
        new = [s for s in found if not _overlaps_any(s, fixed) and not _overlaps_any(s, terms)]
        others = [e for e in ents if e.label_ not in GAZETTEER_LABELS and not _overlaps_any(e, new)]
        kept = _capital_surnames(filter_spans([t for t in map(_trimmed, fixed + new + others) if t is not None]))
        doc.ents = filter_spans(_repeated_names(doc, kept) + kept)  # a repeat wins over the model's guess
        return doc


def _capital_surnames(ents: list[Span]) -> list[Span]:
    """A person's name with the surname in capitals, as many ministries write it ("Seyyed Ebrahim
    RAISI"): the model stops before the capitals, which are taken into the name when no entity holds
    them. ``ents`` are sorted and do not overlap (``filter_spans``)."""
    out = list(ents)
    for k, ent in enumerate(ents):
        limit = ents[k + 1].start if k + 1 < len(ents) else len(ent.doc)
        end = ent.end
        while end < limit and _capital_word(ent.doc[end]) and "\n" not in ent.doc[end - 1].whitespace_:
            end += 1
        if ent.label_ == "PERSON" and end > ent.end and any(t.is_title for t in ent) and _name_ends(ent.doc, end):
            out[k] = Span(ent.doc, ent.start, end, label=ent.label)
    return out


def _capital_word(tok: Token) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok) > 1


def _name_ends(doc: Doc, end: int) -> bool:
    """The name may end before ``end``: punctuation or a function word follows, not a noun that an acronym
    would modify ("Joe Biden UNGA speech")."""
    return end == len(doc) or doc[end].is_punct or doc[end].is_lower and doc[end].pos_ not in {"NOUN", "ADJ", "NUM"}


def _repeated_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Untagged repeats of a person's full name that the model tagged elsewhere in the document: it tags
    "Azim Aghajani" in a photo caption and not in "on two Iranians – Azim Aghajani and …". Only names of
    two or more capitalised words are repeated, and only where no entity stands (or the model's guess of a
    place or body for one word); so is a surname standing alone ("sanctions on Bozize, Adam and Yakite"),
    see :func:`lone_surnames` and :func:`_alone`. The text is searched with ``str.find`` (a few names, each
    found in C), not token by token."""
    full = [ent for ent in ents if ent.label_ == "PERSON" and 2 <= len(ent) <= 5
            and all(t.text[:1].isupper() and t.is_alpha or t.text == "-" for t in ent) and ent[-1].is_alpha]
    if not full:
        return []
    guessed = {"GPE", "ORG", "NORP", "LOC"}  # the model's label on one unknown word ("sanctions on Mbarga")
    taken = {i for ent in ents if ent.ent_id_ or len(ent) > 1 or ent.label_ not in guessed
             for i in range(ent.start, ent.end)}
    found, text = [], doc.text
    surnames = {w for w in lone_surnames(full) if len(w) > 2 and not w.isupper()}
    for name in {ent.text for ent in full} | surnames:
        at = text.find(name)
        while at >= 0:
            span = doc.char_span(at, at + len(name), label="PERSON")  # None unless on token edges
            if span is not None and taken.isdisjoint(range(span.start, span.end)) and (
                    name not in surnames or _alone(doc, span)):
                found.append(span)
            at = text.find(name, at + len(name))
    return found


def lone_surnames(full: Iterable[Span]) -> dict[str, Span]:
    """Last word -> the full name, for the last words that no other full name ends with ("Bozize" of
    "Francois Bozize"): a text names a person by the surname once it has given the full name. The
    parse tags such a surname where it stands alone; the designations extractor gives it back its
    full name."""
    last: dict[str, list[Span]] = {}
    for ent in full:
        last.setdefault(ent[-1].text, []).append(ent)
    return {word: names[0] for word, names in last.items() if len({n.text for n in names}) == 1}


def _alone(doc: Doc, span: Span) -> bool:
    """A name of its own: not part of a longer run of capitalised words (a surname inside another name or a
    title), not after an article and not before a noun it would modify ("Power plants closed")."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if any(t is not None and t.is_title and not t.is_sent_start for t in (before, after)):
        return False
    return not (before is not None and before.pos_ == "DET" or after is not None and after.is_lower
                and after.pos_ in {"NOUN", "PROPN"})


def _trimmed(span: Span) -> Span | None:
    """The entity without the line break the model sometimes takes at its edge ("Suga" + newline in a
    heading line followed by its text), which would make the name a different string."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id) if start < end else None


def _overlaps_any(span: Span, others: list[Span]) -> bool:
    """True if ``span`` shares a token with any of ``others``."""
    return any(span.start < o.end and o.start < span.end for o in others)


@Language.factory("skg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Countries and organisations from ``countries.yml`` / ``organisations.yml``."""
    return Gazetteer(nlp, name)


@Language.factory("skg_terms")
def make_terms(nlp: Language, name: str) -> Terms:
    """Missiles, measures, commodities, units and tallies from ``rules/``."""
    return Terms(nlp, name)


@Language.factory("skg_actors")
def make_actors(nlp: Language, name: str) -> Actors:
    """Name shapes from ``names.yml`` and clean-up of entities that are domain terms."""
    return Actors(nlp, name)


@Language.component("skg_lines")
def line_breaks(doc: Doc) -> Doc:
    """A line break starts a sentence, before the parser runs; a short line is one sentence.

    Scraped pages put headlines, bylines and page furniture ("- 24 views") on lines of their own;
    parsed as one sentence with the next line, they steal its subject ("views … the Security Council").
    Left to itself the parser also cuts short lines apart ("Jane | Rivers, Department Spokesperson").
    """
    line_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            _one_sentence_if_short(doc, line_start, tok.i)
            tok.is_sent_start = True
            line_start = tok.i
            if tok.text in BULLETS and tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = False  # "- Name, title": the bullet opens its line's sentence
    _one_sentence_if_short(doc, line_start, len(doc))
    return doc


def _one_sentence_if_short(doc: Doc, start: int, end: int) -> None:
    """Keep a short line (a headline, a byline) whole, unless a full stop inside it ends a sentence."""
    words = [t for t in doc[start:end] if not t.is_space]
    if not words or len(words) > SHORT_LINE or any(t.text in {".", "!", "?"} for t in words[:-1]):
        return
    for tok in words[1:]:
        tok.is_sent_start = False
