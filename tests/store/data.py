"""Small graphs shared by the store tests."""
from __future__ import annotations

import rdflib
from rdflib import Literal

EX = rdflib.Namespace("http://example.org/")
G1 = "https://w3id.org/sanctions-kg/id/document/aaa"
G2 = "https://w3id.org/sanctions-kg/id/document/bbb"


def graph_of(*triples: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]) -> rdflib.Graph:
    """A small rdflib graph."""
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def people(*names: str) -> rdflib.Graph:
    """``ex:<name> rdfs:label "<name>"`` for each name."""
    return graph_of(*((EX[name], rdflib.RDFS.label, Literal(name)) for name in names))


def chain(count: int) -> rdflib.Graph:
    """``count`` distinct triples: enough for a cartesian product that runs for seconds."""
    return graph_of(*((EX[f"n{i}"], EX.next, Literal(i)) for i in range(count)))
