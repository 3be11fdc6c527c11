"""Numbers as news text writes them (no model needed)."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.numbers import parse_count, parse_number, word_value


@pytest.mark.parametrize(("text", "value"), [
    ("13", 13), ("500,000", 500_000), ("1,000,000", 1_000_000), ("4 million", 4_000_000),
    ("four million", 4_000_000), ("1.5 million", 1_500_000), ("one", 1), ("no", 0), ("Eleven", 11),
    ("4 million barrels", 4_000_000), ("(375,000)", 375_000), ("2 billion", 2_000_000_000),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "missiles", "thousand", "12,34", "1,00", "several"])
def test_no_number_is_none(text: str) -> None:
    """A multiplier alone, a malformed thousands group or a vague word is not a number."""
    assert parse_number(text) is None
    assert parse_count(text) is None


def test_counts_are_whole_numbers() -> None:
    assert parse_count("three") == 3 and isinstance(parse_count("three"), int)
    assert parse_count("1,000,000.5") is None
    assert parse_number("1,000,000.5") == 1_000_000.5


def test_word_value_reads_one_token() -> None:
    assert word_value("1,000") == 1000 and word_value(" Twelve ") == 12
    assert word_value("x") is None and word_value("4 million") is None


@pytest.mark.parametrize(("text", "value"), [("a pair", 2), ("a dozen", 12), ("twenty-two", 22), ("an ICBM", 1)])
def test_articles_and_compound_number_words(text: str, value: int) -> None:
    assert parse_count(text) == value
