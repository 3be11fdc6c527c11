"""Fact records, the same for gold and graph, and the rule by which a gold fact accepts a predicted one.

Actors are sets of codes: a gold fact holds the one ISO3 (or organisation) code it states, a predicted
fact every code and name by which its node can be recognised (``skg:iso3``, the country IRI, labels).
A gold actor then matches when its code is among the predicted ones. Fields that are not part of a
fact's identity (``vote``, ``docs``) do not take part in equality, so identical gold facts reported by
several documents are one fact, as in the reference scorer.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .normalise import (
    COMMODITIES,
    LAUNCH_DATE_TOLERANCE,
    MEASURES,
    STATUSES,
    close_types,
    count_possible,
    date_ok,
    name_match,
)

Codes = frozenset[str]


def show_actor(codes: Codes) -> str:
    """The code a person would recognise: an upper-case ISO3/organisation code if there is one."""
    upper = sorted(c for c in codes if c.isupper() and 2 <= len(c) <= 3)
    return upper[0] if upper else (min(codes) if codes else "?")


def _show(value: object) -> str:
    return "?" if value is None or value == frozenset() else str(value)


def _show_set(values: frozenset[str]) -> str:
    return "{" + ",".join(sorted(values)) + "}"


@dataclass(frozen=True)
class VotePosition:
    """Family ``positions``: how a country voted, on the vote's date (a veto is also a vote against)."""

    actor: Codes
    position: str
    date: dt.date | None = None
    vote: str = field(default="", compare=False)
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: VotePosition) -> bool:
        return self.actor <= pred.actor and self.position == pred.position and date_ok(self.date, pred.date)

    def describe(self) -> str:
        return f"{show_actor(self.actor)} {self.position} on {_show(self.date)} ({self.vote or '?'})"


@dataclass(frozen=True)
class Veto:
    """Family ``vetoes``: a permanent member's negative vote that stopped a draft, on the vote's date."""

    actor: Codes
    date: dt.date | None = None
    vote: str = field(default="", compare=False)
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: Veto) -> bool:
        return self.actor <= pred.actor and date_ok(self.date, pred.date)

    def describe(self) -> str:
        return f"{show_actor(self.actor)} vetoed on {_show(self.date)} ({self.vote or '?'})"


@dataclass(frozen=True)
class Tally:
    """Family ``tallies``: a vote's date, outcome and counts. ``outcome`` is compared without underscores."""

    date: dt.date | None = None
    outcome: str | None = None
    in_favour: int | None = None
    against: int | None = None
    abstentions: int | None = None
    vote: str = field(default="", compare=False)
    docs: tuple[str, ...] = field(default=(), compare=False)

    def counts(self) -> tuple[int | None, int | None, int | None]:
        return (self.in_favour, self.against, self.abstentions)

    def matches(self, pred: Tally) -> bool:
        """Every stated field equal; an impossible predicted count (a year read as a count) never matches."""
        if not date_ok(self.date, pred.date):
            return False
        if self.outcome and pred.outcome and _flat(self.outcome) != _flat(pred.outcome):
            return False
        if not all(count_possible(n) for n in pred.counts()):
            return False
        return all(g is None or g == p for g, p in zip(self.counts(), pred.counts(), strict=True))

    def describe(self) -> str:
        counts = "-".join(_show(n) for n in self.counts())
        return f"{_show(self.date)}: {self.outcome or '?'} {counts} ({self.vote or '?'})"


def _flat(outcome: str) -> str:
    return outcome.replace("_", "").lower()


@dataclass(frozen=True)
class Designation:
    """Family ``designations``: names of the designee, measure, status (who and when are shown only)."""

    names: frozenset[str]
    measure: str | None = None
    status: str | None = None
    by: Codes = frozenset()
    date: dt.date | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: Designation) -> bool:
        """Names match; a specific measure/status must agree unless either side says only "sanctions"/nothing.

        As in the reference scorer, ``by`` and ``date`` are not compared.
        """
        if not name_match(self.names, pred.names):
            return False
        want = MEASURES.get(self.measure, self.measure) if self.measure else None
        got = _flat(pred.measure) if pred.measure else None
        if want and got and got not in (_flat(want), "sanctions"):
            return False
        status = STATUSES.get(self.status, self.status) if self.status else None
        return not status or not pred.status or _flat(status) == _flat(pred.status)

    def describe(self) -> str:
        name = min(self.names, key=lambda n: (len(n), n)) if self.names else "?"
        return (f"{name} [{self.measure or '?'}, {self.status or '?'}] by {show_actor(self.by)} "
                f"on {_show(self.date)}")


@dataclass(frozen=True)
class Launch:
    """Family ``launches``: who, when (exact), which types (sharing one suffices), how many; site shown only."""

    by: Codes = frozenset()
    date: dt.date | None = None
    types: frozenset[str] = frozenset()
    count: int | None = None
    site: frozenset[str] = frozenset()
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: Launch) -> bool:
        if not self.by <= pred.by or not date_ok(self.date, pred.date, LAUNCH_DATE_TOLERANCE):
            return False
        if self.types and pred.types and not self.types & close_types(pred.types):
            return False
        return self.count is None or pred.count is None or self.count == pred.count

    def describe(self) -> str:
        return (f"{show_actor(self.by)} on {_show(self.date)}: {_show_set(self.types)} x{_show(self.count)} "
                f"from {min(self.site) if self.site else '?'}")


@dataclass(frozen=True)
class ImportCap:
    """Family ``caps``: commodity and figures (floats, so 4000000 and 4000000.0 are equal); unit shown only."""

    commodity: str | None = None
    before: float | None = None
    after: float | None = None
    unit: str | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: ImportCap) -> bool:
        want = COMMODITIES.get(self.commodity, self.commodity) if self.commodity else None
        if want is None or pred.commodity is None or _flat(want) != _flat(pred.commodity):
            return False  # the reference never accepts a cap without its commodity
        return all(g is None or g == p for g, p in ((self.before, pred.before), (self.after, pred.after)))

    def describe(self) -> str:
        return f"{self.commodity or '?'}: {_show(self.before)} -> {_show(self.after)} {self.unit or '?'}"


@dataclass(frozen=True)
class Representation:
    """Family ``represents``: a person speaks for a country. ``role`` is shown, never compared."""

    names: frozenset[str]
    country: Codes
    role: str | None = field(default=None, compare=False)
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: Representation) -> bool:
        return name_match(self.names, pred.names) and self.country <= pred.country

    def describe(self) -> str:
        role = f" ({self.role})" if self.role else ""
        name = min(self.names, key=lambda n: (len(n), n)) if self.names else "?"
        return f"{name} represents {show_actor(self.country)}{role}"


@dataclass(frozen=True)
class Block:
    """Family ``blocks``: ``blocker`` stopped a proposal put forward by ``sponsor`` without a vote."""

    blocker: Codes
    sponsor: Codes = frozenset()
    date: dt.date | None = None
    docs: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, pred: Block) -> bool:
        sponsor_ok = not self.sponsor or not pred.sponsor or self.sponsor <= pred.sponsor
        return self.blocker <= pred.blocker and sponsor_ok and date_ok(self.date, pred.date)

    def describe(self) -> str:
        return (f"{show_actor(self.blocker)} blocked a proposal by {show_actor(self.sponsor)} "
                f"on {_show(self.date)}")
