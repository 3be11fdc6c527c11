"""Python values straight from pyoxigraph terms equal those made through rdflib (``store/terms.py``)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from sanctions_kg.store.terms import XSD, PythonValues, to_python, to_rdflib

LEXICAL = {
    "string": ["", "x", "  spaced  ", "13", "2022-05-26"],
    "integer": ["13", "+7", "-0", "007", "abc", "1_000", " 12", "99999999999999999999"],
    "date": ["2022-05-26", "2022-02-30", "2022-5-26", "2022-05-26Z", "2022-05-26+09:00", "0001-01-01", "x"],
    "decimal": ["1.50", "-.5", "3", "x"],
    "boolean": ["true", "false", "1", "0"],
    "dateTime": ["2022-05-26T10:00:00", "2022-05-26T10:00:00Z", "bad"],
    "double": ["1e3", "NaN", "INF", "-0.0"],
    "gYear": ["2022"],
}
TERMS = [ox.Literal(v, datatype=ox.NamedNode(XSD + kind)) for kind, values in LEXICAL.items() for v in values]
TERMS += [ox.Literal("Chine", language="fr"), ox.Literal("x", datatype=ox.NamedNode("http://example.org/t")),
          ox.NamedNode("http://example.org/a"), ox.BlankNode("b1"), None]


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_a_value_is_what_rdflib_makes_of_the_same_term(term) -> None:
    expected = to_python(to_rdflib(term))
    convert = PythonValues()
    for _ in range(2):  # the first time converted, the second from the cache
        found = convert(term)
        assert found == expected or (found != found and expected != expected)  # NaN
        assert type(found) is type(expected)
