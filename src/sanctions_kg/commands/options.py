"""What every subcommand shares: exit codes, the store options and opening the store they name."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import SanctionsKGError
from ..settings import load_settings

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class Usage(SanctionsKGError):
    """A usage error found after parsing (exit code 2)."""


def queries_dir() -> Path:
    """The named queries: ``queries/`` of the settings' ontology folder (``SANCTIONS_KG_ONTOLOGY``, as the helper)."""
    return load_settings().ontology_dir / "queries"


def store_options(p: argparse.ArgumentParser) -> None:
    """``--store``, ``--graph``, ``--endpoint`` and the endpoint's companions."""
    g = p.add_argument_group("where the graph lives (default: the embedded store graph/store/)")
    g.add_argument("--store", type=Path, help="embedded Oxigraph store directory")
    g.add_argument("--graph", type=Path, help="an RDF file (.ttl .trig .nq .nt .jsonld)")
    g.add_argument("--endpoint", help="SPARQL 1.1 query URL of a running triple store")
    g.add_argument("--update-endpoint", help="SPARQL 1.1 update URL (with --endpoint)")
    g.add_argument("--graph-store", help="SPARQL 1.1 Graph Store Protocol URL (with --endpoint)")


def open_from_args(args: argparse.Namespace, create: bool = False, read_only: bool = False) -> Any:
    """The store the options name; ``read_only`` never creates or writes an embedded store directory.

    Typed ``Any``: every back end is also a context manager (closing it), which the ``Store``
    protocol does not state."""
    from ..store import open_store
    return open_store(store=args.store, graph=args.graph, endpoint=args.endpoint, read_only=read_only,
                      update_endpoint=args.update_endpoint, graph_store=args.graph_store, create=create)


def positive(kind: type) -> Callable[[str], object]:
    """An argparse type: a number above zero (a bad value is a usage error, exit 2)."""
    return _number(kind, lambda value: value > 0, "must be above zero")


def not_negative(kind: type) -> Callable[[str], object]:
    """An argparse type: a number of zero or more (a bad value is a usage error, exit 2)."""
    return _number(kind, lambda value: value >= 0, "must be zero or more")


def _number(kind: type, accept: Callable[[Any], bool], rule: str) -> Callable[[str], object]:
    def convert(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not accept(value):
            raise argparse.ArgumentTypeError(f"{rule}: {text!r}")
        return value
    return convert


def save(store: object) -> None:
    """Write a file-backed store back to its file (the other back ends have nothing to save)."""
    method = getattr(store, "save", None)
    if callable(method):
        method()
