"""Reading gold files (``*.gold.json``) into fact records, with E040/E041 for unusable input.

A gold file lists what one text states, family by family (schema: ``shared/eval/README.md``). Votes are
read as :class:`Vote` records and then split into their positions, vetoes and tally, each carrying the
vote's date, because that date is what tells two votes of the same countries apart. Facts that several
files state identically are one fact (:func:`merge_facts`), as in the reference scorer.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..errors import Errors, SanctionsKGError
from .records import Block, Designation, ImportCap, Launch, Representation, Tally, Veto, VotePosition

POSITIONS = frozenset({"in_favour", "against", "abstention"})
OUTCOMES = frozenset({"adopted", "not_adopted"})
FAMILIES = ("positions", "vetoes", "tallies", "designations", "launches", "caps", "represents", "blocks")


class EvaluationError(SanctionsKGError):
    """The gold annotations cannot be read (E040, E041)."""


@dataclass(frozen=True)
class Vote:
    """One vote as a gold file states it; the families ``positions``, ``vetoes``, ``tallies`` derive from it."""

    label: str
    date: dt.date | None = None
    outcome: str | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    positions: tuple[tuple[str, str], ...] = ()
    vetoed_by: tuple[str, ...] = ()
    docs: tuple[str, ...] = field(default=(), compare=False)

    def position_facts(self) -> tuple[VotePosition, ...]:
        """Stated positions, plus "against" for each vetoing member (a veto is a negative vote)."""
        stated = [*self.positions, *((c, "against") for c in self.vetoed_by)]
        return tuple(VotePosition(frozenset({c}), p, self.date, self.label, self.docs) for c, p in stated)

    def veto_facts(self) -> tuple[Veto, ...]:
        return tuple(Veto(frozenset({c}), self.date, self.label, self.docs) for c in self.vetoed_by)

    def tally(self) -> Tally | None:
        """The tally, if the file states an outcome or any count."""
        counts = (self.in_favour, self.against, self.abstentions)
        if not self.outcome and all(n is None for n in counts):
            return None
        return Tally(self.date, self.outcome, *counts, vote=self.label, docs=self.docs)


@dataclass(frozen=True)
class FactSet:
    """Facts of one side (gold or graph), one tuple per family of :data:`FAMILIES`."""

    positions: tuple[VotePosition, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    tallies: tuple[Tally, ...] = ()
    designations: tuple[Designation, ...] = ()
    launches: tuple[Launch, ...] = ()
    caps: tuple[ImportCap, ...] = ()
    represents: tuple[Representation, ...] = ()
    blocks: tuple[Block, ...] = ()

    def family(self, name: str) -> tuple[Any, ...]:
        return tuple(getattr(self, name))

    def counts(self) -> dict[str, int]:
        """Facts per family, for summaries and sanity checks."""
        return {name: len(self.family(name)) for name in FAMILIES}


@dataclass(frozen=True)
class GoldSet(FactSet):
    """Gold facts merged across files; ``votes`` as the files state them, ``files`` the files read."""

    votes: tuple[Vote, ...] = ()
    files: tuple[str, ...] = ()


class _Fact(Protocol):
    @property
    def docs(self) -> tuple[str, ...]: ...


M = TypeVar("M", bound=_Fact)


def merge_facts(facts: Iterable[M]) -> tuple[M, ...]:
    """Identical facts (equal in every compared field) count once; the merged fact names all their documents."""
    kept: dict[M, M] = {}
    for fact in facts:
        seen = kept.get(fact)
        if seen is None:
            kept[fact] = fact
        else:
            docs = seen.docs + tuple(d for d in fact.docs if d not in seen.docs)
            kept[fact] = replace(seen, docs=docs)  # type: ignore[type-var]
    return tuple(kept.values())


def load_gold(gold_dir: Path) -> GoldSet:
    """Read every ``*.gold.json`` under ``gold_dir`` (recursively, sorted) and merge across files."""
    gold_dir = Path(gold_dir)
    paths = sorted(gold_dir.rglob("*.gold.json")) if gold_dir.is_dir() else []
    if not paths:
        raise EvaluationError(Errors.E040.format(path=gold_dir))
    files = [read_gold_file(p) for p in paths]
    merged = {name: merge_facts(f for one in files for f in one.family(name)) for name in FAMILIES}
    votes = tuple(v for one in files if isinstance(one, GoldSet) for v in one.votes)
    return GoldSet(**merged, votes=votes, files=tuple(str(p) for p in paths))


def read_gold_file(path: Path) -> GoldSet:
    """One gold file as facts, unmerged; a malformed file raises E041 naming the problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        doc = str(data.get("doc") or Path(path).name)
        votes = tuple(_gold_vote(v, doc, i) for i, v in enumerate(data.get("votes") or []))
        return GoldSet(
            positions=tuple(p for v in votes for p in v.position_facts()),
            vetoes=tuple(x for v in votes for x in v.veto_facts()),
            tallies=tuple(t for v in votes if (t := v.tally()) is not None),
            designations=tuple(_gold_designation(d, doc) for d in data.get("designations") or []),
            launches=tuple(_gold_launch(x, doc) for x in data.get("launches") or []),
            caps=tuple(_gold_cap(c, doc) for c in data.get("caps") or []),
            represents=tuple(_gold_represents(r, doc) for r in data.get("represents") or []),
            blocks=tuple(_gold_block(b, doc) for b in data.get("blocks") or []),
            votes=votes, files=(str(path),),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise EvaluationError(Errors.E041.format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc


def _date(value: Any) -> dt.date | None:
    """A stated date must be ISO (YYYY-MM-DD): anything else is an annotation error, not "unknown"."""
    return None if value is None else dt.date.fromisoformat(str(value))


def _choice(value: Any, allowed: frozenset[str], what: str) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {sorted(allowed)}")
    return value


def _count(value: Any) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"count {value!r} is not a whole number")
    return value


def _codes(value: Any) -> frozenset[str]:
    """An optional actor: empty when the gold leaves it out (then any actor is accepted)."""
    return frozenset({str(value)}) if value else frozenset()


def _gold_vote(data: dict[str, Any], doc: str, index: int) -> Vote:
    positions = {str(c): str(_choice(p, POSITIONS, "position")) for c, p in (data.get("positions") or {}).items()}
    return Vote(
        label=data.get("resolution") or f"{doc} vote {index + 1}", date=_date(data.get("date")),
        outcome=_choice(data.get("outcome"), OUTCOMES, "outcome"), in_favour=_count(data.get("in_favour")),
        against=_count(data.get("against")), abstentions=_count(data.get("abstentions")),
        positions=tuple(positions.items()), vetoed_by=tuple(str(c) for c in data.get("vetoed_by") or ()),
        docs=(doc,))


def _gold_designation(data: dict[str, Any], doc: str) -> Designation:
    names = frozenset(str(n) for n in [data["designee"], *(data.get("aliases") or [])])
    return Designation(names, data.get("measure"), data.get("status"), _codes(data.get("by")),
                       _date(data.get("date")), (doc,))


def _gold_launch(data: dict[str, Any], doc: str) -> Launch:
    return Launch(_codes(data.get("by")), _date(data.get("date")),
                  frozenset(str(t) for t in data.get("missile_types") or ()), _count(data.get("count")),
                  _codes(data.get("site")), (doc,))


def _gold_cap(data: dict[str, Any], doc: str) -> ImportCap:
    def num(v: Any) -> float | None:
        return None if v is None else float(v)
    return ImportCap(data.get("commodity"), num(data.get("before")), num(data.get("after")), data.get("unit"), (doc,))


def _gold_represents(data: dict[str, Any], doc: str) -> Representation:
    return Representation(frozenset({str(data["person"])}), frozenset({str(data["country"])}), data.get("role"),
                          (doc,))


def _gold_block(data: dict[str, Any], doc: str) -> Block:
    return Block(frozenset({str(data["by"])}), _codes(data.get("proposal_by")), _date(data.get("date")), (doc,))
