"""The embedded store's bulk loader (``OxigraphStore.add_graphs``): the same quads as one update per graph,
and still a graph whole or not at all, even when the process dies in the middle of a load."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Literal
from rdflib.compare import isomorphic

from sanctions_kg.store import FileStore, OxigraphStore
from sanctions_kg.store.base import to_oxigraph
from sanctions_kg.store.oxigraph import BULK_MIN
from store.data import EX, graph_of, people

SRC = Path(__file__).resolve().parents[2] / "src"


def _graphs(seed_store: OxigraphStore) -> list[tuple[str, rdflib.Graph]]:
    """The seed documents' graphs, graphs sharing triples, one with blank nodes and an empty one."""
    found = [(str(g.identifier), g) for g in seed_store.dataset().graphs() if len(g)]
    found += [(f"http://example.org/g{i}", people("alice", f"p{i}")) for i in range(BULK_MIN)]
    blank = BNode()
    found.append(("http://example.org/blank", graph_of((blank, EX.name, Literal("x")), (EX.a, EX.knows, blank))))
    found.append(("http://example.org/empty", rdflib.Graph()))
    return found


def _default(store: OxigraphStore) -> rdflib.Graph:
    return graph_of(*((r["s"], r["p"], r["o"]) for r in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")))


def _same(one: OxigraphStore, two: OxigraphStore) -> None:
    assert one.graph_iris() == two.graph_iris() and len(one) == len(two)
    graphs = {str(g.identifier): g for g in two.dataset().graphs()}
    for graph in one.dataset().graphs():
        assert isomorphic(graph, graphs[str(graph.identifier)]), graph.identifier
    assert isomorphic(_default(one), _default(two))


@pytest.mark.parametrize("kind", ["embedded", "file"])
def test_a_bulk_loaded_store_holds_the_same_quads_as_one_written_graph_by_graph(seed_store, tmp_path: Path,
                                                                                 kind: str) -> None:
    graphs = _graphs(seed_store)
    one = OxigraphStore(tmp_path / "one")
    for iri, graph in graphs:
        one.add_graph(iri, graph)
    two = OxigraphStore(tmp_path / "two") if kind == "embedded" else FileStore(tmp_path / "two.trig")
    two.add_graphs([(iri, graph, ()) for iri, graph in graphs])
    _same(one, two)
    distinct = {t for _, graph in graphs for t in graph}
    assert len(_default(two)) == len(distinct) < sum(len(g) for _, g in graphs)  # the union is a set
    assert two.has_graph("http://example.org/empty") and "http://example.org/empty" in two.graph_iris()
    one.close()
    two.close()


def test_a_graph_the_loader_did_not_finish_counts_as_absent_and_is_replaced_whole(seed_store, tmp_path: Path) -> None:
    graphs = _graphs(seed_store)
    clean = OxigraphStore(tmp_path / "clean")
    clean.add_graphs([(iri, graph, ()) for iri, graph in graphs])
    store = OxigraphStore(tmp_path / "crashed")
    iri, graph = graphs[0]
    half = list(graph)[: len(graph) // 2]
    store.add_graph(iri, graph_of(*half))  # an earlier version; then a load of the new one stops half way,
    raw, name = store._store, ox.NamedNode(iri)  # as a crash between the store's own steps leaves it
    store._mark(raw, [name])
    raw.bulk_extend([ox.Quad(*map(to_oxigraph, t), name) for t in half])
    assert not store.has_graph(iri) and iri not in store.graph_iris()
    assert iri not in {str(g.identifier) for g in store.dataset().graphs()} and len(store) == 0
    assert _seen(store) == set()  # neither the half graph nor its mark is visible to queries
    store.add_graphs([(i, g, ()) for i, g in graphs])  # the rebuild
    _same(clean, store)
    clean.close()
    store.close()


CHILD = """
import os, sys
import rdflib
from sanctions_kg.store import OxigraphStore
from sanctions_kg.store.oxigraph import BULK_MIN

class DiesAfter:
    def __init__(self, store, step):
        self.store, self.step = store, step
    def __contains__(self, quad):
        return quad in self.store
    def __getattr__(self, name):
        found = getattr(self.store, name)
        if name != self.step:
            return found
        def dying(*args):
            found(*args)
            self.store.flush()
            os._exit(9)
        return dying

def graph(i):
    g = rdflib.Graph()
    for k in range(50):
        g.add((rdflib.URIRef(f"http://example.org/s{i}-{k}"), rdflib.RDFS.label, rdflib.Literal(f"shared {k % 7}")))
    return g

if __name__ == "__main__":
    store = OxigraphStore(__import__("pathlib").Path(sys.argv[1]))
    graphs = [(f"http://example.org/doc{i}", graph(i), ()) for i in range(2 * BULK_MIN)]
    store.add_graphs(graphs[:BULK_MIN])
    store._store = DiesAfter(store._store, sys.argv[2])
    store.add_graphs(graphs[BULK_MIN:])
"""
EVERY_QUAD = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _seen(store: OxigraphStore) -> set[tuple[str, ...]]:
    """Every quad a query sees, the default (union) graph included."""
    return {tuple(str(row[k]) for k in ("s", "p", "o", "g")) for row in store.query(EVERY_QUAD)}


@pytest.mark.parametrize("step, finished", [("bulk_extend", False), ("extend", True)])
def test_a_process_killed_during_a_bulk_load_leaves_whole_graphs_and_a_rebuild_converges(
        tmp_path: Path, step: str, finished: bool) -> None:
    """Killed after the loader wrote the named graphs (the union and the completion not yet), or after
    the transaction that completes them (the marks not yet removed)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(CHILD), str(tmp_path / "s"), step], cwd=tmp_path,
                          env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    namespace: dict = {}
    exec(textwrap.dedent(CHILD), namespace)  # graph() and BULK_MIN, without running the child's main
    graphs = [(f"http://example.org/doc{i}", namespace["graph"](i), ()) for i in range(2 * BULK_MIN)]
    first = OxigraphStore(tmp_path / "first")
    first.add_graphs(graphs if finished else graphs[:BULK_MIN])
    store = OxigraphStore(tmp_path / "s")
    assert store.graph_iris() == first.graph_iris() and len(store) == len(first)
    assert _seen(store) == _seen(first)  # queries see no half-loaded graph, no mark, no partial union
    store.add_graphs([g for g in graphs if not store.has_graph(g[0])])  # what a rebuild stores again
    clean = OxigraphStore(tmp_path / "clean")
    clean.add_graphs(graphs)
    _same(clean, store)
    assert _seen(store) == _seen(clean)
    for opened in (first, store, clean):
        opened.close()


def test_a_bad_term_fails_the_batch_before_anything_is_written(tmp_path: Path) -> None:
    from sanctions_kg.errors import StoreError

    store = OxigraphStore(tmp_path / "s")
    store.add_graph("http://example.org/g0", people("alice"))
    graphs = [(f"http://example.org/g{i}", people(f"p{i}"), ()) for i in range(1, BULK_MIN + 1)]
    bad = graph_of((rdflib.URIRef("http://example.org/a b"), EX.name, Literal("x")))
    with pytest.raises(StoreError, match=r"\[E032\]"):
        store.add_graphs([*graphs, ("http://example.org/bad", bad, ())])
    assert store.graph_iris() == ["http://example.org/g0"] and len(store) == 1
    assert len(store._store) == 2  # the graph and its union copy: no marks left


def test_a_stored_graph_in_a_batch_is_replaced_in_one_transaction(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.add_graph("http://example.org/g0", people("alice", "bob"))
    graphs = [(f"http://example.org/g{i}", people(f"p{i}"), ()) for i in range(BULK_MIN + 1)]
    store.add_graphs(graphs)
    names = {str(r["o"]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    assert "bob" not in names and "alice" not in names and {f"p{i}" for i in range(BULK_MIN + 1)} == names
    assert store.graph_iris() == sorted(iri for iri, _, _ in graphs)
