"""Names inside a designee's descriptive apposition ("X, the commandant of the Y Guard, Z Sector") say
who the designee is; they are not designated with him. Sentences of our own."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.designations import extract_designations


@pytest.mark.parametrize("text, designees", [
    ("The Council imposed a travel ban on Lina Osei, a senior financier of the Harbour Brigades, Eastern Division.",
     {"Lina Osei"}),
    ("The Committee imposed an asset freeze on Rami Vask, the commandant of the Delta Guard, Coastal Sector.",
     {"Rami Vask"}),
])
def test_a_designees_apposition_is_no_designee(make_ctx, text, designees):
    assert {d.designee.name for d in extract_designations(make_ctx(text, "2031-04-09"))} == designees


def test_a_list_of_bodies_with_articles_stays_a_list(make_ctx):
    text = ("The Committee designated the Ostrava Mining Company, the Kestrel Commercial Bank and the Pell "
            "Trading Group.")
    assert {d.designee.name for d in extract_designations(make_ctx(text, "2031-04-09"))} == \
        {"Ostrava Mining Company", "Kestrel Commercial Bank", "Pell Trading Group"}
