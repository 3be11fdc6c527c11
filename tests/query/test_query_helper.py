"""KnowledgeGraph: Python rows and DataFrames from the same checked, parameter-safe path as the CLI."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from query_samples import ID, SKG
from rdflib import Literal, URIRef

from sanctions_kg.errors import QueryError
from sanctions_kg.helper import KnowledgeGraph, to_python, to_term

VETOES = "SELECT ?iso ?res ?date { ?c skg:iso3 ?iso ; skg:vetoed ?res . ?res skg:voteDate ?date } ORDER BY ?iso"


@pytest.fixture
def kg(store: object, queries_dir: Path) -> KnowledgeGraph:
    return KnowledgeGraph(store, queries_dir=queries_dir)  # type: ignore[arg-type]


def test_query_returns_python_values(kg: KnowledgeGraph) -> None:
    assert kg.query(VETOES) == [
        {"iso": "CHN", "res": f"{ID}resolution/abc", "date": date(2022, 5, 26)},
        {"iso": "RUS", "res": f"{ID}resolution/abc", "date": date(2022, 5, 26)},
    ]


def test_keyword_params_are_bound_as_terms(kg: KnowledgeGraph) -> None:
    assert [r["iso"] for r in kg.query(VETOES, iso="RUS")] == ["RUS"]
    assert kg.query(VETOES, date=date(2022, 5, 26))[0]["iso"] == "CHN"
    assert kg.query(VETOES, date=date(2022, 5, 27)) == []
    assert len(kg.query(VETOES, res=kg.iri("id:resolution/abc"))) == 2
    assert kg.query(VETOES, res=f"{ID}resolution/abc") == []  # a str is a literal, never an IRI
    found = kg.query("SELECT ?r { ?r skg:votesInFavour ?n }", n=13)
    assert found == [{"r": f"{ID}resolution/abc"}]


@pytest.mark.parametrize("value", ['CHN" } ; DROP ALL #', "} ; DROP ALL ; #", '" . ?s ?p ?o . "'])
def test_keyword_params_cannot_inject(kg: KnowledgeGraph, value: str) -> None:
    before = len(kg)
    assert kg.query(VETOES, iso=value) == []
    assert len(kg) == before


def test_unknown_keyword_param_is_E026(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"^\[E026\]"):
        kg.query(VETOES, country="CHN")


def test_helper_refuses_updates_and_service(kg: KnowledgeGraph) -> None:
    before = len(kg)
    with pytest.raises(QueryError, match=r"^\[E022\]"):
        kg.query("DROP ALL")
    with pytest.raises(QueryError, match=r"^\[E023\]"):
        kg.query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    assert len(kg) == before


def test_named_queries(kg: KnowledgeGraph) -> None:
    assert [r["iso"] for r in kg.query("cq1")] == ["CHN", "RUS"]
    assert kg.query("cq8", iso="CHN") == [{"name": "Zhang Jun", "iso": "CHN"}]
    with pytest.raises(QueryError, match=r"^\[E020\].*\(cq1, cq8\)"):
        kg.query("cq2")


def test_query_df(kg: KnowledgeGraph) -> None:
    frame = kg.query_df(VETOES)
    assert list(frame.columns) == ["iso", "res", "date"]
    assert frame["iso"].tolist() == ["CHN", "RUS"]
    empty = kg.query_df(VETOES, iso="FRA")
    assert list(empty.columns) == ["iso", "res", "date"] and len(empty) == 0
    assert kg.query_df("cq8", iso="CHN").to_dict("records") == [{"name": "Zhang Jun", "iso": "CHN"}]


def test_rows_is_lazy_and_covers_ask_and_construct(kg: KnowledgeGraph) -> None:
    rows = kg.rows(VETOES)
    assert next(rows)["iso"] == "CHN"
    assert list(kg.rows("ASK { ?c skg:vetoed ?r }")) == [{"boolean": True}]
    triples = kg.query("CONSTRUCT { ?c skg:vetoed ?r } WHERE { ?c skg:iso3 ?iso ; skg:vetoed ?r }", iso="CHN")
    assert triples == [{"subject": f"{ID}country/CHN", "predicate": f"{SKG}vetoed", "object": f"{ID}resolution/abc"}]


def test_unbound_values_are_none(kg: KnowledgeGraph) -> None:
    rows = kg.query("SELECT ?c ?role { ?c skg:iso3 ?iso OPTIONAL { ?p skg:represents ?c ; skg:role ?role } }",
                    iso="RUS")
    assert rows == [{"c": f"{ID}country/RUS", "role": None}]


def test_len_close_and_context_manager(store: object, queries_dir: Path) -> None:
    with KnowledgeGraph(store, queries_dir=queries_dir) as kg:  # type: ignore[arg-type]
        assert len(kg) == len(store) > 0  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - each back end raises its own error on a closed store
        len(store)  # type: ignore[arg-type]


def test_open_an_embedded_store_directory(tmp_path: Path) -> None:
    with KnowledgeGraph.open(store=tmp_path / "store") as kg:
        assert len(kg) == 0
        assert kg.query("ASK { ?s ?p ?o }") == [{"boolean": False}]


@pytest.mark.parametrize(
    "value, term",
    [
        ("PRK", Literal("PRK")),
        (True, Literal(True)),
        (3, Literal(3)),
        (2.5, Literal(2.5)),
        (Decimal("1.5"), Literal(Decimal("1.5"))),
        (date(2022, 5, 26), Literal(date(2022, 5, 26))),
        (URIRef("http://a/b"), URIRef("http://a/b")),
    ],
)
def test_to_term(value: object, term: object) -> None:
    assert to_term("x", value) == term


def test_to_term_refuses_other_types() -> None:
    with pytest.raises(QueryError, match=r"^\[E025\]"):
        to_term("x", ["a", "list"])


def test_to_python() -> None:
    assert to_python(None) is None
    assert to_python(URIRef("http://a/b")) == "http://a/b"
    assert to_python(Literal("13", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))) == 13
    assert to_python(Literal("x", datatype=URIRef("http://example.org/custom"))) == "x"
    assert to_python(Literal("Chine", lang="fr")) == "Chine"


def test_iri() -> None:
    assert KnowledgeGraph.iri("id:country/PRK") == URIRef(f"{ID}country/PRK")
    assert KnowledgeGraph.iri("<http://a/b>") == URIRef("http://a/b")
    assert KnowledgeGraph.iri("http://a/b") == URIRef("http://a/b")
