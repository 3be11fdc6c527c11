"""Build: files -> documents -> spaCy -> facts -> identities -> triples -> one named graph per document.

Documents are read lazily and parsed with ``nlp.pipe`` in batches, so memory does not grow with the
corpus. A document already in the store (same content hash) is skipped; a changed file replaces the
named graph it had before. Each document's graph is checked against the SHACL shapes before it is
written, so a store never takes a graph that violates them.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal

from .documents import iter_documents
from .errors import DocumentError, Errors
from .extract import extract_document
from .graph import build_document_graph
from .ids import document_iri
from .nlp import build_pipeline
from .records import Document
from .resolve import EventIndex, index_from_store
from .settings import Settings, load_settings
from .store import Store
from .validate import validate_graph
from .vocabulary import sparql_prefixes

SAME_FILE_QUERY = sparql_prefixes("skg") + """
SELECT ?doc WHERE { ?doc a skg:Document ; skg:sourceFile ?path FILTER(?path = ?p) }
"""


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
          on_error: Callable[[DocumentError], None] | None = None, progress: bool | None = None) -> BuildReport:
    """Add the documents under ``paths`` to ``store``; bad files are reported, never fatal."""
    settings = settings or load_settings()
    report = BuildReport()

    def record(err: DocumentError) -> None:
        (report.warnings if err.warning else report.errors).append(err)
        if on_error:
            on_error(err)

    docs = _new_documents(iter_documents(paths, settings.max_bytes, record), store, report)
    nlp = build_pipeline(settings)
    index = index_from_store(store)
    size = batch_size or settings.batch_size
    pairs = nlp.pipe(((d.text, (d, stale)) for d, stale in docs), as_tuples=True, batch_size=size,
                     n_process=n_process)
    pending: list[_Pending] = []
    bar = _progress_bar(progress)
    for parsed, (document, stale) in pairs:
        try:
            facts = extract_document(parsed, document)
            identities = index.resolve(facts)  # identity is decided here; the graph only writes
            pending.append(_Pending(document, build_document_graph(facts, identities), len(facts), stale))
        except Exception as exc:  # a rule tripped on one document: report it, keep the others
            index.discard(document.doc_id)
            record(DocumentError(Errors.E012.format(path=document.path, reason=f"{type(exc).__name__}: {exc}"),
                                 document.path))
        if len(pending) >= max(size, settings.validate_batch):
            _flush(pending, store, report, validate, bar, index)
    _flush(pending, store, report, validate, bar, index)
    if bar is not None:
        bar.close()
    return report


@dataclass(frozen=True)
class _Pending:
    """A document's graph waiting for validation, with the graphs of the file's earlier versions."""

    document: Document
    graph: Graph
    facts: int
    stale: list[str]


def _new_documents(docs: Iterator[Document], store: Store, report: BuildReport) -> Iterator[tuple[Document, list[str]]]:
    """Skip documents whose content is already stored; pair the rest with their file's stored graphs."""
    for doc in docs:
        if store.has_graph(str(document_iri(doc.doc_id))):
            report.unchanged += 1
            continue
        stale = [str(r["doc"]) for r in store.query(SAME_FILE_QUERY, bindings={"p": Literal(doc.path)})]
        yield doc, stale


def _flush(pending: list[_Pending], store: Store, report: BuildReport, validate: bool, bar=None,
           index: EventIndex | None = None) -> None:
    """Validate a batch of document graphs and store the valid ones, each in one transaction.

    The shapes are checked once on the batch's union (one pySHACL run instead of one per document);
    only when that fails is each graph checked alone, so an invalid document never costs the others.
    A changed file's earlier graph is removed only once its new graph is stored: a new version that
    fails keeps the old one. The event index learns a document's events only once its graph is
    stored, so a rejected document leaves no trace in the identities of later batches.
    """
    if not pending:
        return
    batch_ok = not validate or validate_graph(_union(p.graph for p in pending)).conforms
    for item in pending:
        if not batch_ok:
            result = validate_graph(item.graph)
            if not result.conforms:
                report.invalid.append(f"{item.document.path}: {result.text}")
                if index is not None:
                    index.discard(item.document.doc_id)
                continue
        store.add_graph(str(document_iri(item.document.doc_id)), item.graph)
        if index is not None:
            index.commit(item.document.doc_id)
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
