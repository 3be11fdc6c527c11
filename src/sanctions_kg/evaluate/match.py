"""Scoring: which gold facts were found, which predicted facts are right, per family and micro-averaged.

Matching is not one-to-one, as in the reference scorer: a gold fact is found when *some* predicted fact
matches it (recall), and a predicted fact is right when it matches *some* gold fact (precision). So
two graph nodes for one reported fact (say, the same vote with two dates a day apart) are both right,
and one vague gold fact can be found by several predictions.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .facts import SupportsQuery, facts_from_graph
from .gold import FAMILIES, FactSet, GoldSet, Vote, load_gold

G = TypeVar("G")
P = TypeVar("P")


@dataclass(frozen=True)
class FamilyScore:
    """Counts for one family (or the micro-average row); the ratios follow from them.

    ``tp``: gold facts found; ``fn``: gold facts not found; ``fp``: predicted facts that match no gold
    fact; ``tp_pred``: predicted facts that match one (``None``: the same as ``tp``, one-to-one).
    """

    family: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_pred: int | None = None

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def right(self) -> int:
        return self.tp if self.tp_pred is None else self.tp_pred

    @property
    def pred(self) -> int:
        return self.right + self.fp

    @property
    def precision(self) -> float:
        """Silence is right only when nothing was expected (then 1.0); predicting nothing otherwise is 0.0."""
        return self.right / self.pred if self.pred else float(self.gold == 0)

    @property
    def recall(self) -> float:
        """1.0 when nothing was expected, whatever was predicted (the extras already cost precision)."""
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FamilyScore) -> FamilyScore:
        return FamilyScore(self.family, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                           self.right + other.right)


@dataclass(frozen=True)
class Finding:
    """A miss (gold fact not found) or an extra (predicted fact matching no gold fact)."""

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
        total = FamilyScore("micro", tp_pred=0)
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


def compare(family: str, gold: Sequence[Any], pred: Sequence[Any]) -> _Outcome:
    """Match one family's facts: each gold fact against every predicted one (``gold.matches(pred)``)."""
    hits = [[g.matches(p) for p in pred] for g in gold]
    found = [any(row) for row in hits]
    right = [any(row[i] for row in hits) for i in range(len(pred))]
    misses = tuple(Finding(family, g.describe(), gold_docs=g.docs) for g, ok in zip(gold, found, strict=True)
                   if not ok)
    extras = tuple(Finding(family, p.describe(), source_docs=p.docs) for p, ok in zip(pred, right, strict=True)
                   if not ok)
    score = FamilyScore(family, sum(found), len(extras), len(misses), sum(right))
    return _Outcome(score, misses, extras)


def greedy_match(gold: Sequence[G], pred: Sequence[P],
                 score: Callable[[G, P], int | None]) -> list[tuple[int, int]]:
    """One-to-one pairs, highest score first (ties: gold order, then predicted order)."""
    candidates = sorted((-s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                        if (s := score(g, p)) is not None)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def graph_votes(predicted: FactSet) -> dict[str, FactSet]:
    """The predicted vote facts grouped by resolution, for showing which gold vote met which resolution."""
    votes: dict[str, dict[str, list[Any]]] = {}
    for name in ("positions", "vetoes", "tallies"):
        for fact in predicted.family(name):
            votes.setdefault(fact.vote, {}).setdefault(name, []).append(fact)
    return {vote: FactSet(**{k: tuple(v) for k, v in parts.items()}) for vote, parts in votes.items()}


_GOLD_NUMBER = re.compile(r"^\s*(?:resolution\s+)?(\d{3,4})\b", re.IGNORECASE)
_IRI_NUMBER = re.compile(r"/(\d{3,4})$")


def _vote_agreement(gold: Vote, label: str, pred: FactSet) -> int | None:
    """How many of a gold vote's facts the facts of one resolution match; ``None`` if none do or if both
    name a resolution number and the numbers differ."""
    numbers = (_GOLD_NUMBER.match(gold.label), _IRI_NUMBER.search(label))
    if numbers[0] and numbers[1] and numbers[0].group(1) != numbers[1].group(1):
        return None
    tally = gold.tally()
    found = (_found(gold.position_facts(), pred.positions) + _found(gold.veto_facts(), pred.vetoes)
             + _found((tally,) if tally else (), pred.tallies))
    return found + 100 * all(numbers) if found else None


def _found(gold: Sequence[Any], pred: Sequence[Any]) -> int:
    return sum(any(g.matches(p) for p in pred) for g in gold)


def pair_votes(gold: Sequence[Vote], predicted: FactSet) -> list[tuple[str, str]]:
    """Gold votes paired one-to-one with resolutions by the most facts matched (a guide for reading misses;
    scoring does not use it)."""
    by_vote = graph_votes(predicted)
    labels = sorted(by_vote)
    pairs = greedy_match(gold, labels, lambda g, label: _vote_agreement(g, label, by_vote[label]))
    return [(gold[gi].label, labels[pi]) for gi, pi in pairs]


def score(gold: FactSet, predicted: FactSet) -> Report:
    """Compare every family and collect counts, misses and extras."""
    outcomes = [compare(name, gold.family(name), predicted.family(name)) for name in FAMILIES]
    votes = gold.votes if isinstance(gold, GoldSet) else ()
    return Report(
        families=tuple(o.score for o in outcomes),
        misses=tuple(f for o in outcomes for f in o.misses),
        extras=tuple(f for o in outcomes for f in o.extras),
        pairs=tuple(pair_votes(votes, predicted)),
    )


def evaluate(gold_dir: Path, graph: SupportsQuery) -> Report:
    """``load_gold`` + ``facts_from_graph`` + ``score``: what ``sanctions-kg eval`` runs."""
    return score(load_gold(gold_dir), facts_from_graph(graph))
