"""check_query / prepare_query: refusals are decided on the parse tree, never on the raw text."""
from __future__ import annotations

import pytest
from query_samples import HARMLESS, SERVICES, UPDATES

from sanctions_kg.errors import QueryError
from sanctions_kg.query import check_query, prepare_query, query_variables


@pytest.mark.parametrize("sparql, form", UPDATES)
def test_every_update_form_is_refused_naming_it(sparql: str, form: str) -> None:
    with pytest.raises(QueryError) as error:
        check_query(sparql)
    message = str(error.value)
    assert message.startswith("[E022]")
    assert f"({form})" in message


@pytest.mark.parametrize("sparql, form", UPDATES)
def test_every_update_form_is_accepted_when_allowed(sparql: str, form: str) -> None:
    assert check_query(sparql, allow_update=True) == "update"


def test_a_multi_request_update_names_every_form() -> None:
    with pytest.raises(QueryError, match=r"\(INSERT DATA, DROP\)"):
        check_query("INSERT DATA { <http://a/s> <http://a/p> 1 } ; DROP ALL")


@pytest.mark.parametrize("sparql", SERVICES)
def test_service_anywhere_is_refused(sparql: str) -> None:
    with pytest.raises(QueryError, match=r"^\[E023\]"):
        check_query(sparql)


@pytest.mark.parametrize("sparql", SERVICES)
def test_service_is_accepted_when_allowed(sparql: str) -> None:
    assert check_query(sparql, allow_service=True) in {"select", "ask", "construct"}


def test_service_inside_an_allowed_update_still_needs_its_own_flag() -> None:
    update = "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match=r"^\[E023\]"):
        check_query(update, allow_update=True)
    assert check_query(update, allow_update=True, allow_service=True) == "update"


@pytest.mark.parametrize("sparql", HARMLESS)
def test_keywords_inside_literals_iris_and_comments_are_not_refused(sparql: str) -> None:
    assert check_query(sparql) in {"select", "ask"}


@pytest.mark.parametrize(
    "sparql, kind",
    [
        ("SELECT * { ?s ?p ?o }", "select"),
        ("ASK { ?s ?p ?o }", "ask"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("DESCRIBE <http://a/s>", "describe"),
    ],
)
def test_kinds(sparql: str, kind: str) -> None:
    assert check_query(sparql) == kind


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * { ?s ?p ?o",
        "SELECT * { ?s ?p ?o } ; DROP ALL",
        "SELEKT * { ?s ?p ?o }",
        "",
        "   # only a comment",
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>",
    ],
)
def test_syntax_errors(sparql: str) -> None:
    with pytest.raises(QueryError, match=r"^\[E021\] SPARQL syntax error: "):
        check_query(sparql)


def test_syntax_error_says_where() -> None:
    with pytest.raises(QueryError, match=r"line 2, column"):
        check_query("SELECT *\nWHERE { ?s ?p ?o ")


def test_prepare_declares_project_prefixes_that_are_used_but_missing() -> None:
    text, kind, variables = prepare_query("SELECT ?c { ?c skg:vetoed ?r ; rdfs:label ?l }")
    assert kind == "select" and variables == {"c", "r", "l"}
    assert text.startswith("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
    assert "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>" in text.splitlines()[0]
    assert check_query(text) == "select"


def test_prepare_keeps_a_users_own_prefix_declaration() -> None:
    sparql = "PREFIX skg: <http://other.example/> SELECT ?c { ?c skg:vetoed ?r }"
    assert prepare_query(sparql)[0] == sparql


def test_prepare_refuses_an_unknown_undeclared_prefix() -> None:
    with pytest.raises(QueryError, match=r"^\[E021\].*undeclared prefix 'foo:'"):
        prepare_query("SELECT ?c { ?c foo:bar ?r }")


def test_prepare_applies_the_same_refusals() -> None:
    with pytest.raises(QueryError, match=r"^\[E022\]"):
        prepare_query("DROP ALL")
    with pytest.raises(QueryError, match=r"^\[E023\]"):
        prepare_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")


def test_query_variables_cover_projection_pattern_filter_and_values() -> None:
    sparql = "SELECT ?a (COUNT(?b) AS ?n) { ?a ?p ?b FILTER(?c > 1) VALUES ?d { 1 } } GROUP BY ?a"
    assert query_variables(sparql) == {"a", "b", "n", "p", "c", "d"}
