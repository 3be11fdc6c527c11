"""Typed, frozen records that flow between the pipeline stages.

documents -> (Document) -> nlp -> extract -> (Fact records with Evidence) -> resolve -> graph.
Each stage only sees these records, so a reader can follow the data without knowing spaCy or RDF.
Country and authority values are codes: ISO 3166-1 alpha-3 for states, or an organisation code
from ``rules/organisations.yml`` (e.g. ``"UN"``, ``"EU"``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Position = Literal["in_favour", "against", "abstention"]
Outcome = Literal["adopted", "not_adopted"]
Status = Literal["proposed", "imposed", "blocked", "lifted"]
Measure = Literal["asset_freeze", "travel_ban", "arms_embargo", "export_ban", "sanctions"]
MissileType = Literal["icbm", "irbm", "srbm", "ballistic", "hypersonic", "slbm", "cruise"]
Commodity = Literal["crude_oil", "refined_petroleum"]
Unit = Literal["barrel", "tonne"]
ActorKind = Literal["person", "organization", "country"]


@dataclass(frozen=True)
class DocumentMeta:
    """The optional ``.meta.yml`` beside a document (keys of the ontology contract)."""

    title: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    published: date | None = None
    timezone: str = "UTC"
    language: str = "en"
    country: str | None = None  # ISO3 of the state that publishes the text (its ministers speak for it)


@dataclass(frozen=True)
class Document:
    """One source text, decoded as UTF-8; ``doc_id`` is the sha256 of its bytes."""

    doc_id: str
    path: str
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def name(self) -> str:
        """The file name, used in messages and as the default title."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Evidence:
    """The span of a document that supports a fact: ``text[start:end] == quote`` always."""

    doc_id: str
    start: int
    end: int
    quote: str
    rule: str


@dataclass(frozen=True)
class ActorRef:
    """An actor as found in text: a country (code = ISO3), an organisation or a person.

    ``code`` is set for countries (ISO3) and known organisations (gazetteer code); ``name`` is the
    preferred label; ``aliases`` are other names seen for it.
    """

    kind: ActorKind
    name: str
    code: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoteFact:
    """A Security Council vote on one (draft) resolution, as one document reports it."""

    evidence: tuple[Evidence, ...]
    date: date | None = None
    number: int | None = None
    year: int | None = None
    symbol: str | None = None
    outcome: Outcome | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    sponsors: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    positions: tuple[tuple[str, Position], ...] = ()
    vetoed_by: tuple[str, ...] = ()
    position_evidence: tuple[tuple[str, Evidence], ...] = ()


@dataclass(frozen=True)
class DesignationFact:
    """One measure on one designee, with its status and authority."""

    evidence: tuple[Evidence, ...]
    designee: ActorRef
    measure: Measure = "sanctions"
    status: Status = "imposed"
    authority: str | None = None
    date: date | None = None
    via_resolution: bool = False


@dataclass(frozen=True)
class LaunchFact:
    """One launch event (possibly several missiles)."""

    evidence: tuple[Evidence, ...]
    actor: str
    date: date | None = None
    types: tuple[MissileType, ...] = ()
    count: int | None = None
    site: str | None = None


@dataclass(frozen=True)
class ImportCapFact:
    """A cap on a commodity's imports by a country, with before/after figures."""

    evidence: tuple[Evidence, ...]
    commodity: Commodity
    country: str | None
    before: float | None
    after: float | None
    unit: Unit = "barrel"
    via_resolution: bool = False


@dataclass(frozen=True)
class RepresentsFact:
    """A person who speaks for a country, with the role the text gives."""

    evidence: tuple[Evidence, ...]
    person: str
    country: str
    role: str | None = None


@dataclass(frozen=True)
class BlockFact:
    """An actor that stopped a proposal without a recorded vote (a hold, a block)."""

    evidence: tuple[Evidence, ...]
    blocker: str
    proposal_by: str | None = None
    proposal_label: str | None = None
    date: date | None = None


Fact = VoteFact | DesignationFact | LaunchFact | ImportCapFact | RepresentsFact | BlockFact
