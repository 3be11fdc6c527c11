"""``LabelledRows``: a label column after every IRI column, from the store and the ontology's own terms."""
from __future__ import annotations

import io

import pytest
from query_samples import ID, SKG, FakeResult
from rdflib import Graph, Literal, URIRef

from sanctions_kg.errors import QueryError
from sanctions_kg.namespace import ONTOLOGY_FILE
from sanctions_kg.query import CHUNK_ROWS, LabelledRows, run_query, write_results
from sanctions_kg.settings import load_settings

ONTOLOGY = load_settings().ontology_dir / ONTOLOGY_FILE
VETOES = ("SELECT ?country ?res ?outcome ?date { ?country skg:vetoed ?res . ?res skg:outcome ?outcome ; "
          "skg:voteDate ?date } ORDER BY ?country")


def test_a_label_column_follows_each_iri_column(store: object) -> None:
    rows = LabelledRows(run_query(store, VETOES), store, ontology=ONTOLOGY)  # type: ignore[arg-type]
    assert rows.vars == ["country", "countryLabel", "res", "resLabel", "outcome", "outcomeLabel", "date"]
    first, second = list(rows)
    assert (str(first["countryLabel"]), str(second["countryLabel"])) == ("China", "Russia")
    assert first["countryLabel"].language == "en"  # the stored literal, language tag and all
    assert str(first["resLabel"]) == "draft resolution on PRK (2022-05-26)"
    assert str(first["outcomeLabel"]) == "not adopted"  # an ontology term, labelled by the ontology


def test_written_like_any_result(store: object) -> None:
    out = io.StringIO()
    write_results(LabelledRows(run_query(store, VETOES), store), "csv", out)  # type: ignore[arg-type]
    header, chn, _ = out.getvalue().splitlines()
    assert header == "country,countryLabel,res,resLabel,outcome,outcomeLabel,date"
    assert chn.startswith(f"{ID}country/CHN,China,{ID}resolution/abc,draft resolution on PRK (2022-05-26),")
    assert chn.endswith(f"{SKG}NotAdopted,,2022-05-26")  # no ontology given: no label for its terms


def test_a_query_that_brings_its_own_label_gets_no_second_one(store: object) -> None:
    sparql = "SELECT ?c ?cLabel ?iso { ?c skg:iso3 ?iso ; rdfs:label ?cLabel } ORDER BY ?iso"
    rows = LabelledRows(run_query(store, sparql), store)  # type: ignore[arg-type]
    assert rows.vars == ["c", "cLabel", "iso"]


def test_literal_columns_and_unlabelled_iris(store: object) -> None:
    sparql = "SELECT ?launch ?site { ?launch skg:launchSite ?site }"
    rows = LabelledRows(run_query(store, sparql), store)  # type: ignore[arg-type]
    assert rows.vars == ["launch", "launchLabel", "site"]
    assert list(rows) == [{"launch": URIRef(f"{ID}launch/l1"), "launchLabel": None,
                           "site": Literal("Sunan, Pyongyang")}]


def test_skos_preflabel_counts_and_the_smallest_of_several_wins(store: object) -> None:
    extra = Graph().parse(data=f"""
        <{ID}org/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "Xylophone Works" .
        <{ID}org/y> <http://www.w3.org/2000/01/rdf-schema#label> "Beta", "Alpha" .""", format="turtle")
    store.add_graph(f"{ID}document/extra", extra)  # type: ignore[attr-defined]
    sparql = f"SELECT ?o {{ VALUES ?o {{ <{ID}org/x> <{ID}org/y> }} }}"
    rows = list(LabelledRows(run_query(store, sparql), store))  # type: ignore[arg-type]
    assert [str(r["oLabel"]) for r in rows] == ["Xylophone Works", "Alpha"]


def test_many_rows_are_labelled_chunk_by_chunk(store: object) -> None:
    """More rows than a chunk and more IRIs than a lookup batch: every row keeps its own label."""
    count = CHUNK_ROWS + 300
    body = " ".join(f'<{ID}n/{i}> <http://www.w3.org/2000/01/rdf-schema#label> "name {i}" .' for i in range(count))
    run_query(store, f"INSERT DATA {{ {body} }}", allow_update=True)  # type: ignore[arg-type]
    sparql = "SELECT ?n { ?n rdfs:label ?l FILTER(STRSTARTS(?l, 'name ')) }"
    rows = list(LabelledRows(run_query(store, sparql), store))  # type: ignore[arg-type]
    assert len(rows) == count
    assert all(str(r["nLabel"]) == "name " + str(r["n"]).rsplit("/", 1)[1] for r in rows)


def test_an_iri_column_is_found_in_the_first_chunk() -> None:
    rows = [{"a": Literal("x"), "b": URIRef(f"{ID}thing/1")}, {"a": URIRef(f"{ID}thing/2"), "b": None}]
    labelled = LabelledRows(FakeResult("select", ["a", "b"], lambda: iter(rows)), _NoLabels())  # type: ignore[arg-type]
    assert labelled.vars == ["a", "aLabel", "b", "bLabel"]


def test_labels_need_a_select(store: object) -> None:
    with pytest.raises(QueryError, match=r"^\[E075\] --labels does not apply to this ASK query"):
        LabelledRows(run_query(store, "ASK { ?s ?p ?o }"), store)  # type: ignore[arg-type]


class _NoLabels:
    """A store that knows no labels (the column choice must not depend on the store)."""

    def query(self, sparql: str, bindings: object = None, timeout: float | None = None) -> FakeResult:
        return _Closing("select", ["s", "label"])


class _Closing(FakeResult):
    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
