"""What the pages show, read from the store with parameterised SPARQL.

Every value from the request (an IRI, a search text) is bound as an RDF term through the query
layer (``sanctions_kg.query.run_query``), never pasted into query text. Lists are capped so that a
page about a much-connected thing (a country) stays small.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ..namespace import ID, SKG
from ..query import PREFIXES, compact, run_query
from ..store import Store
from .highlight import Span

RDFS_LABEL = URIRef(PREFIXES["rdfs"] + "label")
ALT_LABEL = URIRef(PREFIXES["skos"] + "altLabel")
RDF_TYPE = URIRef(PREFIXES["rdf"] + "type")
NEIGHBOURS = 500
EVIDENCE = 300

OUTGOING = """SELECT ?p ?o (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?s ?p ?o OPTIONAL { ?o rdfs:label ?l } OPTIONAL { ?o a ?t } } GROUP BY ?p ?o ORDER BY ?p ?o LIMIT 500"""
INCOMING = """SELECT ?s ?p (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?s ?p ?o OPTIONAL { ?s rdfs:label ?l } OPTIONAL { ?s a ?t } } GROUP BY ?s ?p ORDER BY ?p ?s LIMIT 500"""
#: the thing's own evidence, then that of the facts it points to and of those pointing to it
#: (three queries, so the bound IRI sits in a triple pattern and the store can use its indexes)
EVIDENCE_TAIL = """ ?fact prov:wasDerivedFrom ?ev . ?ev skg:inDocument ?doc ; skg:quote ?quote ;
  skg:charStart ?start ; skg:charEnd ?end } ORDER BY ?doc ?start LIMIT 300"""
EVIDENCE_QUERIES = (
    "SELECT DISTINCT ?fact ?ev ?doc ?quote ?start ?end WHERE { BIND(?thing AS ?fact)" + EVIDENCE_TAIL,
    "SELECT DISTINCT ?fact ?ev ?doc ?quote ?start ?end WHERE { ?thing ?p ?fact ." + EVIDENCE_TAIL,
    "SELECT DISTINCT ?fact ?ev ?doc ?quote ?start ?end WHERE { ?fact ?q ?thing ." + EVIDENCE_TAIL,
)
DOCUMENT_EVIDENCE = """SELECT DISTINCT ?fact ?ev ?quote ?start ?end WHERE {
  ?ev skg:inDocument ?doc ; skg:quote ?quote ; skg:charStart ?start ; skg:charEnd ?end .
  ?fact prov:wasDerivedFrom ?ev } ORDER BY ?start ?end LIMIT 2000"""
DOCUMENT_META = """SELECT ?title ?publisher ?issued ?source ?file ?hash WHERE { ?doc a skg:Document
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc dcterms:issued ?issued } OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?doc skg:sourceFile ?file } OPTIONAL { ?doc skg:contentHash ?hash } } LIMIT 1"""
SEARCH = """SELECT ?thing (SAMPLE(?l) AS ?label) (SAMPLE(?m) AS ?matched) (SAMPLE(?t) AS ?type) WHERE {
  ?thing rdfs:label|skos:altLabel ?m FILTER(CONTAINS(LCASE(STR(?m)), LCASE(STR(?text))))
  OPTIONAL { ?thing rdfs:label ?l } OPTIONAL { ?thing a ?t } } GROUP BY ?thing ORDER BY ?label LIMIT 100"""
CAPTION = """SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE { ?s ?p ?o OPTIONAL { ?o rdfs:label ?l } }
  GROUP BY ?p ?o"""


@dataclass
class Link:
    """A node shown on a page: its IRI, where it is served (empty if elsewhere) and its caption."""

    iri: str
    href: str
    text: str
    kind: str = ""


@dataclass
class Fact:
    """One triple about the thing, seen from the thing: predicate and the other end."""

    predicate: str
    value: Link | str
    incoming: bool = False


@dataclass
class DocumentInfo:
    """A document's metadata and its evidence spans (filled per page)."""

    iri: str
    href: str
    title: str = ""
    publisher: str = ""
    issued: str = ""
    source: str = ""
    source_file: str = ""
    content_hash: str = ""
    spans: list[Span] = field(default_factory=list)

    @property
    def source_href(self) -> str:
        """The source URL when it is http(s); a ``javascript:`` or other scheme is shown, never linked."""
        return self.source if self.source.lower().startswith(("http://", "https://")) else ""


class Data:
    """Read-only lookups for the pages, over one store, each under the server's time limit."""

    def __init__(self, store: Store, timeout: float = 30.0) -> None:
        self.store = store
        self.timeout = timeout

    def rows(self, sparql: str, **params: Identifier) -> list[dict[str, Any]]:
        """The rows of a SELECT (terms or None); values are read loosely, hence ``Any``."""
        result = run_query(self.store, sparql, params=params or None, timeout=self.timeout)
        assert result is not None
        with result:
            return list(result)

    def exists(self, iri: str) -> bool:
        return bool(self.rows("SELECT ?p WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } } LIMIT 1", s=URIRef(iri)))

    def labels(self, iri: str) -> tuple[str, list[str], list[str]]:
        """(preferred label, alternate labels, types as compact names) of a node."""
        label, alts, types = "", [], []
        for row in self.rows("SELECT ?p ?o WHERE { ?s ?p ?o VALUES ?p { rdfs:label skos:altLabel rdf:type } }",
                             s=URIRef(iri)):
            value = row["o"]
            if row["p"] == RDFS_LABEL and (not label or _english(value)):
                label = str(value)
            elif row["p"] == ALT_LABEL:
                alts.append(str(value))
            elif row["p"] == RDF_TYPE and value is not None:
                types.append(compact(value))
        return label, sorted(set(alts)), sorted(set(types))

    def facts(self, iri: str) -> list[Fact]:
        """Every triple about ``iri``: outgoing first (objects linked), then incoming (subjects linked)."""
        node = URIRef(iri)
        facts = [Fact(compact(r["p"]), self._value(r["o"], r.get("label"), r.get("type")))
                 for r in self.rows(OUTGOING, s=node)]
        facts += [Fact(compact(r["p"]), self._value(r["s"], r.get("label"), r.get("type")), incoming=True)
                  for r in self.rows(INCOMING, o=node)]
        return facts

    def _value(self, term: Identifier | None, label: Identifier | None, kind: Identifier | None) -> Link | str:
        if isinstance(term, URIRef):
            return self.link(term, str(label) if label is not None else None, kind)
        return "" if term is None else str(term)

    def link(self, term: Identifier, label: str | None = None, kind: Identifier | None = None) -> Link:
        """A link to a node: served here when under ``id:``, an external link otherwise."""
        iri = str(term)
        href = local_href(iri) or (iri if iri.startswith(("http://", "https://")) and not _is_term(iri) else "")
        text = label or (self.caption(iri) if local_href(iri) else compact(term))
        return Link(iri, href, text, compact(kind) if kind is not None else "")

    def caption(self, iri: str) -> str:
        """A readable name for a fact node without a label (a vote, a launch, a designation)."""
        parts: dict[str, str] = {}
        for row in self.rows(CAPTION, s=URIRef(iri)):
            key = compact(row["p"]) if row["p"] is not None else ""
            value = row.get("label") or row["o"]
            if key not in parts and value is not None:
                parts[key] = compact(value).removeprefix("skg:") if isinstance(value, URIRef) else str(value)
        kind = parts.get("rdf:type", "").removeprefix("skg:")
        keys = _CAPTION_KEYS.get(kind, ())
        detail = ", ".join(parts[k] for k in keys if k in parts)
        return f"{kind or 'thing'}: {detail}" if detail else compact(URIRef(iri))

    def evidence(self, iri: str) -> list[DocumentInfo]:
        """The evidence of the thing and of the facts next to it, grouped by document."""
        documents: dict[str, DocumentInfo] = {}
        captions: dict[str, str] = {}
        seen: set[str] = set()
        rows = [row for sparql in EVIDENCE_QUERIES for row in self.rows(sparql, thing=URIRef(iri))]
        for row in rows[:EVIDENCE]:
            if f"{row['fact']} {row['ev']}" in seen:
                continue
            seen.add(f"{row['fact']} {row['ev']}")
            doc = str(row["doc"])
            if doc not in documents:
                documents[doc] = self.document(doc)
            fact = str(row["fact"])
            captions.setdefault(fact, self.caption(fact))
            documents[doc].spans.append(_span(row, fact, captions[fact]))
        return list(documents.values())

    def document(self, iri: str, with_spans: bool = False) -> DocumentInfo:
        """A document's metadata; with ``with_spans`` every evidence span found in it."""
        rows = self.rows(DOCUMENT_META, doc=URIRef(iri))
        row: Mapping[str, Any] = rows[0] if rows else {}
        info = DocumentInfo(iri, local_href(iri), title=_text(row.get("title")), publisher=_text(row.get("publisher")),
                            issued=_text(row.get("issued")), source=_text(row.get("source")),
                            source_file=_text(row.get("file")), content_hash=_text(row.get("hash")))
        if with_spans:
            captions: dict[str, str] = {}
            for span_row in self.rows(DOCUMENT_EVIDENCE, doc=URIRef(iri)):
                fact = str(span_row["fact"])
                captions.setdefault(fact, self.caption(fact))
                info.spans.append(_span(span_row, fact, captions[fact]))
        return info

    def search(self, text: str) -> list[Link]:
        """Things whose label or alternate label contains ``text`` (case-insensitive)."""
        if not text.strip():
            return []
        found = []
        for row in self.rows(SEARCH, text=Literal(text.strip())):
            link = self.link(row["thing"], _text(row.get("label")) or _text(row.get("matched")), row.get("type"))
            found.append(link)
        return found


_CAPTION_KEYS: dict[str, tuple[str, ...]] = {
    "Vote": ("skg:voter", "skg:position", "skg:onResolution"),
    "Designation": ("skg:designee", "skg:measure", "skg:status", "skg:designatedBy"),
    "MissileLaunch": ("skg:launchedBy", "skg:launchDate", "skg:missileType", "skg:launchSite"),
    "ImportCap": ("skg:capOn", "skg:commodity", "skg:limitBefore", "skg:limitAfter"),
    "Resolution": ("rdfs:label",),
    "DesignationProposal": ("rdfs:label",),
    "Person": ("rdfs:label",),
    "Document": ("dcterms:title",),
}


def local_href(iri: str) -> str:
    """``/id/X`` for ``https://w3id.org/sanctions-kg/id/X``; empty for any other IRI."""
    base = str(ID)
    return "/id/" + iri[len(base):] if iri.startswith(base) and len(iri) > len(base) else ""


def _is_term(iri: str) -> bool:
    """True for an ontology term (skg:Against): shown by name, not linked."""
    return iri.startswith(str(SKG._NS))


def _english(value: Identifier | None) -> bool:
    return isinstance(value, Literal) and value.language in (None, "en")


def _text(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def _span(row: Mapping[str, Identifier | None], fact: str, caption: str) -> Span:
    return Span(int(str(row["start"])), int(str(row["end"])), str(row["quote"]), local_href(fact), caption)
