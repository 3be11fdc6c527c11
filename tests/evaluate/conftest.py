"""Fixtures for the scorer tests: a small hand-written graph (cases/basic/graph.ttl) and its gold files."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rdflib

from sanctions_kg.evaluate import GoldSet, load_gold

CASES = Path(__file__).parent / "cases"
BASIC_GRAPH = CASES / "basic" / "graph.ttl"
BASIC_GOLD = CASES / "basic" / "gold"
PREFIXES = """PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX country: <https://w3id.org/sanctions-kg/id/country/>
PREFIX res: <https://w3id.org/sanctions-kg/id/resolution/>
PREFIX vote: <https://w3id.org/sanctions-kg/id/vote/>
"""


@pytest.fixture
def basic_graph() -> rdflib.Graph:
    """A fresh copy per test, so tests may edit it."""
    return rdflib.Graph().parse(BASIC_GRAPH, format="turtle")


@pytest.fixture
def basic_gold() -> GoldSet:
    return load_gold(BASIC_GOLD)


@pytest.fixture
def edit() -> Callable[[rdflib.Graph, str], rdflib.Graph]:
    """Apply a SPARQL Update written with the short prefixes above (tests change one thing at a time)."""
    def apply(graph: rdflib.Graph, update: str) -> rdflib.Graph:
        graph.update(PREFIXES + update)
        return graph
    return apply


@pytest.fixture
def gold_doc() -> Callable[..., dict[str, Any]]:
    """A gold document with every family present (empty unless given)."""
    def make(doc: str = "t.txt", **parts: Any) -> dict[str, Any]:
        base: dict[str, Any] = {"doc": doc, "votes": [], "designations": [], "launches": [], "caps": [],
                                "represents": [], "blocks": []}
        return {**base, **parts}
    return make


@pytest.fixture
def write_gold(tmp_path: Path) -> Callable[..., Path]:
    """Write ``name -> gold dict`` into a fresh directory and return it."""
    def write(**files: dict[str, Any]) -> Path:
        folder = tmp_path / "gold"
        folder.mkdir(exist_ok=True)
        for name, data in files.items():
            (folder / f"{name}.gold.json").write_text(json.dumps(data), encoding="utf-8")
        return folder
    return write
