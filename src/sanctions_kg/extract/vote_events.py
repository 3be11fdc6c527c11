"""One vote as :mod:`votes` reads it (an :class:`Event` gathering mentions, cues and positions), and
how unnumbered drafts that say nothing contradictory are joined into one vote once the text is read."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Position
from .resolutions import Mention
from .tallies import merge_counts

Key = tuple[str, int]


@dataclass
class Event:
    """Mutable accumulator for one vote while the text is read."""

    key: Key
    number: int | None = None
    year: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    cues: list[Token] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    positions: dict[str, Position] = field(default_factory=dict)
    position_ev: dict[str, Span] = field(default_factory=dict)
    vetoes: list[str] = field(default_factory=list)
    tally: dict[str, int] = field(default_factory=dict)
    sponsors: list[str] = field(default_factory=list)
    adopted: bool = False
    failed: bool = False
    past: bool = False  # told in passing as an earlier occasion ("first vetoed … last year"): never the draft in focus
    _starts: set[int] = field(default_factory=set, repr=False)  # sentence starts already kept: a long text stays linear

    def add_sentence(self, sent: Span) -> None:
        if sent.start not in self._starts:
            self._starts.add(sent.start)
            self.sentences.append(sent)

    def set_position(self, iso3: str, pos: Position, sent: Span) -> None:
        if self.positions.get(iso3) == "against" and pos != "against":
            return  # a veto or explicit "against" is never overwritten by a weaker cue
        self.positions[iso3] = pos
        self.position_ev.setdefault(iso3, sent)

    @property
    def outcome(self) -> str | None:
        if self.failed and self.number is None:
            return "not_adopted"
        return "adopted" if self.adopted or self.number is not None else None


def merge_drafts(events: list[Event]) -> list[Event]:
    """Unnumbered drafts that say nothing contradictory are one vote; a lone draft that agrees with
    the only numbered vote told in the text (with cues of its own) is that vote."""
    drafts = [ev for ev in events if ev.number is None]
    kept = [ev for ev in events if ev.number is not None]
    merged: list[Event] = []
    for d in drafts:
        target = next((m for m in merged if _compatible(m, d)), None)
        if target is None:
            merged.append(d)
        else:
            _absorb(target, d)
    told = [ev for ev in kept if ev.cues] or [ev for ev in kept if any(not m.reference for m in ev.mentions)]
    for d in merged:
        if len(told) == 1 and len(merged) == 1 and _compatible(told[0], d):
            _absorb(told[0], d)
        else:
            kept.append(d)
    return sorted(kept, key=lambda ev: min([m.i for m in ev.mentions] + [c.i for c in ev.cues] or [0]))


def _compatible(a: Event, b: Event) -> bool:
    if a.past != b.past:
        return False
    if a.outcome and b.outcome and a.outcome != b.outcome:
        return False
    if any(a.tally.get(k, v) != v for k, v in b.tally.items()):
        return False
    return all(a.positions.get(c, p) == p for c, p in b.positions.items())


def _absorb(into: Event, other: Event) -> None:
    into.mentions += other.mentions
    into.cues += other.cues
    for s in other.sentences:
        into.add_sentence(s)
    for c, p in other.positions.items():
        into.set_position(c, p, other.position_ev[c])
    into.vetoes += other.vetoes
    merge_counts(into.tally, other.tally)
    into.sponsors += other.sponsors
    into.adopted |= other.adopted
    into.failed |= other.failed
