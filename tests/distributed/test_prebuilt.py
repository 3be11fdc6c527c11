"""A worker's task without a cluster: triage, parse, graph and check of a batch (``prebuilt.py``)."""
from __future__ import annotations

import pickle

from rdflib import URIRef
from rdflib.compare import isomorphic

from sanctions_kg.extract import DocumentFacts
from sanctions_kg.graph import build_document_graph
from sanctions_kg.prebuilt import prebuild_batch
from sanctions_kg.records import Document
from sanctions_kg.resolve import Identities
from sanctions_kg.settings import load_settings

VETO = "China and Russia vetoed the draft resolution on North Korea on 26 May 2022."
NEWS = "The city council approved the budget for parks and libraries on Tuesday, after a long debate."


def _doc(name: str, text: str) -> Document:
    return Document(doc_id=name * 64, path=f"{name}.txt", text=text)


def test_a_batch_comes_back_in_order_with_written_and_checked_graphs() -> None:
    veto, news = _doc("a", VETO), _doc("b", NEWS)
    found = prebuild_batch([veto, news], load_settings())
    assert [f.facts.document.path for f in found] == ["a.txt", "b.txt"]
    assert all(f.checked and not f.failed for f in found)
    assert found[0].facts.votes and found[0].identities.resolutions
    # triage rejected the council story: its document node alone, as a single-process build stores it
    assert len(found[1].facts) == 0
    alone = build_document_graph(DocumentFacts(news), Identities())
    assert isomorphic(found[1].graph_for(Identities()), alone)
    assert len(pickle.dumps(found)) < 100_000  # triples travel, not rdflib graphs (1.4 MB each)


def test_the_graph_is_taken_only_with_the_identities_it_was_written_with() -> None:
    [found] = prebuild_batch([_doc("a", VETO)], load_settings())
    graph = found.graph_for(found.identities)
    assert graph is not None and isomorphic(graph, build_document_graph(found.facts, found.identities))
    other = Identities(resolutions=(URIRef("https://w3id.org/sanctions-kg/id/resolution/other"),))
    assert found.graph_for(other) is None


def test_without_triage_every_document_is_parsed_and_notes_travel() -> None:
    marked = _doc("c", "Russia ve\u200btoed the draft resolution on 26 May 2022.")
    found = prebuild_batch([_doc("b", NEWS), marked], load_settings(), triage=False)
    assert [f.failed for f in found] == [False, False]
    notes: list = []
    assert found[1].record(notes.append)
    assert [str(n)[:6] for n in notes] == ["[E017]"] and notes[0].warning and notes[0].path == "c.txt"
