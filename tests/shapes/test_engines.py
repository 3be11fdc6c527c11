"""The fast SHACL engine (pyshacl-turbo) against pySHACL: same verdicts, same results, same reports.

``validate.conforms`` (the build's batch gate) and the fast path of ``validate_graph`` trust the fast
engine's verdict, so it must agree with pySHACL on every shapes case, on the sample dataset and on
seeded mutations of the sample (values dropped, retyped, swapped between nodes), result by result:
severity, focus node, path, value and shape (only default messages are worded differently, and
pySHACL writes every report).
"""
from __future__ import annotations

import random
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal

from sanctions_kg.errors import SanctionsKGError
from sanctions_kg.settings import Settings, load_settings
from sanctions_kg.validate import _results, _union, conforms, load_shapes, validate_graph

pyshacl_turbo = pytest.importorskip("pyshacl_turbo")

HERE = Path(__file__).parent
TURBO, PYSHACL = Settings(shacl_engine="pyshacl-turbo"), Settings(shacl_engine="pyshacl")


def sample_graphs() -> list[tuple[str, Graph]]:
    dataset = Dataset()
    dataset.parse(HERE / "sample_graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    out = [("sample", union)]
    for path in sorted((HERE / "cases").glob("*.ttl")):
        graph = Graph()
        graph.parse(path, format="turtle")
        out.append((path.name, graph))
    return out


def mutated(graph: Graph, rng: random.Random) -> Graph:
    """A copy with 1-3 random edits of the kinds an extractor could get wrong."""
    copy = Graph()
    copy += graph
    for _ in range(rng.randint(1, 3)):
        triples = sorted(copy)
        s, p, o = rng.choice(triples)
        kind = rng.randrange(5)
        if kind == 0:
            copy.remove((s, p, o))
        elif kind == 1 and isinstance(o, Literal):
            copy.remove((s, p, o))
            copy.add((s, p, Literal(str(o))))  # the value retyped as a plain string
        elif kind == 2:
            copy.remove((s, p, o))
            copy.add((s, p, rng.choice(triples)[0]))  # pointing at another node
        elif kind == 3:
            copy.add((s, p, rng.choice(triples)[2]))  # a second value
        else:
            copy.remove((s, None, None))  # a node loses every statement
    return copy


def results(engine, graph: Graph) -> tuple[bool, list[tuple[str, ...]]]:
    shapes = load_shapes()
    _, report, _ = engine.validate(_union(graph), shacl_graph=shapes, inference="none", advanced=False,
                                   allow_warnings=True)
    found = sorted((r.severity, r.focus, r.path, r.shape, str(r.value_node)) for r in _results(report, shapes))
    return not any(r[0] == "Violation" for r in found), found


def cases() -> list[tuple[str, Graph]]:
    rng = random.Random(12)
    base = sample_graphs()
    sample = base[0][1]
    return base + [(f"mutation {i}", mutated(sample, rng)) for i in range(40)]


@pytest.mark.parametrize(("name", "graph"), cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_engines_agree(name: str, graph: Graph) -> None:
    fast, slow = results(pyshacl_turbo, graph), results(pyshacl, graph)
    assert fast == slow
    assert conforms(graph, TURBO) == conforms(graph, PYSHACL) == slow[0]
    assert validate_graph(graph, TURBO) == validate_graph(graph, PYSHACL)


def test_cases_cover_both_verdicts() -> None:
    verdicts = [conforms(g, TURBO) for _, g in cases()]
    assert verdicts.count(True) >= 5 and verdicts.count(False) >= 20


def test_engine_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_KG_SHACL_ENGINE", "pyshacl")
    assert load_settings().shacl_engine == "pyshacl"
    monkeypatch.setenv("SANCTIONS_KG_SHACL_ENGINE", "rust")
    with pytest.raises(SanctionsKGError, match=r"\[E083\]"):
        load_settings()
