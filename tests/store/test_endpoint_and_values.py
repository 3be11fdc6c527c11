"""The VALUES injection the endpoint (and the embedded fallback) relies on, and endpoint failures."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from sanctions_kg.errors import StoreError
from sanctions_kg.store import EndpointStore
from sanctions_kg.store.base import inject_values
from store.server import free_port

BOB = {"name": Literal("bob")}
VALUES = ' VALUES (?name) { ("bob") } '


def parses(sparql: str) -> bool:
    """Whether pyoxigraph accepts the query (evaluated on an empty store)."""
    result = ox.Store().query(sparql)
    if not isinstance(result, ox.QueryBoolean):
        list(result)
    return True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?name }", f"SELECT ?s WHERE {{{VALUES} ?s ?p ?name }}"),
        ("ASK{?s ?p ?name}", f"ASK{{{VALUES}?s ?p ?name}}"),
        (
            "CONSTRUCT { ?s <http://x/p> ?name } WHERE { ?s ?p ?name }",
            f"CONSTRUCT {{ ?s <http://x/p> ?name }} WHERE {{{VALUES} ?s ?p ?name }}",
        ),
        (
            "construct { ?s <http://x/p> ?name } where { ?s ?p ?name }",
            f"construct {{ ?s <http://x/p> ?name }} where {{{VALUES} ?s ?p ?name }}",
        ),
        (
            "SELECT ?s FROM <http://x/g> WHERE { ?s ?p ?name }",
            f"SELECT ?s FROM <http://x/g> WHERE {{{VALUES} ?s ?p ?name }}",
        ),
        ("CONSTRUCT WHERE { ?s ?p ?name }", f"CONSTRUCT {{ ?s ?p ?name }} WHERE {{{VALUES} ?s ?p ?name }}"),
    ],
)
def test_values_go_to_the_start_of_the_where_group(query: str, expected: str) -> None:
    assert inject_values(query, BOB) == expected
    assert parses(expected)


def test_braces_in_strings_comments_and_iris_are_not_counted() -> None:
    query = (
        "PREFIX ex: <http://x/a#>  # a comment with { and }\n"
        "SELECT ?s (CONCAT(\"{\", '''}''') AS ?t) WHERE { ?s ex:p ?name FILTER(?name != \"}\") }"
    )
    injected = inject_values(query, BOB)
    assert injected.index("VALUES") > injected.index("WHERE {")
    assert parses(injected)


def test_a_bare_subselect_is_wrapped() -> None:
    injected = inject_values("SELECT ?s WHERE { SELECT ?s ?name WHERE { ?s ?p ?name } }", BOB)
    assert injected.startswith(f"SELECT ?s WHERE {{{VALUES} {{ ")
    assert parses(injected)


def test_a_query_without_where_group_cannot_take_bindings() -> None:
    with pytest.raises(StoreError, match="no WHERE"):
        inject_values("DESCRIBE <http://x/a>", {"a": URIRef("http://x/b")})


def test_an_unreachable_endpoint_is_a_coded_error() -> None:
    endpoint = EndpointStore(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match=r"\[E033\]"):
        endpoint.query("ASK {}")
    with pytest.raises(StoreError, match=r"\[E033\].*no update endpoint"):
        endpoint.update("DROP ALL")
    with pytest.raises(StoreError, match=r"\[E033\].*not an http"):
        EndpointStore("file:///etc/passwd")


def test_a_server_rejection_carries_its_reason(oxigraph_server: str) -> None:
    endpoint = EndpointStore(f"{oxigraph_server}/query", f"{oxigraph_server}/update")
    with pytest.raises(StoreError, match=r"\[E033\].*HTTP 400"):
        endpoint.update("DROP EVERYTHING")
