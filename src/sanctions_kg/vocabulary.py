"""The one home of the vocabulary's codes and prefixes.

Records, rules and gold files name controlled values by short codes (``"icbm"``, ``"not_adopted"``);
the graph names them by ontology individuals (``skg:ICBM``, ``skg:NotAdopted``). Every map between the
two is made here from ``vocabulary.yml``, so adding a missile type is one line of data plus the term in
the ontology (``tests/test_vocabulary.py`` proves the two agree). The prefix table is here too: every
SPARQL ``PREFIX`` header and every serializer binding is made from :data:`PREFIXES`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any

import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .namespace import ID, SKG

VOCABULARY_FILE = "vocabulary.yml"

#: prefix -> namespace IRI, in the order headers and serialisations list them.
PREFIXES: dict[str, str] = {
    "skg": str(SKG._NS),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "owl": str(OWL),
}


def _load() -> dict[str, Any]:
    """The data file beside this module (it ships in the wheel as package data)."""
    text = files("sanctions_kg").joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{VOCABULARY_FILE}: expected a mapping of class name to codes")
    return data


_DATA = _load()
SHORTCUT_KEY = "shortcuts"

#: ontology class local name -> {code: individual IRI}, e.g. ``CODES["MissileType"]["icbm"] == SKG.ICBM``.
CODES: dict[str, dict[str, URIRef]] = {
    cls: {str(code): SKG._NS[name] for code, name in values.items()}
    for cls, values in _DATA.items() if cls != SHORTCUT_KEY
}

POSITION = CODES["VotePosition"]
OUTCOME = CODES["Outcome"]
STATUS = CODES["DesignationStatus"]
MEASURE = CODES["Measure"]
MISSILE = CODES["MissileType"]
COMMODITY = CODES["Commodity"]
UNIT = CODES["Unit"]
#: vote position code -> the shortcut property from voter to resolution (``skg:votedFor``, …).
SHORTCUT: dict[str, URIRef] = {str(code): SKG._NS[name] for code, name in _DATA[SHORTCUT_KEY].items()}

#: individual IRI (as a string) -> code, for reading a graph back into records.
IRI_CODES: dict[str, str] = {str(iri): code for values in CODES.values() for code, iri in values.items()}
TYPE_CODES: dict[str, str] = {str(iri): code for code, iri in MISSILE.items()}
OUTCOME_CODES: dict[str, str] = {str(iri): code for code, iri in OUTCOME.items()}
#: local name -> code for missile types (``"BallisticMissile"`` -> ``"ballistic"``), as the scorer reads them.
MISSILE_LOCAL_CODES: dict[str, str] = {str(iri)[len(PREFIXES["skg"]):]: code for code, iri in MISSILE.items()}


def code_of(iri: object) -> str | None:
    """The code of a controlled individual (``skg:ICBM`` -> ``"icbm"``), None for any other term."""
    return IRI_CODES.get(str(iri)) if iri is not None else None


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for ``names`` (all prefixes when none are given), one per line, ending in a newline."""
    chosen: Iterable[str] = names or PREFIXES
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in chosen)


def bind_prefixes(graph: Graph, prefixes: Mapping[str, str] | None = None, **options: bool) -> Graph:
    """Bind the project's prefixes on ``graph`` (for readable serialisations); returns the graph."""
    for prefix, namespace in (prefixes or PREFIXES).items():
        graph.bind(prefix, namespace, **options)
    return graph


__all__ = [
    "CODES", "COMMODITY", "IRI_CODES", "MEASURE", "MISSILE", "MISSILE_LOCAL_CODES", "OUTCOME", "OUTCOME_CODES",
    "POSITION", "PREFIXES", "SHORTCUT", "STATUS", "TYPE_CODES", "UNIT", "bind_prefixes", "code_of",
    "sparql_prefixes",
]
