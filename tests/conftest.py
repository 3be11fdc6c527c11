"""Shared fixtures: paths, and the seed graph built once per session by the real pipeline."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from repo_paths import REPO, SHARED, in_repo


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"{SHARED} is missing: the shared material must sit beside the repository"
    return SHARED


@pytest.fixture(scope="session")
def seed_store():
    """An in-memory embedded store holding the seed graph, built from ``seeds/`` by ``build``."""
    from sanctions_kg.build import build
    from sanctions_kg.store import OxigraphStore
    warnings.filterwarnings("ignore", category=UserWarning)
    store = OxigraphStore(None)
    with in_repo():
        report = build([Path("seeds")], store)
    assert report.added == 3 and not report.failed, report
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_kg(seed_store):
    """The Python helper over the seed store."""
    from sanctions_kg import KnowledgeGraph
    return KnowledgeGraph(seed_store)


# Tests that load the statistical spaCy model: those using a fixture that builds with it, and the CLI and
# end-to-end tests (their subprocesses build). ``pytest -m "not model"`` runs the rest, in seconds.
MODEL_FIXTURES = frozenset({"nlp", "make_ctx", "seed_store", "seed_kg", "seed_workdir", "workdir"})
MODEL_FOLDERS = frozenset({"cli", "e2e"})


def pytest_configure(config: pytest.Config) -> None:
    """The ``soak`` marker: long fault tests that run only when asked for (``-m soak``)."""
    config.addinivalue_line("markers", "soak: long soak test, run only with -m soak (not in the default run)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``model`` on every test that needs the statistical model (the marker is never written by hand),
    and leave ``soak`` tests out unless the marker expression names them."""
    for item in items:
        parts = Path(item.path).resolve().relative_to(REPO / "tests").parts
        if parts[0] in MODEL_FOLDERS or MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
    if "soak" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("soak") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("soak")])
        items[:] = kept
