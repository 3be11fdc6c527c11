"""Identity is decided before the graph is written, and learned only once a document is stored."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract import DocumentFacts
from sanctions_kg.records import Document, DocumentMeta, LaunchFact, VoteFact
from sanctions_kg.resolve import EventIndex, Identities


def facts(name: str, votes=(), launches=(), published=date(2022, 5, 27)) -> DocumentFacts:
    document = Document(doc_id=name * 64, path=f"{name}.txt", text="", meta=DocumentMeta(published=published))
    return DocumentFacts(document=document, votes=list(votes), launches=list(launches))


def draft(day: date) -> VoteFact:
    return VoteFact(evidence=(), date=day, outcome="not_adopted", concerns=("PRK",), sponsors=("USA",))


def undated_launch() -> LaunchFact:
    return LaunchFact(evidence=(), actor="PRK", count=3)


def dated_launch() -> LaunchFact:
    return LaunchFact(evidence=(), actor="PRK", date=date(2022, 5, 25), count=3)


def test_resolve_gives_one_iri_per_fact_in_order() -> None:
    document = facts("a", votes=[draft(date(2022, 5, 26))], launches=[undated_launch(), dated_launch()])
    ids = EventIndex().resolve(document)
    assert isinstance(ids, Identities) and len(ids.resolutions) == 1 and len(ids.launches) == 2
    assert ids.launches[0] == ids.launches[1], "the undated report joins the dated launch of the same document"


def test_a_staged_document_is_seen_by_the_rest_of_its_batch() -> None:
    index = EventIndex()
    first = index.resolve(facts("a", votes=[draft(date(2022, 5, 26))]))
    second = index.resolve(facts("b", votes=[draft(date(2022, 5, 27))]))
    assert first.resolutions == second.resolutions
    assert index.votes == [], "nothing is known for good before the documents are stored"


def test_commit_makes_events_known_and_discard_forgets_them() -> None:
    index = EventIndex()
    stored = index.resolve(facts("a", launches=[dated_launch()]))
    rejected = index.resolve(facts("b", votes=[draft(date(2022, 5, 26))]))
    index.commit("a" * 64)
    index.discard("b" * 64)
    assert [k.iri for k in index.launches] == list(stored.launches)
    assert index.votes == []
    later = index.resolve(facts("c", votes=[draft(date(2022, 5, 27))], launches=[undated_launch()]))
    assert later.launches == stored.launches, "a later report joins the stored launch"
    assert later.resolutions != rejected.resolutions, "a rejected document leaves nothing to match"


def test_a_committed_draft_is_matched_a_day_later() -> None:
    index = EventIndex()
    stored = index.resolve(facts("a", votes=[draft(date(2022, 5, 26))]))
    index.commit("a" * 64)
    assert index.resolve(facts("c", votes=[draft(date(2022, 5, 27))])).resolutions == stored.resolutions
