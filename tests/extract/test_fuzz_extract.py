"""Property tests: whatever the text and metadata, extraction never crashes and every quote is exact.

Random text mixes unicode, newlines, numbers and domain phrases (so the rules actually fire), and
random metadata supplies the published date and time zone that dates are resolved against. Each
example goes through the real pipeline (``build_pipeline``), ``extract_document`` and the graph
builder; every :class:`Evidence` reachable from any fact must quote ``document.text[start:end]``.

Former crashes stay as regression cases (``test_former_crashes``): a clock time past 23:59 near a vote
or launch, and a published date at the ends of the calendar (``.meta.yml`` accepts 0001-01-01 and
9999-12-31); the random strategies cover both.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sanctions_kg.extract import extract_document
from sanctions_kg.graph import build_document_graph
from sanctions_kg.records import Document, DocumentMeta, Evidence
from sanctions_kg.resolve import EventIndex

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCABULARY = [
    "vetoed", "veto", "resolution", "draft resolution", "the Security Council", "North Korea", "DPRK",
    "China", "Russia", "the United States", "France", "United Kingdom", "13 in favour", "13 votes in favour",
    "2 against", "none against", "no abstentions", "one abstention", "adopted", "failed", "was not adopted",
    "ICBM", "intercontinental ballistic missile", "ballistic missiles", "launched", "fired", "asset freeze",
    "travel ban", "arms embargo", "sanctions", "designate", "blocked", "put a hold", "proposed",
    "crude oil", "refined petroleum", "barrels", "4 million", "375,000", "from 500,000 to 375,000 barrels",
    "ambassador", "Zhang Jun", "Vassily Nebenzia", "said", "the 1718 Committee", "resolution 2397",
    "on Thursday", "yesterday", "today", "the 25th", "24 March", "March 24, 2022", "2022-05-26",
    "last week", "early morning", "at 10:30 p.m.", "0:00", "23:59", "12:00 am", "Nov. 18", "31 February",
    "U.S.", "Mr.", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u00e9", "\ufeff", "\r\n", "\t",
]
CLOCK_TIMES = ["25:00", "at 99:99 am", "13:00 p.m."]  # impossible times a text may still contain
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n", "", "; ", " - "])
TOKENS = st.one_of(
    st.sampled_from(VOCABULARY + CLOCK_TIMES),
    st.sampled_from(VOCABULARY).map(str.upper),
    st.integers(min_value=-5, max_value=3000).map(str),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
TEXTS = st.lists(st.tuples(TOKENS, SEPARATORS), max_size=60).map(lambda parts: "".join(t + s for t, s in parts))
TIMEZONES = st.sampled_from(["UTC", "Asia/Seoul", "America/New_York", "Asia/Kolkata", "Europe/Moscow",
                             "Pacific/Kiritimati", "America/St_Johns", "Pacific/Pago_Pago"])
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1945, 1, 1), max_value=date(2035, 12, 31)), st.dates())
METAS = st.builds(DocumentMeta, published=PUBLISHED, timezone=TIMEZONES)
KNOWN_CRASHES = [
    pytest.param("China and Russia vetoed the draft resolution on Thursday at 25:00, with 13 in favour.",
                 date(2022, 5, 27), "Asia/Seoul", id="hour-25"),
    pytest.param("On Thursday North Korea launched an ICBM. Yesterday the Council voted 13 in favour; "
                 "China and Russia vetoed it.", date(1, 1, 1), "UTC", id="published-0001-01-01"),
    pytest.param("The resolution was adopted on 31 December with 15 in favour; North Korea launched an ICBM "
                 "in the early morning.", date(9999, 12, 31), "Asia/Seoul", id="published-9999-12-31"),
    pytest.param("A draft resolution was vetoed on the 25th. It was the 30th.", date(1, 1, 20), "UTC",
                 id="ordinal-day-in-year-1"),
]


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, loaded once (the lru_cache in build_pipeline shares it with other tests)."""
    from sanctions_kg.nlp import build_pipeline
    return build_pipeline()


def _evidence(value: Any) -> Iterator[Evidence]:
    """Every Evidence inside a fact record, however deeply nested (tuples, pairs, dataclasses)."""
    if isinstance(value, Evidence):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _evidence(getattr(value, item.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _evidence(item)


def _check(nlp, text: str, meta: DocumentMeta) -> None:
    doc_id = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    document = Document(doc_id=doc_id, path="fuzz/doc.txt", text=text, meta=meta)
    facts = extract_document(nlp(text), document)
    build_document_graph(facts, EventIndex())  # the next stage takes whatever the extractor gives
    families = (facts.votes, facts.designations, facts.launches, facts.caps, facts.represents, facts.blocks)
    assert len(facts) == sum(len(f) for f in families)
    for fact in (f for family in families for f in family):
        found = list(_evidence(fact))
        assert found, fact
        for ev in found:
            assert ev.doc_id == doc_id
            assert 0 <= ev.start <= ev.end <= len(text), ev
            assert text[ev.start:ev.end] == ev.quote, (ev, text[ev.start:ev.end])
            assert ev.rule, ev


@FUZZ
@given(text=TEXTS, meta=METAS)
@example(text="China and Russia vetoed the draft resolution on Thursday at 10:30 p.m., with 13 in favour "
              "and 2 against.", meta=DocumentMeta(published=date(2022, 5, 27), timezone="Asia/Seoul"))
@example(text="", meta=DocumentMeta())
@example(text="\ufeffNorth Korea launched an ICBM yesterday.\r\n\u00e9", meta=DocumentMeta(published=date(2022, 3, 25)))
def test_extraction_never_crashes_and_quotes_are_exact(nlp, text: str, meta: DocumentMeta) -> None:
    _check(nlp, text, meta)


@pytest.mark.parametrize(("text", "published", "timezone"), KNOWN_CRASHES)
def test_former_crashes(nlp, text: str, published: date, timezone: str) -> None:
    _check(nlp, text, DocumentMeta(published=published, timezone=timezone))


def test_an_undated_launch_published_in_year_1_joins_no_known_launch() -> None:
    from rdflib import URIRef

    from sanctions_kg.records import LaunchFact
    from sanctions_kg.resolve import KnownLaunch
    index = EventIndex(launches=[KnownLaunch(URIRef("urn:x:launch"), "PRK", date(2022, 1, 1), None, frozenset())])
    document = Document(doc_id="0" * 64, path="x.txt", text="", meta=DocumentMeta(published=date(1, 1, 3)))
    assert index.launch_iris([LaunchFact(evidence=(), actor="PRK")], document) != [URIRef("urn:x:launch")]


@FUZZ
@given(text=st.text(max_size=400), meta=METAS)
def test_arbitrary_unicode_never_crashes(nlp, text: str, meta: DocumentMeta) -> None:
    _check(nlp, text, meta)


def test_the_seed_documents_have_exact_evidence(nlp, repo):
    """The property on real text, where every family fires (a guard that the walk finds evidence)."""
    from sanctions_kg.documents import load_document
    total = 0
    for path in sorted((repo / "seeds").glob("*.txt")):
        document = load_document(path, 5 * 1024 * 1024)
        facts = extract_document(nlp(document.text), document)
        for family in (facts.votes, facts.designations, facts.launches, facts.caps, facts.represents, facts.blocks):
            for fact in family:
                for ev in _evidence(fact):
                    assert document.text[ev.start:ev.end] == ev.quote
                    total += 1
    assert total > 20
