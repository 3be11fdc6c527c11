"""``sanctions-kg info``: versions, the model, the store and what it holds, in a second.

Everything is read from package metadata and a few counting queries: the spaCy model is never
loaded (that takes seconds) and spaCy itself is not imported, so ``info`` answers at once even
where the model is missing or broken, which is when it is most needed.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import SanctionsKGError
from ..settings import load_settings
from .options import EXIT_FAILURE, EXIT_OK, open_from_args, positive, store_options

PACKAGES = ("spacy", "rdflib", "pyoxigraph", "pyshacl")
#: the fact nodes of docs/model.md (skg:Evidence is counted apart: the quotes they point to)
FACT_CLASSES = ("Resolution", "Vote", "Designation", "DesignationProposal", "MissileLaunch", "ImportCap")
COUNT_DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a skg:Document }"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_REPRESENTS = "SELECT (COUNT(*) AS ?n) WHERE { ?person skg:represents ?country }"
COUNT_FACTS = ("SELECT ?class (COUNT(DISTINCT ?fact) AS ?n) WHERE { VALUES ?class { "
               + " ".join(f"skg:{name}" for name in (*FACT_CLASSES, "Evidence"))
               + " } ?fact a ?class } GROUP BY ?class")


def cmd_info(args: argparse.Namespace) -> int:
    """Show versions (package, Python, spaCy, the model, rdflib, pyoxigraph, pySHACL), the store and its counts."""
    from .. import __version__
    report: dict[str, Any] = {"sanctions_kg": __version__, "python": _python(),
                              "packages": {name: _version(name) for name in PACKAGES}, "model": _model(),
                              "store": _where(args), "counts": None}
    error = None
    if report["store"]["exists"] is not False:
        try:
            report["counts"] = _counts(args)
            report["store"]["exists"] = True
        except SanctionsKGError as exc:
            error = str(exc).splitlines()[0]
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(_text(report))
    if error:
        print(f"sanctions-kg: error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _version(distribution: str) -> str | None:
    """The installed version of a distribution, from its metadata (nothing is imported)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _python() -> str:
    return f"{platform.python_version()} ({platform.python_implementation()})"


def _model() -> dict[str, str | None]:
    """The model the settings name and its version: a folder's ``meta.json``, else the package metadata."""
    name = load_settings().model
    folder = Path(name)
    if (folder / "meta.json").is_file():
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            return {"name": name, "version": str(meta.get("version")) if meta.get("version") else None}
        except (OSError, ValueError):
            return {"name": name, "version": None}
    return {"name": name, "version": _version(name)}


def _where(args: argparse.Namespace) -> dict[str, Any]:
    """Which store the options name and whether it is there (an endpoint: known once asked)."""
    if args.endpoint:
        return {"kind": "SPARQL endpoint", "location": args.endpoint, "exists": None}
    if args.graph:
        return {"kind": "RDF file", "location": str(args.graph), "exists": Path(args.graph).is_file()}
    path = args.store or load_settings().default_store
    return {"kind": "embedded Oxigraph store", "location": str(path), "exists": Path(path).is_dir()}


def _counts(args: argparse.Namespace) -> dict[str, Any]:
    """Documents, distinct triples (the union every query reads), evidence spans and fact nodes per class
    (and the skg:represents statements, which are facts without a node of their own)."""
    from ..query import run_query
    with open_from_args(args, read_only=True) as store:
        def rows(sparql: str) -> list[dict[str, Any]]:
            result = run_query(store, sparql, timeout=args.timeout)
            assert result is not None
            with result:
                return list(result)

        facts = {name: 0 for name in (*FACT_CLASSES, "Evidence")}
        for row in rows(COUNT_FACTS):
            facts[str(row["class"]).rsplit("#", 1)[-1]] = int(row["n"])
        facts["represents"] = int(rows(COUNT_REPRESENTS)[0]["n"])
        evidence = facts.pop("Evidence")
        return {"documents": int(rows(COUNT_DOCUMENTS)[0]["n"]), "triples": int(rows(COUNT_TRIPLES)[0]["n"]),
                "evidence": evidence, "facts": facts}


def _text(report: dict[str, Any]) -> str:
    """The report as aligned ``name  value`` lines."""
    model = report["model"]
    store = report["store"]
    state = {True: "exists", False: "does not exist", None: "not reached"}[store["exists"]]
    lines = [("sanctions-kg", report["sanctions_kg"]), ("python", report["python"])]
    lines += [(name, version or "not installed") for name, version in report["packages"].items()]
    lines.insert(3, ("model", f"{model['name']} {model['version'] or '(not installed)'}"))
    lines.append(("store", f"{store['location']} ({store['kind']}; {state})"))
    counts = report["counts"]
    if counts:
        lines += [(name, f"{counts[name]:,}") for name in ("documents", "triples", "evidence")]
        lines.append(("facts", ", ".join(f"{name} {n:,}" for name, n in counts["facts"].items())))
    width = max(len(name) for name, _ in lines)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in lines)


def add_info(sub: argparse._SubParsersAction) -> None:
    """The ``info`` subcommand."""
    i = sub.add_parser("info", help=cmd_info.__doc__, description=(cmd_info.__doc__ or "") +
                       " The spaCy model is not loaded: its version comes from the package metadata.")
    i.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    i.add_argument("--timeout", type=positive(float), default=30.0,
                   help="seconds each counting query may run (default 30)")
    store_options(i)
    i.set_defaults(func=cmd_info)
