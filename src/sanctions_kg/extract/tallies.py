"""Vote counts: "by 13 votes in favour to none against, with 2 abstentions", "12-0-3", "unanimously".

Scraped pages are full of numbers that are not counts: timestamps ("2021-03-14 08:15"), years,
regulation numbers ("SOR/2022-394"), share counts. A count is read only from a tally phrase inside a
sentence about a vote, is 0–15 (the Council's size), is never part of a date, and the counts of one
tally never sum past 15; anything else is dropped here, before it can reach the graph.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from spacy.tokens import Span, Token

from .context import DocContext, tokens_of
from .numbers import parse_count

COUNCIL_SIZE = 15
TALLY_POSITION = {"TALLY_FAVOUR": "in_favour", "TALLY_AGAINST": "against", "TALLY_ABSTAIN": "abstention"}
TALLY_KEYS = ("in_favour", "against", "abstention")
_NONE = {"none", "nil"}  # a count of nothing in "12 to none"


def plausible_count(tok: Token) -> int | None:
    """A count token's value when it can be a Council count: 0–15 and not inside a date or time."""
    if tok.ent_type_ in {"DATE", "TIME"} and tok.lower_ not in {"none", "no", "zero"}:
        return None
    value = parse_count(tok.text)
    return value if value is not None and 0 <= value <= COUNCIL_SIZE else None


def span_count(span: Span) -> int | None:
    """The count a tally phrase states: its first number, or 0 for "none"/"no"."""
    for tok in tokens_of(span):
        if tok.lower_ in {"none", "no", "zero"}:
            return 0
        if tok.like_num:
            return plausible_count(tok)
    return None


def dash_counts(span: Span) -> list[int] | None:
    """"12-0-3" / "12 to 0 to 3" / "a 14 to none vote": the counts in favour, against, abstaining; None
    if implausible."""
    nums = [0 if t.lower_ in _NONE else plausible_count(t) for t in tokens_of(span) if t.like_num or t.lower_ in _NONE]
    if not nums or None in nums or sum(n for n in nums if n is not None) > COUNCIL_SIZE:
        return None
    return [n for n in nums if n is not None]


def tally_cues(ctx: DocContext, sent: Span) -> list[tuple[Span, dict[str, int]]]:
    """Each tally phrase of a sentence with the counts it states (plausible ones only)."""
    out: list[tuple[Span, dict[str, int]]] = []
    for label, key in TALLY_POSITION.items():
        for span in ctx.terms(sent, label):
            count = span_count(span)
            if count is not None:
                out.append((span, {key: count}))
    for span in ctx.terms(sent, "TALLY_DASH"):
        counts = dash_counts(span)
        if counts and len(counts) >= 2:
            out.append((span, dict(zip(TALLY_KEYS, counts, strict=False))))
    return out


def unanimous_counts(ctx: DocContext) -> dict[str, int]:
    """"unanimously adopted": none against, none abstaining; 15 in favour when the text states the
    Council's size ("the 15-member Council"), in that sentence or another."""
    counts = {"against": 0, "abstention": 0}
    if ctx.terms(ctx.doc[:], "COUNCIL_SIZE"):
        counts["in_favour"] = COUNCIL_SIZE
    return counts


def merge_counts(tally: dict[str, int], counts: dict[str, int]) -> None:
    """Add counts to a vote's tally; the first statement of each count wins."""
    for key, value in counts.items():
        tally.setdefault(key, value)


def complete_tally(tally: dict[str, int], positions: Mapping[str, str]) -> dict[str, int]:
    """Fill what the Council's size implies (15-0 means no abstentions), then drop an impossible tally."""
    named = Counter(positions.values())
    if "in_favour" in tally:
        known = tally["in_favour"] + tally.get("against", named["against"]) + tally.get(
            "abstention", named["abstention"])
        if known == COUNCIL_SIZE:
            tally.setdefault("against", named["against"])
            tally.setdefault("abstention", named["abstention"])
    if sum(tally.values()) > COUNCIL_SIZE:
        return {}
    return tally

