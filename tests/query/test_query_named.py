"""resolve_query / list_queries: a path, a name, or SPARQL text; unknown names list the known ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_kg.errors import QueryError
from sanctions_kg.query import list_queries, resolve_query


def test_list_queries_parses_the_headers(queries_dir: Path) -> None:
    queries = list_queries(queries_dir)
    assert [q.name for q in queries] == ["cq1", "cq8"]
    cq1, cq8 = queries
    assert cq1.title == "Vetoes"
    assert cq1.description == "Which countries vetoed which resolution, and when?"
    assert cq1.params == {}
    assert cq1.path == queries_dir / "cq1.rq"
    assert cq8.params == {"iso": "ISO 3166-1 alpha-3 code of the country, e.g. CHN"}


def test_list_queries_sorts_numbers_naturally(tmp_path: Path) -> None:
    for name in ("cq10", "cq2", "cq1"):
        (tmp_path / f"{name}.rq").write_text("SELECT * { ?s ?p ?o }", encoding="utf-8")
    assert [q.name for q in list_queries(tmp_path)] == ["cq1", "cq2", "cq10"]


def test_list_queries_of_a_missing_directory_is_empty(tmp_path: Path) -> None:
    assert list_queries(tmp_path / "nowhere") == []


@pytest.mark.parametrize("line", ["# param: ?iso - the code", "# param: iso: the code", "#param:iso — the code"])
def test_param_lines_accept_common_separators(tmp_path: Path, line: str) -> None:
    (tmp_path / "q.rq").write_text(f"{line}\nSELECT ?iso {{ ?c ?p ?iso }}", encoding="utf-8")
    assert list_queries(tmp_path)[0].params == {"iso": "the code"}


def test_header_stops_at_the_first_line_of_sparql(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(
        "# title: T\nSELECT * {\n# title: not this\n?s ?p ?o }", encoding="utf-8"
    )
    assert list_queries(tmp_path)[0].title == "T"


def test_resolve_by_name_and_by_name_with_suffix(queries_dir: Path) -> None:
    for text in ("cq1", "cq1.rq", "  cq1 "):
        query = resolve_query(text, queries_dir)
        assert query.name == "cq1" and query.title == "Vetoes"
        assert "skg:vetoed" in query.sparql


def test_resolve_by_path(queries_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "mine.rq"
    other.write_text("# title: Mine\nASK { ?s ?p ?o }", encoding="utf-8")
    query = resolve_query(str(other), queries_dir)
    assert (query.name, query.title, query.path) == ("mine", "Mine", other)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { ?s ?p ?o }",
        "select ?s where { ?s ?p ?o }",
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\nSELECT * { ?s skg:x ?o }",
        "# a comment\nASK { }",
        "DROP ALL",
        "CLEAR GRAPH <http://a/g>",
        "WHERE { ?s ?p ?o",  # broken SPARQL: reported later as E021, not as an unknown name
    ],
)
def test_resolve_inline_sparql(text: str, queries_dir: Path) -> None:
    query = resolve_query(text, queries_dir)
    assert query.name == "<inline>" and query.sparql == text and query.path is None


@pytest.mark.parametrize("text", ["cq99", "vetoes", "nonexistent.rq", "cq 1"])
def test_unknown_names_are_E020_listing_the_known_ones(text: str, queries_dir: Path) -> None:
    with pytest.raises(QueryError) as error:
        resolve_query(text, queries_dir)
    assert str(error.value) == f"[E020] unknown query '{text}': not a file, not a named query (cq1, cq8)"


def test_unknown_name_without_any_queries(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"^\[E020\].*no named queries found"):
        resolve_query("cq1", tmp_path)
