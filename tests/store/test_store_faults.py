"""Faults at the store's edges (issue 11, items 1-2): a document is stored whole or not at all on every
back end, a rebuild after any failed request converges to a clean build, and no network wait is endless."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from repo_paths import in_repo
from sanctions_kg.build import build
from sanctions_kg.errors import StoreError
from sanctions_kg.store import EndpointStore, FileStore, OxigraphStore, Store
from sanctions_kg.store.http import NetworkPolicy
from store.proxy import fault_proxy, silent_server

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
REPO = Path(__file__).resolve().parents[2]
FAST = NetworkPolicy(connect_timeout=2.0, read_timeout=5.0, retries=2, backoff=0.01)


def _quads(store: Store) -> set[tuple[str, ...]]:
    """Every quad, the default (union) graph included: the union is what queries read."""
    return {tuple(str(row[k]) for k in ("s", "p", "o", "g")) for row in store.query(ALL_QUADS)}


def _endpoint(base: str, graph_store: bool = False) -> EndpointStore:
    return EndpointStore(f"{base}/query", f"{base}/update", f"{base}/store" if graph_store else None,
                         policy=FAST)


def _build(store: Store) -> None:
    with in_repo():
        build([Path("seeds")], store, validate=False)


@pytest.mark.server
def test_a_document_is_one_update_request_on_an_endpoint(oxigraph_server: str) -> None:
    _endpoint(oxigraph_server).update("DROP ALL")
    with fault_proxy(oxigraph_server) as (proxy, base):
        _build(_endpoint(base, graph_store=True))
    assert proxy.writes == 3  # the three seed documents, one request each


@pytest.mark.server
@pytest.mark.parametrize("mode", ["before", "after"])
def test_a_rebuild_after_a_failure_at_any_request_converges_to_the_clean_build(oxigraph_server: str,
                                                                               mode: str) -> None:
    direct = _endpoint(oxigraph_server)
    direct.update("DROP ALL")
    _build(direct)
    clean = _quads(direct)
    assert clean
    with fault_proxy(oxigraph_server) as (proxy, base):
        direct.update("DROP ALL")
        _build(_endpoint(base))
        total = proxy.count
        assert total >= 6
        failures = 0
        for fail_at in range(1, total + 1):
            direct.update("DROP ALL")
            proxy.count, proxy.fail_at, proxy.mode = 0, fail_at, mode
            try:
                _build(_endpoint(base))
            except StoreError as exc:
                failures += 1
                assert "[E03" in str(exc)
            proxy.fail_at = None
            _build(direct)  # the user runs build again
            assert _quads(direct) == clean, (mode, fail_at)
    assert failures > 0  # the writes are not retried: some failures did reach the build


@pytest.mark.parametrize("kind", ["embedded", "file"])
def test_a_replaced_graph_and_its_successor_change_together(tmp_path: Path, kind: str) -> None:
    from store.data import people
    store: Store = OxigraphStore(tmp_path / "s") if kind == "embedded" else FileStore(tmp_path / "g.trig")
    store.add_graph("http://example.org/old", people("alice", "bob"))
    store.add_graph("http://example.org/new", people("alice", "carol"), replaces=["http://example.org/old"])
    assert store.graph_iris() == ["http://example.org/new"]
    names = {str(r["o"]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")}
    assert "bob" not in names and {"alice", "carol"} <= names
    store.close()


def test_a_server_that_never_answers_fails_with_a_coded_error_in_bounded_time() -> None:
    policy = NetworkPolicy(connect_timeout=1.0, read_timeout=0.3, retries=2, backoff=0.05)
    with silent_server() as base:
        store = EndpointStore(f"{base}/query", f"{base}/update", policy=policy)
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"\[E035\] SPARQL endpoint .*/query gave no answer .*3 attempt"):
            store.has_graph("http://example.org/g")
        assert time.monotonic() - started < 10
        with pytest.raises(StoreError, match=r"\[E035\] SPARQL endpoint .*/update gave no answer .*1 attempt"):
            EndpointStore(f"{base}/query", f"{base}/update", policy=policy, write_timeout=0.3).update("CLEAR ALL")
