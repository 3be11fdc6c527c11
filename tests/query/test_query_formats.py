"""The newer result formats (JSON Lines, SPARQL TSV, Markdown) and the cell width of the people formats."""
from __future__ import annotations

import csv
import io
import json

import pytest
from query_samples import ID, SKG, FakeResult
from rdflib import BNode, Graph, Literal, URIRef

from sanctions_kg.query import FORMATS, run_query, write_results
from sanctions_kg.serve.results import TSV, write_select

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def sample() -> FakeResult:
    """IRIs, typed, language-tagged and plain literals (one with a tab, a pipe and a newline), a blank
    node and an unbound value."""
    rows = [
        {"c": URIRef(f"{ID}country/CHN"), "label": Literal("China", lang="en"), "n": Literal(2, datatype=XSD_INTEGER)},
        {"c": URIRef("http://example.org/other"), "label": Literal('a|b\tc\nd "q" \\'), "n": None},
        {"c": BNode("b0"), "label": Literal("2022-05-26", datatype=XSD_DATE), "n": Literal(True)},
    ]
    return FakeResult("select", ["c", "label", "n"], lambda: iter(rows))


def render(result: object, fmt: str, **options: object) -> str:
    out = io.StringIO()
    write_results(result, fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def test_every_format_is_known() -> None:
    assert set(FORMATS) == {"table", "csv", "json", "jsonl", "tsv", "markdown"}


def test_jsonl_is_one_object_per_row_with_plain_values() -> None:
    lines = render(sample(), "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"c": f"{ID}country/CHN", "label": "China", "n": 2},
        {"c": "http://example.org/other", "label": 'a|b\tc\nd "q" \\', "n": None},
        {"c": "_:b0", "label": "2022-05-26", "n": True},
    ]


def test_tsv_is_the_sparql_tsv_format_of_the_endpoint() -> None:
    text = render(sample(), "tsv")
    lines = text.split("\n")
    assert lines[0] == "?c\t?label\t?n"
    assert lines[1] == f'<{ID}country/CHN>\t"China"@en\t"2"^^<{XSD_INTEGER}>'
    assert lines[2].split("\t")[2] == "" and "\\t" in lines[2] and "\\n" in lines[2]
    assert len(text.splitlines()) == 4  # the tab and newline inside a value are escaped
    assert text == write_select(TSV, ["c", "label", "n"], list(sample()))  # same bytes as /sparql


def test_markdown_is_a_table_whose_cells_cannot_break_a_row() -> None:
    lines = render(sample(), "markdown").splitlines()
    assert lines[:2] == ["| c | label | n |", "|---|---|---|"]
    assert lines[2] == "| id:country/CHN | China | 2 |"
    assert lines[3] == '| <http://example.org/other> | a\\|b c d "q" \\\\ |  |'
    assert len(lines) == 5 and all(line.count("|") - line.count("\\|") == 4 for line in lines)


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "markdown"])
def test_no_rows(fmt: str) -> None:
    text = render(FakeResult("select", ["a", "b"]), fmt)
    assert text == {"jsonl": "", "tsv": "?a\t?b\n", "markdown": "| a | b |\n|---|---|\n"}[fmt]


def test_ask_and_construct_in_the_new_formats() -> None:
    ask = FakeResult("ask", [], boolean=True)
    assert json.loads(render(ask, "jsonl")) == {"head": {}, "boolean": True}
    assert render(ask, "tsv") == render(ask, "markdown") == "true\n"
    triples = [(URIRef(f"{ID}country/CHN"), URIRef(f"{SKG}vetoed"), URIRef(f"{ID}resolution/abc"))]
    construct = FakeResult("construct", [], triple_list=triples)
    assert "skg:vetoed" in render(construct, "markdown")  # Turtle for people
    assert set(Graph().parse(data=render(construct, "jsonl"), format="nt")) == set(triples)


LONG = "x" * 200


def long_result() -> FakeResult:
    return FakeResult("select", ["v", "w"], lambda: iter([{"v": Literal(LONG), "w": Literal("short")}]))


def test_the_table_cuts_at_80_by_default() -> None:
    row = render(long_result(), "table").splitlines()[2]
    assert row.startswith("x" * 79 + "…")


def test_max_width_zero_never_cuts() -> None:
    row = render(long_result(), "table", max_width=0).splitlines()[2]
    assert row.split() == [LONG, "short"]
    assert render(long_result(), "markdown").splitlines()[2] == f"| {LONG} | short |"


def test_max_width_n_cuts_every_cell_of_the_people_formats() -> None:
    lines = render(long_result(), "table", max_width=10).splitlines()
    assert lines[2].split() == ["x" * 9 + "…", "short"]
    assert render(long_result(), "markdown", max_width=4).splitlines()[2] == "| xxx… | sho… |"
    rows = list(csv.reader(io.StringIO(render(long_result(), "csv", max_width=4))))
    assert rows[1] == [LONG, "short"]  # formats for programs are never cut


def test_real_select_as_jsonl_and_tsv(store: object) -> None:
    sparql = "SELECT ?iso ?n { ?c skg:iso3 ?iso ; skg:vetoed ?r . ?r skg:votesInFavour ?n } ORDER BY ?iso"
    rows = [json.loads(line) for line in render(run_query(store, sparql), "jsonl").splitlines()]
    assert rows == [{"iso": "CHN", "n": 13}, {"iso": "RUS", "n": 13}]
    assert render(run_query(store, sparql), "tsv").splitlines()[1].startswith('"CHN"\t"13"^^<')
