"""Resolve date expressions against a document's published date and time zone.

"on Thursday" is the latest Thursday on or before publication; "the 25th" is that day of the published
month (or the month before, if it would lie in the future); "24 March" takes the published year (or the
year before); "today"/"yesterday" count from publication. Vague spans ("last week", "this year",
"since January") resolve to None: a wrong exact date is worse than none.
A time of day ("early morning of the 27th" in Seoul) can move an event to another date in New York,
where the Security Council votes: see :func:`to_timezone`.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .lexicon import load_lexicon

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_VAGUE = re.compile(r"\b(last|next|this|past|coming|since|early|late|mid)\s+(week|month|year|decade)|"
                    r"\bsince\b|\bweeks?\b|\bmonths?\b|\byears?\b|\bdecades?\b|\bdays\b", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_ORDINAL_DAY = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(day: date, days: int) -> date | None:
    """``day`` moved by ``days``; None past the calendar's ends (0001-01-01, 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _not_after(candidate: date | None, published: date) -> date | None:
    """Move a year-less date into the past if it would fall after publication (allowing one day)."""
    if candidate is None or (candidate - published).days <= 1:
        return candidate
    return _safe_date(candidate.year - 1, candidate.month, candidate.day)


def _weekday(text: str, published: date) -> date | None:
    low = text.lower()
    for i, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            return _shift(published, -((published.weekday() - i) % 7))
    return None


def _relative(text: str, published: date) -> date | None:
    low = text.lower()
    if re.search(r"\btoday\b|\btonight\b|\bthis (morning|afternoon|evening)\b|\bjust now\b", low):
        return published
    if re.search(r"\byesterday\b", low):
        return _shift(published, -1)
    return None


def _calendar(text: str, published: date) -> date | None:
    """Explicit calendar dates: ISO, "24 March 2022", "March 24", "Nov. 18"."""
    if m := _ISO.search(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    for rx, day_i, mon_i in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in rx.finditer(text):
            month = MONTHS.get(m[mon_i].lower().rstrip("."))
            if month is None:
                continue
            year = int(m[3]) if m[3] else published.year
            found = _safe_date(year, month, int(m[day_i]))
            return found if m[3] else _not_after(found, published)
    if m := _ORDINAL_DAY.search(text):
        found = _safe_date(published.year, published.month, int(m[1]))
        if found and (found - published).days > 1:
            prev = _shift(published.replace(day=1), -1)
            found = _safe_date(prev.year, prev.month, int(m[1])) if prev else None
        return found
    return None


_LIST_SEP = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*")
_BARE_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")


def resolve_days(text: str, published: date | None) -> list[date]:
    """Every day a list of dates names: "27 February, 5 and 24 March", "March 2 and March 19".

    A bare day number borrows the month (and year) of the next item that has one ("5 and 24 March"),
    else of the item before ("March 2 and 19"). Anything that is not such a list resolves as one date.
    """
    parts = [p for p in _LIST_SEP.split(text.strip()) if p]
    if len(parts) < 2:
        one = resolve_date(text, published)
        return [one] if one else []
    named = [None if _BARE_DAY.match(p) else p for p in parts]
    days: list[date] = []
    for i, part in enumerate(parts):
        if (bare := _BARE_DAY.match(part)) is not None:
            later = next((n for n in named[i + 1:] if n), None)
            earlier = next((n for n in reversed(named[:i]) if n), None)
            host = later or earlier
            part = _with_day(host, bare[1]) if host else ""
        found = resolve_date(part, published) if part else None
        if found is None:
            return [d for d in [resolve_date(text, published)] if d]  # not a list of days after all
        if found not in days:
            days.append(found)
    return days


def _with_day(host: str, day: str) -> str:
    """``host`` ("24 March 2022", "March 2") with its day number replaced by ``day``."""
    return re.sub(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", day, host, count=1)


def resolve_date(text: str, published: date | None) -> date | None:
    """The single day a date expression names, or None when it names none (or no anchor is known)."""
    if published is None:
        m = _ISO.search(text)
        return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None
    found = _calendar(text, published)
    if found:
        return found
    if _VAGUE.search(text):
        return None
    return _relative(text, published) or _weekday(text, published)


def hour_of_day(text: str) -> int | None:
    """The hour a time-of-day phrase suggests ("early morning" -> 3), from ``cues.yml``."""
    low = text.lower()
    if m := re.search(r"\b(\d{1,2}):(\d{2})\s*(a\.m\.|am|p\.m\.|pm)?", low):
        hour = int(m[1]) % 12 if m[3] else int(m[1])
        hour = hour + 12 if m[3] and m[3].startswith("p") else hour
        return hour if hour <= 23 and int(m[2]) <= 59 else None
    table = load_lexicon().cues["times_of_day"]
    for phrase in sorted(table, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return int(table[phrase])
    return None


def to_timezone(day: date, hour: int | None, source_tz: str, target_tz: str) -> date:
    """The date in ``target_tz`` of an event on ``day`` at ``hour`` in ``source_tz``.

    Without a known hour the day is kept: shifting by a guess would be wrong as often as right.
    """
    if hour is None or source_tz == target_tz:
        return day
    local = datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(source_tz))
    try:
        return local.astimezone(ZoneInfo(target_tz)).date()
    except OverflowError:  # an instant past 9999-12-31 or before 0001-01-01 in the target zone
        return day
