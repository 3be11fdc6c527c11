"""Numbers as written in news text: "13", "500,000", "4 million", "four million", "a pair", "one"."""
from __future__ import annotations

import re

from .lexicon import load_lexicon

_ARTICLES = {"a", "an"}
_NUMERIC = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


def word_value(word: str) -> float | None:
    """The value of one token: digits (with thousands commas) or a number word; None otherwise."""
    w = word.lower().strip()
    if _NUMERIC.match(w):
        return float(w.replace(",", ""))
    table = load_lexicon().cues["number_words"]
    return float(table[w]) if w in table else None


def parse_number(text: str) -> float | None:
    """Value of a short phrase such as "4 million", "four million", "500,000", "twenty-two" or "a pair".

    An article before a number noun is no number of its own ("a pair" is 2, "a dozen" 12), and a tens
    word joined to a unit word adds up ("twenty-two")."""
    mult = load_lexicon().cues["multipliers"]
    value: float | None = None
    article = False
    for word in re.split(r"[\s-]+", text.strip()):
        w = word.lower().strip(",.;:()")
        own = word_value(w)
        if w in mult and value is not None:
            value *= mult[w]
        elif value is None:
            value, article = own, w in _ARTICLES
        elif own is not None and (article or (value % 10 == 0 and 20 <= value < 100 and own < 10)):
            value = own if article else value + own
            article = False
    return value


def parse_count(text: str) -> int | None:
    """An integer count, or None when the phrase holds no number."""
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None
