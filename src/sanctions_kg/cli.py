"""The ``sanctions-kg`` command line: thin wrappers over the library.

Results go to stdout, logs and errors to stderr. Exit codes: 0 success; 1 a failure (bad input files,
an invalid graph, a refused or failed query); 2 a usage error.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .commands.info import add_info
from .commands.options import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    Usage,
    open_from_args,
    positive,
    queries_dir,
    save,
    store_options,
)
from .commands.query import add_query
from .commands.show import add_show
from .errors import DocumentError, Errors, SanctionsKGError
from .settings import load_settings

log = logging.getLogger("sanctions_kg")
# the helpers every subcommand shares live in commands.options; the old names stay for callers here
_store_options, _open, _positive, _save, _Usage = store_options, open_from_args, positive, save, Usage


def _check_output(path: Path | None) -> None:
    """Refuse an output file of unknown format before spending a build on it (E030)."""
    from .errors import Errors, StoreError
    from .store import FORMATS
    if path is not None and path.suffix.lower() not in (*FORMATS, ".graphml"):
        known = ", ".join([*FORMATS, ".graphml"])
        raise StoreError(Errors.E030.format(path=path, suffix=path.suffix or "(none)", known=known))


def cmd_build(args: argparse.Namespace) -> int:
    """Read documents, extract facts, write them to a store and/or an output file.

    The store is opened (and an endpoint reached) before ``build`` is imported: that import loads
    spaCy, so a locked store or a server that is down is reported at once, not after the model.
    """
    from .store import OxigraphStore, check_reachable
    _check_output(args.output)
    settings = load_settings()
    overrides = {k: v for k, v in (("max_bytes", args.max_bytes), ("validate_batch", args.validate_batch)) if v}
    settings = replace(settings, **overrides)
    in_memory = args.output and not (args.store or args.graph or args.endpoint)
    with OxigraphStore(None) if in_memory else _open(args, create=True) as store:
        check_reachable(store)
        from .build import build
        from .export import export
        report = build(args.paths, store, settings, batch_size=args.batch_size, n_process=args.n_process,
                       validate=not args.no_validate, on_error=_report_bad_file,
                       progress=True if args.progress else None, triage=not args.no_triage,
                       scheduler=args.scheduler)
        if args.output:
            export(store, args.output)
        _save(store)
        print(f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
              f"{report.facts} facts, {len(store)} quads; {len(report.errors)} bad file(s)", file=sys.stderr)
        for line in report.invalid:
            print(f"sanctions-kg: error: {Errors.E073.format(detail=line)}", file=sys.stderr)
        return EXIT_FAILURE if report.failed else EXIT_OK


def _report_bad_file(err: DocumentError) -> None:
    print(f"sanctions-kg: {'warning' if err.warning else 'error'}: {err}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the graph to a file: RDF by suffix, or --format graphml for networkx tools."""
    from .export import export
    with _open(args, read_only=True) as store:
        export(store, args.output, args.format)
        print(f"wrote {args.output}", file=sys.stderr)
        return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the graph against the SHACL shapes; non-zero with a report on any violation."""
    from .validate import validate_graph
    with _open(args, read_only=True) as store:
        report = validate_graph(store.dataset())
    print(report.text if report.text.strip() else "conforms", file=sys.stdout if report.conforms else sys.stderr)
    print(f"{report.violations} violation(s), {report.warnings} warning(s)", file=sys.stderr)
    return EXIT_OK if report.conforms else EXIT_FAILURE


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove documents (by file path or document IRI) from a store."""
    with _open(args) as store:
        for item in args.documents:
            iris = _document_graphs(store, item)
            if not iris:
                raise SanctionsKGError(Errors.E070.format(item=item))
            for iri in iris:
                store.remove_graph(iri)
                print(f"removed {iri}", file=sys.stderr)
        _save(store)
        return EXIT_OK


_BY_SOURCE_FILE = """SELECT ?doc WHERE { GRAPH ?doc { ?doc a skg:Document ; skg:sourceFile ?p } }"""


def _document_graphs(store, item: str) -> list[str]:
    """The graphs ``item`` names: a document IRI, the current content of a file, or its stored path.

    The path lookup finds a document whose file was edited or deleted since it was built.
    """
    from rdflib import Literal

    from .documents import read_document
    from .ids import document_iri
    from .vocabulary import sparql_prefixes
    if item.startswith(("http://", "https://")):
        return [item] if store.has_graph(item) else []
    if Path(item).is_file():
        iri = str(document_iri(read_document(Path(item), load_settings().max_bytes).doc_id))
        if store.has_graph(iri):
            return [iri]
    rows = store.query(sparql_prefixes("skg") + _BY_SOURCE_FILE, bindings={"p": Literal(item)})
    return sorted({str(row["doc"]) for row in rows})


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the extraction against hand-made gold facts (.gold.json) per fact family."""
    from .build import build
    from .evaluate import evaluate, format_report, write_json
    from .store import OxigraphStore
    if args.graph or args.store or args.endpoint:
        store = _open(args, read_only=True)
    else:
        store = OxigraphStore(None)
        built = build([args.gold_dir], store, on_error=_report_bad_file)
        for line in built.invalid:  # its gold facts will count as misses: say why
            print(f"sanctions-kg: invalid graph, not scored: {line}", file=sys.stderr)
    try:
        report = evaluate(args.gold_dir, store)
        print(format_report(report, verbose=args.list_misses))
        if args.json:
            write_json(report, args.json)
        return EXIT_OK
    finally:
        store.close()


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the graph read-only: a SPARQL endpoint at /sparql and web pages of facts with their evidence."""
    from .serve import Limits, create_app, run
    from .store import open_store
    store = open_store(store=args.store, graph=args.graph, read_only=True, create=False)
    try:
        texts = args.texts or [Path.cwd()]
        app = create_app(store, texts=texts, limits=Limits(timeout=args.timeout, row_cap=args.row_cap),
                         queries_dir=queries_dir(), host=args.host, cors_origins=args.cors_origin or ())
        run(app, host=args.host, port=args.port)
        return EXIT_OK
    finally:
        store.close()


def _add_serve(sub) -> None:
    s = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    where = s.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, help="embedded Oxigraph store directory (default graph/store/)")
    where.add_argument("--graph", type=Path, help="an RDF file (.ttl .trig .nq .nt .jsonld)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    s.add_argument("--texts", type=Path, action="append",
                   help="folder the documents' source paths are relative to (default: the current directory)")
    s.add_argument("--timeout", type=_positive(float), default=30.0, help="seconds a query may run (default 30)")
    s.add_argument("--row-cap", type=_positive(int), default=10_000,
                   help="refuse results with more rows than this (default 10000)")
    s.add_argument("--cors-origin", action="append", help="allow this origin to query /sparql (default: none)")
    s.set_defaults(func=cmd_serve)


def _version() -> str:
    from . import __version__
    return __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sanctions-kg", description=__doc__.split("\n")[0] + " "
                                "Turns texts about UN Security Council sanctions into an RDF knowledge graph.")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr")
    p.add_argument("--version", action="version", version=f"sanctions-kg {_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    _add_build(sub)
    add_query(sub)
    _add_export(sub)
    _add_serve(sub)
    add_show(sub)
    add_info(sub)
    for name, fn in (("validate", cmd_validate),):
        v = sub.add_parser(name, help=fn.__doc__, description=fn.__doc__)
        _store_options(v)
        v.set_defaults(func=fn)
    r = sub.add_parser("remove", help=cmd_remove.__doc__, description=cmd_remove.__doc__)
    r.add_argument("documents", nargs="+", help="document files or document IRIs")
    _store_options(r)
    r.set_defaults(func=cmd_remove)
    e = sub.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    e.add_argument("gold_dir", type=Path, help="folder of NAME.txt, NAME.meta.yml and NAME.gold.json")
    e.add_argument("--misses", "--verbose", dest="list_misses", action="store_true",
                   help="list every miss and every extra (--verbose is an older alias)")
    e.add_argument("--json", type=Path, metavar="OUT", help="also write the per-family figures to OUT as JSON")
    _store_options(e)
    e.set_defaults(func=cmd_eval)
    return p


def _add_build(sub) -> None:
    b = sub.add_parser("build", help=cmd_build.__doc__, description=(cmd_build.__doc__ or "") + " Every *.txt under a "
                       "folder is a document; NAME.meta.yml beside it is its metadata.")
    b.add_argument("paths", nargs="+", type=Path, help="documents and/or folders of documents")
    b.add_argument("-o", "--output", type=Path, help="also write the graph to this file (.ttl .trig .nq .nt .jsonld)")
    b.add_argument("--batch-size", type=_positive(int), default=None, help="documents per nlp.pipe batch")
    b.add_argument("--n-process", type=_positive(int), default=1, help="parser processes (nlp.pipe n_process)")
    b.add_argument("--validate-batch", type=_positive(int), default=None,
                   help="documents validated and stored together "
                   "(default 64; an interrupted build loses at most these)")
    b.add_argument("--max-bytes", type=_positive(int), default=None,
                   help="skip files larger than this (default 5 MB)")
    b.add_argument("--no-validate", action="store_true", help="do not check each graph against the SHACL shapes")
    b.add_argument("--progress", action="store_true", help="show a progress bar even when stderr is not a terminal")
    b.add_argument("--no-triage", action="store_true",
                   help="parse every document, also those without any cue of rules/triage.yml")
    b.add_argument("--scheduler", metavar="tcp://HOST:8786|local:N",
                   help="parse and extract on a Dask cluster: a running scheduler, or N local worker processes")
    _store_options(b)
    b.set_defaults(func=cmd_build)


def _add_export(sub) -> None:
    x = sub.add_parser("export", help=cmd_export.__doc__, description=cmd_export.__doc__)
    x.add_argument("output", type=Path, help="output file; its suffix picks the RDF format")
    x.add_argument("--format", choices=["ttl", "trig", "nt", "nq", "jsonld", "graphml", "ftm"], default=None,
                   help="override the suffix (graphml: the networkx actor/proposal view; "
                        "ftm: designations as FollowTheMoney Sanction entities, one JSON entity per line)")
    _store_options(x)
    x.set_defaults(func=cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run, and turn every known failure into one line and an exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * args.verbose, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        return args.func(args)
    except BrokenPipeError:
        return _output_closed()
    except _Usage as exc:
        print(f"sanctions-kg: usage error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SanctionsKGError as exc:
        lines = str(exc).splitlines() or [type(exc).__name__]
        print(f"sanctions-kg: error: {lines[0]}", file=sys.stderr)
        rest = lines[1:]
        if rest:
            print("\n".join(rest), file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"sanctions-kg: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


def _output_closed() -> int:
    """The reader of stdout went away (``| head``): stop quietly, without a traceback at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
