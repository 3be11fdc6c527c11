"""What a Dask worker does to a batch of documents: parse, extract, write and check each graph.

A cluster build scales only if the machine that runs ``build`` does little per document. So the
worker does everything that does not depend on other documents: the parse (through
:func:`parse.parse_documents`, as a single-process build does: normalised view, chunks, one failure
per document), the extractors, the document's graph and its SHACL check. The one thing that depends
on other documents is identity (the same vote or launch reported elsewhere, :mod:`resolve`), which
the caller decides in document order. A worker cannot know it, so it writes the graph with the
identities the document gives on its own (a fresh :class:`~resolve.EventIndex`) and sends them back
with the graph. Where the caller's identities are the same - most documents: numbered resolutions and
dated launches are named by their parts - the graph is exactly the one the caller would have
written, since :func:`graph.build_document_graph` depends on nothing else; where they differ, the
caller writes and validates that document itself (:meth:`Prebuilt.graph_for` returns None). That is
what keeps a cluster build's graph equal to a single-process build's.

A graph travels as a tuple of rdflib triples: a pickled ``rdflib.Graph`` measured about 1.4 MB and
0.14 s to load per document (its store and namespace machinery), the triples 15 kB and 1 ms.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import Graph
from spacy.tokens import Doc

from .errors import DocumentError, Errors
from .extract import DocumentFacts, extract_document
from .graph import build_document_graph
from .nlp import build_pipeline
from .parse import Prepared, parse_documents
from .records import Document
from .resolve import EventIndex, Identities
from .settings import Settings
from .textnorm import restore
from .triage import get_triage
from .validate import conforms

Triple = tuple[Any, Any, Any]
Note = tuple[str, str, bool]  # a DocumentError as (message, path, warning): the exception itself does not pickle


@dataclass(frozen=True)
class Prebuilt:
    """One document as a worker left it: its facts and, unless it failed, a written and checked graph.

    ``checked`` is True when the graph passed the shapes on the worker (or validation was off);
    a graph that failed goes back unchecked, so the caller validates it and salvages what it can
    exactly as a single-process build does. ``notes`` are the parse's warnings and errors (E015,
    E017, E012); ``failed`` says the document could not be parsed or extracted and is not stored.
    """

    facts: DocumentFacts | None
    identities: Identities = Identities()
    triples: tuple[Triple, ...] = ()
    checked: bool = False
    notes: tuple[Note, ...] = ()
    failed: bool = False

    def record(self, record: Callable[[DocumentError], None]) -> bool:
        """Report the worker's notes through ``record``; False when the document failed there."""
        for message, path, warning in self.notes:
            record(DocumentError(message, path, warning=warning))
        return not self.failed and self.facts is not None

    def graph_for(self, identities: Identities) -> Graph | None:
        """The worker's graph when it was written with these identities, else None (write it again)."""
        return _graph(self.triples) if identities == self.identities else None


def prebuild_batch(documents: list[Document], settings: Settings, validate: bool = True,
                   triage: bool = True) -> list[Prebuilt]:
    """The worker's task: one :class:`Prebuilt` per document, in the order given.

    With ``triage`` a document that triage rejects is not parsed: it comes back with its document
    node alone, as a single-process build stores it. The others are parsed inside one spaCy memory
    zone (a worker lives for many batches; the words of a feed must not pile up in its vocabulary),
    and their graphs are validated together, one by one only when the batch's union fails.
    """
    nlp = build_pipeline(settings)
    notes: dict[str, list[Note]] = {d.path: [] for d in documents}

    def note(error: DocumentError) -> None:
        notes.setdefault(error.path, []).append((str(error), error.path, error.warning))

    keep = get_triage(settings) if triage else None
    done = {i: _rejected(d) for i, d in enumerate(documents) if keep is not None and not keep(d.text)}
    with nlp.memory_zone():
        todo = ((d, i) for i, d in enumerate(documents) if i not in done)
        for parsed, item in parse_documents(nlp, todo, batch_size=len(documents), n_process=1,
                                            max_bytes=settings.max_bytes, on_error=note):
            done[item.context] = _written(parsed, item)
    results = [done.get(i) or Prebuilt(None, failed=True) for i in range(len(documents))]
    verdicts = _check([() if r.checked else r.triples for r in results], validate)
    return [Prebuilt(r.facts, r.identities, r.triples, r.checked or ok, tuple(notes.get(d.path, ())), r.failed)
            for r, d, ok in zip(results, documents, verdicts, strict=True)]


def _rejected(document: Document) -> Prebuilt:
    """A document triage rejected: its node alone, trusted as the single-process build trusts it."""
    facts = DocumentFacts(document)
    return Prebuilt(facts, Identities(), tuple(build_document_graph(facts, Identities())), checked=True)


def _written(parsed: Doc, item: Prepared[int]) -> Prebuilt:
    """Extract (on the parsed view, evidence mapped back to the original text, as ``build`` does), then
    write the graph with the document's own identities; an extractor's failure is the document's E012."""
    try:
        facts = restore(extract_document(parsed, item.view), item.norm, item.document)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not lose the batch
        path, reason = item.document.path, f"{type(exc).__name__}: {exc}"
        return Prebuilt(None, notes=((Errors.E012.format(path=path, reason=reason), path, False),), failed=True)
    identities = EventIndex().resolve(facts)
    return Prebuilt(facts, identities, tuple(build_document_graph(facts, identities)))


def _check(graphs: list[tuple[Triple, ...]], validate: bool) -> list[bool]:
    """Whether each graph conforms: all at once when their union does, else each alone (an empty
    entry, a graph that needs no check or none at all, gives False; the caller keeps its own verdict)."""
    if not validate:
        return [True] * len(graphs)
    present = [i for i, triples in enumerate(graphs) if triples]
    if present and conforms(_graph(t for i in present for t in graphs[i])):
        return [True] * len(graphs)
    return [bool(triples) and conforms(_graph(triples)) for triples in graphs]


def _graph(triples: Iterator[Triple] | tuple[Triple, ...]) -> Graph:
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


__all__ = ["Prebuilt", "prebuild_batch"]
