"""Data-driven SHACL tests in the pySHACL style: one small data graph per file in ``cases/``.

The first line of a case says what ``ontology/shapes.ttl`` must conclude about it:

* ``# expect: conforms`` -- no violation and no warning;
* ``# expect: violation charStart [quote ...]`` -- non-conforming, and every violation is on one of the
  listed paths (local names; ``launched`` also matches the inverse path ``^skg:launched``);
* ``# expect: warning votesInFavour`` -- conforming, with a warning on that path and no violation.

A new case is a new file: no Python to touch.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from sanctions_kg.validate import ValidationReport, validate_graph

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.ttl"))


@dataclass(frozen=True)
class Expectation:
    """The parsed ``# expect:`` line of a case."""

    outcome: str  # "conforms", "violation" or "warning"
    paths: frozenset[str]


def read_expectation(path: Path) -> Expectation:
    """Parse the first line; a case without one is a broken test, not a skipped one."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# expect:"
    assert first.startswith(prefix), f"{path.name}: first line must be '{prefix} ...'"
    words = first[len(prefix):].split()
    assert words and words[0] in {"conforms", "violation", "warning"}, f"{path.name}: bad expect line {first!r}"
    assert (words[0] == "conforms") == (len(words) == 1), f"{path.name}: paths go with violation/warning only"
    return Expectation(outcome=words[0], paths=frozenset(words[1:]))


def local_name(path: str) -> str:
    """``skg:charStart`` -> ``charStart``; ``^skg:launched`` -> ``launched``; ``-`` (node) stays ``-``."""
    return path.lstrip("^").rsplit("#", 1)[-1].rsplit(":", 1)[-1].rstrip(">")


def paths_with(report: ValidationReport, severity: str) -> set[str]:
    """Local names of the result paths of one severity."""
    return {local_name(r.path) for r in report.results if r.severity == severity}


def test_enough_cases() -> None:
    """The suite is only worth something with both passing and failing graphs for each family."""
    outcomes = [read_expectation(p).outcome for p in CASE_FILES]
    assert len(CASE_FILES) >= 10
    assert outcomes.count("conforms") >= 3 and outcomes.count("violation") >= 7


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(case: Path) -> None:
    """Validate the case's graph and compare with its ``# expect:`` line."""
    expected = read_expectation(case)
    report = validate_graph(Graph().parse(case, format="turtle"))

    if expected.outcome == "conforms":
        assert report.conforms and report.warnings == 0, report.text
    elif expected.outcome == "warning":
        assert report.conforms, report.text
        assert expected.paths <= paths_with(report, "Warning"), report.text
    else:
        assert not report.conforms, f"{case.name} should not conform"
        found = paths_with(report, "Violation")
        assert expected.paths <= found, report.text
        assert found <= expected.paths, f"unexpected violations:\n{report.text}"
