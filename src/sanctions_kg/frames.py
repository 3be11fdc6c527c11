"""Query rows -> a pandas DataFrame with typed columns (the helper's ``query_df``).

Rows arrive as dicts of Python values (``helper.to_python``): ``date``, ``datetime``, ``int``,
``bool``, ``Decimal``, ``str``. A column whose non-empty values are all of one kind gets the pandas
type an analyst expects - ``datetime64`` for dates, the nullable ``Int64`` for integers (an unbound
value stays ``<NA>`` instead of turning the column into floats), ``boolean`` - so sorting, plotting
and date arithmetic work without casting. Anything mixed stays ``object``, as it came.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .namespace import ID, SKG

if TYPE_CHECKING:
    import pandas

COMPACT = (("id:", str(ID)), ("skg:", str(SKG._NS)))


def typed_frame(rows: Iterable[Mapping[str, object]], columns: list[str], *,
                compact: bool = False) -> pandas.DataFrame:
    """A DataFrame of ``rows`` with ``columns`` in order, each column typed by :func:`column_dtype`."""
    import pandas

    records = list(rows)
    frame = pandas.DataFrame.from_records(records, columns=columns)
    for column in columns:
        # the values as they came: from_records has already made an integer column with an unbound
        # value into NaN floats, which would read as "mixed" and lose the Int64 type
        raw = [record.get(column) for record in records]
        values = [v for v in raw if v is not None]
        if compact:
            frame[column] = [compact_iri(v) if isinstance(v, str) else v for v in frame[column].tolist()]
        kind = column_dtype(values)
        if kind == "datetime64[ns]":
            frame[column] = pandas.to_datetime(frame[column])
        elif kind is not None:
            frame[column] = pandas.array(raw, dtype=kind)
    return frame


def column_dtype(values: list[object]) -> str | None:
    """The pandas dtype for a column's non-empty values, or None to leave it as it is."""
    if not values:
        return None
    kinds = {_kind(v) for v in values}
    if len(kinds) != 1:
        return None
    return {"date": "datetime64[ns]", "int": "Int64", "bool": "boolean"}.get(kinds.pop())


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, (date, datetime)) and not (isinstance(value, datetime) and value.tzinfo is not None):
        return "date"
    return type(value).__name__


def compact_iri(text: str) -> str:
    """``https://w3id.org/sanctions-kg/id/country/PRK`` -> ``id:country/PRK``; other text unchanged."""
    for prefix, namespace in COMPACT:
        if text.startswith(namespace):
            return prefix + text[len(namespace):]
    return text


__all__ = ["column_dtype", "compact_iri", "typed_frame"]
