"""One behaviour suite, run against every store implementation (see the ``store`` fixture)."""
from __future__ import annotations

import inspect
import threading
import time

import pytest
from rdflib import RDFS, BNode, Literal, URIRef

from sanctions_kg.errors import StoreError
from sanctions_kg.store import QueryTimeout, Store
from store.data import EX, G1, G2, chain, graph_of, people

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")  # not rdflib.XSD: pytest probes module globals

LABELS = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label"
PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
INJECTIONS = ['" } ; DROP ALL ; #', '"x\\" . ?s ?p ?o"', "x\" . ?s ?p ?o", "'} ; DROP ALL ; #"]


def labels(store: Store) -> list[str]:
    return [str(row["label"]) for row in store.query(PREFIXES + LABELS)]


def test_every_backend_satisfies_the_protocol(store: Store) -> None:
    assert isinstance(store, Store)


def test_union_query_sees_both_graphs(store: Store) -> None:
    store.add_graph(G1, people("alice"))
    store.add_graph(G2, people("bob"))
    assert labels(store) == ["alice", "bob"]
    assert store.graph_iris() == sorted([G1, G2])
    assert store.has_graph(G1) and not store.has_graph(G1 + "x")
    assert len(store) == 2


def test_adding_the_same_graph_again_changes_nothing(store: Store) -> None:
    graph = people("alice", "bob")
    graph.add((BNode(), RDFS.comment, Literal("blank")))
    store.add_graph(G1, graph)
    store.add_graph(G1, graph)
    assert len(store) == 3


def test_add_graph_replaces_the_graph(store: Store) -> None:
    store.add_graph(G1, people("alice", "bob"))
    store.add_graph(G2, people("carol"))
    store.add_graph(G1, people("dave"))
    assert labels(store) == ["carol", "dave"]


def test_removing_a_graph_keeps_triples_another_graph_shares(store: Store) -> None:
    store.add_graph(G1, people("alice", "shared"))
    store.add_graph(G2, people("shared"))
    store.remove_graph(G1)
    assert labels(store) == ["shared"]
    assert store.graph_iris() == [G2]
    store.remove_graph(G1)  # removing an absent graph is not an error
    assert len(store) == 1


@pytest.mark.parametrize("attack", INJECTIONS)
def test_bindings_are_terms_not_query_text(store: Store, attack: str) -> None:
    store.add_graph(G1, people("alice"))
    result = store.query(PREFIXES + LABELS, bindings={"label": Literal(attack)})
    assert list(result) == []
    assert store.query("ASK { ?s ?p ?o }", bindings={"o": Literal(attack)}).boolean is False
    assert len(store) == 1


def test_a_binding_selects_rows_even_when_not_projected(store: Store) -> None:
    store.add_graph(G1, people("alice", "bob"))
    projected = list(store.query(PREFIXES + LABELS, bindings={"label": Literal("bob")}))
    assert projected == [{"s": EX.bob, "label": Literal("bob")}]
    hidden = store.query(PREFIXES + "SELECT ?s WHERE { ?s rdfs:label ?label }", bindings={"label": Literal("bob")})
    assert list(hidden) == [{"s": EX.bob}]
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", bindings={"s": EX.alice})
    assert [row["n"].toPython() for row in count] == [1]


def test_an_iri_binding_that_would_break_out_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="E032"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"s": URIRef("http://x/> } ; DROP ALL ; #")})
    with pytest.raises(StoreError, match="E032"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"s p": Literal("x")})


def test_ask_and_construct(store: Store) -> None:
    store.add_graph(G1, people("alice"))
    ask = store.query(PREFIXES + 'ASK { ?s rdfs:label "alice" }')
    assert (ask.kind, ask.boolean, ask.vars) == ("ask", True, [])
    construct = store.query(PREFIXES + "CONSTRUCT { ?s rdfs:comment ?l } WHERE { ?s rdfs:label ?l }")
    assert construct.kind == "construct"
    assert list(construct.triples()) == [(EX.alice, RDFS.comment, Literal("alice"))]
    bound = store.query(
        PREFIXES + "CONSTRUCT { ?s rdfs:comment ?l } WHERE { ?s rdfs:label ?l }", bindings={"l": Literal("nobody")}
    )
    assert list(bound) == []


def test_terms_keep_datatype_language_and_blank_nodes(store: Store) -> None:
    blank = BNode()
    terms = [Literal("5", datatype=XSD_INTEGER), Literal("Paris", lang="fr"), Literal('quote " and \\ \n end')]
    store.add_graph(G1, graph_of(*((blank, EX[f"p{i}"], term) for i, term in enumerate(terms))))
    rows = list(store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?p"))
    assert [row["o"] for row in rows] == terms
    assert all(isinstance(row["s"], BNode) for row in rows)
    found = store.query("SELECT ?p WHERE { ?s ?p ?o }", bindings={"o": Literal("Paris", lang="fr")})
    assert [row["p"] for row in found] == [EX.p1]


def test_rows_stream_lazily(store: Store) -> None:
    store.add_graph(G1, chain(300))  # 27 million rows in full
    started = time.monotonic()
    with store.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=30) as result:
        rows = iter(result)
        assert inspect.isgenerator(rows)
        first = next(rows)
    assert set(first) == set("abcdefghi")
    assert time.monotonic() - started < 5


def test_closing_an_unread_result_stops_its_worker(store: Store) -> None:
    store.add_graph(G1, chain(300))
    before = set(threading.enumerate())
    result = store.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=30)
    (worker,) = [t for t in threading.enumerate() if t not in before and t.name == "sparql-query"]
    result.close()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert list(result) == []


def test_a_slow_query_times_out(store: Store) -> None:
    store.add_graph(G1, chain(350))  # about 43 million joins: seconds, far beyond the limit
    limit = 0.5
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"\[E024\] query timed out after 0.5 s"):
        list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=limit))
    assert time.monotonic() - started < limit + 2.0
    assert store.query("ASK { ?s ?p ?o }", timeout=10).boolean is True  # the store still answers


def test_update_and_dataset(store: Store) -> None:
    store.add_graph(G1, people("alice"))
    store.update(f'INSERT DATA {{ GRAPH <{G2}> {{ <{EX.bob}> <{RDFS.label}> "bob" }} }}')
    dataset = store.dataset()
    graphs = {str(graph.identifier): set(graph) for graph in dataset.graphs() if len(graph)}
    assert graphs == {
        G1: {(EX.alice, RDFS.label, Literal("alice"))},
        G2: {(EX.bob, RDFS.label, Literal("bob"))},
    }
    assert dict(dataset.namespaces())["skg"] == URIRef("https://w3id.org/sanctions-kg/ontology#")


def test_a_syntax_error_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match=r"E03[23]"):
        list(store.query("SELECT ?s WHERE { ?s ?p "))
