"""RDF terms across the store boundary: pyoxigraph <-> rdflib, and either as plain Python values.

Stores hand out rdflib terms (:func:`to_rdflib`) and take rdflib terms (:func:`to_oxigraph`, whose
pyoxigraph constructors are the injection guard). The Python helper wants plain values (``int``,
``date``, ``str``): :class:`PythonValues` makes them straight from pyoxigraph's terms, skipping the
rdflib literal (whose constructor parses and normalises the value, the larger part of a row's cost),
and converts each distinct term of a result once. It gives exactly what :func:`to_python` gives for
the rdflib form of the same term (``tests/store/test_terms.py``), converting the common datatypes
itself and the others through rdflib.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import pyoxigraph as ox
from rdflib.term import BNode, Identifier, Literal, URIRef

from sanctions_kg.errors import Errors, StoreError

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def to_rdflib(term: Any) -> Identifier | None:
    """A pyoxigraph term as an rdflib term; ``DefaultGraph``/``None`` become ``None``.

    ``xsd:string`` literals become plain rdflib literals, because rdflib treats ``Literal("x")``
    and ``Literal("x", datatype=XSD.string)`` as different and the graph builder writes plain ones.
    """
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(Errors.E032.format(path="query", reason=f"unsupported RDF term {term!r} (RDF-star?)"))


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term; the pyoxigraph constructors validate IRIs and labels.

    That validation is the injection guard: an IRI holding ``>`` or a space is refused here, so a
    term's N-Triples form (``str()`` of the result) can be pasted into SPARQL safely.
    """
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return blank_node(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as exc:
        raise StoreError(Errors.E032.format(path="term", reason=f"invalid RDF term {term!r}: {exc}")) from exc
    raise StoreError(Errors.E032.format(path="term", reason=f"not an RDF term: {term!r}"))


def blank_node(label: str) -> ox.BlankNode:
    """A blank node keeping the rdflib label when SPARQL allows it, else a stable hex label."""
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_\-]*", label):
        return ox.BlankNode(label)
    import hashlib

    return ox.BlankNode("b" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32])


def to_python(term: Identifier | None) -> object:
    """An RDF term as a Python value: IRI -> str, literal -> int/date/Decimal/str..., unbound -> None."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


class PythonValues:
    """pyoxigraph terms -> the Python values :func:`to_python` gives, each distinct literal converted once.

    One per result: a column of dates or countries repeats the same terms row after row.
    """

    def __init__(self) -> None:
        self._literals: dict[ox.Literal, object] = {}

    def __call__(self, term: Any) -> object:
        kind = type(term)
        if kind is ox.NamedNode:
            return term.value
        if kind is ox.Literal:
            found = self._literals.get(term, _MISSING)
            if found is _MISSING:
                found = self._literals[term] = _literal_value(term)
            return found
        if term is None:
            return None
        if kind is ox.BlankNode:
            return f"_:{term.value}"
        return to_python(to_rdflib(term))


_MISSING = object()


def _literal_value(term: ox.Literal) -> object:
    """A literal's value: strings, integers and plain dates here, anything else as rdflib reads it."""
    value = term.value
    if term.language:
        return value
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return value
    if datatype == XSD + "integer" and _INTEGER.fullmatch(value):
        return int(value)
    if datatype == XSD + "date" and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return to_python(to_rdflib(term))
