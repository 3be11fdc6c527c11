"""Fixtures: a real Oxigraph server for the session, and one fresh store per backend per test."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctions_kg.store import EndpointStore, FileStore, OxigraphStore, Store
from store.server import start_oxigraph_server

BACKENDS = ["embedded", "file", "endpoint", "endpoint-update"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``oxigraph serve`` on 127.0.0.1 (5 s server limit)."""
    with start_oxigraph_server(tmp_path_factory.mktemp("oxigraph"), timeout_s=5) as base_url:
        yield base_url


def _endpoint(base_url: str, graph_store: bool) -> EndpointStore:
    """An endpoint store on the shared server, emptied first so tests do not see each other."""
    endpoint = EndpointStore(
        f"{base_url}/query",
        f"{base_url}/update",
        f"{base_url}/store" if graph_store else None,
        batch_size=2,  # several INSERT DATA requests even for the small test graphs
    )
    endpoint.update("DROP ALL")
    return endpoint


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same behaviour suite runs against each implementation."""
    kind = request.param
    if kind == "embedded":
        opened: Store = OxigraphStore(tmp_path / "store")
    elif kind == "file":
        opened = FileStore(tmp_path / "graph.trig")
    else:
        opened = _endpoint(request.getfixturevalue("oxigraph_server"), graph_store=kind == "endpoint")
    yield opened
    opened.close()
