"""Checking a query before it reaches a store, and turning parameters into RDF terms.

The parse tree - never the raw text - decides whether a query is an Update (E022) or uses SERVICE
federation (E023), so a string literal that merely contains "DROP" or "SERVICE" is harmless.
Parameters become RDF terms handed to the store as bindings, never formatted into the query text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from functools import lru_cache
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from ..errors import Errors, QueryError
from ..vocabulary import PREFIXES

Term = Identifier

# --------------------------------------------------------------------------------------------
# Checking a query
# --------------------------------------------------------------------------------------------

_QUERY_KINDS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
_UPDATE_FORMS = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


def check_query(sparql: str, allow_update: bool = False, allow_service: bool = False) -> str:
    """Parse ``sparql`` and return its kind: select, ask, construct, describe or update.

    Refuses (QueryError) a syntax error (E021), an Update unless ``allow_update`` (E022, naming the
    form) and SERVICE federation unless ``allow_service`` (E023). The decision is made on the parse
    tree, so words inside string literals, IRIs or comments never trigger a refusal.
    """
    tree, kind = _parse(sparql)
    _refuse(tree, kind, allow_update, allow_service)
    return kind


def _refuse(tree: Any, kind: str, allow_update: bool, allow_service: bool) -> None:
    """Raise E022/E023 for a parsed query the caller did not allow."""
    if kind == "update" and not allow_update:
        forms = ", ".join(dict.fromkeys(_update_form(r) for r in dict.get(tree, "request") or ()))
        raise QueryError(Errors.E022.format(form=forms))
    if not allow_service and _uses_service(tree):
        raise QueryError(Errors.E023)


@lru_cache(maxsize=256)
def prepare_query(sparql: str, allow_update: bool = False, allow_service: bool = False
                  ) -> tuple[str, str, frozenset[str]]:
    """Check ``sparql`` once and return (text to run, kind, variable names).

    Cached by text and flags: rdflib's SPARQL parser costs milliseconds, more than a small query
    takes to run on Oxigraph, and applications repeat their queries (measured in ``bench/``).

    The text gains ``PREFIX`` lines for the project's prefixes (skg:, id:, rdfs:, ...) that it uses
    without declaring, so ``SELECT ?c { ?c skg:vetoed ?r }`` works on every store; any other
    undeclared prefix is a syntax error (E021) here rather than a store-specific message later.
    """
    tree, kind = _parse(sparql)
    _refuse(tree, kind, allow_update, allow_service)
    return _with_prefixes(sparql, tree), kind, frozenset(_variables(tree))


def _with_prefixes(sparql: str, tree: Any) -> str:
    """Prepend declarations for known prefixes used but not declared (one line, before the prologue)."""
    declared, used = set(), set()
    for node in _walk(tree):
        if isinstance(node, CompValue) and node.name == "PrefixDecl":
            declared.add(dict.get(node, "prefix", ""))
        elif isinstance(node, CompValue) and node.name == "pname":
            used.add(dict.get(node, "prefix", ""))
    missing = sorted(used - declared)
    unknown = [p for p in missing if p not in PREFIXES]
    if unknown:
        raise QueryError(Errors.E021.format(reason=f"undeclared prefix '{unknown[0]}:'"))
    if not missing:
        return sparql
    return " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing) + "\n" + sparql


def _parse(sparql: str) -> tuple[Any, str]:
    """Parse as a query, then as an update; report the error of whichever parser got further."""
    try:
        tree = parseQuery(sparql)
        return tree, _QUERY_KINDS[tree[1].name]
    except ParseException as query_error:
        try:
            update = parseUpdate(sparql)
        except ParseException as update_error:
            best = update_error if update_error.loc > query_error.loc else query_error
            raise QueryError(Errors.E021.format(reason=_reason(best))) from None
        except Exception as error:  # rdflib raises plain exceptions for e.g. an undeclared prefix
            raise QueryError(Errors.E021.format(reason=str(error))) from None
    except Exception as error:
        raise QueryError(Errors.E021.format(reason=str(error))) from None
    if not dict.get(update, "request"):  # CompValue.get returns the key itself when it is missing
        raise QueryError(Errors.E021.format(reason="empty query"))
    return update, "update"


def _reason(error: ParseException) -> str:
    """A one-line parser message with line and column."""
    return f"{error.msg} at line {error.lineno}, column {error.col}"


def _update_form(request: CompValue) -> str:
    """The SPARQL keyword(s) of one update request, e.g. ``DELETE/INSERT`` for a Modify."""
    if request.name != "Modify":
        return _UPDATE_FORMS.get(request.name, request.name.upper())
    has_delete, has_insert = "delete" in request, "insert" in request
    if has_delete and has_insert:
        return "DELETE/INSERT"
    return "DELETE" if has_delete else "INSERT"


def _uses_service(tree: Any) -> bool:
    """True when a ServiceGraphPattern node occurs anywhere in the parse tree."""
    return any(node.name == "ServiceGraphPattern" for node in _walk(tree) if isinstance(node, CompValue))


def query_variables(sparql: str) -> set[str]:
    """Names of all variables the query mentions (pattern, projection, VALUES, expressions)."""
    tree, _ = _parse(sparql)
    return _variables(tree)


def _variables(tree: Any) -> set[str]:
    """Variable names in a parse tree."""
    return {str(node) for node in _walk(tree) if isinstance(node, Variable)}


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first, without recursion limits on deep queries."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, CompValue):
            stack.extend(dict.values(current))
        elif isinstance(current, (list, tuple, ParseResults)):
            stack.extend(current)


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------

_NAME = re.compile(r"^[?$]?([A-Za-z_][A-Za-z0-9_]*)$")
_IRI = re.compile(r'^<([^<>"{}|^`\\\s]+)>$')
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")
_BAD_LOCAL = re.compile(r'[<>"{}|^`\\]')
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_params(pairs: Iterable[str]) -> dict[str, Term]:
    """Turn ``name=value`` strings (from ``--param``) into RDF terms, keyed by variable name.

    ``<iri>`` and ``skg:``/``id:``/... names become IRIs, integers xsd:integer, ``YYYY-MM-DD``
    xsd:date, anything else a plain literal - so quotes, braces and keywords in a value are data.
    A pair without ``=``, a bad name, a malformed IRI or an impossible date is refused (E025).
    """
    params: dict[str, Term] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        match = _NAME.match(name.strip())
        if not sep or not match:
            raise QueryError(Errors.E025.format(param=pair))
        params[match.group(1)] = _value_term(value, pair)
    return params


def _value_term(value: str, pair: str) -> Term:
    """The RDF term a command-line value stands for; ``pair`` is only for the error message."""
    if value.startswith("<"):
        iri = _IRI.match(value)
        if not iri:
            raise QueryError(Errors.E025.format(param=pair))
        return URIRef(iri.group(1))
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in PREFIXES:
        if _BAD_LOCAL.search(prefixed.group(2)):
            raise QueryError(Errors.E025.format(param=pair))
        return URIRef(PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if _INTEGER.match(value):
        return Literal(int(value), datatype=XSD.integer)
    if _DATE.match(value):
        try:
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        except ValueError:
            raise QueryError(Errors.E025.format(param=pair)) from None
    return Literal(value)


def check_params(sparql_or_variables: str | AbstractSet[str], params: Mapping[str, Any]) -> None:
    """Refuse (E026) a parameter that names no variable of the query: it would silently do nothing."""
    if not params:
        return
    known = sparql_or_variables
    if isinstance(known, str):
        known = query_variables(known)
    for name in params:
        if name.lstrip("?$") not in known:
            raise QueryError(Errors.E026.format(name=name))
