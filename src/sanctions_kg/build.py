"""Build: files -> documents -> spaCy -> facts -> resolved triples -> one named graph per document.

Documents are read lazily and parsed with ``nlp.pipe`` in batches, so memory does not grow with the
corpus. A document already in the store (same content hash) is skipped; a changed file replaces the
named graph it had before. Each document's graph is checked against the SHACL shapes before it is
written, so a store never takes a graph that violates them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal

from .documents import iter_documents
from .errors import DocumentError, Errors
from .extract import DocumentFacts, extract_document
from .graph import build_document_graph
from .ids import document_iri
from .nlp import build_pipeline
from .records import Document
from .resolve import index_from_store
from .settings import Settings, load_settings
from .store import Store
from .triage import get_triage, triaged
from .validate import validate_graph

SAME_FILE_QUERY = """
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
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

    With ``triage`` (the default) a document in which no cue of ``rules/triage.yml`` occurs is not
    parsed: its document node is stored (so a rebuild skips it) without facts. With ``scheduler``
    (``tcp://HOST:PORT``, ``local:N`` or a ``distributed.Client``) the parse and extraction run on Dask workers
    (:mod:`sanctions_kg.distributed`); identity, graphs, validation and storing stay here.
    """
    settings = settings or load_settings()
    report = BuildReport()

    def record(err: DocumentError) -> None:
        (report.warnings if err.warning else report.errors).append(err)
        if on_error:
            on_error(err)

    docs = _new_documents(iter_documents(paths, settings.max_bytes, record), store, report)
    index = index_from_store(store)
    size = batch_size or settings.batch_size
    pending: list[_Pending] = []
    bar = _progress_bar(progress)
    if triage:
        def skip(document: Document, stale: list[str]) -> None:
            graph = build_document_graph(DocumentFacts(document), index)
            pending.append(_Pending(document, graph, 0, stale, trusted=True))
            if len(pending) >= max(size, settings.validate_batch):
                _flush(pending, store, report, validate, bar)
        docs = triaged(docs, get_triage(settings), skip)
    pairs = _parse(docs, settings, size, n_process, scheduler)
    for parsed, (document, stale) in pairs:
        try:
            facts = _facts(parsed, document)
            pending.append(_Pending(document, build_document_graph(facts, index), len(facts), stale))
        except Exception as exc:  # a rule tripped on one document: report it, keep the others
            record(DocumentError(Errors.E012.format(path=document.path, reason=f"{type(exc).__name__}: {exc}"),
                                 document.path))
        if len(pending) >= max(size, settings.validate_batch):
            _flush(pending, store, report, validate, bar)
    _flush(pending, store, report, validate, bar)
    if bar is not None:
        bar.close()
    return report


def _parse(docs: Iterator[tuple[Document, list[str]]], settings: Settings, size: int, n_process: int,
           scheduler: Any) -> Iterator[tuple[Any, tuple[Document, list[str]]]]:
    """``(parse, (document, stale))`` from ``nlp.pipe`` here, or ``(facts, …)`` from a Dask cluster."""
    if scheduler is not None:
        from .distributed import extract_with_scheduler  # lazily: Dask is only imported when used
        return extract_with_scheduler(docs, settings, scheduler, batch_size=size)
    nlp = build_pipeline(settings)
    pairs = ((d.text, (d, stale)) for d, stale in docs)
    if n_process > 1:
        return nlp.pipe(pairs, as_tuples=True, batch_size=size, n_process=n_process)
    return _in_memory_zones(nlp, pairs, size)


def _in_memory_zones(nlp: Any, pairs: Iterator[tuple[str, Any]], size: int) -> Iterator[tuple[Any, Any]]:
    """``nlp.pipe`` over chunks of documents, each chunk inside ``nlp.memory_zone()``.

    spaCy keeps every new word's string and lexeme in the vocabulary for good, so over a long feed
    memory grows with the words seen; a zone frees what its chunk added. Each parse is extracted
    before the next one is asked for, so it is used while its zone is still open.
    """
    while chunk := list(islice(pairs, ZONE_DOCUMENTS)):
        with nlp.memory_zone():
            yield from nlp.pipe(chunk, as_tuples=True, batch_size=size)


def _facts(parsed: Any, document: Document) -> DocumentFacts:
    """The facts of one document: extracted here from its parse, or as a worker sent them back."""
    if isinstance(parsed, Exception):
        raise parsed
    return parsed if isinstance(parsed, DocumentFacts) else extract_document(parsed, document)


@dataclass(frozen=True)
class _Pending:
    """A document's graph waiting for validation, with the graphs of the file's earlier versions."""

    document: Document
    graph: Graph
    facts: int
    stale: list[str]
    trusted: bool = False  # a triage-rejected document's node alone: written by us, not worth a SHACL run


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


def _flush(pending: list[_Pending], store: Store, report: BuildReport, validate: bool, bar=None) -> None:
    """Validate a batch of document graphs and store the valid ones, each in one transaction.

    The shapes are checked once on the batch's union (one pySHACL run instead of one per document);
    only when that fails is each graph checked alone, so an invalid document never costs the others.
    A changed file's earlier graph is removed only once its new graph is stored: a new version that
    fails keeps the old one.
    """
    if not pending:
        return
    checked = [p.graph for p in pending if not p.trusted]
    batch_ok = not validate or not checked or validate_graph(_union(checked)).conforms
    for item in pending:
        if not batch_ok and not item.trusted:
            result = validate_graph(item.graph)
            if not result.conforms:
                report.invalid.append(f"{item.document.path}: {result.text}")
                continue
        store.add_graph(str(document_iri(item.document.doc_id)), item.graph)
        for old in item.stale:
            store.remove_graph(old)
        report.replaced += bool(item.stale)
        report.added += 1
        report.facts += item.facts
        if bar is not None:
            bar.update(1)
    pending.clear()


def _union(graphs) -> Graph:
    union = Graph()
    for graph in graphs:
        union += graph
    return union


def _progress_bar(enabled: bool | None):
    """A tqdm bar on stderr counting stored documents, when stderr is a terminal (or when asked)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(desc="documents stored", unit="doc", file=sys.stderr)


__all__ = ["BuildReport", "build"]
