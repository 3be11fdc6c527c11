"""Build: files -> documents -> spaCy -> facts -> identities -> triples -> one named graph per document.

Documents are read lazily and parsed with ``nlp.pipe`` in batches, so memory does not grow with the
corpus. A document already in the store (same content hash) is skipped; a changed file replaces the
named graph it had before. Each document's graph is checked against the SHACL shapes before it is
written, so a store never takes a graph that violates them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from spacy.tokens import Doc

from .documents import iter_documents
from .errors import DocumentError, Errors
from .extract import DocumentFacts, extract_document
from .graph import build_document_graph
from .heap import long_lived_frozen, memory_zones
from .ids import document_iri
from .nlp import build_pipeline
from .parse import Prepared, parse_documents
from .records import Document
from .resolve import EventIndex, Identities, index_from_store
from .salvage import salvage_graph
from .settings import Settings, load_settings
from .store import Store, check_reachable
from .textnorm import restore
from .triage import get_triage, triaged
from .validate import conforms, validate_graph
from .vocabulary import sparql_prefixes

SAME_FILE_QUERY = sparql_prefixes("skg") + """
SELECT ?doc WHERE { ?doc a skg:Document ; skg:sourceFile ?path FILTER(?path = ?p) }
"""

ANY_GRAPH_QUERY = "ASK { GRAPH ?g { ?s ?p ?o } }"
ZONE_DOCUMENTS = 256  # documents parsed in one spaCy memory zone


@dataclass
class BuildReport:
    """What a build did, for the CLI's summary line and the tests."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    facts: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[DocumentError] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.invalid)


def build(paths: Sequence[Path], store: Store, settings: Settings | None = None, *,
          batch_size: int | None = None, n_process: int = 1, validate: bool = True,
          on_error: Callable[[DocumentError], None] | None = None, progress: bool | None = None,
          triage: bool = True, scheduler: Any = None) -> BuildReport:
    """Add the documents under ``paths`` to ``store``; bad files are reported, never fatal.

    First every document is read and its content hash looked up in the store; only if one is new
    are triage, the spaCy model (or the Dask cluster) and the event index loaded, so an unchanged
    rebuild costs the reading and the look-ups alone. The new documents are then read again, one
    at a time (a second read costs far less than holding a corpus in memory), and parsed.

    With ``triage`` (the default) a document in which no cue of ``rules/triage.yml`` occurs is not
    parsed: its document node is stored (so a rebuild skips it) without facts. With ``scheduler``
    (``tcp://HOST:PORT``, ``local:N`` or a ``distributed.Client``) triage, parse, extraction, graphs and
    validation run on Dask workers (:mod:`sanctions_kg.distributed`); identity and storing stay here, and
    a graph a worker wrote with other identities is written again here (:mod:`sanctions_kg.prebuilt`).
    """
    settings = settings or load_settings()
    report = BuildReport()
    bar: _Progress | None = None

    def record(err: DocumentError) -> None:
        (report.warnings if err.warning else report.errors).append(err)
        if bar is not None and not err.warning:  # a new document that will not be stored
            bar.lost()
        if on_error:
            on_error(err)

    check_reachable(store)  # before the model: a server that is down is reported at once
    todo = _unstored(iter_documents(paths, settings.max_bytes, record), store, report)
    if not todo:
        return report  # everything is stored already: no triage, no model, no cluster is loaded
    bar = _progress_bar(progress, len(todo))
    reread = iter_documents([Path(p) for p in todo], settings.max_bytes, _errors_only(record))
    docs: Iterator[tuple[Document, list[str]]] = ((doc, todo[doc.path]) for doc in reread)
    index = index_from_store(store)
    size = batch_size or settings.batch_size
    pending = _Queue(settings.store_batch, settings.store_triples)
    if triage and scheduler is None:  # on a cluster, the workers triage
        def skip(document: Document, stale: list[str]) -> None:
            facts = DocumentFacts(document)
            graph = build_document_graph(facts, index.resolve(facts))
            if pending.add(_Pending(document, graph, 0, stale, trusted=True)):
                _flush(pending.take(), store, report, validate, bar, index, record, settings.validate_batch)
        docs = triaged(docs, get_triage(settings), skip)
    # closed on any way out (an error, Ctrl-C): its frozen heap is thawed then, not when collected
    with closing(_facts_stream(docs, settings, size, n_process, scheduler, record, bar,
                               (validate, triage))) as stream:
        for found, document, stale in stream:
            try:
                facts = _facts(found, document)
                identities = index.resolve(facts)  # identity is decided here; the graph only writes
                full = pending.add(_pending(found, document, facts, identities, stale))
            except Exception as exc:  # a rule tripped on one document: report it, keep the others
                index.discard(document.doc_id)
                record(DocumentError(Errors.E012.format(path=document.path, reason=f"{type(exc).__name__}: {exc}"),
                                     document.path))
                continue
            if full:
                _flush(pending.take(), store, report, validate, bar, index, record, settings.validate_batch)
    _flush(pending.take(), store, report, validate, bar, index, record, settings.validate_batch)
    if bar is not None:
        bar.close()
    return report


def _facts_stream(docs: Iterator[tuple[Document, list[str]]], settings: Settings, size: int, n_process: int,
                  scheduler: Any, record: Callable[[DocumentError], None],
                  bar: _Progress | None = None,
                  checks: tuple[bool, bool] = (True, True)) -> Generator[tuple[Any, Document, list[str]]]:
    """``(facts or parse failure, document, stale)``: extracted here after :func:`parse.parse_documents`
    (normalised view, chunked long texts, one failure per document), or a ``Prebuilt`` (triaged,
    parsed, extracted, written and, as ``checks`` = (validate, triage) say, checked) sent back by Dask
    workers, whose notes are recorded here.

    The model (or the cluster) is loaded only once a document has passed triage: a batch of new
    documents that triage rejects all is stored without it.
    """
    first = next(docs, None)
    if first is None:
        return
    docs = chain([first], docs)
    if scheduler is not None:
        from .distributed import extract_with_scheduler  # lazily: Dask is only imported when used
        if bar is not None:
            bar.say(f"loading model {settings.model} on the Dask workers …")
        validate, triage = checks
        for found, (document, stale) in extract_with_scheduler(docs, settings, scheduler, batch_size=size,
                                                               validate=validate, triage=triage):
            if found.record(record):
                yield found, document, stale
        return
    if bar is not None:
        bar.say(f"loading model {settings.model} …")
    nlp = build_pipeline(settings)
    if bar is not None:
        bar.unpause()  # the load is no part of the rate the ETA is drawn from
    with long_lived_frozen():
        for zone in memory_zones(nlp, docs, n_process, ZONE_DOCUMENTS):
            for parsed, item in parse_documents(nlp, zone, batch_size=size, n_process=n_process,
                                                max_bytes=settings.max_bytes, on_error=record):
                try:
                    yield _extract(parsed, item), item.document, item.context
                except Exception as exc:  # reported as this document's E012 by the caller
                    yield exc, item.document, item.context


def _extract(parsed: Doc, item: Prepared[list[str]]) -> DocumentFacts:
    """The document's facts, found on the text spaCy parsed (the normalised view, see ``parse.py``),
    with every evidence span mapped back to the original text by :func:`textnorm.restore`."""
    return restore(extract_document(parsed, item.view), item.norm, item.document)


def _facts(found: Any, document: Document) -> DocumentFacts:
    """The facts of one document, or the failure met while finding them (raised here, reported as E012)."""
    if isinstance(found, Exception):
        raise found
    facts = getattr(found, "facts", found)  # a Dask worker's Prebuilt carries them
    return facts if isinstance(facts, DocumentFacts) else extract_document(found, document)


def _pending(found: Any, document: Document, facts: DocumentFacts, identities: Identities,
             stale: list[str]) -> _Pending:
    """The document's graph, waiting for validation; a Dask worker's graph is taken when it was written
    with these identities, and needs no second check when it passed the shapes there."""
    graph = found.graph_for(identities) if hasattr(found, "graph_for") else None
    if graph is not None:
        return _Pending(document, graph, len(facts), stale, trusted=found.checked)
    return _Pending(document, build_document_graph(facts, identities), len(facts), stale)


@dataclass(frozen=True)
class _Pending:
    """A document's graph waiting for validation, with the graphs of the file's earlier versions."""

    document: Document
    graph: Graph
    facts: int
    stale: list[str]
    trusted: bool = False  # a triage-rejected document's node alone: written by us, not worth a SHACL run


@dataclass
class _Queue:
    """The graphs waiting to be validated and stored, counted in documents and in triples.

    A store write comes at ``documents`` documents or ``triples`` triples, whichever is first: in a feed
    where few documents pass triage, the parsed ones would otherwise wait together for the end, and
    their graphs (about 1.7 KB a triple in rdflib) and the one large write after them made the peak
    memory grow with the feed (bench/README.md, "memory_5000_vs_500")."""

    documents: int
    triples: int
    items: list[_Pending] = field(default_factory=list)
    waiting: int = 0

    def add(self, item: _Pending) -> bool:
        """Queue ``item``; True when the queue is full and must be written."""
        self.items.append(item)
        self.waiting += len(item.graph)
        return len(self.items) >= self.documents or self.waiting >= self.triples

    def take(self) -> list[_Pending]:
        """The queued graphs, in order; the queue is empty afterwards."""
        items, self.items, self.waiting = self.items, [], 0
        return items


def _unstored(docs: Iterator[Document], store: Store, report: BuildReport) -> dict[str, list[str]]:
    """The path of each document whose content is not stored yet, with its file's stored graphs.

    Paths only, in reading order: the texts are read again when parsed, so a large corpus is never
    held in memory, and its count is the progress bar's total.
    """
    return {doc.path: stale for doc, stale in _new_documents(docs, store, report)}


def _errors_only(record: Callable[[DocumentError], None]) -> Callable[[DocumentError], None]:
    """The callback for reading the new documents again: their warnings (E016) were said the first time."""
    def report(err: DocumentError) -> None:
        if not err.warning:
            record(err)
    return report


def _new_documents(docs: Iterator[Document], store: Store, report: BuildReport) -> Iterator[tuple[Document, list[str]]]:
    """Skip documents whose content is already stored; pair the rest with their file's stored graphs.

    Into a store that was empty when the build began no file has an earlier graph, so the per-document
    query for one is left out (it cost about as much as triage).
    """
    empty = not store.query(ANY_GRAPH_QUERY).boolean
    for doc in docs:
        if store.has_graph(str(document_iri(doc.doc_id))):
            report.unchanged += 1
            continue
        stale = [] if empty else [str(r["doc"]) for r in store.query(SAME_FILE_QUERY,
                                                                       bindings={"p": Literal(doc.path)})]
        yield doc, stale


def _flush(pending: list[_Pending], store: Store, report: BuildReport, validate: bool, bar: _Progress | None = None,
           index: EventIndex | None = None, record: Callable[[DocumentError], None] | None = None,
           chunk: int = 64) -> None:
    """Validate document graphs, ``chunk`` at a time, and store the valid ones with one ``add_graphs``
    (the embedded store's bulk loader), each document still whole or not at all.

    The shapes are checked once on a chunk's union (one pySHACL run instead of one per document);
    only when that fails is each graph checked alone, so an invalid document never costs the others,
    and a failing graph loses only its failing facts (:func:`_salvage`).
    A changed file's earlier graph is removed in the same transaction that stores its new graph: a new
    version that fails keeps the old one, and a crash cannot leave both. The event index learns a
    document's events only once its graph is stored, so a rejected document leaves no trace in the
    identities of later batches.
    """
    ready = [item for start in range(0, len(pending), chunk)
             for item in _checked(pending[start:start + chunk], validate, report, index, record, bar)]
    if ready:
        store.add_graphs([(str(document_iri(i.document.doc_id)), i.graph, i.stale) for i in ready])
    for item in ready:
        if index is not None:
            index.commit(item.document.doc_id)
        report.replaced += bool(item.stale)
        report.added += 1
        report.facts += item.facts
        if bar is not None:
            bar.stored()
    pending.clear()


def _checked(pending: list[_Pending], validate: bool, report: BuildReport, index: EventIndex | None,
             record: Callable[[DocumentError], None] | None, bar: _Progress | None = None) -> list[_Pending]:
    """The documents of one chunk that may be stored, a failing graph salvaged; the others discarded."""
    checked = [p.graph for p in pending if not p.trusted]
    batch_ok = not validate or not checked or conforms(_union(checked))
    ready: list[_Pending] = []
    for item in pending:
        if not batch_ok and not item.trusted:
            salvaged = _salvage(item, report, record)
            if salvaged is None:
                if index is not None:
                    index.discard(item.document.doc_id)
                if bar is not None:
                    bar.lost()
                continue
            item = salvaged
        ready.append(item)
    return ready


def _salvage(item: _Pending, report: BuildReport,
             record: Callable[[DocumentError], None] | None) -> _Pending | None:
    """The document's graph validated alone; a failing fact is dropped with an E034 warning.

    None (and the document counted invalid) only when a violation cannot be traced to a fact.
    """
    result = validate_graph(item.graph)
    if result.conforms:
        return item
    salvage = salvage_graph(item.graph, result)
    if salvage.graph is None:
        report.invalid.append(f"{item.document.path}: {salvage.report.text}")
        return None
    for fact in salvage.dropped:
        warning = DocumentError(Errors.E034.format(path=item.document.path, shape=fact.shape, message=fact.message,
                                                  quote=" ".join(fact.quote.split())), item.document.path, warning=True)
        if record is not None:
            record(warning)
        else:
            report.warnings.append(warning)
    return _Pending(item.document, salvage.graph, max(item.facts - len(salvage.dropped), 0), item.stale)


def _union(graphs) -> Graph:
    """One graph holding the triples of ``graphs``, for one SHACL run over a chunk (see :func:`_checked`);
    without context indexes, as the document graphs are, since nothing here is a named graph."""
    union = Graph(store="SimpleMemory")
    union.addN((s, p, o, union) for graph in graphs for s, p, o in graph)
    return union


class _Progress:
    """A tqdm bar on stderr: documents stored out of the new documents found, with rate and ETA.

    A new document that fails (bad file, E012, invalid graph) is taken off the total, so the bar
    ends full; messages such as "loading model …" are written above it.
    """

    def __init__(self, total: int) -> None:
        from tqdm import tqdm
        self.bar = tqdm(total=total, desc="documents stored", unit="doc", file=sys.stderr)

    def say(self, message: str) -> None:
        self.bar.write(message, file=sys.stderr)

    def stored(self) -> None:
        self.bar.update(1)

    def lost(self) -> None:
        self.bar.total = max((self.bar.total or 0) - 1, self.bar.n)
        self.bar.refresh()

    def unpause(self) -> None:
        self.bar.unpause()

    def close(self) -> None:
        self.bar.close()


def _progress_bar(enabled: bool | None, total: int) -> _Progress | None:
    """The progress bar for ``total`` new documents, when stderr is a terminal (or when asked)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return _Progress(total) if enabled else None


__all__ = ["BuildReport", "build"]
