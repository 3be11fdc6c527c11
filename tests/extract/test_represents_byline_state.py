"""A byline whose role line opens with the state ("Rosa Ilmar" then "Estonian Permanent Representative
to the United Nations") links the name to that state. Text of our own."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.represents import extract_represents


@pytest.mark.parametrize("role_line, country", [
    ("Estonian Permanent Representative to the United Nations", "EST"),
    ("U.S. Deputy Permanent Representative to the United Nations", "USA"),
])
def test_the_state_opening_a_role_line_is_the_bylines_country(make_ctx, role_line, country):
    text = (f"Statement on the Sanctions Committee's Designations\n\nRosa Ilmar\n{role_line}\nNew York\n"
            "March 3, 2031\n\nWe welcome the decision of the Committee to designate two shipping companies today.")
    found = {(r.person, r.country) for r in extract_represents(make_ctx(text, "2031-03-03"))}
    assert found == {("Rosa Ilmar", country)}
