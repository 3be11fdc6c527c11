"""Who speaks through a document: the state or organisation behind it, read from its metadata and head.

A release of Japan's foreign ministry that quotes "the Minister for Foreign Affairs" or "Press Secretary
TANAKA Mariko" is Japan speaking; a UN press release quoting a committee chair is not a state speaking.
The evidence, from the strongest: ``country`` in ``.meta.yml``; the ``publisher`` matched against
``rules/publishers.yml``; a "From:" line at the head of the text matched the same way; a dateline
("WASHINGTON —", "TOKYO, March 3 -") whose place is a capital or a country. Nothing here knows spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..nlp.gazetteer import load_yaml
from ..records import Document
from .dates import resolve_date
from .lexicon import RULES, Lexicon, normalise_name


@dataclass(frozen=True)
class Source:
    """The state (ISO3) or organisation code speaking through a document, and how that was found
    (``meta``, ``publisher``, ``from_line`` or ``dateline``)."""

    country: str | None = None
    organisation: str | None = None
    how: str | None = None


@dataclass(frozen=True)
class PublisherRules:
    """``rules/publishers.yml`` compiled."""

    known: tuple[tuple[re.Pattern[str], str | None, str | None], ...]
    generic: tuple[re.Pattern[str], ...]
    from_line: re.Pattern[str]
    dateline: re.Pattern[str]
    head_lines: int


@lru_cache(maxsize=1)
def publisher_rules() -> PublisherRules:
    data = load_yaml(RULES / "publishers.yml")
    known = tuple((re.compile(p, re.IGNORECASE), e.get("country"), e.get("organisation"))
                  for e in data["publishers"] for p in e["patterns"])
    return PublisherRules(
        known=known, generic=tuple(re.compile(p, re.IGNORECASE) for p in data["generic"]),
        from_line=re.compile(data["from_line"], re.IGNORECASE), dateline=re.compile(data["dateline"]),
        head_lines=int(data["head_lines"]))


def document_source(document: Document, lexicon: Lexicon) -> Source:
    """The strongest evidence of who speaks through ``document``; an empty :class:`Source` when none."""
    if document.meta.country:
        return Source(country=document.meta.country, how="meta")
    found = publisher_source(document.meta.publisher or "", lexicon)
    if found:
        return Source(found[0], found[1], "publisher")
    head = _head_lines(document)
    for line in head:
        match = publisher_rules().from_line.match(line)
        found = publisher_source(match.group("publisher"), lexicon) if match else None
        if found:
            return Source(found[0], found[1], "from_line")
    for line in head:
        found = dateline_source(line, lexicon)
        if found:
            return Source(found[0], found[1], "dateline")
    return Source()


def publisher_source(name: str, lexicon: Lexicon) -> tuple[str | None, str | None] | None:
    """(country, organisation) of a publisher's name, from the known publishers, then the generic shapes
    whose named group is a country of the gazetteer."""
    if not name.strip():
        return None
    rules = publisher_rules()
    for pattern, country, organisation in rules.known:
        if pattern.search(name):
            return country, organisation
    for pattern in rules.generic:
        match = pattern.search(name)
        if match:
            named = next((v for k, v in match.groupdict().items() if k.startswith("country") and v), None)
            code = lexicon.country_for(named.strip()) if named else None
            if code:
                return code, None
    return None


#: a day right after a dateline's place: "NEW YORK, 30 July (UN Headquarters) --", "TOKYO, March 3 (Reuters) -"
_DATELINE_DAY = re.compile(r"\s*,?\s*(\d{1,2} [A-Z][a-z]+\.?|[A-Z][a-z]+\.? \d{1,2})\b")


def _head_lines(document: Document) -> list[str]:
    """The first ``head_lines`` lines of the text that are not blank, stripped: where a "From:" line or a
    dateline may stand."""
    return [line.strip() for line in document.text.splitlines() if line.strip()][:publisher_rules().head_lines]


def dateline_day(document: Document, window: int) -> date | None:
    """The day of the text's dateline when it is up to ``window`` days before the publication date: a
    release reissued days later (by a UN information centre) still says "today" of its dateline's day."""
    published = document.meta.published
    if published is None:
        return None
    head = _head_lines(document)
    for line in head:
        match = publisher_rules().dateline.match(line)
        day_match = _DATELINE_DAY.match(line, match.end() - 1) if match else None
        day = resolve_date(day_match.group(1), published) if day_match else None
        if day is not None and 0 < (published - day).days <= window:
            return day
    return None


def dateline_source(line: str, lexicon: Lexicon) -> tuple[str | None, str | None] | None:
    """(country, organisation) of a dateline's place in capitals: a capital or country name of the
    gazetteer, or a known organisation's name ("UNITED NATIONS")."""
    match = publisher_rules().dateline.match(line)
    if not match:
        return None
    place = match.group("place").strip(" .-").title()
    code = lexicon.country_for(place)
    if code:
        return code, None
    org = lexicon.org_by_name.get(normalise_name(place))
    return (None, lexicon.org_by_code[org].get("authority")) if org else None
