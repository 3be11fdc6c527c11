"""Run SPARQL against a store safely, and write the results for people and for programs.

The store layer answers any SPARQL it is given; this module decides what a user may send through
``sanctions-kg query`` and the Python helper:

* a query is parsed (rdflib) before it reaches the store, so a syntax error is reported with a code,
  and the parse tree - never the raw text - decides whether it is an Update (E022) or uses SERVICE
  federation (E023); a string literal that merely contains "DROP" or "SERVICE" is harmless;
* parameters are RDF terms handed to the store as *bindings*, never formatted into the query text,
  so ``x" } ; DROP ALL #`` is only ever a literal that matches nothing;
* results are written as they arrive (table in bounded chunks, CSV row by row, SPARQL JSON binding
  by binding), so a query with millions of rows does not have to fit in memory.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pyparsing import ParseException, ParseResults
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from .errors import Errors, QueryError
from .vocabulary import PREFIXES

if TYPE_CHECKING:  # the store layer is imported only for type checking: query.py works on any Store
    from .store import QueryResult, Store

Term = Identifier
FORMATS = ("table", "csv", "json")
CHUNK_ROWS = 1000
MAX_CELL = 80


# --------------------------------------------------------------------------------------------
# Named queries
# --------------------------------------------------------------------------------------------

_SPARQL_START = re.compile(
    r"^(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|WITH|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM_TEXT = re.compile(r"^[?$]?(\w+)\s*(?:[—–:]|-{1,2})?\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query with what a user needs to pick it: its name, title, description and parameters.

    Inline SPARQL gets the name ``"<inline>"`` and no header; ``params`` maps a variable name to
    the text of its ``# param:`` line, in file order.
    """

    name: str
    sparql: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """Every ``*.rq`` file in ``queries_dir``, sorted by name (``cq2`` before ``cq10``).

    A missing directory is an empty list, so ``query --list`` works before the ontology is installed.
    """
    queries_dir = Path(queries_dir)
    if not queries_dir.is_dir():
        return []
    files = sorted(queries_dir.glob("*.rq"), key=lambda p: _natural_key(p.stem))
    return [_load_named(path) for path in files]


def resolve_query(text_or_name: str, queries_dir: Path) -> NamedQuery:
    """Turn what the user typed into a query: a ``.rq`` path, a name like ``cq1``, or SPARQL text.

    A file wins over a name and a name over inline text; text that is none of these is refused
    with E020, which lists the known names so a typo is easy to fix.
    """
    candidate = text_or_name.strip()
    path = _as_file(candidate)
    if path is not None:
        return _load_named(path)
    named = _named_file(candidate, Path(queries_dir))
    if named is not None:
        return _load_named(named)
    if _looks_like_sparql(candidate):
        return NamedQuery(name="<inline>", sparql=text_or_name)
    known = ", ".join(q.name for q in list_queries(Path(queries_dir))) or "no named queries found"
    raise QueryError(Errors.E020.format(name=text_or_name, known=known))


def _as_file(candidate: str) -> Path | None:
    """The path if ``candidate`` names an existing file (multi-line text is never a path)."""
    if not candidate or "\n" in candidate or "{" in candidate or len(candidate) > 4096:
        return None
    try:
        path = Path(candidate).expanduser()
        return path if path.is_file() else None
    except OSError:
        return None


def _named_file(candidate: str, queries_dir: Path) -> Path | None:
    """``queries_dir/<name>.rq`` when ``candidate`` is a bare name (``cq1`` or ``cq1.rq``)."""
    if not re.fullmatch(r"[\w.-]+", candidate):
        return None
    stem = candidate[:-3] if candidate.endswith(".rq") else candidate
    path = queries_dir / f"{stem}.rq"
    return path if path.is_file() else None


def _looks_like_sparql(text: str) -> bool:
    """True for text that is meant as SPARQL, even invalid SPARQL, so it gets E021/E022, not E020."""
    if "{" in text:
        return True
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()
    return bool(_SPARQL_START.match(body))


def _load_named(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header comments (``# title:``, ``# description:``, ``# param:``)."""
    sparql = path.read_text(encoding="utf-8")
    title, description, params = _parse_header(sparql)
    return NamedQuery(path.stem, sparql, path, title, description, params)


def _parse_header(sparql: str) -> tuple[str, str, dict[str, str]]:
    """Parse the leading comment block; an unkeyed ``#`` line continues the previous key's text."""
    fields: dict[str, str] = {"title": "", "description": ""}
    params: dict[str, str] = {}
    last: tuple[str, str] | None = None  # (key, param name or "")
    for raw in sparql.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            last = _header_field(match.group(1).lower(), match.group(2).strip(), fields, params)
        elif last is not None:
            _continue_field(last, line.lstrip("#").strip(), fields, params)
    return fields["title"], fields["description"], params


def _header_field(key: str, value: str, fields: dict[str, str], params: dict[str, str]) -> tuple[str, str]:
    """Store one ``# key: value`` line; return where a continuation line should go."""
    if key != "param":
        fields[key] = value
        return key, ""
    match = _PARAM_TEXT.match(value)
    if not match:
        return key, ""
    params[match.group(1)] = match.group(2).strip()
    return key, match.group(1)


def _continue_field(last: tuple[str, str], text: str, fields: dict[str, str], params: dict[str, str]) -> None:
    """Append a continuation line to the field it belongs to."""
    if not text:
        return
    key, name = last
    target, slot = (params, name) if key == "param" else (fields, key)
    if key == "param" and not name:
        return
    target[slot] = f"{target[slot]} {text}".strip()


def _natural_key(name: str) -> list[int | str]:
    """Sort ``cq2`` before ``cq10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


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
        forms = ", ".join(dict.fromkeys(_update_form(r) for r in dict.get(tree, "request")))
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


def check_params(sparql_or_variables: str | set[str], params: Mapping[str, Any]) -> None:
    """Refuse (E026) a parameter that names no variable of the query: it would silently do nothing."""
    if not params:
        return
    known = sparql_or_variables
    if isinstance(known, str):
        known = query_variables(known)
    for name in params:
        if name.lstrip("?$") not in known:
            raise QueryError(Errors.E026.format(name=name))


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def run_query(
    store: Store,
    sparql: str,
    params: Mapping[str, Term] | Sequence[str] | None = None,
    timeout: float | None = 30,
    allow_update: bool = False,
    allow_service: bool = False,
) -> QueryResult | None:
    """Check ``sparql``, bind ``params`` as RDF terms and run it; an allowed Update returns None.

    ``params`` is a mapping of name -> RDF term, or ``name=value`` strings as typed on the command
    line. Updates take no parameters: the store binds values only into queries, and formatting a
    value into update text is exactly the injection this module exists to prevent (E026).
    """
    text, kind, variables = prepare_query(sparql, allow_update=allow_update, allow_service=allow_service)
    bindings = _bindings(params)
    if kind == "update":
        if bindings:
            raise QueryError(Errors.E026.format(name=next(iter(bindings))))
        store.update(text)
        return None
    check_params(variables, bindings)
    return store.query(text, bindings=bindings or None, timeout=timeout)


def _bindings(params: Mapping[str, Term] | Sequence[str] | None) -> dict[str, Term]:
    """Normalise params to ``{name without ?: term}``, parsing ``name=value`` strings."""
    if not params:
        return {}
    if isinstance(params, Mapping):
        return {str(name).lstrip("?$"): term for name, term in params.items()}
    return parse_params(params)


# --------------------------------------------------------------------------------------------
# Writing results
# --------------------------------------------------------------------------------------------


def write_results(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write ``result`` to ``out`` as ``table``, ``csv`` or ``json`` without holding all rows.

    SELECT: an aligned table (compact IRIs), CSV, or SPARQL 1.1 Query Results JSON. ASK:
    ``true``/``false`` (JSON: ``{"head": {}, "boolean": ...}``). CONSTRUCT/DESCRIBE: Turtle for
    ``table`` (readable, so buffered), N-Triples streamed for ``csv`` and ``json``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.kind == "ask":
        _write_boolean(bool(result.boolean), fmt, out)
    elif result.kind == "select":
        {"table": write_table, "csv": write_csv, "json": write_json}[fmt](result.vars, result, out)
    else:
        _write_triples(result.triples(), fmt, out)


def _write_boolean(value: bool, fmt: str, out: TextIO) -> None:
    """ASK answer: a bare word for people and CSV, the W3C boolean object for JSON."""
    if fmt == "json":
        out.write(json.dumps({"head": {}, "boolean": value}) + "\n")
    else:
        out.write(("true" if value else "false") + "\n")


def write_table(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO) -> None:
    """An aligned plain-text table, computed over chunks of CHUNK_ROWS rows.

    Widths are taken from the first chunk and only grow after it, and a cell is cut at MAX_CELL
    characters: memory is bounded by one chunk while columns stay aligned in practice.
    """
    widths = [len(v) for v in variables]
    iterator = iter(rows)
    count = 0
    while True:
        chunk = [[_cell(row.get(v)) for v in variables] for row in islice(iterator, CHUNK_ROWS)]
        for cells in chunk:
            widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=False)]
        if count == 0:
            _write_header(variables, widths, out)
        for cells in chunk:
            out.write(_format_row(cells, widths) + "\n")
        count += len(chunk)
        if len(chunk) < CHUNK_ROWS:
            break
    out.write(f"({count} row{'' if count == 1 else 's'})\n")


def _write_header(variables: Sequence[str], widths: Sequence[int], out: TextIO) -> None:
    """The variable names and a rule under them."""
    out.write(_format_row(variables, widths) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")


def _format_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Left-aligned cells separated by two spaces, without trailing blanks."""
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()


def _cell(term: Term | None) -> str:
    """A table cell: compact IRI, lexical form of a literal, one line, at most MAX_CELL characters."""
    text = "" if term is None else compact(term)
    text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def compact(term: Term) -> str:
    """``id:country/PRK`` for a known namespace, ``<iri>`` otherwise; a literal's lexical form.

    Meant for reading, not for pasting into SPARQL: ``id:country/PRK`` is not a valid prefixed
    name there, but it is what a person recognises (and what ``--param`` accepts).
    """
    if isinstance(term, URIRef):
        for prefix, base in PREFIXES.items():
            if term.startswith(base) and _PREFIXED.match(f"{prefix}:{term[len(base):]}"):
                return f"{prefix}:{term[len(base):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def write_csv(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO) -> None:
    """SPARQL 1.1 CSV results: header of variable names, full IRIs, lexical forms, empty if unbound."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(row.get(v)) for v in variables])


def _csv_value(term: Term | None) -> str:
    """One CSV field: the W3C CSV format drops datatypes and writes blank nodes as ``_:id``."""
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def write_json(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO) -> None:
    """SPARQL 1.1 Query Results JSON, written binding by binding so the result never sits in memory."""
    out.write('{"head": {"vars": ' + json.dumps(list(variables)) + '}, "results": {"bindings": [')
    separator = "\n  "
    for row in rows:
        binding = {v: _json_term(t) for v, t in row.items() if t is not None and v in variables}
        out.write(separator + json.dumps(binding, ensure_ascii=False))
        separator = ",\n  "
    out.write("\n]}}\n")


def _json_term(term: Term) -> dict[str, str]:
    """One RDF term in the W3C JSON results form (uri / literal with datatype or xml:lang / bnode)."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        value: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            value["datatype"] = str(term.datatype)
        return value
    return {"type": "literal", "value": str(term)}  # e.g. an RDF-star triple from another store


def _write_triples(triples: Iterable[tuple[Term, Term, Term]], fmt: str, out: TextIO) -> None:
    """CONSTRUCT results: pretty Turtle for people; N-Triples, line by line, for programs."""
    if fmt == "table":
        from rdflib import Graph

        graph = Graph()
        for prefix, base in PREFIXES.items():
            graph.bind(prefix, base, override=True, replace=True)
        for triple in triples:
            graph.add(triple)
        out.write(graph.serialize(format="turtle"))
        return
    for s, p, o in triples:
        out.write(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n")


def _nt(term: Term) -> str:
    """One term in N-Triples syntax."""
    return f"_:{term}" if isinstance(term, BNode) else term.n3()
