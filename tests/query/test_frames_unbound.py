"""``typed_frame`` keeps its promise when a value is unbound: integers stay ``Int64`` with ``<NA>``.

cq2 and cq5 leave tallies and counts unbound where a text gives none; those columns came out as
float64 (15.0, NaN) because ``DataFrame.from_records`` turned the ``None`` into NaN first.
"""
from __future__ import annotations

from datetime import date

import pandas

from sanctions_kg.frames import typed_frame


def test_integers_with_an_unbound_value_stay_nullable_integers():
    frame = typed_frame([{"n": 13, "d": date(2022, 5, 26)}, {"n": None, "d": None}], ["n", "d"])
    assert str(frame["n"].dtype) == "Int64"
    assert frame["n"].iloc[0] == 13 and frame["n"].iloc[1] is pandas.NA
    assert str(frame["d"].dtype).startswith("datetime64") and pandas.isna(frame["d"].iloc[1])


def test_booleans_with_an_unbound_value_stay_nullable_booleans():
    frame = typed_frame([{"b": True}, {"b": None}], ["b"])
    assert str(frame["b"].dtype) == "boolean"
    assert bool(frame["b"].iloc[0]) and frame["b"].iloc[1] is pandas.NA
