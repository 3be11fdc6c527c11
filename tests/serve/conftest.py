"""One real ``sanctions-kg serve`` for the serve tests: a subprocess on a free 127.0.0.1 port.

Its graph is built by the real pipeline from ``seeds/`` plus one hostile document (``hostile/``:
``<script>`` and ``onerror=`` in its text, title and publisher, a ``javascript:`` source URL), so
the same server proves the evidence pages and the escaping.
"""
from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import HERE, REPO, Server, start_server


@pytest.fixture(scope="session")
def served_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(working folder, graph.trig): seeds/ and hostile/ built by the real pipeline, paths relative."""
    from sanctions_kg.build import build
    from sanctions_kg.export import export
    from sanctions_kg.store import OxigraphStore
    warnings.filterwarnings("ignore", category=UserWarning)
    work = tmp_path_factory.mktemp("serve")
    shutil.copytree(REPO / "seeds", work / "seeds")
    shutil.copytree(HERE / "hostile", work / "hostile")
    old = Path.cwd()
    os.chdir(work)
    try:
        with OxigraphStore(None) as store:
            report = build([Path("seeds"), Path("hostile")], store)
            assert report.added == 4 and not report.failed, report
            export(store, work / "graph.trig")
    finally:
        os.chdir(old)
    return work, work / "graph.trig"


@pytest.fixture(scope="session")
def server(served_graph: tuple[Path, Path]) -> Iterator[Server]:
    """The server every serve test talks to (row cap 1000, so a test can exceed it cheaply)."""
    work, graph = served_graph
    with start_server("--graph", str(graph), "--texts", str(work), "--row-cap", "1000", cwd=work) as url:
        yield Server(url, work, graph)
