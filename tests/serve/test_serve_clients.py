"""Real SPARQL clients against the running server get the same rows as ``sanctions-kg query``.

SPARQLWrapper asks for SPARQL JSON (compared with ``sanctions-kg query cqN --format json`` on the
same graph file, run through the command line's own entry point); rdflib's ``SPARQLStore`` asks for
SPARQL XML and is compared term by term with the query layer's ``run_query`` on that file.
"""
from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serve_helpers import REPO, Server
from SPARQLWrapper import JSON, POST, SPARQLWrapper

QUERIES = sorted((REPO / "ontology" / "queries").glob("cq*.rq"))
NAMES = [path.stem for path in QUERIES]


def canonical(bindings: list[dict]) -> list[str]:
    """SPARQL JSON bindings as sorted canonical strings (row order is compared separately)."""
    return sorted(json.dumps(b, sort_keys=True) for b in bindings)


def cli_json(name: str, graph, capsys: pytest.CaptureFixture) -> dict:
    from sanctions_kg.cli import main
    capsys.readouterr()
    assert main(["query", name, "--graph", str(graph), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_all_competency_queries_exist():
    assert [f"cq{n}" for n in range(1, 10)] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_sparqlwrapper_gets_the_rows_of_the_command_line(server: Server, name: str, capsys):
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery((REPO / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    remote = client.query().convert()
    local = cli_json(name, server.graph, capsys)
    assert remote["head"]["vars"] == local["head"]["vars"]
    assert len(remote["results"]["bindings"]) == len(local["results"]["bindings"]) > 0
    assert canonical(remote["results"]["bindings"]) == canonical(local["results"]["bindings"])


@pytest.fixture(scope="module")
def local_store(server: Server):
    from sanctions_kg.store import FileStore
    store = FileStore(server.graph, create=False)
    yield store
    store.close()


@pytest.mark.parametrize("name", NAMES)
def test_rdflib_sparqlstore_gets_the_same_terms(server: Server, local_store, name: str):
    from sanctions_kg.query import run_query
    sparql = (REPO / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    remote = Graph(store=SPARQLStore(server.url + "sparql", returnFormat="xml"))
    remote_rows = [tuple(row) for row in remote.query(sparql)]
    result = run_query(local_store, sparql)
    assert result is not None
    local_rows = [tuple(row.get(v) for v in result.vars) for row in result]
    assert len(remote_rows) == len(local_rows) > 0
    assert sorted(map(repr, remote_rows)) == sorted(map(repr, local_rows))
