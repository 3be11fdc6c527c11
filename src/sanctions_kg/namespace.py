"""The project's RDF namespaces and the loader of its ontology.

``SKG`` is a *closed* namespace: ``SKG.votedFr`` raises ``AttributeError`` instead of minting a term
that no query will ever match. ``tests/test_namespace.py`` checks that the attributes below and the
terms of ``ontology/sanctions-kg.ttl`` are the same set, and that the ontology covers the contract.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from .errors import Errors, SanctionsKGError
from .settings import Settings, load_settings

ONTOLOGY_FILE = "sanctions-kg.ttl"
SHAPES_FILE = "shapes.ttl"


class SKG(DefinedNamespace):
    """sanctions-kg ontology (contract v1 plus the terms added in docs/model.md)."""

    _NS = Namespace("https://w3id.org/sanctions-kg/ontology#")
    _fail = True

    # Classes
    Actor: URIRef
    Country: URIRef
    Organization: URIRef
    Person: URIRef
    Proposal: URIRef
    Resolution: URIRef
    DesignationProposal: URIRef
    Vote: URIRef
    Designation: URIRef
    MissileLaunch: URIRef
    ImportCap: URIRef
    Document: URIRef
    Evidence: URIRef

    # Classes of controlled values (added terms)
    VotePosition: URIRef
    Outcome: URIRef
    DesignationStatus: URIRef
    Measure: URIRef
    MissileType: URIRef
    Commodity: URIRef
    Unit: URIRef

    # Controlled values
    InFavour: URIRef
    Against: URIRef
    Abstention: URIRef
    Adopted: URIRef
    NotAdopted: URIRef
    Proposed: URIRef
    Imposed: URIRef
    Blocked: URIRef
    Lifted: URIRef
    AssetFreeze: URIRef
    TravelBan: URIRef
    ArmsEmbargo: URIRef
    ExportBan: URIRef
    Sanctions: URIRef
    ICBM: URIRef
    IRBM: URIRef
    SRBM: URIRef
    BallisticMissile: URIRef
    HypersonicMissile: URIRef
    SLBM: URIRef
    CruiseMissile: URIRef
    CrudeOil: URIRef
    RefinedPetroleum: URIRef
    Barrel: URIRef
    Tonne: URIRef

    # Resolutions and proposals
    symbol: URIRef
    resolutionNumber: URIRef
    resolutionYear: URIRef
    voteDate: URIRef
    outcome: URIRef
    sponsor: URIRef
    concerns: URIRef
    votesInFavour: URIRef
    votesAgainst: URIRef
    abstentions: URIRef
    proposes: URIRef
    date: URIRef

    # Votes and their shortcuts
    voter: URIRef
    onResolution: URIRef
    position: URIRef
    votedFor: URIRef
    votedAgainst: URIRef
    abstainedOn: URIRef
    vetoed: URIRef
    blocked: URIRef
    permanentMember: URIRef

    # Designations
    designee: URIRef
    measure: URIRef
    status: URIRef
    designatedBy: URIRef
    designatedFor: URIRef

    # Missile launches
    launchedBy: URIRef
    launched: URIRef
    missileType: URIRef
    missileCount: URIRef
    launchDate: URIRef
    launchSite: URIRef

    # Import caps
    commodity: URIRef
    limitBefore: URIRef
    limitAfter: URIRef
    unit: URIRef
    capOn: URIRef

    # People, organisations, countries
    represents: URIRef
    role: URIRef
    affiliatedWith: URIRef
    iso3: URIRef

    # Provenance
    inDocument: URIRef
    quote: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractedBy: URIRef
    contentHash: URIRef
    sourceFile: URIRef


ID = Namespace("https://w3id.org/sanctions-kg/id/")
"""Every instance IRI lives under this namespace (``ID["country/PRK"]``)."""


def ontology_path(settings: Settings | None = None, name: str = ONTOLOGY_FILE) -> Path:
    """Path of a file in the ontology folder; raises E010 if it is missing, so callers fail early."""
    settings = settings or load_settings()
    path = Path(settings.ontology_dir) / name
    if not path.is_file():
        raise SanctionsKGError(Errors.E010.format(path=path))
    return path


def load_ontology(settings: Settings | None = None) -> Graph:
    """Parse ``ontology/sanctions-kg.ttl`` (from ``settings.ontology_dir``) into a fresh graph."""
    graph = Graph()
    graph.parse(ontology_path(settings), format="turtle")
    graph.bind("skg", SKG._NS)
    graph.bind("id", ID)
    return graph
