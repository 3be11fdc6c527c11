"""The helper's comforts: parameters read as the CLI reads them, typed DataFrames, cached named queries."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from query_samples import ID
from rdflib import Literal, URIRef

from sanctions_kg.errors import QueryError
from sanctions_kg.frames import column_dtype, compact_iri
from sanctions_kg.helper import KnowledgeGraph, to_term

VETOES = "SELECT ?iso ?res ?date { ?c skg:iso3 ?iso ; skg:vetoed ?res . ?res skg:voteDate ?date } ORDER BY ?iso"
TALLY = "SELECT ?r ?n { ?r skg:votesInFavour ?n }"


@pytest.fixture
def kg(store: object, queries_dir: Path) -> KnowledgeGraph:
    return KnowledgeGraph(store, queries_dir=queries_dir)  # type: ignore[arg-type]


def test_a_date_string_is_a_date_as_on_the_command_line(kg: KnowledgeGraph):
    assert [r["iso"] for r in kg.query(VETOES, date="2022-05-26")] == ["CHN", "RUS"]  # was 0 rows
    assert kg.query(VETOES, date="2022-05-27") == []


@pytest.mark.parametrize("value, term", [
    ("2022-05-26", Literal(date(2022, 5, 26))),
    ("13", Literal(13)),
    ("id:country/PRK", URIRef(f"{ID}country/PRK")),
    ("<http://a/b>", URIRef("http://a/b")),
    ("PRK", Literal("PRK")),
    ('CHN" } ; DROP ALL #', Literal('CHN" } ; DROP ALL #')),
])
def test_strings_are_parsed_like_cli_params(value: str, term: object):
    assert to_term("x", value) == term


def test_an_impossible_date_string_is_refused(kg: KnowledgeGraph):
    with pytest.raises(QueryError, match=r"^\[E025\]"):
        kg.query(VETOES, date="2022-02-30")


def test_query_df_types_dates_and_integers(kg: KnowledgeGraph):
    frame = kg.query_df(VETOES)
    assert str(frame["date"].dtype).startswith("datetime64") and frame["iso"].tolist() == ["CHN", "RUS"]
    tallies = kg.query_df(TALLY)
    assert str(tallies["n"].dtype) == "Int64" and tallies["n"].tolist() == [13]
    assert kg.query_df(TALLY, compact=True)["r"].tolist() == ["id:resolution/abc"]


def test_column_types_only_when_every_value_agrees():
    assert column_dtype([1, 2]) == "Int64" and column_dtype([True]) == "boolean"
    assert column_dtype([date(2020, 1, 1)]) == "datetime64[ns]"
    assert column_dtype([1, "a"]) is None and column_dtype([]) is None
    assert compact_iri(f"{ID}country/PRK") == "id:country/PRK" and compact_iri("http://x/y") == "http://x/y"


def test_a_named_query_is_read_once_until_its_file_changes(kg: KnowledgeGraph, tmp_path: Path):
    (tmp_path / "mine.rq").write_text("SELECT ?iso { ?c skg:iso3 ?iso } ORDER BY ?iso", encoding="utf-8")
    local = KnowledgeGraph(kg.store, queries_dir=tmp_path)
    first = local._resolve("mine")
    assert local._resolve("mine") is first
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?iso { ?c skg:iso3 ?iso } ORDER BY DESC(?iso)", encoding="utf-8")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert "DESC" in local._resolve("mine").sparql
