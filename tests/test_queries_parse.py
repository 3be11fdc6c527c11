"""The named queries in ``ontology/queries/`` parse in both engines and answer on a small graph.

Both rdflib (the in-memory path) and Oxigraph (the store) must accept every query, since ``query``
may run on either. The sample graph (``tests/shapes/sample_graph.trig``) is shaped like the seeds, so a
query that silently matches nothing (a misspelt term) fails here rather than in the end-to-end test.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery

REPO = Path(__file__).resolve().parents[1]
QUERY_DIR = REPO / "ontology" / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
SAMPLE = REPO / "tests" / "shapes" / "sample_graph.trig"
ID = "https://w3id.org/sanctions-kg/id/"


def header(path: Path, key: str) -> list[str]:
    """Values of the ``# key: value`` comment lines at the top of a query file."""
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = re.match(rf"#\s*{key}:\s*(.+)", line)
        if match:
            values.append(match.group(1).strip())
    return values


@pytest.fixture(scope="module")
def rdflib_sample() -> Dataset:
    """The sample as an rdflib dataset queried over the union of its named graphs."""
    dataset = Dataset(default_union=True)
    dataset.parse(SAMPLE, format="trig")
    return dataset


@pytest.fixture(scope="module")
def oxigraph_sample() -> ox.Store:
    """The sample in an in-memory Oxigraph store."""
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return store


def rdflib_rows(dataset: Dataset, path: Path) -> list[dict[str, str]]:
    """Rows as {variable: str(value)} so both engines compare (decimals compare by value elsewhere)."""
    result = dataset.query(path.read_text(encoding="utf-8"))
    names = [str(v) for v in result.vars]
    return [{n: ("" if v is None else str(v)) for n, v in zip(names, row, strict=False)} for row in result]


def oxigraph_rows(store: ox.Store, path: Path) -> list[dict[str, str]]:
    """Rows from Oxigraph with the union default graph, in the same form as :func:`rdflib_rows`."""
    result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: ("" if row[n] is None else row[n].value) for n in names} for row in result]


def test_nine_competency_queries() -> None:
    """One query per competency question, named cq1 … cq9."""
    assert [p.stem for p in QUERY_FILES] == [f"cq{i}" for i in range(1, 10)]


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_header(path: Path) -> None:
    """A title and a description (the question); each declared parameter is a variable of the query."""
    assert len(header(path, "title")) == 1
    assert len(header(path, "description")) == 1
    text = path.read_text(encoding="utf-8")
    for param in header(path, "param"):
        name = re.split(r"\s+[—-]+\s+", param, maxsplit=1)[0]
        assert re.fullmatch(r"[A-Za-z_]\w*", name), param
        assert f"?{name}" in text, f"parameter {name} is not a variable of {path.name}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_parses_in_rdflib(path: Path) -> None:
    """rdflib's parser and algebra accept the query, and it is a SELECT."""
    query = prepareQuery(path.read_text(encoding="utf-8"))
    assert query.algebra.name == "SelectQuery"


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_parses_in_oxigraph(path: Path) -> None:
    """Oxigraph parses and runs the query on an empty store (no rows, no error)."""
    result = ox.Store().query(path.read_text(encoding="utf-8"))
    assert isinstance(result, ox.QuerySolutions)
    assert result.variables
    assert list(result) == []


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_no_rows_on_an_empty_graph_in_rdflib(path: Path) -> None:
    """No phantom row of unbound values (rdflib makes one for an aggregate over no solutions)."""
    assert rdflib_rows(Dataset(default_union=True), path) == []


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_same_answer_in_both_engines(path: Path, rdflib_sample: Dataset, oxigraph_sample: ox.Store) -> None:
    """Both engines return the same rows on the sample (Oxigraph's union graph repeats shared
    triples once per named graph, so this also checks that every query is duplicate-proof)."""
    ours = rdflib_rows(rdflib_sample, path)
    theirs = oxigraph_rows(oxigraph_sample, path)
    assert ours, f"{path.name} found nothing on the sample graph"
    assert len(ours) == len(theirs)
    assert [set(r) for r in ours] == [set(r) for r in theirs]
    key = next(iter(ours[0]))
    assert sorted(r[key] for r in ours) == sorted(r[key] for r in theirs)


def test_cq1_vetoes(rdflib_sample: Dataset) -> None:
    """Two vetoes of the one resolution."""
    rows = rdflib_rows(rdflib_sample, QUERY_DIR / "cq1.rq")
    assert [(r["iso"], r["voteDate"]) for r in rows] == [("CHN", "2022-05-26"), ("RUS", "2022-05-26")]
    assert len({r["resolution"] for r in rows}) == 1


def test_cq2_tally(oxigraph_sample: ox.Store) -> None:
    """Tally, outcome, sponsor and target in one row."""
    (row,) = oxigraph_rows(oxigraph_sample, QUERY_DIR / "cq2.rq")
    assert (row["inFavour"], row["against"], row["sponsorIso"], row["concernsIso"]) == ("13", "2", "USA", "PRK")
    assert row["outcome"].endswith("#NotAdopted")


def test_cq5_launch_reported_twice(oxigraph_sample: ox.Store) -> None:
    """The 25 May launch is one node with both documents; the undated launch sorts first."""
    rows = oxigraph_rows(oxigraph_sample, QUERY_DIR / "cq5.rq")
    assert rows[0]["date"] == ""
    may = next(r for r in rows if r["date"] == "2022-05-25")
    assert (may["count"], may["documentCount"]) == ("3", "2")
    assert set(may["types"].split()) == {"ICBM", "BallisticMissile"}


def test_cq6_when_falls_back_to_document_date(rdflib_sample: Dataset) -> None:
    """The proposal has no skg:date, so ?when is the issue date of its evidence document."""
    rows = rdflib_rows(rdflib_sample, QUERY_DIR / "cq6.rq")
    assert {(r["blockerIso"], r["sponsorIso"], r["when"]) for r in rows} == {
        ("CHN", "USA", "2022-01-21"),
        ("RUS", "USA", "2022-01-21"),
    }


def test_cq7_us_and_imposed(rdflib_sample: Dataset) -> None:
    """The US designation and the one already in force, not the proposed ones."""
    rows = rdflib_rows(rdflib_sample, QUERY_DIR / "cq7.rq")
    assert {(r["designeeLabel"], r["authorityCode"]) for r in rows} == {
        ("Choe Myong Hyon", "USA"),
        ("Second Academy of Natural Sciences", ""),
    }


def test_cq9_every_fact_has_evidence(oxigraph_sample: ox.Store) -> None:
    """Every fact node of the sample has evidence; the resolution has two documents."""
    rows = oxigraph_rows(oxigraph_sample, QUERY_DIR / "cq9.rq")
    assert min(int(r["evidenceCount"]) for r in rows) >= 1
    resolution = next(r for r in rows if r["class"].endswith("#Resolution"))
    assert resolution["documentCount"] == "2"
