"""Identity across documents: the same vote or launch reported twice becomes one node.

Identity is first the deterministic IRI of :mod:`ids` (resolution number; launch actor and date).
Where the parts differ by what reporting can blur, the :class:`EventIndex` matches a new report to a
known event: a draft's vote date within one day (time zones), with no conflicting outcome, target or
sponsor; an undated launch to a dated launch by the same actor in the week before publication with no
conflicting count or type. The index is seeded from the store, so an incremental build resolves
against what is already there. It learns a document's events only once its graph passed the SHACL
shapes and was stored (:meth:`EventIndex.commit`); until then they are staged, so the other documents of
the same batch still resolve against them. Identity is decided here, before :mod:`graph` writes triples.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rdflib import URIRef

from .ids import launch_iri, resolution_iri
from .records import Document, LaunchFact, VoteFact
from .vocabulary import OUTCOME_CODES, TYPE_CODES, sparql_prefixes

if TYPE_CHECKING:  # the records of extraction; importing them would load spaCy, which resolving never needs
    from .extract import DocumentFacts

VOTE_DAY_TOLERANCE = timedelta(days=1)
LAUNCH_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Identities:
    """The IRIs resolution gave a document's events, in the order of its facts, for ``graph`` to write.

    ``resolutions[i]`` is the resolution of the document's i-th vote, ``launches[i]`` the node of its
    i-th launch. Other nodes get deterministic IRIs from their own parts (:mod:`ids`) as they are written.
    """

    resolutions: tuple[URIRef, ...] = ()
    launches: tuple[URIRef, ...] = ()


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
    """Known votes and launches, consulted as facts are resolved and extended once they are stored.

    :meth:`resolve` decides a document's identities and *stages* the events it found, so the next
    documents of the same batch resolve against them; :meth:`commit` makes them known for good once
    the document's graph passed SHACL and was stored, :meth:`discard` forgets those of a rejected
    document. :meth:`vote_iri` and :meth:`launch_iris` resolve and commit at once (no validation step).
    """

    def __init__(self, votes: Iterable[KnownVote] = (), launches: Iterable[KnownLaunch] = ()) -> None:
        self.votes = list(votes)
        self.launches = list(launches)
        self._staged: dict[str, tuple[list[KnownVote], list[KnownLaunch]]] = {}

    # --- resolving a document, then committing or discarding what it taught -----------------------
    def resolve(self, facts: DocumentFacts) -> Identities:
        """The IRIs of a document's resolutions and launches; their events are staged under its id."""
        votes, launches = self._staged.setdefault(facts.document.doc_id, ([], []))
        resolutions = tuple(self._vote_iri(v, votes) for v in facts.votes)
        launch_nodes = tuple(self._launch_iris(facts.launches, facts.document, launches))
        return Identities(resolutions=resolutions, launches=launch_nodes)

    def commit(self, doc_id: str) -> None:
        """The document was stored: its events are known to every later build step."""
        votes, launches = self._staged.pop(doc_id, ([], []))
        self.votes.extend(votes)
        self.launches.extend(launches)

    def discard(self, doc_id: str) -> None:
        """The document was not stored (invalid graph, failed extraction): forget its events."""
        self._staged.pop(doc_id, None)

    def _known_votes(self) -> Iterator[KnownVote]:
        yield from self.votes
        for votes, _ in self._staged.values():
            yield from votes

    def _known_launches(self) -> Iterator[KnownLaunch]:
        yield from self.launches
        for _, launches in self._staged.values():
            yield from launches

    # --- one-step API: resolve and learn at once ----------------------------------------------------
    def vote_iri(self, vote: VoteFact) -> URIRef:
        """The resolution a vote report is about: by number, else a matching known draft, else new."""
        return self._vote_iri(vote, self.votes)

    def launch_iris(self, launches: list[LaunchFact], document: Document) -> list[URIRef]:
        """IRIs for a document's launches, dated ones first so undated reports can join them."""
        return self._launch_iris(launches, document, self.launches)

    # --- matching -------------------------------------------------------------------------------------
    def _vote_iri(self, vote: VoteFact, learned: list[KnownVote]) -> URIRef:
        if vote.number:
            iri = resolution_iri(vote.number, None, (), (), None)
        else:
            iri = next((k.iri for k in self._known_votes() if self._vote_matches(k, vote)), None) or resolution_iri(
                None, vote.date, vote.concerns, vote.sponsors, vote.outcome)
        learned.append(KnownVote(iri, vote.number, vote.date, frozenset(vote.concerns),
                                 frozenset(vote.sponsors), vote.outcome))
        return iri

    @staticmethod
    def _vote_matches(known: KnownVote, vote: VoteFact) -> bool:
        if known.number is not None or known.day is None or vote.date is None:
            return False
        return (abs(known.day - vote.date) <= VOTE_DAY_TOLERANCE and _same(known.outcome, vote.outcome)
                and _compatible(known.concerns, vote.concerns) and _compatible(known.sponsors, vote.sponsors))

    def _launch_iris(self, launches: list[LaunchFact], document: Document,
                     learned: list[KnownLaunch]) -> list[URIRef]:
        order = sorted(range(len(launches)), key=lambda i: launches[i].date is None)
        iris: dict[int, URIRef] = {}
        for i in order:
            iris[i] = self._launch_iri(launches[i], document, i, learned)
        return [iris[i] for i in range(len(launches))]

    def _launch_iri(self, launch: LaunchFact, document: Document, index: int,
                    learned: list[KnownLaunch]) -> URIRef:
        if launch.date is not None:
            iri = launch_iri(launch.actor, launch.date)
        else:
            iri = self._undated_match(launch, document.meta.published) or launch_iri(
                launch.actor, None, document.doc_id, index)
        learned.append(KnownLaunch(iri, launch.actor, launch.date, launch.count, frozenset(launch.types)))
        return iri

    def _undated_match(self, launch: LaunchFact, published: date | None) -> URIRef | None:
        """A dated launch by the same actor, shortly before publication, that the report does not contradict."""
        if published is None:
            return None
        for known in self._known_launches():
            if (known.actor == launch.actor and known.day is not None
                    and timedelta(0) <= published - known.day <= LAUNCH_WINDOW
                    and _same(known.count, launch.count) and _compatible(known.types, launch.types)):
                return known.iri
        return None


VOTES_QUERY = sparql_prefixes("skg") + """
SELECT ?r (SAMPLE(?n) AS ?number) (SAMPLE(?d) AS ?day) (SAMPLE(?o) AS ?outcome)
       (GROUP_CONCAT(DISTINCT ?ci; separator=",") AS ?concerns) (GROUP_CONCAT(DISTINCT ?si; separator=",") AS ?sponsors)
WHERE { ?r a skg:Resolution .
  OPTIONAL { ?r skg:resolutionNumber ?n } OPTIONAL { ?r skg:voteDate ?d } OPTIONAL { ?r skg:outcome ?o }
  OPTIONAL { ?r skg:concerns/skg:iso3 ?ci } OPTIONAL { ?r skg:sponsor/skg:iso3 ?si } }
GROUP BY ?r
"""

LAUNCHES_QUERY = sparql_prefixes("skg") + """
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
    votes = [KnownVote(URIRef(str(r["r"])), _py(r.get("number")), _py(r.get("day")), _split(r.get("concerns")),
                       _split(r.get("sponsors")), OUTCOME_CODES.get(str(r.get("outcome"))))
             for r in store.query(VOTES_QUERY)]
    launches = [KnownLaunch(URIRef(str(r["l"])), str(r["actor"]), _py(r.get("day")), _py(r.get("count")),
                            frozenset(TYPE_CODES.get(t, t) for t in _split(r.get("types"))))
                for r in store.query(LAUNCHES_QUERY)]
    return EventIndex(votes, launches)
