"""write_results: an aligned table, W3C CSV and W3C JSON results, ASK and CONSTRUCT forms."""
from __future__ import annotations

import csv
import io
import json

import pytest
from query_samples import ID, SKG, FakeResult, many_rows
from rdflib import BNode, Graph, Literal, URIRef

from sanctions_kg.query import run_query, write_results

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def sample() -> FakeResult:
    """Three rows covering IRIs, typed, language-tagged and plain literals, a blank node and unbound."""
    rows = [
        {"c": URIRef(f"{ID}country/CHN"), "label": Literal("China", lang="en"), "n": Literal(2, datatype=XSD_INTEGER)},
        {"c": URIRef("http://example.org/other"), "label": Literal('say "hi", ok'), "n": None},
        {"c": BNode("b0"), "label": Literal("2022-05-26", datatype=XSD_DATE), "n": Literal(13, datatype=XSD_INTEGER)},
    ]
    return FakeResult("select", ["c", "label", "n"], lambda: iter(rows))


def render(result: object, fmt: str) -> str:
    out = io.StringIO()
    write_results(result, fmt, out)  # type: ignore[arg-type]
    return out.getvalue()


def test_table_is_aligned_with_compact_iris() -> None:
    lines = render(sample(), "table").splitlines()
    assert lines[0].split() == ["c", "label", "n"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("id:country/CHN")
    assert "<http://example.org/other>" in lines[3]
    assert lines[4].startswith("_:b0")
    assert lines[-1] == "(3 rows)"
    label_column = lines[0].index("label")
    assert all(line[label_column - 2 : label_column] == "  " for line in lines[2:5])
    assert lines[2][label_column:].startswith("China ")


def test_table_cuts_long_cells_and_keeps_one_line_per_row() -> None:
    long = Literal("x" * 500 + "\nsecond line")
    result = FakeResult("select", ["v"], lambda: iter([{"v": long}]))
    lines = render(result, "table").splitlines()
    assert len(lines) == 4 and len(lines[2]) == 80 and lines[2].endswith("…")


def test_table_of_no_rows() -> None:
    assert render(FakeResult("select", ["a", "b"]), "table").splitlines() == ["a  b", "-  -", "(0 rows)"]


def test_csv_follows_the_w3c_csv_results_format() -> None:
    text = render(sample(), "csv")
    assert text.startswith("c,label,n\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["c", "label", "n"],
        [f"{ID}country/CHN", "China", "2"],
        ["http://example.org/other", 'say "hi", ok', ""],
        ["_:b0", "2022-05-26", "13"],
    ]


def test_json_follows_the_w3c_json_results_format() -> None:
    document = json.loads(render(sample(), "json"))
    assert document["head"] == {"vars": ["c", "label", "n"]}
    bindings = document["results"]["bindings"]
    assert bindings[0] == {
        "c": {"type": "uri", "value": f"{ID}country/CHN"},
        "label": {"type": "literal", "value": "China", "xml:lang": "en"},
        "n": {"type": "literal", "value": "2", "datatype": str(XSD_INTEGER)},
    }
    assert bindings[1] == {  # unbound variables are left out of the binding
        "c": {"type": "uri", "value": "http://example.org/other"},
        "label": {"type": "literal", "value": 'say "hi", ok'},
    }
    assert bindings[2]["c"] == {"type": "bnode", "value": "b0"}
    assert bindings[2]["label"]["datatype"] == str(XSD_DATE)


def test_json_of_no_rows_is_valid() -> None:
    assert json.loads(render(FakeResult("select", ["a"]), "json")) == {
        "head": {"vars": ["a"]}, "results": {"bindings": []}}


@pytest.mark.parametrize("value, table, js", [(True, "true\n", {"head": {}, "boolean": True}),
                                             (False, "false\n", {"head": {}, "boolean": False})])
def test_ask(value: bool, table: str, js: dict) -> None:
    result = FakeResult("ask", [], boolean=value)
    assert render(result, "table") == table
    assert render(result, "csv") == table
    assert json.loads(render(result, "json")) == js


def test_construct_is_turtle_for_people_and_ntriples_for_programs() -> None:
    triples = [
        (URIRef(f"{ID}country/CHN"), URIRef(f"{SKG}vetoed"), URIRef(f"{ID}resolution/abc")),
        (URIRef(f"{ID}resolution/abc"), URIRef(f"{SKG}voteDate"), Literal("2022-05-26", datatype=XSD_DATE)),
    ]
    result = FakeResult("construct", [], triple_list=triples)
    turtle = render(result, "table")
    assert "skg:vetoed" in turtle and "@prefix skg:" in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == set(triples)
    ntriples = render(result, "csv")
    assert len(ntriples.splitlines()) == 2
    assert set(Graph().parse(data=ntriples, format="nt")) == set(triples)


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        render(sample(), "xml")


# -- the same on a real store -----------------------------------------------------------------


def test_real_select_in_all_formats(store: object) -> None:
    sparql = "SELECT ?iso ?res ?date { ?c skg:vetoed ?res ; skg:iso3 ?iso . ?res skg:voteDate ?date } ORDER BY ?iso"
    table = render(run_query(store, sparql), "table").splitlines()
    assert [line.split() for line in table[2:4]] == [
        ["CHN", "id:resolution/abc", "2022-05-26"],
        ["RUS", "id:resolution/abc", "2022-05-26"],
    ]
    rows = list(csv.DictReader(io.StringIO(render(run_query(store, sparql), "csv"))))
    assert [r["iso"] for r in rows] == ["CHN", "RUS"] and rows[0]["res"] == f"{ID}resolution/abc"
    document = json.loads(render(run_query(store, sparql), "json"))
    assert document["head"]["vars"] == ["iso", "res", "date"]
    assert document["results"]["bindings"][0]["date"] == {
        "type": "literal", "value": "2022-05-26", "datatype": str(XSD_DATE)}


def test_real_ask_and_construct(store: object) -> None:
    assert render(run_query(store, "ASK { ?c skg:vetoed ?r }"), "json").strip() == '{"head": {}, "boolean": true}'
    turtle = render(run_query(store, "CONSTRUCT { ?c skg:vetoed ?r } WHERE { ?c skg:vetoed ?r }"), "table")
    assert len(Graph().parse(data=turtle, format="turtle")) == 2


def test_many_rows_table_repeats_no_header() -> None:
    lines = render(FakeResult("select", ["s", "o"], many_rows(2500)), "table").splitlines()
    assert len(lines) == 2 + 2500 + 1 and lines[-1] == "(2500 rows)"
    assert sum(1 for line in lines if line.startswith("s ")) == 1
