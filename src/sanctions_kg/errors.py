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
    E040 = "[E040] gold directory has no .gold.json files: {path}"
    E041 = "[E041] {path}: not a valid gold file ({reason})"
    E060 = "[E060] Dask scheduler {scheduler} cannot be reached ({reason})"
    E061 = "[E061] bad --scheduler '{scheduler}': expected tcp://HOST:PORT or local:N (N workers, N >= 1)"


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
