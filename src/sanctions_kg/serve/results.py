"""Query results in the formats of the SPARQL 1.1 Protocol, and the choice among them by ``Accept``.

SELECT/ASK: SPARQL Results JSON, XML, CSV and TSV. CONSTRUCT/DESCRIBE: Turtle, JSON-LD, N-Triples.
JSON, CSV and TSV are the query layer's own writers (``sanctions_kg.query``), so the endpoint and
``sanctions-kg query --format json|csv|tsv`` print the same bytes; XML is written here.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..query import PREFIXES, write_csv, write_json, write_tsv

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"
NTRIPLES = "application/n-triples"

#: what a client may ask for, first is the default; aliases map a common type onto one we write
TABULAR = (JSON, XML, CSV, TSV)
GRAPH = (TURTLE, JSONLD, NTRIPLES)
ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML, "application/x-turtle": TURTLE,
           "text/plain": NTRIPLES, "text/n3": TURTLE}

Row = Mapping[str, Identifier | None]


def negotiate(accept: str | None, offered: Sequence[str]) -> str:
    """The offered media type the ``Accept`` header prefers (q-values honoured); the first one otherwise.

    Wildcards and types we do not write fall back to the default rather than to 406, because a
    browser asking for ``text/html`` is better served a result than an error.
    """
    choices: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = ALIASES.get(parts[0].lower(), parts[0].lower())
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media in offered and q > 0:
            choices.append((-q, index, media))
    return min(choices)[2] if choices else offered[0]


def write_select(media: str, variables: Sequence[str], rows: Iterable[Row]) -> str:
    """A SELECT result as text of the given media type."""
    out = io.StringIO()
    if media == JSON:
        write_json(variables, rows, out)
    elif media == CSV:
        write_csv(variables, rows, out)
    elif media == TSV:
        write_tsv(variables, rows, out)
    else:
        _write_xml(variables, rows, out)
    return out.getvalue()


def write_boolean(media: str, value: bool) -> str:
    """An ASK result: the W3C JSON or XML boolean form; a bare word for CSV and TSV."""
    if media == JSON:
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if media == XML:
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n")
    return "true\n" if value else "false\n"


def write_graph(media: str, triples: Iterable[tuple[Identifier, Identifier, Identifier]]) -> str:
    """CONSTRUCT/DESCRIBE triples as Turtle, JSON-LD or N-Triples, with the project prefixes bound."""
    graph = Graph()
    for prefix, base in PREFIXES.items():
        graph.bind(prefix, base, override=True, replace=True)
    for triple in triples:
        graph.add(triple)
    fmt = {TURTLE: "turtle", JSONLD: "json-ld", NTRIPLES: "nt"}[media]
    return graph.serialize(format=fmt)


def _write_xml(variables: Sequence[str], rows: Iterable[Row], out: io.StringIO) -> None:
    """SPARQL Query Results XML Format, every value escaped."""
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    out.write("".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.write("</head>\n<results>\n")
    for row in rows:
        out.write("<result>")
        for name in variables:
            term = row.get(name)
            if term is not None:
                out.write(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.write("</result>\n")
    out.write("</results>\n</sparql>\n")


def _xml_term(term: Identifier) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    if isinstance(term, Literal) and term.language:
        return f'<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>'
    if isinstance(term, Literal) and term.datatype is not None and term.datatype != XSD.string:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"

