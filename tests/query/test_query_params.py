"""parse_params: command-line values become RDF terms; nothing a user types becomes query syntax."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, Namespace, URIRef

from sanctions_kg.errors import QueryError
from sanctions_kg.query import check_params, parse_params

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest may inspect it freely
ID = "https://w3id.org/sanctions-kg/id/"
SKG = "https://w3id.org/sanctions-kg/ontology#"


@pytest.mark.parametrize(
    "pair, name, term",
    [
        ("iso=PRK", "iso", Literal("PRK")),
        ("c=id:country/PRK", "c", URIRef(f"{ID}country/PRK")),
        ("m=skg:AssetFreeze", "m", URIRef(f"{SKG}AssetFreeze")),
        ("t=xsd:date", "t", URIRef(str(XSD.date))),
        ("l=rdfs:label", "l", URIRef("http://www.w3.org/2000/01/rdf-schema#label")),
        ("p=prov:wasDerivedFrom", "p", URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")),
        ("x=<http://example.org/a?b=c#d>", "x", URIRef("http://example.org/a?b=c#d")),
        ("n=2397", "n", Literal(2397, datatype=XSD.integer)),
        ("n=-3", "n", Literal(-3, datatype=XSD.integer)),
        ("d=2022-05-26", "d", Literal(date(2022, 5, 26), datatype=XSD.date)),
        ("?v=1", "v", Literal(1, datatype=XSD.integer)),
        ("$v=a", "v", Literal("a")),
        ("s=", "s", Literal("")),
        ("s=a=b", "s", Literal("a=b")),
        ("s=unknown:thing", "s", Literal("unknown:thing")),
        ("s=http://example.org/x", "s", Literal("http://example.org/x")),
        ("s=2.5", "s", Literal("2.5")),
    ],
)
def test_values_become_terms(pair: str, name: str, term: object) -> None:
    assert parse_params([pair]) == {name: term}


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL #',
        "} ; DROP ALL ; #",
        '" . ?s ?p ?o . "',
        "'; DELETE WHERE { ?s ?p ?o } ; '",
        "> } INSERT DATA { <a:a> <a:b> <a:c> } #",
        "SERVICE <http://evil/> { ?s ?p ?o }",
    ],
)
def test_injection_attempts_are_plain_literals(value: str) -> None:
    assert parse_params([f"q={value}"]) == {"q": Literal(value)}


@pytest.mark.parametrize(
    "pair",
    [
        "noequals",
        "=value",
        "1abc=value",
        "a b=value",
        "x=<has space>",
        "x=<http://a/b> trailing",
        'x=<http://a/"b>',
        "x=<unclosed",
        'x=id:a"b',
        "x=skg:a}b",
        "x=2022-02-30",
        "x=2022-13-01",
    ],
)
def test_malformed_parameters_are_E025(pair: str) -> None:
    with pytest.raises(QueryError, match=r"^\[E025\] bad parameter"):
        parse_params([pair])


def test_a_parameter_that_is_not_a_variable_is_E026() -> None:
    sparql = "SELECT ?s WHERE { ?s ?p ?o }"
    check_params(sparql, {"s": Literal("x"), "o": Literal(1)})
    with pytest.raises(QueryError, match=r"^\[E026\] parameter 'iso' is not a variable"):
        check_params(sparql, {"iso": Literal("PRK")})


def test_later_pairs_override_earlier_ones() -> None:
    assert parse_params(["a=1", "a=2"]) == {"a": Literal(2, datatype=XSD.integer)}
