"""Writing results as they arrive: an aligned table in bounded chunks, CSV, TSV, JSON Lines and
Markdown row by row, SPARQL JSON binding by binding, so a query with millions of rows does not have
to fit in memory.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import Errors, FormatError
from ..vocabulary import PREFIXES
from .safety import _PREFIXED, Term

if TYPE_CHECKING:
    from ..store import QueryResult
    from .labels import LabelledRows

FORMATS = ("table", "csv", "json", "jsonl", "tsv", "markdown")
#: formats for people: compact IRIs, cells cut at ``max_width``, CONSTRUCT as Turtle
PEOPLE_FORMATS = ("table", "markdown")
CHUNK_ROWS = 1000
MAX_CELL = 80
#: the cell width each people format cuts at unless told otherwise (0: no cut)
DEFAULT_WIDTH = {"table": MAX_CELL, "markdown": 0}


def write_results(result: QueryResult | LabelledRows, fmt: str, out: TextIO, max_width: int | None = None) -> None:
    """Write ``result`` to ``out`` in format ``fmt`` (one of FORMATS) without holding all rows.

    SELECT: an aligned table or a Markdown table (compact IRIs, cells cut at ``max_width``
    characters, 0 for no cut; default 80 for the table, none for Markdown), CSV, TSV (both the
    SPARQL 1.1 forms), SPARQL 1.1 Query Results JSON, or JSON Lines (one object per row). ASK:
    ``true``/``false`` (JSON and JSON Lines: ``{"head": {}, "boolean": ...}``). CONSTRUCT/DESCRIBE:
    Turtle for the people formats (readable, so buffered), N-Triples streamed for the others.
    """
    if fmt not in FORMATS:
        raise FormatError(Errors.E071.format(fmt=fmt, known=", ".join(FORMATS)))
    if result.kind == "ask":
        _write_boolean(bool(result.boolean), fmt, out)
    elif result.kind == "select":
        width = DEFAULT_WIDTH.get(fmt, 0) if max_width is None else max_width
        if fmt == "table":
            write_table(result.vars, result, out, max_width=width)
        elif fmt == "markdown":
            write_markdown(result.vars, result, out, max_width=width)
        else:
            {"csv": write_csv, "json": write_json, "jsonl": write_jsonl, "tsv": write_tsv}[fmt](
                result.vars, result, out)
    else:
        _write_triples(result.triples(), fmt, out)


def _write_boolean(value: bool, fmt: str, out: TextIO) -> None:
    """ASK answer: a bare word for people, CSV and TSV, the W3C boolean object for JSON (one line)."""
    if fmt in ("json", "jsonl"):
        out.write(json.dumps({"head": {}, "boolean": value}) + "\n")
    else:
        out.write(("true" if value else "false") + "\n")


def write_table(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO,
                max_width: int = MAX_CELL) -> None:
    """An aligned plain-text table, computed over chunks of CHUNK_ROWS rows.

    Widths are taken from the first chunk and only grow after it, and a cell is cut at ``max_width``
    characters (0: never): memory is bounded by one chunk while columns stay aligned in practice.
    """
    widths = [len(v) for v in variables]
    iterator = iter(rows)
    count = 0
    while True:
        chunk = [[_cell(row.get(v), max_width) for v in variables] for row in islice(iterator, CHUNK_ROWS)]
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


def _cell(term: Term | None, max_width: int = MAX_CELL) -> str:
    """A table cell: compact IRI, lexical form of a literal, one line, at most ``max_width`` characters
    (0: no limit)."""
    text = "" if term is None else compact(term)
    text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return text if not max_width or len(text) <= max_width else text[: max_width - 1] + "…"


def write_markdown(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO,
                   max_width: int = 0) -> None:
    """A GitHub-flavoured Markdown table, row by row: cells as in the table (compact IRIs, one line,
    cut at ``max_width`` when it is above 0), with ``|`` and ``\\`` escaped so no value breaks a row."""
    out.write("| " + " | ".join(_markdown_text(v) for v in variables) + " |\n")
    out.write("|" + "|".join("---" for _ in variables) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_markdown_text(_cell(row.get(v), max_width)) for v in variables) + " |\n")


def _markdown_text(text: str) -> str:
    """Escape what would end a cell or start an escape."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


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


def write_jsonl(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO) -> None:
    """JSON Lines: one object per row with every variable (null if unbound), for ``jq`` and pandas.

    IRIs are full strings, blank nodes ``_:id``, integers and booleans JSON numbers and booleans,
    every other literal its lexical form (the datatype is in the SPARQL JSON form, ``--format json``).
    """
    for row in rows:
        out.write(json.dumps({v: _plain(row.get(v)) for v in variables}, ensure_ascii=False) + "\n")


_INTEGER_TYPES = {str(XSD[name]) for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _plain(term: Term | None) -> object:
    """One JSON Lines value: see :func:`write_jsonl`; a malformed number stays a string."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.datatype is not None:
        text = str(term).strip()
        if str(term.datatype) in _INTEGER_TYPES and text.lstrip("+-").isdigit():
            return int(text)
        if term.datatype == XSD.boolean and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
    return str(term)


def write_tsv(variables: Sequence[str], rows: Iterable[Mapping[str, Term | None]], out: TextIO) -> None:
    """SPARQL 1.1 TSV results: ``?var`` headers, terms in Turtle syntax, tabs and newlines escaped
    (the same bytes as the endpoint's ``text/tab-separated-values``)."""
    out.write("\t".join(f"?{v}" for v in variables) + "\n")
    for row in rows:
        out.write("\t".join(_tsv_term(row.get(v)) for v in variables) + "\n")


def _tsv_term(term: Term | None) -> str:
    """One TSV field: empty if unbound, else the N-Triples/Turtle form on one line."""
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


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
    if fmt in PEOPLE_FORMATS:
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
