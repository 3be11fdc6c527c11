"""Labels beside IRIs: ``sanctions-kg query --labels`` adds, after every IRI column, its label.

A person reads ``id:resolution/8f0ca049…`` as noise; the graph already holds a name for most
things (``rdfs:label``, or ``skos:prefLabel`` where a vocabulary uses it), and the ontology names
its own terms (``skg:AssetFreeze`` is "asset freeze"). Rows stay a stream: labels are looked up
per chunk of rows, in one query per chunk, and remembered, so a large result costs one small
query per thousand rows rather than one per row.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..errors import Errors, QueryError
from ..vocabulary import PREFIXES
from .format import CHUNK_ROWS
from .safety import Term

if TYPE_CHECKING:
    from ..store import QueryResult, Store

Row = Mapping[str, Term | None]
#: IRIs per lookup query: small enough for any endpoint's URL or form limits
LOOKUP_BATCH = 200
LABEL_SUFFIX = "Label"
_LOOKUP = (f"PREFIX rdfs: <{PREFIXES['rdfs']}> PREFIX skos: <{PREFIXES['skos']}>\n"
           "SELECT ?s (MIN(?l) AS ?label) WHERE {{ VALUES ?s {{ {iris} }} ?s rdfs:label|skos:prefLabel ?l }} "
           "GROUP BY ?s")


class LabelledRows:
    """A SELECT result with a ``<var>Label`` column after each IRI column (what ``write_results`` takes).

    A column counts as an IRI column when one of its first CHUNK_ROWS values is an IRI and the
    query has no ``<var>Label`` of its own. A node with several labels shows the smallest, as the
    named queries do (``MIN``); a node without one gets an empty (unbound) label.
    """

    kind = "select"
    boolean: bool | None = None  # read like a QueryResult; a SELECT has no boolean and no triples

    def __init__(self, result: QueryResult, store: Store, timeout: float | None = 30,
                 ontology: Path | None = None) -> None:
        if result.kind != "select":
            raise QueryError(Errors.E075.format(option="--labels", kind=result.kind.upper()))
        self._result = result
        self._store = store
        self._timeout = timeout
        self._ontology = ontology
        self._known: dict[str, Literal | None] = {}
        rows = iter(result)
        first = list(islice(rows, CHUNK_ROWS))
        self.labelled = iri_columns(result.vars, first)
        self.vars = [name for v in result.vars
                     for name in ((v, v + LABEL_SUFFIX) if v in self.labelled else (v,))]
        self._rows: Iterator[Row] = chain(first, rows)

    def __iter__(self) -> Iterator[dict[str, Term | None]]:
        while chunk := list(islice(self._rows, CHUNK_ROWS)):
            self._look_up(iri for row in chunk for v in self.labelled if isinstance(iri := row.get(v), URIRef))
            for row in chunk:
                out = dict(row)
                for v in self.labelled:
                    value = row.get(v)
                    out[v + LABEL_SUFFIX] = self._known.get(str(value)) if isinstance(value, URIRef) else None
                yield out

    def triples(self) -> Iterator[tuple[Term, Term, Term]]:
        """Never called for a SELECT (``write_results`` asks only CONSTRUCT results for triples)."""
        raise QueryError(Errors.E075.format(option="--labels", kind="CONSTRUCT"))

    def close(self) -> None:
        """Release the underlying result (its stream or HTTP response)."""
        self._result.close()

    def _look_up(self, iris: Iterable[URIRef]) -> None:
        """Fill ``_known`` for the IRIs not seen yet: the store first, then the ontology's own terms."""
        new = sorted({str(i) for i in iris} - self._known.keys())
        for start in range(0, len(new), LOOKUP_BATCH):
            batch = new[start:start + LOOKUP_BATCH]
            found = self._store_labels(batch)
            vocabulary = ontology_labels(self._ontology) if self._ontology else {}
            for iri in batch:
                self._known[iri] = found.get(iri) or vocabulary.get(iri)

    def _store_labels(self, iris: Sequence[str]) -> dict[str, Literal]:
        """One query for a batch; each IRI goes into the text only in pyoxigraph's N-Triples form,
        which refuses a malformed IRI (those are left without a label)."""
        terms = []
        for iri in iris:
            try:
                terms.append(str(ox.NamedNode(iri)))
            except ValueError:
                continue
        if not terms:
            return {}
        result = self._store.query(_LOOKUP.format(iris=" ".join(terms)), timeout=self._timeout)
        with result:
            return {str(row["s"]): label for row in result if isinstance(label := row.get("label"), Literal)}


def iri_columns(variables: Sequence[str], rows: Sequence[Row]) -> list[str]:
    """The variables holding an IRI in ``rows`` that have no ``<var>Label`` beside them already."""
    names = set(variables)
    return [v for v in variables if v + LABEL_SUFFIX not in names
            and any(isinstance(row.get(v), URIRef) for row in rows)]


@lru_cache(maxsize=4)
def ontology_labels(path: Path) -> dict[str, Literal]:
    """``rdfs:label``/``skos:prefLabel`` of the ontology's own terms (classes, properties, the
    controlled values), read from its Turtle file; the smallest when a term has several."""
    if not path.is_file():
        return {}
    labels: dict[str, Literal] = {}
    predicates = {str(RDFS.label), str(SKOS.prefLabel)}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value in predicates and isinstance(quad.object, ox.Literal):
            label = Literal(quad.object.value, lang=quad.object.language)
            iri = quad.subject.value
            if iri not in labels or str(label) < str(labels[iri]):
                labels[iri] = label
    return labels
