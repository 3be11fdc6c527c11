"""Identity across documents: the same vote or launch reported twice becomes one node.

Identity is first the deterministic IRI of :mod:`ids` (resolution number; launch actor and date).
Where the parts differ by what reporting can blur, the :class:`EventIndex` matches a new report to a
known event: a draft's vote date within one day (time zones), with no conflicting outcome, target or
sponsor; an undated launch to a dated launch by the same actor in the week before publication with no
conflicting count or type. The index is seeded from the store, so an incremental build resolves
against what is already there, and it learns each event as documents are added.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import URIRef

from .ids import launch_iri, resolution_iri
from .records import Document, LaunchFact, VoteFact

VOTE_DAY_TOLERANCE = timedelta(days=1)
LAUNCH_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class KnownVote:
    iri: URIRef
    number: int | None
    day: date | None
    concerns: frozenset[str]
    sponsors: frozenset[str]
    outcome: str | None


@dataclass(frozen=True)
class KnownLaunch:
    iri: URIRef
    actor: str
    day: date | None
    count: int | None
    types: frozenset[str]


def _compatible(a: Iterable, b: Iterable) -> bool:
    """Two sets agree when either is empty or they share a member."""
    a, b = set(a), set(b)
    return not a or not b or bool(a & b)


def _same(a: object, b: object) -> bool:
    return a is None or b is None or a == b


class EventIndex:
    """Known votes and launches, consulted and extended as facts are resolved."""

    def __init__(self, votes: Iterable[KnownVote] = (), launches: Iterable[KnownLaunch] = ()) -> None:
        self.votes = list(votes)
        self.launches = list(launches)

    def vote_iri(self, vote: VoteFact) -> URIRef:
        """The resolution a vote report is about: by number, else a matching known draft, else new."""
        if vote.number:
            iri = resolution_iri(vote.number, None, (), (), None)
        else:
            iri = next((k.iri for k in self.votes if self._vote_matches(k, vote)), None) or resolution_iri(
                None, vote.date, vote.concerns, vote.sponsors, vote.outcome)
        self.votes.append(KnownVote(iri, vote.number, vote.date, frozenset(vote.concerns),
                                    frozenset(vote.sponsors), vote.outcome))
        return iri

    @staticmethod
    def _vote_matches(known: KnownVote, vote: VoteFact) -> bool:
        if known.number is not None or known.day is None or vote.date is None:
            return False
        return (abs(known.day - vote.date) <= VOTE_DAY_TOLERANCE and _same(known.outcome, vote.outcome)
                and _compatible(known.concerns, vote.concerns) and _compatible(known.sponsors, vote.sponsors))

    def launch_iris(self, launches: list[LaunchFact], document: Document) -> list[URIRef]:
        """IRIs for a document's launches, dated ones first so undated reports can join them."""
        order = sorted(range(len(launches)), key=lambda i: launches[i].date is None)
        iris: dict[int, URIRef] = {}
        for i in order:
            iris[i] = self._launch_iri(launches[i], document, i)
        return [iris[i] for i in range(len(launches))]

    def _launch_iri(self, launch: LaunchFact, document: Document, index: int) -> URIRef:
        if launch.date is not None:
            iri = launch_iri(launch.actor, launch.date)
        else:
            iri = self._undated_match(launch, document.meta.published) or launch_iri(
                launch.actor, None, document.doc_id, index)
        self.launches.append(KnownLaunch(iri, launch.actor, launch.date, launch.count, frozenset(launch.types)))
        return iri

    def _undated_match(self, launch: LaunchFact, published: date | None) -> URIRef | None:
        """A dated launch by the same actor, shortly before publication, that the report does not contradict."""
        if published is None:
            return None
        for known in self.launches:
            if (known.actor == launch.actor and known.day is not None
                    and timedelta(0) <= published - known.day <= LAUNCH_WINDOW
                    and _same(known.count, launch.count) and _compatible(known.types, launch.types)):
                return known.iri
        return None


VOTES_QUERY = """
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
SELECT ?r (SAMPLE(?n) AS ?number) (SAMPLE(?d) AS ?day) (SAMPLE(?o) AS ?outcome)
       (GROUP_CONCAT(DISTINCT ?ci; separator=",") AS ?concerns) (GROUP_CONCAT(DISTINCT ?si; separator=",") AS ?sponsors)
WHERE { ?r a skg:Resolution .
  OPTIONAL { ?r skg:resolutionNumber ?n } OPTIONAL { ?r skg:voteDate ?d } OPTIONAL { ?r skg:outcome ?o }
  OPTIONAL { ?r skg:concerns/skg:iso3 ?ci } OPTIONAL { ?r skg:sponsor/skg:iso3 ?si } }
GROUP BY ?r
"""

LAUNCHES_QUERY = """
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
SELECT ?l (SAMPLE(?a) AS ?actor) (SAMPLE(?d) AS ?day) (SAMPLE(?c) AS ?count)
       (GROUP_CONCAT(DISTINCT STR(?t); separator=",") AS ?types)
WHERE { ?l a skg:MissileLaunch ; skg:launchedBy/skg:iso3 ?a .
  OPTIONAL { ?l skg:launchDate ?d } OPTIONAL { ?l skg:missileCount ?c } OPTIONAL { ?l skg:missileType ?t } }
GROUP BY ?l
"""


def _split(value: object) -> frozenset[str]:
    return frozenset(v for v in str(value or "").split(",") if v)


def _py(value: object):
    return value.toPython() if value is not None and hasattr(value, "toPython") else value


def index_from_store(store) -> EventIndex:
    """Seed the index with the events already in a store (for incremental builds)."""
    from .graph import OUTCOME_CODES, TYPE_CODES  # local import: graph imports this module
    votes = [KnownVote(URIRef(str(r["r"])), _py(r.get("number")), _py(r.get("day")), _split(r.get("concerns")),
                       _split(r.get("sponsors")), OUTCOME_CODES.get(str(r.get("outcome"))))
             for r in store.query(VOTES_QUERY)]
    launches = [KnownLaunch(URIRef(str(r["l"])), str(r["actor"]), _py(r.get("day")), _py(r.get("count")),
                            frozenset(TYPE_CODES.get(t, t) for t in _split(r.get("types"))))
                for r in store.query(LAUNCHES_QUERY)]
    return EventIndex(votes, launches)
