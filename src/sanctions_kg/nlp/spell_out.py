"""Token patterns spelled out for the Matcher's fast path, with the same matches.

spaCy's ``Matcher`` tries the first token of every pattern at every token of a text. A first token
compared by value (``{"LOWER": "against"}``) is tested in compiled code; one given as a set
(``{"LOWER": {"IN": [...]}}``) calls a Python predicate at every token, and an optional first token
(``"OP": "?"``) makes the next one a first token too. On the tally patterns that was about 4 ms per
document, most of the terms component's time. So a pattern whose first token is optional becomes the
pattern with that token required plus the patterns of what follows it, and a first token given as a
set of one attribute becomes one pattern per value: together they match exactly the spans the
original matched (the rules files stay as they are written).
"""
from __future__ import annotations

from typing import Any

TokenSpec = dict[str, Any]
#: token attributes compared by value in compiled code (not LEMMA: a pattern compared on LEMMA by value
#: makes the Matcher refuse a text without lemmas, E155, which a set-valued one does not)
VALUE_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})
#: a larger set stays one predicate: every pattern's first token is tried at every token, so a long list
#: of patterns costs more than one set lookup (43 surnames spelled out made the name matcher 4x slower)
MAX_VALUES = 8


def spell_out(pattern: list[TokenSpec]) -> list[list[TokenSpec]]:
    """Patterns matching what ``pattern`` matches, none with an optional or set-valued first token."""
    return [spelled for variant in _required_first(pattern) for spelled in _first_values(variant)]


def _required_first(pattern: list[TokenSpec]) -> list[list[TokenSpec]]:
    """[A?, B, …] -> [A, B, …] and [B, …]: an optional first token is either there or not."""
    if not pattern:
        return []  # only optional tokens were left: the Matcher never returns an empty match
    first, rest = pattern[0], pattern[1:]
    if first.get("OP") != "?":
        return [pattern]
    required = {k: v for k, v in first.items() if k != "OP"}
    return [[required, *rest], *_required_first(rest)]


def _first_values(pattern: list[TokenSpec]) -> list[list[TokenSpec]]:
    """A first token ``{ATTR: {"IN": [v1, v2]}}`` -> one pattern per value (for a short set)."""
    first = pattern[0]
    if len(first) != 1:
        return [pattern]  # two conditions, or an operator: left as written
    (attr, spec), = first.items()
    if attr.upper() not in VALUE_ATTRS or not isinstance(spec, dict) or set(spec) != {"IN"} \
            or len(spec["IN"]) > MAX_VALUES:
        return [pattern]
    return [[{attr: value}, *pattern[1:]] for value in dict.fromkeys(spec["IN"])]


def spell_out_all(patterns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ruler patterns (``label``, ``id``, ``pattern``) with every token pattern spelled out; phrase
    patterns (strings) are kept as they are."""
    out: list[dict[str, Any]] = []
    for entry in patterns:
        if isinstance(entry["pattern"], str):
            out.append(entry)
            continue
        out.extend({**entry, "pattern": spelled} for spelled in spell_out(entry["pattern"]))
    return out
