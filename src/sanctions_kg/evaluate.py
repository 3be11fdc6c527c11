"""Score a built graph against gold annotations (``sanctions-kg eval GOLD_DIR``).

Gold files (``*.gold.json``) and the graph describe the same world in different shapes: gold names a vote
by free text, the graph by an IRI; gold gives ISO3 codes and names, the graph gives nodes. Both sides are
therefore reduced to the same small, normalised fact records (the frozen dataclasses below) and compared
family by family. Gold facts reported by several documents are merged first, so a fact counts once, as
it does in the graph, where the builder has already merged it.

Votes are special: a position, a veto or a tally only means something within its vote, so gold votes
are first *paired* with graph resolutions, and those three families are compared within each pair.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol, TypeVar

import rdflib

from .errors import Errors, SanctionsKGError
from .names import normalise_name

FAMILIES = (
    "vote_positions", "vetoes", "tallies_outcomes", "designations",
    "launches", "import_caps", "representation", "blocks",
)
POSITIONS = frozenset({"in_favour", "against", "abstention"})
OUTCOMES = frozenset({"adopted", "not_adopted"})
BALLISTIC_SUBTYPES = frozenset({"icbm", "irbm", "srbm", "slbm"})
MISSILE_TYPES = {
    "ICBM": "icbm", "IRBM": "irbm", "SRBM": "srbm", "SLBM": "slbm", "BallisticMissile": "ballistic",
    "HypersonicMissile": "hypersonic", "CruiseMissile": "cruise",
}
SITE_STOPWORDS = frozenset({"the", "a", "an", "area", "of", "from", "near", "in", "at", "off"})
VOTE_DATE_TOLERANCE = 1  # days: a vote in New York is often reported with the next day's date in Asia
ID_NS = "https://w3id.org/sanctions-kg/id/"

F = TypeVar("F")
G = TypeVar("G")
P = TypeVar("P")


class EvaluationError(SanctionsKGError):
    """The gold annotations cannot be read (E040, E041)."""


# --------------------------------------------------------------------------------------------
# Normalisation and comparison helpers
# --------------------------------------------------------------------------------------------

def site_tokens(site: str) -> frozenset[str]:
    """Content words of a launch site, so "Sunan" and "the Sunan area of Pyongyang" can be compared."""
    words = re.sub(r"[^\w]+", " ", normalise_name(site)).split()
    return frozenset(w for w in words if w not in SITE_STOPWORDS)


def sites_match(gold: str | None, pred: str | None) -> bool:
    """A gold site matches when either token set contains the other (a report may be more precise)."""
    if gold is None:
        return True
    if pred is None:
        return False
    g, p = site_tokens(gold), site_tokens(pred)
    return not g or (bool(p) and (g <= p or p <= g))


def close_types(types: Iterable[str]) -> frozenset[str]:
    """Add "ballistic" for its sub-types, so "ICBM" and "ICBM, ballistic" state the same thing."""
    closed = frozenset(types)
    return closed | {"ballistic"} if closed & BALLISTIC_SUBTYPES else closed


def _gold_ok(gold: Any, pred: Any) -> bool:
    """Gold ``null`` means "the text does not say", so it accepts any predicted value."""
    return gold is None or gold == pred


def _agree(a: Any, b: Any) -> bool:
    """Symmetric version of :func:`_gold_ok`, for merging two gold facts."""
    return a is None or b is None or a == b


def _set_ok(gold: frozenset[str], pred: frozenset[str]) -> bool:
    """An empty gold list means "not stated" and accepts anything."""
    return not gold or gold == pred


def _set_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a == b


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides state the set and share nothing: evidence of two different votes."""
    return bool(a) and bool(b) and not a & b


def _first(a: Any, b: Any) -> Any:
    return a if a is not None else b


def _known(*values: Any) -> int:
    """How many fields are stated; the more, the more specific a gold fact, the earlier it is matched."""
    return sum(1 for v in values if v is not None and v != frozenset())


def _shared(pairs: Iterable[tuple[Any, Any]]) -> int:
    """How many fields two merge candidates both state (they agree on them, or they'd be incompatible)."""
    return sum(1 for a, b in pairs if a is not None and b is not None and a != frozenset() and b != frozenset())


def _days(a: dt.date | None, b: dt.date | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


def _vote_dates_agree(a: dt.date | None, b: dt.date | None) -> bool:
    days = _days(a, b)
    return days is None or days <= VOTE_DATE_TOLERANCE


def _fmt_set(values: frozenset[str]) -> str:
    return "{" + ",".join(sorted(values)) + "}" if values else "{}"


def _docs(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a + tuple(d for d in b if d not in a)


# --------------------------------------------------------------------------------------------
# Fact records (the same for gold and predicted)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class VotePosition:
    """Family ``vote_positions``: one country's position in one vote."""

    vote: str
    country: str
    position: str
    docs: tuple[str, ...] = field(default=(), compare=False)

    def match_score(self, pred: VotePosition) -> int | None:
        return 1 if (self.country, self.position) == (pred.country, pred.position) else None

    def describe(self) -> str:
        return f"{self.vote}: {self.country} {self.position}"


@dataclass(frozen=True)
class Veto:
    """Family ``vetoes``: a permanent member's negative vote that stopped a draft."""

    vote: str
    country: str
    docs: tuple[str, ...] = field(default=(), compare=False)

    def match_score(self, pred: Veto) -> int | None:
        return 1 if self.country == pred.country else None

    def describe(self) -> str:
        return f"{self.vote}: vetoed by {self.country}"


@dataclass(frozen=True)
class Tally:
    """Family ``tallies_outcomes``: what a vote decided and by how much (one per vote)."""

    vote: str
    outcome: str | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    sponsors: frozenset[str] = frozenset()
    concerns: frozenset[str] = frozenset()
    docs: tuple[str, ...] = field(default=(), compare=False)

    def _fields(self) -> tuple[Any, ...]:
        return (self.outcome, self.in_favour, self.against, self.abstentions)

    def match_score(self, pred: Tally) -> int | None:
        ok = all(_gold_ok(g, p) for g, p in zip(self._fields(), pred._fields(), strict=False))
        ok = ok and _set_ok(self.sponsors, pred.sponsors) and _set_ok(self.concerns, pred.concerns)
        return 1 + _known(*self._fields(), self.sponsors, self.concerns) if ok else None

    def describe(self) -> str:
        counts = "-".join("?" if n is None else str(n) for n in self._fields()[1:])
        return (f"{self.vote}: {self.outcome or '?'} {counts}, sponsors {_fmt_set(self.sponsors)}, "
                f"concerns {_fmt_set(self.concerns)}")


@dataclass(frozen=True)
class Vote:
    """A vote on one (draft) resolution: the unit on which gold votes and graph resolutions are paired.

    ``label`` names it for people (gold: the annotator's text; graph: the resolution IRI); it plays no
    part in matching because the two sides never name a vote the same way.
    """

    label: str
    number: int | None = None
    date: dt.date | None = None
    outcome: str | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    sponsors: frozenset[str] = frozenset()
    concerns: frozenset[str] = frozenset()
    positions: tuple[tuple[str, str], ...] = ()
    vetoed_by: frozenset[str] = frozenset()
    docs: tuple[str, ...] = field(default=(), compare=False)

    def position_facts(self) -> tuple[VotePosition, ...]:
        return tuple(VotePosition(self.label, c, p, self.docs) for c, p in self.positions)

    def veto_facts(self) -> tuple[Veto, ...]:
        return tuple(Veto(self.label, c, self.docs) for c in sorted(self.vetoed_by))

    def tally(self) -> Tally:
        return Tally(self.label, self.outcome, self.in_favour, self.against, self.abstentions,
                     self.sponsors, self.concerns, self.docs)

    def _counts(self) -> tuple[int | None, ...]:
        return (self.in_favour, self.against, self.abstentions)

    def _consistent(self, other: Vote) -> bool:
        """No stated field contradicts: the two records may describe the same vote."""
        mine, theirs = dict(self.positions), dict(other.positions)
        return (_agree(self.number, other.number) and _vote_dates_agree(self.date, other.date)
                and _agree(self.outcome, other.outcome)
                and all(_agree(a, b) for a, b in zip(self._counts(), other._counts(), strict=False))
                and _set_agree(self.sponsors, other.sponsors) and _set_agree(self.concerns, other.concerns)
                and all(theirs.get(c, p) == p for c, p in mine.items()))

    def merge_score(self, other: Vote) -> int | None:
        """Merge gold votes only when consistent *and* identified alike (number, or date ±1 day).

        Without the identity test an undated "adopted, concerns PRK" vote would swallow every other
        adopted PRK resolution of the corpus.
        """
        same_number = self.number is not None and self.number == other.number
        if not self._consistent(other) or not (same_number or _days(self.date, other.date) is not None):
            return None
        return _shared(zip((self.number, self.date, self.outcome, *self._counts(), self.sponsors, self.concerns),
                           (other.number, other.date, other.outcome, *other._counts(), other.sponsors,
                            other.concerns), strict=False))

    def merged(self, other: Vote) -> Vote:
        label = self.label if self.number is not None or other.number is None else other.label
        return Vote(
            label, _first(self.number, other.number), _first(self.date, other.date),
            _first(self.outcome, other.outcome), _first(self.in_favour, other.in_favour),
            _first(self.against, other.against), _first(self.abstentions, other.abstentions),
            self.sponsors or other.sponsors, self.concerns or other.concerns,
            tuple(sorted({**dict(other.positions), **dict(self.positions)}.items())),
            self.vetoed_by | other.vetoed_by, _docs(self.docs, other.docs))

    def pair_score(self, pred: Vote) -> int | None:
        """How well a predicted resolution agrees with this gold vote; ``None`` if it cannot be it.

        A resolution number on both sides decides; otherwise the date (±1 day), the outcome and the
        sponsors/concerns must not contradict, and at least one of date/sponsors/concerns must agree.
        """
        if self.number is not None and pred.number is not None:
            return 1000 + self._agreement(pred) if self.number == pred.number else None
        if not _vote_dates_agree(self.date, pred.date) or not _agree(self.outcome, pred.outcome):
            return None
        if _disjoint(self.sponsors, pred.sponsors) or _disjoint(self.concerns, pred.concerns):
            return None
        identified = (_days(self.date, pred.date) is not None or self.sponsors & pred.sponsors
                      or self.concerns & pred.concerns)
        return self._agreement(pred) if identified else None

    def _agreement(self, pred: Vote) -> int:
        days = _days(self.date, pred.date)
        score = 0 if days is None else 4 * (VOTE_DATE_TOLERANCE + 1 - days)
        score += 2 * (self.outcome is not None and self.outcome == pred.outcome)
        score += 2 * (len(self.sponsors & pred.sponsors) + len(self.concerns & pred.concerns))
        score += sum(1 for a, b in zip(self._counts(), pred._counts(), strict=False) if a is not None and a == b)
        score += len(set(self.positions) & set(pred.positions)) + len(self.vetoed_by & pred.vetoed_by)
        return score


@dataclass(frozen=True)
class Designation:
    """Family ``designations``; ``names`` holds every normalised name of the designee."""

    designee: str
    names: frozenset[str]
    measure: str | None = None
    status: str | None = None
    by: str | None = None
    date: dt.date | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def _fields(self) -> tuple[Any, ...]:
        return (self.measure, self.status, self.by, self.date)

    def match_score(self, pred: Designation) -> int | None:
        if not self.names & pred.names:
            return None
        if not all(_gold_ok(g, p) for g, p in zip(self._fields(), pred._fields(), strict=False)):
            return None
        exact_name = normalise_name(self.designee) == normalise_name(pred.designee)
        return 2 * _known(*self._fields()) + exact_name

    def merge_score(self, other: Designation) -> int | None:
        if not self.names & other.names:
            return None
        if not all(_agree(a, b) for a, b in zip(self._fields(), other._fields(), strict=False)):
            return None
        return _shared(zip(self._fields(), other._fields(), strict=False))

    def merged(self, other: Designation) -> Designation:
        return Designation(self.designee, self.names | other.names,
                           *(_first(a, b) for a, b in zip(self._fields(), other._fields(), strict=False)),
                           docs=_docs(self.docs, other.docs))

    def describe(self) -> str:
        return (f"{self.designee} [{self.measure or '?'}, {self.status or '?'}] by {self.by or '?'} "
                f"on {self.date or '?'}")


@dataclass(frozen=True)
class Launch:
    """Family ``launches``; ``types`` is closed under "sub-type implies ballistic"."""

    by: str | None = None
    date: dt.date | None = None
    types: frozenset[str] = frozenset()
    count: int | None = None
    site: str | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", close_types(self.types))

    def match_score(self, pred: Launch) -> int | None:
        ok = (_gold_ok(self.by, pred.by) and _gold_ok(self.date, pred.date) and _gold_ok(self.count, pred.count)
              and _set_ok(self.types, pred.types) and sites_match(self.site, pred.site))
        if not ok:
            return None
        exact_site = self.site is not None and site_tokens(self.site) == site_tokens(pred.site or "")
        return 2 * _known(self.by, self.date, self.types, self.count, self.site) + exact_site

    def merge_score(self, other: Launch) -> int | None:
        """Merge when consistent and sharing a date, a count or a site.

        Actor and missile type alone are too common: an undated "DPRK fired a ballistic missile" would
        otherwise merge with any ballistic launch of the corpus.
        """
        ok = (_agree(self.by, other.by) and _agree(self.date, other.date) and _agree(self.count, other.count)
              and _set_agree(self.types, other.types)
              and (self.site is None or other.site is None or sites_match(self.site, other.site)))
        pairs = ((self.date, other.date), (self.count, other.count), (self.site, other.site))
        identified = _shared(pairs) > 0
        return _shared(pairs) + _shared([(self.types, other.types)]) if ok and identified else None

    def merged(self, other: Launch) -> Launch:
        return Launch(_first(self.by, other.by), _first(self.date, other.date), self.types or other.types,
                      _first(self.count, other.count), _first(self.site, other.site),
                      _docs(self.docs, other.docs))

    def describe(self) -> str:
        return (f"{self.by or '?'} on {self.date or '?'}: {_fmt_set(self.types)} x{self.count or '?'} "
                f"from {self.site or '?'}")


@dataclass(frozen=True)
class ImportCap:
    """Family ``import_caps``; figures are floats so 4000000 and 4000000.0 compare equal."""

    commodity: str | None = None
    before: float | None = None
    after: float | None = None
    unit: str | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def _fields(self) -> tuple[Any, ...]:
        return (self.commodity, self.before, self.after, self.unit)

    def match_score(self, pred: ImportCap) -> int | None:
        ok = all(_gold_ok(g, p) for g, p in zip(self._fields(), pred._fields(), strict=False))
        return _known(*self._fields()) if ok else None

    def merge_score(self, other: ImportCap) -> int | None:
        ok = all(_agree(a, b) for a, b in zip(self._fields(), other._fields(), strict=False))
        figures = _shared([(self.before, other.before), (self.after, other.after)])
        return _shared(zip(self._fields(), other._fields(), strict=False)) if ok and figures else None

    def merged(self, other: ImportCap) -> ImportCap:
        return ImportCap(*(_first(a, b) for a, b in zip(self._fields(), other._fields(), strict=False)),
                         docs=_docs(self.docs, other.docs))

    def describe(self) -> str:
        return f"{self.commodity or '?'}: {self.before} -> {self.after} {self.unit or '?'}"


@dataclass(frozen=True)
class Representation:
    """Family ``representation``: a person speaks for a country. ``role`` is shown, never compared."""

    person: str
    names: frozenset[str]
    country: str | None = None
    role: str | None = field(default=None, compare=False)
    docs: tuple[str, ...] = field(default=(), compare=False)

    def match_score(self, pred: Representation) -> int | None:
        ok = bool(self.names & pred.names) and _gold_ok(self.country, pred.country)
        return 1 + (normalise_name(self.person) == normalise_name(pred.person)) if ok else None

    def merge_score(self, other: Representation) -> int | None:
        ok = bool(self.names & other.names) and _agree(self.country, other.country)
        return 1 if ok else None

    def merged(self, other: Representation) -> Representation:
        return Representation(self.person, self.names | other.names, _first(self.country, other.country),
                              _first(self.role, other.role), _docs(self.docs, other.docs))

    def describe(self) -> str:
        role = f" ({self.role})" if self.role else ""
        return f"{self.person} represents {self.country or '?'}{role}"


@dataclass(frozen=True)
class Block:
    """Family ``blocks``: ``blocker`` stopped a proposal put forward by ``sponsor`` without a vote."""

    blocker: str | None = None
    sponsor: str | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def match_score(self, pred: Block) -> int | None:
        ok = _gold_ok(self.blocker, pred.blocker) and _gold_ok(self.sponsor, pred.sponsor)
        return _known(self.blocker, self.sponsor) if ok else None

    def merge_score(self, other: Block) -> int | None:
        ok = self.blocker is not None and self.blocker == other.blocker and _agree(self.sponsor, other.sponsor)
        return 1 if ok else None

    def merged(self, other: Block) -> Block:
        return Block(self.blocker, _first(self.sponsor, other.sponsor), _docs(self.docs, other.docs))

    def describe(self) -> str:
        return f"{self.blocker or '?'} blocked a proposal by {self.sponsor or '?'}"


class _Mergeable(Protocol):
    """What :func:`merge_facts` needs of a gold fact."""

    @property
    def docs(self) -> tuple[str, ...]: ...

    def merge_score(self, other: Any) -> int | None: ...

    def merged(self, other: Any) -> Any: ...


M = TypeVar("M", bound=_Mergeable)


@dataclass(frozen=True)
class FactSet:
    """Normalised facts of one side (gold or graph); vote-scoped families are derived from ``votes``."""

    votes: tuple[Vote, ...] = ()
    designations: tuple[Designation, ...] = ()
    launches: tuple[Launch, ...] = ()
    import_caps: tuple[ImportCap, ...] = ()
    representation: tuple[Representation, ...] = ()
    blocks: tuple[Block, ...] = ()

    def counts(self) -> dict[str, int]:
        """Facts per family, for summaries and sanity checks."""
        return {
            "votes": len(self.votes),
            "vote_positions": sum(len(v.positions) for v in self.votes),
            "vetoes": sum(len(v.vetoed_by) for v in self.votes),
            "tallies_outcomes": len(self.votes),
            "designations": len(self.designations),
            "launches": len(self.launches),
            "import_caps": len(self.import_caps),
            "representation": len(self.representation),
            "blocks": len(self.blocks),
        }


@dataclass(frozen=True)
class GoldSet(FactSet):
    """Gold facts merged across files; ``files`` are the gold files read, in order."""

    files: tuple[str, ...] = ()


def merge_facts(facts: Iterable[M]) -> tuple[M, ...]:
    """Merge facts reported by several documents into one, so that each counts once.

    Each fact joins the most similar compatible group, never one that already holds a fact of its own
    document: an annotator lists distinct facts of one text separately on purpose.
    """
    groups: list[M] = []
    for fact in facts:
        candidates = [(score, -i) for i, grp in enumerate(groups)
                      if not set(grp.docs) & set(fact.docs) and (score := grp.merge_score(fact)) is not None]
        if candidates:
            index = -max(candidates)[1]
            groups[index] = groups[index].merged(fact)
        else:
            groups.append(fact)
    return tuple(groups)


# --------------------------------------------------------------------------------------------
# Gold files
# --------------------------------------------------------------------------------------------

_RESOLUTION_NUMBER = re.compile(r"^\s*(?:resolution\s+)?(\d{3,4})\b", re.IGNORECASE)


def load_gold(gold_dir: Path) -> GoldSet:
    """Read every ``*.gold.json`` under ``gold_dir`` (recursively, sorted) and merge across files."""
    gold_dir = Path(gold_dir)
    paths = sorted(gold_dir.rglob("*.gold.json")) if gold_dir.is_dir() else []
    if not paths:
        raise EvaluationError(Errors.E040.format(path=gold_dir))
    files = [read_gold_file(p) for p in paths]
    return GoldSet(
        votes=merge_facts(v for f in files for v in f.votes),
        designations=merge_facts(d for f in files for d in f.designations),
        launches=merge_facts(x for f in files for x in f.launches),
        import_caps=merge_facts(c for f in files for c in f.import_caps),
        representation=merge_facts(r for f in files for r in f.representation),
        blocks=merge_facts(b for f in files for b in f.blocks),
        files=tuple(str(p) for p in paths),
    )


def read_gold_file(path: Path) -> FactSet:
    """One gold file as facts, unmerged; a malformed file raises E041 naming the problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        doc = str(data.get("doc") or Path(path).name)
        return FactSet(
            votes=tuple(_gold_vote(v, doc, i) for i, v in enumerate(data.get("votes") or [])),
            designations=tuple(_gold_designation(d, doc) for d in data.get("designations") or []),
            launches=tuple(_gold_launch(x, doc) for x in data.get("launches") or []),
            import_caps=tuple(_gold_cap(c, doc) for c in data.get("caps") or []),
            representation=tuple(_gold_represents(r, doc) for r in data.get("represents") or []),
            blocks=tuple(Block(b.get("by"), b.get("proposal_by"), (doc,)) for b in data.get("blocks") or []),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise EvaluationError(Errors.E041.format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc


def _gold_date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _choice(value: Any, allowed: frozenset[str], what: str) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {sorted(allowed)}")
    return value


def _gold_vote(data: dict[str, Any], doc: str, index: int) -> Vote:
    text = data.get("resolution")
    match = _RESOLUTION_NUMBER.match(text or "")
    positions = {c: _choice(p, POSITIONS, "position") for c, p in (data.get("positions") or {}).items()}
    label = text or f"{doc} vote {index + 1}"
    return Vote(
        label=label, number=int(match.group(1)) if match else None, date=_gold_date(data.get("date")),
        outcome=_choice(data.get("outcome"), OUTCOMES, "outcome"),
        in_favour=data.get("in_favour"), against=data.get("against"), abstentions=data.get("abstentions"),
        sponsors=frozenset(data.get("sponsor") or data.get("sponsors") or ()),
        concerns=frozenset(data.get("concerns") or ()),
        positions=tuple(sorted(positions.items())), vetoed_by=frozenset(data.get("vetoed_by") or ()),
        docs=(doc,))


def _gold_designation(data: dict[str, Any], doc: str) -> Designation:
    names = [data["designee"], *(data.get("aliases") or [])]
    return Designation(data["designee"], frozenset(normalise_name(n) for n in names), data.get("measure"),
                       data.get("status"), data.get("by"), _gold_date(data.get("date")), (doc,))


def _gold_launch(data: dict[str, Any], doc: str) -> Launch:
    return Launch(data.get("by"), _gold_date(data.get("date")), frozenset(data.get("missile_types") or ()),
                  data.get("count"), data.get("site"), (doc,))


def _gold_cap(data: dict[str, Any], doc: str) -> ImportCap:
    def num(v: Any) -> float | None:
        return None if v is None else float(v)
    return ImportCap(data.get("commodity"), num(data.get("before")), num(data.get("after")), data.get("unit"), (doc,))


def _gold_represents(data: dict[str, Any], doc: str) -> Representation:
    person = data["person"]
    return Representation(person, frozenset({normalise_name(person)}), data.get("country"), data.get("role"), (doc,))


# --------------------------------------------------------------------------------------------
# Graph side: SPARQL over the contract terms
# --------------------------------------------------------------------------------------------

class SupportsQuery(Protocol):
    """Anything with ``query(sparql)`` returning rows: an rdflib Graph, Dataset or ConjunctiveGraph."""

    def query(self, sparql: str) -> Any: ...


PREFIXES = """PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

NODE_QUERY = PREFIXES + """SELECT ?s ?p ?o ?iso ?note ?label ?alt WHERE {{
  ?s a skg:{cls} ; ?p ?o .
  VALUES ?p {{ {props} }}
  OPTIONAL {{ ?o skg:iso3 ?iso }}
  OPTIONAL {{ ?o skos:notation ?note }}
  OPTIONAL {{ ?o rdfs:label ?label }}
  OPTIONAL {{ ?o skos:altLabel ?alt }}
}}"""

POSITION_QUERY = PREFIXES + """SELECT ?res ?iso ?pos WHERE {
  ?vote skg:onResolution ?res ; skg:voter ?voter ; skg:position ?pos .
  ?voter skg:iso3 ?iso .
}"""

VETO_QUERY = PREFIXES + """SELECT ?res ?iso WHERE { ?actor skg:vetoed ?res . ?actor skg:iso3 ?iso . }"""

REPRESENTS_QUERY = PREFIXES + """SELECT ?person ?iso ?label ?alt ?role WHERE {
  ?person skg:represents ?country . ?country skg:iso3 ?iso .
  OPTIONAL { ?person rdfs:label ?label }
  OPTIONAL { ?person skos:altLabel ?alt }
  OPTIONAL { ?person skg:role ?role }
}"""

BLOCK_QUERY = PREFIXES + """SELECT ?blocker ?proposal ?biso ?bnote ?siso ?snote WHERE {
  ?blocker skg:blocked ?proposal .
  OPTIONAL { ?blocker skg:iso3 ?biso } OPTIONAL { ?blocker skos:notation ?bnote }
  OPTIONAL { ?proposal skg:sponsor ?sponsor .
             OPTIONAL { ?sponsor skg:iso3 ?siso } OPTIONAL { ?sponsor skos:notation ?snote } }
}"""

DOCS_QUERY = PREFIXES + """SELECT ?fact ?doc ?file ?title WHERE {
  ?fact prov:wasDerivedFrom ?ev . ?ev skg:inDocument ?doc .
  OPTIONAL { ?doc skg:sourceFile ?file } OPTIONAL { ?doc dcterms:title ?title }
}"""

RESOLUTION_PROPS = ("resolutionNumber", "voteDate", "outcome", "votesInFavour", "votesAgainst",
                    "abstentions", "sponsor", "concerns")
DESIGNATION_PROPS = ("designee", "measure", "status", "designatedBy", "date")
LAUNCH_PROPS = ("launchedBy", "launchDate", "missileType", "missileCount", "launchSite")
CAP_PROPS = ("commodity", "limitBefore", "limitAfter", "unit")


def union_view(graph: SupportsQuery) -> SupportsQuery:
    """Query the union of a Dataset's named graphs, where the builder puts each document's triples."""
    if isinstance(graph, rdflib.Dataset) and not graph.default_union:
        return rdflib.Dataset(store=graph.store, default_union=True)
    return graph


def _python(term: Any) -> Any:
    """rdflib terms to Python values (IRIs as strings); other term types via their ``value``."""
    if isinstance(term, rdflib.Literal):
        value = term.toPython()
        return str(term) if isinstance(value, rdflib.Literal) else value
    if isinstance(term, rdflib.term.Identifier):
        return str(term)
    return getattr(term, "value", term)


def select(graph: SupportsQuery, sparql: str) -> list[dict[str, Any]]:
    """Run a SELECT and return rows as ``{variable: python value}`` without unbound variables."""
    result = graph.query(sparql)
    names = [str(v) for v in getattr(result, "vars", None) or getattr(result, "variables", None) or []]
    rows = []
    for row in result:
        raw = row.asdict() if hasattr(row, "asdict") else {n.lstrip("?"): row[n.lstrip("?")] for n in names}
        rows.append({str(k): _python(v) for k, v in raw.items() if v is not None})
    return rows


def local_name(iri: str) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def snake(iri: str) -> str:
    """A controlled-value individual as its gold spelling: ``skg:AssetFreeze`` -> ``asset_freeze``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local_name(iri)).lower()


def short_iri(iri: str) -> str:
    return "id:" + iri[len(ID_NS):] if iri.startswith(ID_NS) else iri


@dataclass(frozen=True)
class _Nodes:
    """Nodes of one class: property values per node, plus codes and names of the objects."""

    props: dict[str, dict[str, list[Any]]]
    codes: dict[str, str]
    labels: dict[str, list[str]]
    alts: dict[str, list[str]]

    def values(self, node: str, prop: str) -> list[Any]:
        return sorted(set(self.props.get(node, {}).get(prop, [])), key=str)

    def one(self, node: str, prop: str) -> Any:
        values = self.values(node, prop)
        return values[0] if values else None

    def code(self, iri: Any) -> str | None:
        """ISO3 for a country, notation for an organisation, else the IRI's last segment."""
        return None if iri is None else self.codes.get(str(iri), local_name(iri))

    def names(self, iri: str) -> list[str]:
        return sorted(set(self.labels.get(iri, []))) + sorted(set(self.alts.get(iri, [])))


def _nodes(graph: SupportsQuery, cls: str, props: Sequence[str]) -> _Nodes:
    sparql = NODE_QUERY.format(cls=cls, props=" ".join(f"skg:{p}" for p in props))
    found = _Nodes({}, {}, {}, {})
    for row in select(graph, sparql):
        obj = row["o"]
        found.props.setdefault(row["s"], {}).setdefault(local_name(row["p"]), []).append(obj)
        code = row.get("iso") or row.get("note")
        if code:
            found.codes.setdefault(str(obj), str(code))
        for key, target in (("label", found.labels), ("alt", found.alts)):
            if key in row:
                target.setdefault(str(obj), []).append(str(row[key]))
    return found


def _as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _as_float(value: Any) -> float | None:
    try:
        return None if value is None else float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _fact_docs(graph: SupportsQuery) -> dict[str, tuple[str, ...]]:
    """Source documents of each fact node, named by file (or title) for the verbose report."""
    found: dict[str, set[str]] = {}
    for row in select(graph, DOCS_QUERY):
        name = Path(str(row["file"])).name if "file" in row else row.get("title") or short_iri(row["doc"])
        found.setdefault(row["fact"], set()).add(str(name))
    return {fact: tuple(sorted(names)) for fact, names in found.items()}


def facts_from_graph(graph: SupportsQuery) -> FactSet:
    """The graph's facts in the gold shape, by SPARQL over the contract terms (union of named graphs).

    Identical normalised facts are kept once: e.g. two different holds by China on US proposals are two
    nodes in the graph but one ``(CHN, USA)`` fact, just as gold merges them.
    """
    source = union_view(graph)
    docs = _fact_docs(source)
    return FactSet(
        votes=graph_votes(source, docs),
        designations=_unique(graph_designations(source, docs)),
        launches=_unique(graph_launches(source, docs)),
        import_caps=_unique(graph_caps(source, docs)),
        representation=_unique(graph_representation(source, docs)),
        blocks=_unique(graph_blocks(source, docs)),
    )


def _unique(facts: Iterable[F]) -> tuple[F, ...]:
    kept: dict[F, F] = {}
    for fact in facts:
        kept.setdefault(fact, fact)
    return tuple(kept.values())


def graph_votes(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> tuple[Vote, ...]:
    """One Vote per resolution that records a vote (date, outcome, tally, a position or a veto).

    A resolution that is only mentioned ("under resolution 2231") is not a vote and is skipped.
    """
    nodes = _nodes(graph, "Resolution", RESOLUTION_PROPS)
    positions: dict[str, dict[str, str]] = {}
    for row in select(graph, POSITION_QUERY):
        positions.setdefault(row["res"], {}).setdefault(str(row["iso"]), snake(row["pos"]))
    vetoes: dict[str, set[str]] = {}
    for row in select(graph, VETO_QUERY):
        vetoes.setdefault(row["res"], set()).add(str(row["iso"]))
    votes = []
    for res in sorted(set(nodes.props) | set(positions) | set(vetoes)):
        vote = _graph_vote(nodes, res, positions.get(res, {}), vetoes.get(res, set()), docs.get(res, ()))
        if vote.date or vote.outcome or _known(*vote.tally()._fields()) or vote.positions or vote.vetoed_by:
            votes.append(vote)
    return tuple(votes)


def _graph_vote(nodes: _Nodes, res: str, positions: dict[str, str], vetoes: set[str],
                docs: tuple[str, ...]) -> Vote:
    outcome = nodes.one(res, "outcome")
    return Vote(
        label=short_iri(res), number=_as_int(nodes.one(res, "resolutionNumber")),
        date=_as_date(nodes.one(res, "voteDate")), outcome=snake(outcome) if outcome else None,
        in_favour=_as_int(nodes.one(res, "votesInFavour")), against=_as_int(nodes.one(res, "votesAgainst")),
        abstentions=_as_int(nodes.one(res, "abstentions")),
        sponsors=frozenset(str(nodes.code(a)) for a in nodes.values(res, "sponsor")),
        concerns=frozenset(str(nodes.code(c)) for c in nodes.values(res, "concerns")),
        positions=tuple(sorted(positions.items())), vetoed_by=frozenset(vetoes), docs=docs)


def graph_designations(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> list[Designation]:
    """Designations with every rdfs:label and skos:altLabel of the designee as its names."""
    nodes = _nodes(graph, "Designation", DESIGNATION_PROPS)
    found = []
    for node in sorted(nodes.props):
        designee = nodes.one(node, "designee")
        if designee is None:
            continue
        names = nodes.names(str(designee)) or [local_name(designee)]
        measure, status = nodes.one(node, "measure"), nodes.one(node, "status")
        found.append(Designation(
            names[0], frozenset(normalise_name(n) for n in names), snake(measure) if measure else None,
            snake(status) if status else None, nodes.code(nodes.one(node, "designatedBy")),
            _as_date(nodes.one(node, "date")), docs.get(node, ())))
    return found


def graph_launches(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> list[Launch]:
    """Launches; a site given as an IRI is read through its rdfs:label."""
    nodes = _nodes(graph, "MissileLaunch", LAUNCH_PROPS)
    found = []
    for node in sorted(nodes.props):
        site = nodes.one(node, "launchSite")
        if site is not None and str(site) in nodes.labels:
            site = nodes.labels[str(site)][0]
        types = frozenset(MISSILE_TYPES.get(local_name(t), snake(t)) for t in nodes.values(node, "missileType"))
        found.append(Launch(nodes.code(nodes.one(node, "launchedBy")), _as_date(nodes.one(node, "launchDate")),
                            types, _as_int(nodes.one(node, "missileCount")),
                            None if site is None else str(site), docs.get(node, ())))
    return found


def graph_caps(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> list[ImportCap]:
    nodes = _nodes(graph, "ImportCap", CAP_PROPS)
    found = []
    for node in sorted(nodes.props):
        commodity, unit = nodes.one(node, "commodity"), nodes.one(node, "unit")
        found.append(ImportCap(snake(commodity) if commodity else None, _as_float(nodes.one(node, "limitBefore")),
                               _as_float(nodes.one(node, "limitAfter")), snake(unit) if unit else None,
                               docs.get(node, ())))
    return found


def graph_representation(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> list[Representation]:
    people: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in select(graph, REPRESENTS_QUERY):
        entry = people.setdefault((row["person"], str(row["iso"])), {"label": set(), "alt": set(), "role": set()})
        for key in ("label", "alt", "role"):
            if key in row:
                entry[key].add(str(row[key]))
    found = []
    for (person, iso), entry in sorted(people.items()):
        names = sorted(entry["label"]) + sorted(entry["alt"]) or [local_name(person)]
        role = min(entry["role"]) if entry["role"] else None
        found.append(Representation(names[0], frozenset(normalise_name(n) for n in names), iso, role,
                                    docs.get(person, ())))
    return found


def graph_blocks(graph: SupportsQuery, docs: dict[str, tuple[str, ...]]) -> list[Block]:
    found = []
    for row in select(graph, BLOCK_QUERY):
        blocker = row.get("biso") or row.get("bnote") or local_name(row["blocker"])
        sponsor = row.get("siso") or row.get("snote")
        found.append(Block(str(blocker), None if sponsor is None else str(sponsor), docs.get(row["proposal"], ())))
    return sorted(found, key=lambda b: (b.blocker or "", b.sponsor or ""))


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FamilyScore:
    """Counts for one family (or the micro-average row); the ratios follow from them."""

    family: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted and nothing was expected: silence is then correct."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FamilyScore) -> FamilyScore:
        return FamilyScore(self.family, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Finding:
    """A miss (gold fact not found) or an extra (predicted fact not in gold), for the verbose report."""

    family: str
    fact: str
    gold_docs: tuple[str, ...] = ()
    source_docs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Scores per family in :data:`FAMILIES` order, the findings, and which gold vote met which resolution."""

    families: tuple[FamilyScore, ...]
    misses: tuple[Finding, ...] = ()
    extras: tuple[Finding, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def micro(self) -> FamilyScore:
        total = FamilyScore("micro")
        for score in self.families:
            total = total + score
        return total

    def family(self, name: str) -> FamilyScore:
        return next(s for s in self.families if s.family == name)


@dataclass(frozen=True)
class _Outcome:
    """One family's comparison: counts plus findings."""

    score: FamilyScore
    misses: tuple[Finding, ...] = ()
    extras: tuple[Finding, ...] = ()

    def __add__(self, other: _Outcome) -> _Outcome:
        return _Outcome(self.score + other.score, self.misses + other.misses, self.extras + other.extras)


def greedy_match(gold: Sequence[G], pred: Sequence[P],
                 score: Callable[[G, P], int | None]) -> list[tuple[int, int]]:
    """One-to-one pairs, highest score first (ties: gold order, then predicted order)."""
    candidates = sorted(((-s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                         if (s := score(g, p)) is not None))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def compare(family: str, gold: Sequence[Any], pred: Sequence[Any], gold_docs: tuple[str, ...] = ()) -> _Outcome:
    """Match one family's facts; ``gold_docs`` names the gold documents of a paired vote for extras."""
    pairs = greedy_match(gold, pred, lambda g, p: g.match_score(p))
    hit_gold = {gi for gi, _ in pairs}
    hit_pred = {pi for _, pi in pairs}
    misses = tuple(Finding(family, g.describe(), g.docs) for i, g in enumerate(gold) if i not in hit_gold)
    extras = tuple(Finding(family, p.describe(), gold_docs, p.docs) for i, p in enumerate(pred) if i not in hit_pred)
    return _Outcome(FamilyScore(family, len(pairs), len(extras), len(misses)), misses, extras)


def pair_votes(gold: Sequence[Vote], pred: Sequence[Vote]) -> list[tuple[int, int]]:
    """Pair gold votes with predicted resolutions, greedily by best agreement."""
    return greedy_match(gold, pred, lambda g, p: g.pair_score(p))


def _vote_families(gold: Sequence[Vote], pred: Sequence[Vote]) -> tuple[list[_Outcome], list[tuple[str, str]]]:
    """Positions, vetoes and tallies compared within each pair; unpaired votes give misses or extras."""
    pairs = pair_votes(gold, pred)
    paired_gold = {gi for gi, _ in pairs}
    paired_pred = {pi for _, pi in pairs}
    sides = [(gold[gi], pred[pi]) for gi, pi in pairs]
    sides += [(g, None) for i, g in enumerate(gold) if i not in paired_gold]
    sides += [(None, p) for i, p in enumerate(pred) if i not in paired_pred]
    totals = [_Outcome(FamilyScore(f)) for f in FAMILIES[:3]]
    for g, p in sides:
        docs = g.docs if g else ()
        parts = (
            compare("vote_positions", g.position_facts() if g else (), p.position_facts() if p else (), docs),
            compare("vetoes", g.veto_facts() if g else (), p.veto_facts() if p else (), docs),
            compare("tallies_outcomes", [g.tally()] if g else [], [p.tally()] if p else [], docs),
        )
        totals = [t + part for t, part in zip(totals, parts, strict=False)]
    return totals, [(gold[gi].label, pred[pi].label) for gi, pi in pairs]


def score(gold: FactSet, predicted: FactSet) -> Report:
    """Compare every family and collect counts, misses and extras."""
    outcomes, pairs = _vote_families(gold.votes, predicted.votes)
    for family in FAMILIES[3:]:
        outcomes.append(compare(family, getattr(gold, family), getattr(predicted, family)))
    return Report(
        families=tuple(o.score for o in outcomes),
        misses=tuple(f for o in outcomes for f in o.misses),
        extras=tuple(f for o in outcomes for f in o.extras),
        pairs=tuple(pairs),
    )


def evaluate(gold_dir: Path, graph: SupportsQuery) -> Report:
    """``load_gold`` + ``facts_from_graph`` + ``score``: what ``sanctions-kg eval`` runs."""
    return score(load_gold(gold_dir), facts_from_graph(graph))


# --------------------------------------------------------------------------------------------
# Report text
# --------------------------------------------------------------------------------------------

_ROW = "{:<18} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}"


def _row(counts: FamilyScore) -> str:
    return _ROW.format(counts.family, counts.tp, counts.fp, counts.fn,
                       f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")


def _finding_line(finding: Finding) -> str:
    where = []
    if finding.gold_docs:
        where.append("gold: " + ", ".join(finding.gold_docs))
    if finding.source_docs:
        where.append("source: " + ", ".join(finding.source_docs))
    suffix = f"  ({'; '.join(where)})" if where else ""
    return f"  [{finding.family}] {finding.fact}{suffix}"


def format_report(report: Report, verbose: bool = False) -> str:
    """A table per family plus the micro-average row; with ``verbose``, the pairs, misses and extras."""
    header = _ROW.format("family", "tp", "fp", "fn", "precision", "recall", "F1")
    lines = [header, "-" * len(header), *(_row(s) for s in report.families), "-" * len(header), _row(report.micro)]
    if verbose:
        lines += ["", f"Vote pairs (gold -> predicted): {len(report.pairs)}"]
        lines += [f"  {g} -> {p}" for g, p in report.pairs]
        lines += ["", f"Misses (gold not found): {len(report.misses)}", *map(_finding_line, report.misses)]
        lines += ["", f"Extras (predicted not in gold): {len(report.extras)}", *map(_finding_line, report.extras)]
    return "\n".join(lines)
