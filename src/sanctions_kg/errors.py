"""Coded error messages in one place, in the manner of spaCy's ``errors.py``.

Every user-facing failure raises a subclass of :class:`SanctionsKGError` whose message starts with
its code, so a log line can be searched for and the CLI can print it as one line.
"""
from __future__ import annotations


class Errors:
    """Message templates; format them with keyword arguments."""

    E001 = "[E001] {path}: file not found"
    E002 = "[E002] {path}: empty file"
    E003 = "[E003] {path}: binary file (NUL byte at offset {offset})"
    E004 = "[E004] {path}: not valid UTF-8 ({reason})"
    E005 = "[E005] {path}: {size} bytes is over the limit of {limit} bytes (--max-bytes)"
    E006 = "[E006] {path}: metadata is not valid YAML ({reason})"
    E007 = "[E007] {path}: metadata field '{key}' is invalid ({reason})"
    E008 = "[E008] {path}: no documents found (expected *.txt files)"
    E009 = "[E009] {path}: cannot read ({reason})"
    E010 = "[E010] ontology file not found: {path}"
    E012 = "[E012] {path}: extraction failed ({reason}); the document was skipped, please report it"
    E011 = "[E011] SHACL validation failed with {count} violation(s):\n{report}"
    # E013-E019: discovery and text hazards (warnings unless said otherwise)
    E013 = "[E013] {path}: same content as {other}; built once"
    E014 = "[E014] {path}: a symbolic link leaving the input tree (to {target}); not read"
    E015 = "[E015] {path}: a sentence of {length} characters at offset {offset} is over {limit}; skipped"
    E016 = "[E016] {path}: year {year} is out of range ({low}-{high}); {what} ignored"
    E017 = "[E017] {path}: {count} invisible format character(s) (zero-width or bidi controls) ignored when matching"
    E020 = "[E020] unknown query '{name}': not a file, not a named query ({known})"
    E021 = "[E021] SPARQL syntax error: {reason}"
    E022 = "[E022] refused: the query is a SPARQL Update ({form}); pass --allow-update to run it"
    E023 = "[E023] refused: the query uses SERVICE federation; pass --allow-service to run it"
    E024 = "[E024] query timed out after {seconds} s"
    E025 = "[E025] bad parameter '{param}': expected name=value"
    E026 = "[E026] parameter '{name}' is not a variable of the query"
    E030 = "[E030] cannot write {path}: unknown format '{suffix}' (use {known})"
    E031 = "[E031] graph file not found: {path}"
    E032 = "[E032] store error at {path}: {reason}"
    E033 = "[E033] SPARQL endpoint {url} failed: {reason}"
    # E034-E039: faults met while building and storing
    E034 = "[E034] {path}: dropped a fact that violates {shape} ({message}); quote: \"{quote}\""
    E035 = "[E035] SPARQL endpoint {url} gave no answer within {seconds} s ({attempts} attempt(s)): {reason}"
    E036 = "[E036] SPARQL endpoint {url} is not reachable ({reason}); nothing was built"
    E040 = "[E040] gold directory has no .gold.json files: {path}"
    E041 = "[E041] {path}: not a valid gold file ({reason})"
    E050 = "[E050] cannot serve on {host}:{port}: {reason}"
    E051 = "[E051] refused: the result has more than {cap} rows; add a LIMIT or narrow the query"
    E052 = "[E052] no query: give 'query' as a URL or form parameter, or POST application/sparql-query"
    E053 = "[E053] refused: this endpoint is read-only; SPARQL Update{form} is not served"
    E056 = "[E056] nothing in the graph is called '{name}'{hint}"
    E055 = "[E055] refused: this endpoint does not run SERVICE federation (queries stay on this graph)"
    E054 = "[E054] not supported: {what}"
    E057 = "[E057] the FollowTheMoney export needs the followthemoney package: pip install 'sanctions-kg[ftm]'"
    E070 = "[E070] not in the store: {item}"
    E071 = "[E071] unknown result format {fmt!r}; use one of {known}"
    E072 = "[E072] the SHACL shapes could not be applied: {reason}"
    E073 = "[E073] invalid graph, not stored: {detail}"
    E060 = "[E060] Dask scheduler {scheduler} cannot be reached ({reason})"
    E061 = "[E061] bad --scheduler '{scheduler}': expected tcp://HOST:PORT or local:N (N workers, N >= 1)"
    # E074-E077: the query command's output
    E074 = "[E074] cannot write results to {path}: {reason}; nothing was written"
    E075 = "[E075] {option} does not apply to this {kind} query"
    E083 = "[E083] bad setting {name}={value!r}: expected {known}"


class SanctionsKGError(Exception):
    """Base class: a failure the user can act on, with a one-line coded message."""


class DocumentError(SanctionsKGError):
    """A document or its metadata cannot be read; the build skips it and reports it."""

    def __init__(self, message: str, path: str, warning: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.warning = warning


class ValidationError(SanctionsKGError):
    """The graph violates the SHACL shapes."""


class QueryError(SanctionsKGError):
    """A query is malformed, refused, or failed."""


class StoreError(SanctionsKGError):
    """The store or endpoint cannot be read or written."""


class FormatError(QueryError, ValueError):
    """Results were asked for in a format that does not exist (E071); also a ValueError, as before."""


class ShapesError(ValidationError, RuntimeError):
    """The SHACL shapes themselves are broken, so nothing can be validated (E072)."""


class ServeError(SanctionsKGError):
    """The web server cannot start or a request to it is refused."""
