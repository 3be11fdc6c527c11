"""Fixtures for the query tests: a real in-memory OxigraphStore holding a small graph, a queries dir.

The graph is loaded through ``store.update`` with ``INSERT DATA { GRAPH <document> { ... } }``, one
named graph per document, as the builder does.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from query_samples import GRAPHS
from rdflib import Graph


@pytest.fixture
def store() -> Iterator[object]:
    """A fresh in-memory OxigraphStore holding the two documents' graphs."""
    from sanctions_kg.store import OxigraphStore

    kg_store = OxigraphStore(None)
    for graph_iri, turtle in GRAPHS.items():  # as the build writes documents: add_graph keeps the union
        kg_store.add_graph(graph_iri, Graph().parse(data=turtle, format="turtle"))
    yield kg_store
    close = getattr(kg_store, "close", None)
    if callable(close):
        close()


@pytest.fixture
def queries_dir(tmp_path: Path) -> Path:
    """A queries directory with two named queries, one with a parameter."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "cq1.rq").write_text(
        "# title: Vetoes\n"
        "# description: Which countries vetoed which resolution,\n"
        "#   and when?\n"
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\n"
        "SELECT ?iso ?res ?date WHERE {\n"
        "  ?country skg:vetoed ?res ; skg:iso3 ?iso .\n"
        "  ?res skg:voteDate ?date .\n"
        "} ORDER BY ?iso\n",
        encoding="utf-8",
    )
    (folder / "cq8.rq").write_text(
        "# title: Representatives\n"
        "# description: Who represents which country?\n"
        "# param: iso — ISO 3166-1 alpha-3 code of the country, e.g. CHN\n"
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?name ?iso WHERE {\n"
        "  ?p skg:represents ?c ; rdfs:label ?name . ?c skg:iso3 ?iso .\n"
        "}\n",
        encoding="utf-8",
    )
    return folder
