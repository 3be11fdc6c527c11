"""Run SPARQL against a store safely, and write the results for people and for programs.

One module per job: ``named`` (the ``.rq`` files), ``safety`` (checking a query, parameters as RDF
terms), ``run`` (binding and running), ``format`` (writing results), ``labels`` (a label column beside
each IRI column), ``output`` (a file written all or nothing, stdout without half a document).
Everything public is importable from ``sanctions_kg.query`` as before.

The store layer answers any SPARQL it is given; this module decides what a user may send through
``sanctions-kg query`` and the Python helper:

* a query is parsed (rdflib) before it reaches the store, so a syntax error is reported with a code,
  and the parse tree - never the raw text - decides whether it is an Update (E022) or uses SERVICE
  federation (E023); a string literal that merely contains "DROP" or "SERVICE" is harmless;
* parameters are RDF terms handed to the store as *bindings*, never formatted into the query text,
  so ``x" } ; DROP ALL #`` is only ever a literal that matches nothing;
* results are written as they arrive (table in bounded chunks, CSV, TSV, JSON Lines and Markdown row
  by row, SPARQL JSON binding by binding), so a query with millions of rows does not have to fit in
  memory.
"""
from __future__ import annotations

from ..vocabulary import PREFIXES
from .format import (
    CHUNK_ROWS,
    FORMATS,
    MAX_CELL,
    compact,
    write_csv,
    write_json,
    write_jsonl,
    write_markdown,
    write_results,
    write_table,
    write_tsv,
)
from .labels import LabelledRows
from .named import NamedQuery, list_queries, resolve_query
from .output import result_sink
from .run import run_query
from .safety import Term, check_params, check_query, parse_params, prepare_query, query_variables

__all__ = [
    "CHUNK_ROWS", "FORMATS", "MAX_CELL", "PREFIXES", "LabelledRows", "NamedQuery", "Term", "check_params",
    "check_query", "compact", "list_queries", "parse_params", "prepare_query", "query_variables", "resolve_query",
    "result_sink", "run_query", "write_csv", "write_json", "write_jsonl", "write_markdown", "write_results",
    "write_table", "write_tsv",
]
