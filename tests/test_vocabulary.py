"""``vocabulary.yml``, the prefix table and the ontology must agree, in both directions.

Adding a missile type is one line in ``src/sanctions_kg/vocabulary.yml`` plus its individual in
``ontology/sanctions-kg.ttl``; these tests fail when only one of the two was done, when a named query
or the shapes declare a prefix differently from :data:`~sanctions_kg.vocabulary.PREFIXES`, or when a
module outside ``namespace.py``/``vocabulary.py`` spells the ontology IRI.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, SH

from sanctions_kg import vocabulary
from sanctions_kg.namespace import SKG, load_ontology
from sanctions_kg.settings import load_settings

SRC = Path(vocabulary.__file__).resolve().parent
ONTOLOGY_IRI = str(SKG._NS)
# Modules another helper is rewriting; they import the vocabulary once their split lands.
PENDING: dict[str, str] = {}  # modules allowed to spell the IRI for now, with the reason (none left)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_every_code_names_an_individual_of_its_class(ontology: Graph) -> None:
    for cls, codes in vocabulary.CODES.items():
        for code, iri in codes.items():
            types = set(ontology.objects(iri, RDF.type))
            assert OWL.NamedIndividual in types, f"{code}: {iri} is not an owl:NamedIndividual"
            assert SKG._NS[cls] in types, f"{code}: {iri} is not a skg:{cls}"


def test_every_individual_has_a_code(ontology: Graph) -> None:
    """Each controlled individual of the ontology is reachable from a code, and each class is listed."""
    named = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    coded = {iri for codes in vocabulary.CODES.values() for iri in codes.values()}
    assert named - coded == set(), "ontology individuals without a code in vocabulary.yml"
    for cls in {t for iri in named for t in ontology.objects(iri, RDF.type) if t != OWL.NamedIndividual}:
        assert str(cls).removeprefix(ONTOLOGY_IRI) in vocabulary.CODES


def test_codes_are_unique_and_reversible() -> None:
    assert len(vocabulary.IRI_CODES) == sum(len(c) for c in vocabulary.CODES.values())
    assert vocabulary.code_of(SKG.ICBM) == "icbm" and vocabulary.code_of(SKG.NotAdopted) == "not_adopted"
    assert vocabulary.code_of(SKG.vetoed) is None and vocabulary.code_of(None) is None
    assert vocabulary.MISSILE_LOCAL_CODES["BallisticMissile"] == "ballistic"


def test_shortcuts_are_object_properties_for_every_position(ontology: Graph) -> None:
    assert set(vocabulary.SHORTCUT) == set(vocabulary.POSITION)
    for prop in vocabulary.SHORTCUT.values():
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology


def test_rule_files_use_the_vocabulary_codes() -> None:
    """The gazetteer's surface forms map to codes the graph can write."""
    import yaml
    rules = load_settings().rules_dir
    for name, codes in (("missiles.yml", vocabulary.MISSILE), ("measures.yml", vocabulary.MEASURE)):
        data = yaml.safe_load((rules / name).read_text(encoding="utf-8"))
        assert set(data) <= set(codes), name
    commodities = yaml.safe_load((rules / "commodities.yml").read_text(encoding="utf-8"))
    assert set(commodities.pop("units")) <= set(vocabulary.UNIT)
    assert set(commodities) <= set(vocabulary.COMMODITY)


def test_named_queries_declare_prefixes_as_the_table_does() -> None:
    queries = sorted((load_settings().ontology_dir / "queries").glob("*.rq"))
    assert queries
    for path in queries:
        for prefix, iri in re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", path.read_text(encoding="utf-8"), re.I):
            assert vocabulary.PREFIXES.get(prefix) == iri, f"{path.name}: PREFIX {prefix}: <{iri}>"


def test_ontology_and_shapes_bind_prefixes_as_the_table_does() -> None:
    folder = load_settings().ontology_dir
    for name in ("sanctions-kg.ttl", "shapes.ttl"):
        graph = Graph(bind_namespaces="none").parse(folder / name, format="turtle")
        for prefix, iri in graph.namespaces():
            if prefix in vocabulary.PREFIXES:
                assert str(iri) == vocabulary.PREFIXES[prefix], f"{name}: @prefix {prefix}:"
        for decl in graph.objects(None, SH.declare):
            prefix = str(graph.value(decl, SH.prefix))
            assert str(graph.value(decl, SH.namespace)) == vocabulary.PREFIXES[prefix], f"{name}: sh:declare {prefix}"


def test_sparql_header_and_binding_come_from_the_table() -> None:
    header = vocabulary.sparql_prefixes("skg", "rdfs")
    assert header == f"PREFIX skg: <{ONTOLOGY_IRI}>\nPREFIX rdfs: <{vocabulary.PREFIXES['rdfs']}>\n"
    graph = vocabulary.bind_prefixes(Graph(bind_namespaces="none"))
    assert {p: str(n) for p, n in graph.namespaces()} == vocabulary.PREFIXES


def test_only_namespace_and_vocabulary_spell_the_ontology_iri() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in {"namespace.py", "vocabulary.py"} or rel.split("/")[0].removesuffix(".py") in PENDING:
            continue
        if ONTOLOGY_IRI in path.read_text(encoding="utf-8"):
            offenders.append(rel)
    assert offenders == []


def test_record_code_types_list_the_vocabulary_codes() -> None:
    """The ``Literal`` code types of the records (for the type checker) name exactly the vocabulary's codes."""
    from typing import get_args

    from sanctions_kg import records
    pairs = {"Position": "VotePosition", "Outcome": "Outcome", "Status": "DesignationStatus", "Measure": "Measure",
             "MissileType": "MissileType", "Commodity": "Commodity", "Unit": "Unit"}
    for alias, cls in pairs.items():
        assert set(get_args(getattr(records, alias))) == set(vocabulary.CODES[cls]), alias
