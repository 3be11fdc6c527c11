"""``SKG``, ``ontology/sanctions-kg.ttl`` and the published contract must name the same terms.

Three lists of the same vocabulary drift apart unless a test ties them: the Python namespace
(closed, so a typo fails at import), the Turtle ontology, and ``ontology-contract.md`` (published:
every term there must exist, none renamed).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sanctions_kg.errors import SanctionsKGError
from sanctions_kg.namespace import ID, SKG, load_ontology
from sanctions_kg.settings import load_settings

CONTRACT = Path(__file__).resolve().parents[1].parent / "shared" / "ontology-contract.md"
NS = str(SKG._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The ontology, parsed once."""
    return load_ontology()


def skg_terms(graph: Graph) -> set[str]:
    """Local names of every IRI under the skg namespace used anywhere in the graph."""
    nodes = set(graph.subjects()) | set(graph.predicates()) | set(graph.objects())
    return {str(n)[len(NS):] for n in nodes if isinstance(n, URIRef) and str(n).startswith(NS)}


def namespace_terms() -> set[str]:
    """Local names of the attributes declared on ``SKG``."""
    return {str(term)[len(NS):] for term in dir(SKG)}


def contract_terms() -> set[str]:
    """Every ``skg:Word`` token of the contract."""
    return set(re.findall(r"\bskg:([A-Za-z][A-Za-z0-9_]*)", CONTRACT.read_text(encoding="utf-8")))


def test_namespace_matches_ontology(ontology: Graph) -> None:
    """Every ontology term is an SKG attribute and every SKG attribute is in the ontology."""
    in_ontology, in_python = skg_terms(ontology), namespace_terms()
    assert in_ontology - in_python == set(), "terms missing from SKG in namespace.py"
    assert in_python - in_ontology == set(), "SKG attributes not defined in the ontology"


def test_contract_terms_are_in_ontology(ontology: Graph) -> None:
    """The published contract is covered: nothing renamed, nothing left out."""
    terms = contract_terms()
    assert len(terms) > 80, f"suspiciously few terms parsed from {CONTRACT}"
    assert terms - skg_terms(ontology) == set()


def test_model_md_added_terms(ontology: Graph) -> None:
    """The terms docs/model.md adds are declared too."""
    for term in (SKG.permanentMember, SKG.resolutionYear, SKG.sourceFile):
        assert (term, RDF.type, OWL.DatatypeProperty) in ontology


def test_every_term_is_declared_labelled_and_commented(ontology: Graph) -> None:
    """Each term has a type, an rdfs:label and an rdfs:comment (the ontology is its own documentation)."""
    for name in sorted(skg_terms(ontology)):
        term = SKG[name]
        assert ontology.value(term, RDF.type) is not None, f"{name} has no rdf:type"
        assert ontology.value(term, RDFS.label) is not None, f"{name} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{name} has no rdfs:comment"


def test_hierarchy(ontology: Graph) -> None:
    """The subclass, sub-property and broader-type axioms the contract states."""
    for sub in (SKG.Country, SKG.Organization, SKG.Person):
        assert (sub, RDFS.subClassOf, SKG.Actor) in ontology
    for sub in (SKG.Resolution, SKG.DesignationProposal):
        assert (sub, RDFS.subClassOf, SKG.Proposal) in ontology
    assert (SKG.vetoed, RDFS.subPropertyOf, SKG.votedAgainst) in ontology
    for missile in (SKG.ICBM, SKG.IRBM, SKG.SRBM, SKG.SLBM):
        assert (missile, SKOS.broader, SKG.BallisticMissile) in ontology


@pytest.mark.parametrize(
    ("cls", "members"),
    [
        (SKG.VotePosition, {SKG.InFavour, SKG.Against, SKG.Abstention}),
        (SKG.Outcome, {SKG.Adopted, SKG.NotAdopted}),
        (SKG.DesignationStatus, {SKG.Proposed, SKG.Imposed, SKG.Blocked, SKG.Lifted}),
        (SKG.Measure, {SKG.AssetFreeze, SKG.TravelBan, SKG.ArmsEmbargo, SKG.ExportBan, SKG.Sanctions}),
        (SKG.MissileType, {SKG.ICBM, SKG.IRBM, SKG.SRBM, SKG.BallisticMissile, SKG.HypersonicMissile,
                           SKG.SLBM, SKG.CruiseMissile}),
        (SKG.Commodity, {SKG.CrudeOil, SKG.RefinedPetroleum}),
        (SKG.Unit, {SKG.Barrel, SKG.Tonne}),
    ],
)
def test_controlled_values_are_named_individuals(ontology: Graph, cls: URIRef, members: set[URIRef]) -> None:
    """Controlled values are individuals of their class, never strings."""
    assert set(ontology.subjects(RDF.type, cls)) == members
    for member in members:
        assert (member, RDF.type, OWL.NamedIndividual) in ontology


def test_ontology_header(ontology: Graph) -> None:
    """An owl:Ontology with a version, so consumers can tell releases apart."""
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, OWL.versionIRI) is not None


def test_namespace_is_closed() -> None:
    """A misspelt term fails loudly instead of minting an IRI no query matches."""
    with pytest.raises(AttributeError):
        SKG.votedFr  # noqa: B018
    assert SKG.vetoed == URIRef(NS + "vetoed")
    assert ID["country/PRK"] == URIRef("https://w3id.org/sanctions-kg/id/country/PRK")


def test_missing_ontology_is_a_coded_error(tmp_path: Path) -> None:
    """E010 names the path instead of a bare FileNotFoundError."""
    settings = replace(load_settings(), ontology_dir=tmp_path)
    with pytest.raises(SanctionsKGError, match=r"^\[E010\]"):
        load_ontology(settings)
