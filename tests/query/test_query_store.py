"""run_query on a real embedded Oxigraph store: refusals change nothing, parameters are only data."""
from __future__ import annotations

import pytest
from query_samples import ID, SERVICES, UPDATES
from rdflib import Literal, URIRef

from sanctions_kg.errors import QueryError
from sanctions_kg.query import parse_params, run_query


def rows(result: object) -> list[dict]:
    return list(result)  # type: ignore[call-overload]


@pytest.mark.parametrize("sparql, form", UPDATES)
def test_refused_updates_leave_the_store_unchanged(store: object, sparql: str, form: str) -> None:
    before = len(store)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match=r"^\[E022\]"):
        run_query(store, sparql)
    assert len(store) == before  # type: ignore[arg-type]


@pytest.mark.parametrize("sparql", SERVICES)
def test_refused_service_never_reaches_the_store(store: object, sparql: str) -> None:
    before = len(store)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match=r"^\[E023\]"):
        run_query(store, sparql)
    assert len(store) == before  # type: ignore[arg-type]


def test_allowed_updates_run(store: object) -> None:
    before = len(store)  # type: ignore[arg-type]
    insert = "INSERT DATA { GRAPH <http://a/g> { <http://a/s> <http://a/p> 1 } }"
    assert run_query(store, insert, allow_update=True) is None
    assert len(store) == before + 1  # type: ignore[arg-type]
    run_query(store, "DROP GRAPH <http://a/g>", allow_update=True)
    assert len(store) == before  # type: ignore[arg-type]
    run_query(store, "DROP ALL", allow_update=True)
    assert len(store) == 0  # type: ignore[arg-type]


def test_literals_containing_keywords_run(store: object) -> None:
    for sparql in ('SELECT ?s { ?s skg:quote "SERVICE" }', 'SELECT ?s { ?s ?p ?o FILTER(?o != "DROP ALL") }'):
        run_query(store, sparql)
    assert len(store) > 0  # type: ignore[arg-type]


VETOES = "SELECT ?c ?res { ?c skg:iso3 ?iso ; skg:vetoed ?res }"


def test_parameters_bind_as_terms(store: object) -> None:
    found = rows(run_query(store, VETOES, {"iso": Literal("CHN")}))
    assert [r["c"] for r in found] == [URIRef(f"{ID}country/CHN")]
    found = rows(run_query(store, VETOES, ["c=id:country/RUS"]))
    assert [r["res"] for r in found] == [URIRef(f"{ID}resolution/abc")]


def test_typed_parameters_match_typed_values(store: object) -> None:
    sparql = "SELECT ?r { ?r skg:voteDate ?date ; skg:votesInFavour ?n }"
    assert len(rows(run_query(store, sparql, ["date=2022-05-26", "n=13"]))) == 1
    assert rows(run_query(store, sparql, ["date=2022-05-27"])) == []
    assert rows(run_query(store, sparql, {"n": Literal("13")})) == []  # a string is not the integer 13


@pytest.mark.parametrize(
    "value",
    [
        'CHN" } ; DROP ALL #',
        "} ; DROP ALL ; #",
        '" . ?s ?p ?o . "',
        "CHN' } UNION { ?c ?p ?o } #",
        "\\\" } ; DELETE WHERE { ?s ?p ?o } #",
        "{ }",
    ],
)
def test_injection_attempts_match_nothing_and_change_nothing(store: object, value: str) -> None:
    before = len(store)  # type: ignore[arg-type]
    assert rows(run_query(store, VETOES, parse_params([f"iso={value}"]))) == []
    assert rows(run_query(store, VETOES, {"iso": Literal(value)})) == []
    assert len(store) == before  # type: ignore[arg-type]


def test_an_injection_literal_that_exists_is_matched_as_a_literal(store: object) -> None:
    value = 'x" } ; DROP ALL #'
    # an allowed Update acts on the default graph, which is what queries read (docs/model.md)
    run_query(store, f"INSERT DATA {{ <http://a/s> skg:iso3 {Literal(value).n3()} }}", allow_update=True)
    before = len(store)  # type: ignore[arg-type]
    found = rows(run_query(store, "SELECT ?c { ?c skg:iso3 ?iso }", [f"iso={value}"]))
    assert found == [{"c": URIRef("http://a/s")}]
    assert len(store) == before  # type: ignore[arg-type]


def test_unknown_parameter_is_E026(store: object) -> None:
    with pytest.raises(QueryError, match=r"^\[E026\] parameter 'country'"):
        run_query(store, VETOES, ["country=CHN"])


def test_updates_take_no_parameters(store: object) -> None:
    before = len(store)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match=r"^\[E026\]"):
        run_query(store, "DELETE WHERE { ?s skg:iso3 ?iso }", ["iso=CHN"], allow_update=True)
    assert len(store) == before  # type: ignore[arg-type]


def test_queries_see_the_union_of_named_graphs(store: object) -> None:
    sparql = "SELECT ?name ?iso { ?p skg:represents ?c ; rdfs:label ?name . ?c skg:iso3 ?iso }"
    assert [(str(r["name"]), str(r["iso"])) for r in run_query(store, sparql)] == [("Zhang Jun", "CHN")]
