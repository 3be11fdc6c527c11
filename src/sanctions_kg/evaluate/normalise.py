"""Normalisation shared by both sides of the comparison: names, actor codes, dates, controlled values.

These follow the reference scorer (``shared/eval/score.py``) rule for rule, because the product's
``sanctions-kg eval`` must give the same counts on the same graph: a looser name or date rule here
would report a better extraction than the yardstick does.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from ..names import normalise_name

__all__ = [
    "BALLISTIC_SUBTYPES", "COMMODITIES", "COUNTRY_WORDS", "LAUNCH_DATE_TOLERANCE", "MEASURES", "MISSILE_TYPES",
    "SITE_STOPWORDS", "STATUSES", "VOTE_DATE_TOLERANCE", "close_types", "date_ok", "local_name", "name_match",
    "name_key", "normalise_name", "site_tokens", "sites_match", "snake", "to_date",
]

VOTE_DATE_TOLERANCE = 1  # days: a vote in New York is often reported with the next day's date in Asia
LAUNCH_DATE_TOLERANCE = 0  # a launch date must be exact
COUNT_RANGE = range(0, 16)  # 15 Council members: any other count is a year or a date misread as a count

COUNTRY_WORDS = {
    "united states": "USA", "us": "USA", "u.s.": "USA", "china": "CHN", "russia": "RUS",
    "russian federation": "RUS", "north korea": "PRK", "dprk": "PRK", "south korea": "KOR",
    "japan": "JPN", "united kingdom": "GBR", "uk": "GBR", "britain": "GBR", "france": "FRA",
    "united nations": "UN", "un": "UN", "un security council": "UN", "security council": "UN",
    "european union": "EU", "eu": "EU",
}
"""Actor labels that also count as a code, so a node labelled "China" without ``skg:iso3`` still matches."""

MEASURES = {"asset_freeze": "assetfreeze", "travel_ban": "travelban", "sanctions": None}
"""Gold measure -> the graph individual's lower-case local name; ``None``: any measure will do."""
STATUSES = {"delisted": "lifted"}
COMMODITIES = {"crude_oil": "crudeoil", "refined_petroleum": "refinedpetroleum"}
MISSILE_TYPES = {
    "icbm": "icbm", "irbm": "irbm", "srbm": "srbm", "slbm": "slbm", "ballisticmissile": "ballistic",
    "hypersonicmissile": "hypersonic", "cruisemissile": "cruise",
}
"""A ``skg:missileType`` individual's lower-case local name -> the gold spelling."""
BALLISTIC_SUBTYPES = frozenset({"icbm", "irbm", "srbm", "slbm"})
SITE_STOPWORDS = frozenset({"the", "a", "an", "area", "of", "from", "near", "in", "at", "off"})

_NAME_NOISE = re.compile(r"\b(the|group|company|co|ltd|corporation|of|mr|ms)\b")


def name_key(name: str) -> str:
    """The reference's name folding: ASCII, lower case, punctuation and corporate/honorific words dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(_NAME_NOISE.sub(" ", text).split())


def _names_agree(a: str, b: str) -> bool:
    if a == b or (len(a) > 3 and a in b) or (len(b) > 3 and b in a):
        return True
    ta, tb = set(a.split()), set(b.split())
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


def name_match(gold: Iterable[str], pred: Iterable[str]) -> bool:
    """Some gold name and some predicted name are equal, one contains the other, or they share most words.

    Containment needs more than three characters, so "Kim" alone never matches "Kim Jong Un".
    """
    golds = {name_key(x) for x in gold if x} - {""}
    preds = {name_key(x) for x in pred if x} - {""}
    return any(_names_agree(a, b) for a in golds for b in preds)


def to_date(value: object) -> dt.date | None:
    """The ISO date at the start of a value (a date, a datetime or their lexical form); else ``None``."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_ok(gold: dt.date | None, pred: dt.date | None, slack: int = VOTE_DATE_TOLERANCE) -> bool:
    """A stated gold date needs a predicted date within ``slack`` days; an unstated one accepts anything."""
    if gold is None:
        return True
    return pred is not None and abs((gold - pred).days) <= slack


def count_possible(value: int | None) -> bool:
    return value is None or value in COUNT_RANGE


def local_name(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def snake(iri: object) -> str:
    """A controlled-value individual as its gold spelling: ``skg:AssetFreeze`` -> ``asset_freeze``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local_name(iri)).lower()


def close_types(types: Iterable[str]) -> frozenset[str]:
    """Add "ballistic" for its sub-types: a predicted ICBM also states a ballistic missile."""
    closed = frozenset(types)
    return closed | {"ballistic"} if closed & BALLISTIC_SUBTYPES else closed


def site_tokens(site: str) -> frozenset[str]:
    """Content words of a launch site ("the Sunan area of Pyongyang" -> sunan, pyongyang).

    Not used in scoring (the reference does not compare sites); kept for callers that show or group sites.
    """
    words = re.sub(r"[^\w]+", " ", normalise_name(site)).split()
    return frozenset(w for w in words if w not in SITE_STOPWORDS)


def sites_match(gold: str | None, pred: str | None) -> bool:
    """Either site's content words contain the other's; gold ``None`` accepts anything (not used in scoring)."""
    if gold is None:
        return True
    if pred is None:
        return False
    g, p = site_tokens(gold), site_tokens(pred)
    return not g or (bool(p) and (g <= p or p <= g))
