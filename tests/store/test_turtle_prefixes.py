"""Turtle and TriG exports write ``cap:36e9…`` (a prefix per kind of thing), never ``id:cap\\/36e9…``.

Each file is read back by rdflib and by pyoxigraph and must give the same triples or quads.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from sanctions_kg.store import write_dataset_atomic
from sanctions_kg.store.files import turtle_prefixes

REPO = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/sanctions-kg/id/"
SKG = rdflib.Namespace("https://w3id.org/sanctions-kg/ontology#")
DOC = URIRef(f"{ID}document/0a1b2c3d")
PLAIN = {f"{ID}cap/36e9f834b617c1b9": "cap:36e9f834b617c1b9", f"{ID}country/PRK": "country:PRK",
         f"{ID}resolution/2397": "resolution:2397", f"{ID}org/UN_SC": "org:UN_SC"}
# a key that would need an escape, a path two deep, no kind, a kind named like a project prefix, a leading '-'
ODD = [f"{ID}weird/a.b.", f"{ID}deep/x/y", f"{ID}flat", f"{ID}skg/1", f"{ID}lead/-x", f"{ID}country2/a~b"]
# a prefixed name with an escape (PN_LOCAL_ESC) anywhere outside a string literal
ESCAPED = re.compile(r"^[^\"\n]*\b[A-Za-z][\w.-]*:[^\s\"]*\\", re.MULTILINE)


def _dataset() -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    graph = dataset.graph(DOC)
    graph.add((DOC, rdflib.RDF.type, SKG.Document))
    for i, iri in enumerate([*PLAIN, *ODD]):
        graph.add((URIRef(iri), SKG.mentionedIn, DOC))
        graph.add((URIRef(iri), rdflib.RDFS.label, Literal(f"thing {i}")))
    return dataset


def _quads(dataset: rdflib.Dataset) -> set[tuple[str, ...]]:
    return {(str(s), str(p), str(o), str(getattr(g, "identifier", g))) for s, p, o, g in dataset.quads()}


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_entities_are_written_kind_colon_key_and_read_back_by_both_parsers(tmp_path: Path, suffix: str):
    source = _dataset()
    path = tmp_path / f"out{suffix}"
    write_dataset_atomic(source, path)
    text = path.read_text(encoding="utf-8")
    assert not ESCAPED.search(text), ESCAPED.search(text)
    for iri, short in PLAIN.items():
        assert short in text and f"<{iri}>" not in text, iri
    for iri in ODD:
        assert f"<{iri}>" in text, iri  # written in full rather than escaped
    assert "@prefix id:" not in text
    triples = {(s, p, o) for s, p, o, _ in _quads(source)}
    with_rdflib = rdflib.Dataset().parse(path, format="trig" if suffix == ".trig" else "turtle")
    with_oxigraph = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG if suffix == ".trig"
                                  else ox.RdfFormat.TURTLE))
    if suffix == ".trig":
        assert _quads(with_rdflib) == _quads(source)
        assert {(q.subject.value, q.predicate.value, _value(q.object), q.graph_name.value)
                for q in with_oxigraph} == _quads(source)
    else:
        assert {(s, p, o) for s, p, o, _ in _quads(with_rdflib)} == triples
        assert {(t.subject.value, t.predicate.value, _value(t.object)) for t in with_oxigraph} == triples


def _value(term) -> str:
    return term.value


def test_a_kind_is_declared_only_when_every_key_of_it_is_plain():
    prefixes = turtle_prefixes([f"{ID}cap/1", f"{ID}person/abc", f"{ID}person/a.b.", f"{ID}skg/1", f"{ID}flat"])
    assert prefixes["cap"] == f"{ID}cap/"
    assert "person" not in prefixes and "id" not in prefixes  # one odd key: the kind is written in full
    assert prefixes["skg"] == str(SKG)  # a kind never takes over a project prefix


def test_the_committed_seed_graph_has_no_escaped_names_and_parses_alike():
    path = REPO / "graph" / "seeds.ttl"
    text = path.read_text(encoding="utf-8")
    assert "\\/" not in text and "country:PRK" in text
    with_rdflib = {tuple(map(str, t)) for t in rdflib.Graph().parse(path, format="turtle")}
    with_oxigraph = {(t.subject.value, t.predicate.value, t.object.value)
                     for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
    assert with_rdflib == with_oxigraph and len(with_rdflib) > 300
