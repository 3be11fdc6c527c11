"""Graphs wait for the store in a queue bounded in documents and in triples (issue 12, flat memory).

A write comes at ``store_batch`` documents or ``store_triples`` triples, whichever is first; how often
the store is written must never change what it holds.
"""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from sanctions_kg.build import _Pending, _Queue, build
from sanctions_kg.records import Document
from sanctions_kg.settings import load_settings
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]


def _pending(triples: int) -> _Pending:
    graph = Graph()
    for i in range(triples):
        graph.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), URIRef("http://example.org/o")))
    return _Pending(Document("d" * 64, "x.txt", "x"), graph, 0, [])


def test_the_queue_is_full_at_its_triple_bound_before_its_document_bound() -> None:
    queue = _Queue(documents=10, triples=5)
    assert not queue.add(_pending(2)) and not queue.add(_pending(2))
    assert queue.add(_pending(1))  # 5 triples in 3 documents
    assert len(queue.take()) == 3 and queue.waiting == 0 and not queue.items
    assert not queue.add(_pending(4))  # counting starts again after a take


def test_the_queue_is_full_at_its_document_bound() -> None:
    queue = _Queue(documents=2, triples=1000)
    assert not queue.add(_pending(1)) and queue.add(_pending(1))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds and three unrelated texts that triage rejects."""
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", target)
    for name in sorted(p.stem for p in (REPO / "bench" / "filler").glob("*.txt"))[:3]:
        for suffix in (".txt", ".meta.yml"):
            shutil.copy(REPO / "bench" / "filler" / f"{name}{suffix}", target)
    return target


def _built(corpus: Path, store_triples: int, monkeypatch: pytest.MonkeyPatch) -> tuple[OxigraphStore, int]:
    writes = []
    real = OxigraphStore.add_graphs
    monkeypatch.setattr(OxigraphStore, "add_graphs", lambda self, graphs: (writes.append(len(graphs)),
                                                                           real(self, graphs)))
    store = OxigraphStore(None)
    report = build([corpus], store, replace(load_settings(), store_triples=store_triples), progress=False)
    assert not report.failed and report.added == 6
    monkeypatch.undo()
    return store, len(writes)


def test_a_build_written_a_document_at_a_time_holds_the_same_graphs(corpus: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    one, one_writes = _built(corpus, 10**6, monkeypatch)
    many, many_writes = _built(corpus, 1, monkeypatch)
    assert one_writes == 1 and many_writes == 6
    assert one.graph_iris() == many.graph_iris() and len(one) == len(many)
    graphs = {str(g.identifier): g for g in many.dataset().graphs()}
    for graph in one.dataset().graphs():
        assert isomorphic(graph, graphs[str(graph.identifier)]), graph.identifier
