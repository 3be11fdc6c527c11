"""What every extractor needs about one parsed document: evidence spans, actors, dates.

One :class:`DocContext` is built per document and handed to each family's extractor, so the helpers
(span -> country, span -> date, span -> evidence) exist once.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..records import Document, Evidence
from .dates import MONTHS, hour_of_day, resolve_date, to_timezone
from .lexicon import Lexicon, load_lexicon, normalise_name
from .source import Source, dateline_day, document_source

DAY_WORDS = {"today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday"}
COUNTRY_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL", "GPE", "NORP"}
TERMS_KEY = "skg"
TEXT_KEY = "skg_text"  # doc.user_data: the document's text (see span_text)
LEMMAS_KEY = "skg_lemmas"  # doc.user_data: every token's lemma (see doc_lemmas)
TOKENS_KEY = "skg_tokens"  # doc.user_data: the document's tokens (see tokens_of)
LOWERS_KEY = "skg_lowers"  # doc.user_data: every token's lower-case form (see doc_lowers)
ITEM_NUMBER = re.compile(r"\(\d{1,3}\)|\d{1,3}[.)]")


@dataclass
class DocContext:
    """A parsed document with its metadata and lookups."""

    doc: Doc
    document: Document
    lexicon: Lexicon = field(default_factory=load_lexicon)
    _sentences: list[Span] | None = field(default=None, init=False, repr=False)
    _terms: dict[str, tuple[list[int], list[Span]]] | None = field(default=None, init=False, repr=False)
    #: values an extractor computes once per document (a whole-text count read at every cue would make
    #: a long text's cost quadratic)
    memo: dict[str, object] = field(default_factory=dict, init=False, repr=False)
    _lemma_sets: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def published(self) -> date | None:
        """The day the text speaks from, against which "today" and weekdays resolve: the publication
        date, or the day of a dateline a few days before it (a release reissued later elsewhere)."""
        window = int(self.lexicon.cues["report_window_days"])
        return dateline_day(self.document, window) or self.document.meta.published

    @cached_property
    def source(self) -> Source:
        """The state or organisation speaking through the document (publisher, "From:" line, dateline)."""
        return document_source(self.document, self.lexicon)

    def evidence(self, span: Span, rule: str) -> Evidence:
        """Evidence for a span: the quote is exactly ``text[start:end]`` of the document."""
        start, end = span.start_char, span.end_char
        text = self.document.text
        while start < end and (text[start].isspace() or text[start] in ",;:|"):
            start += 1  # a span cut by a misplaced sentence boundary: ", China block …"
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(self.document.doc_id, start, end, text[start:end], rule)

    def sentences(self) -> list[Span]:
        """Sentences, with the line breaks of headlines and lists treated as boundaries.

        Computed once per document: every extractor walks them, many times."""
        if self._sentences is None:
            self._sentences = list(_split_lines(self.doc))
        return self._sentences

    def lemma_set(self, span: Span) -> frozenset[str]:
        """The lemmas (:func:`lemma`) of ``span``'s tokens, worked out once per span.

        An extractor first asks whether a sentence holds any of its cue lemmas at all, and walks
        the tokens one by one only if it does: most sentences hold none of a family's cues, and
        walking a span makes a ``Token`` per word each time."""
        key = (span.start, span.end)
        found = self._lemma_sets.get(key)
        if found is None:
            found = self._lemma_sets[key] = frozenset(doc_lemmas(span.doc)[span.start:span.end])
        return found

    def sentence_list(self) -> list[Span]:
        """:meth:`sentences` (already a list computed once per document), under the name some extractors use."""
        return self.sentences()

    def terms(self, span: Span, label: str) -> list[Span]:
        """Domain-term spans (``MISSILE``, ``TALLY_FAVOUR``, …) inside ``span``."""
        if self._terms is None:  # per label, sorted by start: a lookup costs what it finds, not the document
            by_label: dict[str, list[Span]] = {}
            for t in sorted(self.doc.spans.get(TERMS_KEY, []), key=lambda t: (t.start, t.end)):
                by_label.setdefault(t.label_, []).append(t)
            self._terms = {label: ([t.start for t in spans], spans) for label, spans in by_label.items()}
        starts, spans = self._terms.get(label, ([], []))
        found = []
        for k in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
            if spans[k].end <= span.end:
                found.append(spans[k])
        return found

    def country(self, ent: Span) -> str | None:
        """ISO3 of a country-like entity: its gazetteer id, else a name lookup."""
        if ent.label_ in {"COUNTRY", "DEMONYM", "CAPITAL"} and ent.ent_id_:
            return ent.ent_id_
        if ent.label_ in COUNTRY_LABELS:
            return self.lexicon.country_for(ent.text)
        return None

    def countries(self, span: Span, metonyms: bool = True) -> list[tuple[str, Span]]:
        """(ISO3, entity) for each country mention in ``span``, in order."""
        out = []
        for ent in self.ents_in(span):
            if ent.label_ == "CAPITAL" and not metonyms:
                continue
            iso3 = self.country(ent)
            if iso3:
                out.append((iso3, ent))
        return out

    def country_of_token(self, tok: Token) -> str | None:
        """ISO3 when ``tok`` is inside a country entity."""
        ent = self.ent_at(tok.i)
        return self.country(ent) if ent is not None else None

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (see :func:`ents_of`)."""
        return ents_of(span)

    def ent_at(self, i: int) -> Span | None:
        """The entity covering token ``i``, if any."""
        starts, ents = _ent_index(self.doc)
        k = bisect_right(starts, i) - 1
        return ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None

    def org_code(self, ent: Span) -> str | None:
        """Gazetteer code of an organisation entity, else None (a country's code on a span a rule relabelled
        ORG is none: "Iraq" read as a list item)."""
        if ent.label_ == "ORG":
            code = ent.ent_id_ or self.lexicon.org_by_name.get(normalise_name(ent.text))
            return code if code in self.lexicon.org_by_code else None
        return None

    def date_spans(self, span: Span) -> list[Span]:
        """DATE/TIME entities, plus lone day words ("Today", "Friday") the NER left untagged."""
        ents = [_with_bare_day(e) for e in self.ents_in(span) if e.label_ in {"DATE", "TIME"}]
        covered = {i for e in ents for i in range(e.start, e.end)}
        extra = [span.doc[t.i:t.i + 1] for t in tokens_of(span)
                 if t.i not in covered and t.lower_ in DAY_WORDS]
        return sorted(ents + extra, key=lambda s: s.start)

    def resolve(self, text: str) -> date | None:
        return resolve_date(text, self.published)

    def first_date(self, spans: Iterable[Span]) -> date | None:
        """The first date expression among ``spans`` that names one day."""
        for sp in spans:
            found = self.resolve(sp.text)
            if found:
                return found
        return None

    def council_date(self, span: Span) -> date | None:
        """A vote's date in New York, from the date expressions in ``span``."""
        for ent in self.date_spans(span):
            found = self.council_day(ent, context=span)
            if found:
                return found
        return None

    def council_day(self, phrase: Span, context: Span | None = None) -> date | None:
        """The New York date of one date phrase ("the early morning of the 27th" in Seoul)."""
        day = self.resolve(phrase.text)
        if day is None:
            return None
        hour = hour_of_day(phrase.text) or (hour_of_day(context.text) if context is not None else None)
        return to_timezone(day, hour, self.document.meta.timezone, self.lexicon.cues["council_timezone"])


def ents_of(span: Span | Doc) -> list[Span]:
    """The entities inside ``span``, from an index built once per document.

    ``Span.ents`` walks every entity of the document at each call; the extractors ask per sentence and
    per token, which made a long document cost the square of its length. Entities are final once the
    pipeline has run, so the index is kept in ``doc.user_data``."""
    doc = span if isinstance(span, Doc) else span.doc
    starts, ents = _ent_index(doc)
    if isinstance(span, Doc):
        return list(ents)
    lo, hi = bisect_left(starts, span.start), bisect_left(starts, span.end)
    return [e for e in ents[lo:hi] if e.end <= span.end]


def _ent_index(doc: Doc) -> tuple[list[int], list[Span]]:
    key = "skg_ent_index"
    if key not in doc.user_data:
        ents = list(doc.ents)
        doc.user_data[key] = ([e.start for e in ents], ents)
    return doc.user_data[key]


def _split_lines(doc: Doc) -> Iterator[Span]:
    for sent in _joined(doc):
        if "\n" not in span_text(sent):
            yield sent  # most sentences hold no line break: no token to look at
            continue
        start = sent.start
        for tok in tokens_of(sent):
            if "\n" in tok.text and tok.i > start:
                yield doc[start:tok.i]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _joined(doc: Doc) -> Iterator[Span]:
    """The parser's sentences, except that one ending in a bracketed title ("are Major General (Maj.
    Gen.)", where the parser takes the abbreviation's period for a full stop) or made of a list item's
    number alone ("1.", "(2)", where it ends a sentence before the item) goes on into the next."""
    start = None
    for sent in doc.sents:
        if _ends_in_bracketed_title(sent) or _item_number_only(sent):
            start = sent.start if start is None else start
            continue
        yield doc[sent.start if start is None else start:sent.end]
        start = None
    if start is not None:
        yield doc[start:len(doc)]


def _item_number_only(sent: Span) -> bool:
    """"1.", "(2)", "3)": a list item's number, the whole sentence (spaces aside)."""
    return bool(ITEM_NUMBER.fullmatch("".join(span_text(sent).split())))  # its words, without the spaces


def _ends_in_bracketed_title(sent: Span) -> bool:
    if not span_text(sent).rstrip().endswith(")"):
        return False
    words = [t for t in tokens_of(sent) if not t.is_space]
    if len(words) < 3 or words[-1].text != ")":
        return False
    opening = next((k for k in range(len(words) - 2, max(len(words) - 6, 0), -1) if words[k].text == "("), None)
    inner = words[opening + 1:-1] if opening is not None else []
    return bool(inner) and all(t.text.endswith(".") and t.text[:1].isupper() and len(t) <= 6 for t in inner)


def span_text(span: Span) -> str:
    """``span.text``, sliced from the document's text (kept in ``doc.user_data`` once made).

    spaCy builds a span's text, and a document's, token by token at every call: for the sentences
    that each extractor reads again and again, that cost more than the reading itself."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text``, the string ``doc`` was made from (spaCy keeps every character), as its :func:`doc_text`:
    the parser's caller has it already, and building ``doc.text`` again walks every token."""
    doc.user_data[TEXT_KEY] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once per document (see :func:`span_text`)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _with_bare_day(ent: Span) -> Span:
    """"the 4 May 2031 launch": the NER may tag "May 2031" and leave the day before it a bare number."""
    doc, i = ent.doc, ent.start
    if i == 0 or ent.label_ != "DATE" or ent[0].lower_.rstrip(".") not in MONTHS:
        return ent
    day = doc[i - 1]
    if day.ent_type_ or not day.is_digit or not 1 <= int(day.text) <= 31 or not day.whitespace_:
        return ent
    return Span(doc, i - 1, ent.end, label="DATE")


def is_dateline(ent: Span, sent: Span) -> bool:
    """"UNITED NATIONS, March 29 - …": a date before a dash at the start of a sentence is the
    dateline of the report, not the date of the event the sentence tells."""
    doc = ent.doc
    near_start = ent.start - sent.start <= 4
    after = doc[ent.end:min(ent.end + 4, len(doc))]
    return near_start and any(t.text in {"-", "--", "—", "–"} for t in after)


def head_chain(tok: Token, limit: int = 6) -> Iterator[Token]:
    """``tok``'s ancestors, nearest first, at most ``limit`` of them."""
    for i, anc in enumerate(tok.ancestors):
        if i >= limit:
            return
        yield anc


def lemma(tok: Token) -> str:
    """Lower-case lemma, with "test-fire" (three tokens) read as one word (see :func:`doc_lemmas`)."""
    return doc_lemmas(tok.doc)[tok.i]


def doc_lemmas(doc: Doc) -> list[str]:
    """Every token's :func:`lemma`, worked out once per document and kept in ``doc.user_data``.

    The extractors ask for lemmas hundreds of thousands of times per hundred texts; reading one from
    spaCy makes a new string from the string store each time."""
    found = doc.user_data.get(LEMMAS_KEY)
    if found is None:
        found = _lowered_strings(doc, LEMMA)
        for i, low in enumerate(found):
            if low == "fire" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "test":
                found[i] = "test-fire"
        doc.user_data[LEMMAS_KEY] = found
    return found


def _lowered_strings(doc: Doc, attr: int) -> list[str]:
    """Every token's ``attr`` string, lower-cased, read from one ``Doc.to_array`` column: no ``Token``
    object is made per word, and a string the document repeats is looked up and lowered once."""
    strings = doc.vocab.strings
    seen: dict[int, str] = {}
    out: list[str] = []
    for key in doc.to_array(attr).tolist():
        text = seen.get(key)
        if text is None:
            text = seen[key] = strings[key].lower()
        out.append(text)
    return out


def tokens_of(span: Span | Doc) -> list[Token]:
    """The tokens of ``span`` from a list made once per document (kept in ``doc.user_data``).

    Walking a span makes a new ``Token`` object per word each time; the extractors walk the same
    sentences many times over, and that was the largest single cost of extraction."""
    doc = span if isinstance(span, Doc) else span.doc
    found = doc.user_data.get(TOKENS_KEY)
    if found is None:
        found = doc.user_data[TOKENS_KEY] = list(doc)
    return found if isinstance(span, Doc) else found[span.start:span.end]


def doc_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_``, made once per document (kept in ``doc.user_data``), for the scans that
    compare words at every position (role phrases): reading ``doc[i].lower_`` makes a ``Token`` each time."""
    found = doc.user_data.get(LOWERS_KEY)
    if found is None:
        found = doc.user_data[LOWERS_KEY] = _lowered_strings(doc, LOWER)
    return found


def cue_tokens(span: Span, cues: frozenset[str] | set[str]) -> list[Token]:
    """The tokens of ``span`` whose :func:`lemma` is in ``cues``, in text order.

    An extractor's rules start from a cue word, and most words of a sentence are none: scanning the
    document's lemma list finds the few that are, without a call (or a ``Token``) for every word."""
    doc = span.doc
    lemmas, tokens = doc_lemmas(doc), tokens_of(doc)
    return [tokens[i] for i in range(span.start, span.end) if lemmas[i] in cues]
