"""cq2's documented ``outcome`` parameter filters, on the embedded store and on an RDF file.

``?outcome`` is bound only inside an OPTIONAL, and a value given for a variable of an OPTIONAL
alone keeps every row (it was printed as the outcome of each: ``--param outcome=skg:NotAdopted``
listed all 48 resolutions of the dev corpus as not adopted). The query now filters on it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from query_samples import DOC_A, ID, PREFIXES
from rdflib import Graph

from repo_paths import REPO
from sanctions_kg.helper import KnowledgeGraph

MORE = PREFIXES + """
<resolution/2397> a skg:Resolution ; rdfs:label "Resolution 2397 (2017)" ; skg:outcome skg:Adopted ;
    skg:voteDate "2017-12-22"^^xsd:date .
<resolution/undecided> a skg:Resolution ; rdfs:label "Draft resolution on Mali" .
"""


@pytest.fixture(params=["store", "graph"])
def kg(request: pytest.FixtureRequest, tmp_path: Path):
    graph = Graph().parse(data=DOC_A, format="turtle").parse(data=MORE, format="turtle")
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    if request.param == "store":
        opened = KnowledgeGraph.open(store=tmp_path / "store")
        opened.store.add_graph(f"{ID}document/aaa", graph)
    else:
        opened = KnowledgeGraph.open(graph=path)
    opened.queries_dir = REPO / "ontology" / "queries"
    yield opened
    opened.close()


def resolutions(kg: KnowledgeGraph, **params: str) -> dict[str, str | None]:
    return {str(row["resolution"]).removeprefix(ID): row["outcome"] and str(row["outcome"]).rsplit("#")[-1]
            for row in kg.query("cq2", **params)}


def test_without_the_parameter_every_resolution_is_listed(kg: KnowledgeGraph):
    assert resolutions(kg) == {"resolution/abc": "NotAdopted", "resolution/2397": "Adopted",
                               "resolution/undecided": None}


@pytest.mark.parametrize(("outcome", "expected"), [("skg:NotAdopted", {"resolution/abc": "NotAdopted"}),
                                                   ("skg:Adopted", {"resolution/2397": "Adopted"})])
def test_the_outcome_parameter_keeps_only_that_outcome(kg: KnowledgeGraph, outcome: str, expected: dict):
    assert resolutions(kg, outcome=outcome) == expected
