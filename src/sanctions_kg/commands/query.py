"""``sanctions-kg query``: run SPARQL and write the results for people or for programs."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, QueryError
from .options import EXIT_OK, Usage, not_negative, open_from_args, positive, queries_dir, save, store_options

if TYPE_CHECKING:
    from ..query import LabelledRows
    from ..store import QueryResult, Store


def cmd_query(args: argparse.Namespace) -> int:
    """Run SPARQL (a string, a .rq file or a named query) and print the results."""
    from ..query import list_queries, prepare_query, resolve_query
    if args.list:
        for q in list_queries(queries_dir()):
            print(f"{q.name}\t{q.title}")
        return EXIT_OK
    if not args.query:
        raise Usage("query: give a query (SPARQL text, a .rq file or a name such as cq1), or --list")
    named = resolve_query(args.query, queries_dir())
    # checked before the store is opened or a file touched: a refused query changes nothing anywhere
    _, kind, _ = prepare_query(named.sparql, allow_update=args.allow_update, allow_service=args.allow_service)
    _refuse_options(args, kind)
    with open_from_args(args, read_only=not args.allow_update) as store:
        if kind == "update":
            _run(args, store, named.sparql)
            print("update done", file=sys.stderr)
            save(store)
        else:
            _write(args, store, named.sparql)
        return EXIT_OK


def _refuse_options(args: argparse.Namespace, kind: str) -> None:
    """E075 for an option the query form cannot honour, rather than silently ignoring it."""
    if args.labels and kind != "select":
        raise QueryError(Errors.E075.format(option="--labels", kind=kind.upper()))
    if args.output is not None and kind == "update":
        raise QueryError(Errors.E075.format(option="-o/--output", kind="SPARQL Update"))


def _run(args: argparse.Namespace, store: Store, sparql: str) -> QueryResult | None:
    from ..query import run_query
    return run_query(store, sparql, params=args.param or None, timeout=args.timeout,
                     allow_update=args.allow_update, allow_service=args.allow_service)


def _write(args: argparse.Namespace, store: Store, sparql: str) -> None:
    """Run the query into the sink: all of the output, or (on a failure) none of a document."""
    from ..namespace import ONTOLOGY_FILE
    from ..query import LabelledRows, result_sink, write_results
    from ..settings import load_settings
    with result_sink(args.format, args.output, sys.stdout) as out:
        result = _run(args, store, sparql)
        assert result is not None  # only an Update returns None, and it took the other path
        with result:
            rows: QueryResult | LabelledRows = result
            if args.labels:
                ontology = load_settings().ontology_dir / ONTOLOGY_FILE
                rows = LabelledRows(result, store, timeout=args.timeout, ontology=ontology)
            write_results(rows, args.format, out, max_width=args.max_width)
    if args.output is not None:
        print(f"wrote {args.output}", file=sys.stderr)


def add_query(sub: argparse._SubParsersAction) -> None:
    """The ``query`` subcommand and its options."""
    from ..query import FORMATS
    q = sub.add_parser("query", help=cmd_query.__doc__, description=(cmd_query.__doc__ or "") +
                       " Named queries live in ontology/queries/ (cq1 … cq9); --list shows them.")
    q.add_argument("query", nargs="?", help="SPARQL text, a .rq file, or a query name such as cq1")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE as an RDF term (<iri>, prefixed name, integer, date or literal)")
    q.add_argument("--format", choices=FORMATS, default="table",
                   help="output format: table (default), csv, json (SPARQL JSON), jsonl (one object per row), "
                        "tsv (SPARQL TSV) or markdown")
    q.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write the results to FILE (replaced only once the query has succeeded)")
    q.add_argument("--labels", action="store_true",
                   help="add a label column (rdfs:label or skos:prefLabel) after every IRI column")
    q.add_argument("--max-width", type=not_negative(int), default=None, metavar="N",
                   help="cut table and markdown cells at N characters (default 80 for the table, none for "
                        "markdown; 0: never)")
    q.add_argument("--timeout", type=positive(float), default=30.0,
                   help="seconds before the query is stopped (default 30)")
    q.add_argument("--allow-update", action="store_true", help="allow SPARQL Update (INSERT, DELETE, DROP, …)")
    q.add_argument("--allow-service", action="store_true", help="allow SERVICE federation to other endpoints")
    q.add_argument("--list", action="store_true", help="list the named queries")
    store_options(q)
    q.set_defaults(func=cmd_query)
