"""``validate_graph`` / ``assert_valid`` beyond the per-case shape tests.

A built graph is a dataset with one named graph per document, and a fact in one graph may refer to
a node typed in another; validation must see the union, and must not change the caller's dataset.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal

from sanctions_kg.errors import SanctionsKGError, ValidationError
from sanctions_kg.namespace import ID, SKG
from sanctions_kg.settings import load_settings
from sanctions_kg.validate import assert_valid, validate_graph

SAMPLE = Path(__file__).parent / "sample_graph.trig"
CASES = Path(__file__).parent / "cases"


@pytest.fixture()
def sample() -> Dataset:
    """The seed-shaped sample: three documents, one named graph each."""
    dataset = Dataset()
    dataset.parse(SAMPLE, format="trig")
    return dataset


def test_sample_dataset_conforms(sample: Dataset) -> None:
    """The union of the named graphs conforms, and the dataset is left as it was."""
    before = len(sample)
    report = assert_valid(sample)
    assert report.conforms and report.violations == 0 and report.text == "conforms"
    assert len(sample) == before and not sample.default_union


def test_cross_graph_references_need_the_union(sample: Dataset) -> None:
    """A node typed only in another document's graph is fine in the union, not in the graph alone."""
    (first,) = [g for g in sample.graphs() if (None, SKG.capOn, None) in g]
    first.remove((ID["country/PRK"], None, None))  # PRK stays typed in the other documents' graphs
    alone = Graph()
    for triple in first:
        alone.add(triple)
    assert not validate_graph(alone).conforms
    assert validate_graph(sample).conforms


def test_warning_does_not_fail(sample: Dataset) -> None:
    """A disagreeing tally is a warning: conforms stays True and assert_valid passes."""
    graph = next(iter(sample.graphs()))
    graph.add((ID["resolution/r2022prk"], SKG.votesInFavour, Literal(12)))
    report = assert_valid(sample)
    assert report.conforms and report.warnings == 1 and report.violations == 0
    assert report.text.startswith("Warning: id:resolution/r2022prk skg:votesInFavour:")


def test_assert_valid_raises_e011() -> None:
    """A violation raises ValidationError with the count and one line per result."""
    graph = Graph().parse(CASES / "vote_free_string_position.ttl", format="turtle")
    with pytest.raises(ValidationError, match=r"^\[E011\] SHACL validation failed with 1 violation") as info:
        assert_valid(graph)
    assert "Violation: id:vote/v1 skg:position:" in str(info.value)


def test_report_lines_name_focus_path_and_severity() -> None:
    """Each result is one readable line, violations first."""
    graph = Graph().parse(CASES / "evidence_start_after_end.ttl", format="turtle")
    report = validate_graph(graph)
    assert report.violations == len(report.text.splitlines()) == 3
    assert all(line.startswith("Violation: id:evidence/e1 skg:") for line in report.text.splitlines())


def test_missing_shapes_is_a_coded_error(tmp_path: Path) -> None:
    """E010 when the ontology folder has no shapes.ttl."""
    settings = replace(load_settings(), ontology_dir=tmp_path)
    with pytest.raises(SanctionsKGError, match=r"^\[E010\]"):
        validate_graph(Graph(), settings)
