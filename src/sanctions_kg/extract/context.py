"""What every extractor needs about one parsed document: evidence spans, actors, dates.

One :class:`DocContext` is built per document and handed to each family's extractor, so the helpers
(span -> country, span -> date, span -> evidence) exist once.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..records import Document, Evidence
from .dates import hour_of_day, resolve_date, to_timezone
from .lexicon import Lexicon, load_lexicon, normalise_name

DAY_WORDS = {"today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday"}
COUNTRY_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL", "GPE", "NORP"}
TERMS_KEY = "skg"


@dataclass
class DocContext:
    """A parsed document with its metadata and lookups."""

    doc: Doc
    document: Document
    lexicon: Lexicon = field(default_factory=load_lexicon)

    @property
    def published(self) -> date | None:
        return self.document.meta.published

    def evidence(self, span: Span, rule: str) -> Evidence:
        """Evidence for a span: the quote is exactly ``text[start:end]`` of the document."""
        start, end = span.start_char, span.end_char
        return Evidence(self.document.doc_id, start, end, self.document.text[start:end], rule)

    def sentences(self) -> Iterator[Span]:
        """Sentences, with the line breaks of headlines and lists treated as boundaries."""
        for sent in self.doc.sents:
            start = sent.start
            for tok in sent:
                if "\n" in tok.text and tok.i > start:
                    yield self.doc[start:tok.i]
                    start = tok.i + 1
            if start < sent.end:
                yield self.doc[start:sent.end]

    def sentence_list(self) -> list[Span]:
        """:meth:`sentences` as a list, computed once per document (extractors walk it many times)."""
        cached = self.__dict__.get("_sentence_list")
        if cached is None:
            cached = self.__dict__["_sentence_list"] = list(self.sentences())
        return cached

    def terms(self, span: Span, label: str) -> list[Span]:
        """Domain-term spans (``MISSILE``, ``TALLY_FAVOUR``, …) inside ``span``."""
        return [t for t in self.doc.spans.get(TERMS_KEY, [])
                if t.label_ == label and t.start >= span.start and t.end <= span.end]

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
        for ent in span.ents:
            if ent.label_ == "CAPITAL" and not metonyms:
                continue
            iso3 = self.country(ent)
            if iso3:
                out.append((iso3, ent))
        return out

    def country_of_token(self, tok: Token) -> str | None:
        """ISO3 when ``tok`` is inside a country entity."""
        if tok.ent_type_ and tok.ent_iob_ in {"B", "I"}:
            for ent in tok.sent.ents if tok.doc.has_annotation("SENT_START") else tok.doc.ents:
                if ent.start <= tok.i < ent.end:
                    return self.country(ent)
        return None

    def org_code(self, ent: Span) -> str | None:
        """Gazetteer code of an organisation entity, else None."""
        if ent.label_ == "ORG":
            return ent.ent_id_ or self.lexicon.org_by_name.get(normalise_name(ent.text))
        return None

    def date_spans(self, span: Span) -> list[Span]:
        """DATE/TIME entities, plus lone day words ("Today", "Friday") the NER left untagged."""
        ents = [e for e in span.ents if e.label_ in {"DATE", "TIME"}]
        covered = {i for e in ents for i in range(e.start, e.end)}
        extra = [span.doc[t.i:t.i + 1] for t in span
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
    return tok.lemma_.lower()
