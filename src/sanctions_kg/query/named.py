"""Named queries: the ``*.rq`` files of ``ontology/queries/`` and what a user typed that names one.

A file wins over a name and a name over inline text; each file's leading comment block gives its
title, description and parameters (``# title:``, ``# description:``, ``# param:``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, QueryError

_SPARQL_START = re.compile(
    r"^(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|WITH|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM_TEXT = re.compile(r"^[?$]?(\w+)\s*(?:[—–:]|-{1,2})?\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A query with what a user needs to pick it: its name, title, description and parameters.

    Inline SPARQL gets the name ``"<inline>"`` and no header; ``params`` maps a variable name to
    the text of its ``# param:`` line, in file order.
    """

    name: str
    sparql: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """Every ``*.rq`` file in ``queries_dir``, sorted by name (``cq2`` before ``cq10``).

    A missing directory is an empty list, so ``query --list`` works before the ontology is installed.
    """
    queries_dir = Path(queries_dir)
    if not queries_dir.is_dir():
        return []
    files = sorted(queries_dir.glob("*.rq"), key=lambda p: _natural_key(p.stem))
    return [_load_named(path) for path in files]


def resolve_query(text_or_name: str, queries_dir: Path) -> NamedQuery:
    """Turn what the user typed into a query: a ``.rq`` path, a name like ``cq1``, or SPARQL text.

    A file wins over a name and a name over inline text; text that is none of these is refused
    with E020, which lists the known names so a typo is easy to fix.
    """
    candidate = text_or_name.strip()
    path = _as_file(candidate)
    if path is not None:
        return _load_named(path)
    named = _named_file(candidate, Path(queries_dir))
    if named is not None:
        return _load_named(named)
    if _looks_like_sparql(candidate):
        return NamedQuery(name="<inline>", sparql=text_or_name)
    known = ", ".join(q.name for q in list_queries(Path(queries_dir))) or "no named queries found"
    raise QueryError(Errors.E020.format(name=text_or_name, known=known))


def _as_file(candidate: str) -> Path | None:
    """The path if ``candidate`` names an existing file (multi-line text is never a path)."""
    if not candidate or "\n" in candidate or "{" in candidate or len(candidate) > 4096:
        return None
    try:
        path = Path(candidate).expanduser()
        return path if path.is_file() else None
    except OSError:
        return None


def _named_file(candidate: str, queries_dir: Path) -> Path | None:
    """``queries_dir/<name>.rq`` when ``candidate`` is a bare name (``cq1`` or ``cq1.rq``)."""
    if not re.fullmatch(r"[\w.-]+", candidate):
        return None
    stem = candidate[:-3] if candidate.endswith(".rq") else candidate
    path = queries_dir / f"{stem}.rq"
    return path if path.is_file() else None


def _looks_like_sparql(text: str) -> bool:
    """True for text that is meant as SPARQL, even invalid SPARQL, so it gets E021/E022, not E020."""
    if "{" in text:
        return True
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()
    return bool(_SPARQL_START.match(body))


def _load_named(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header comments (``# title:``, ``# description:``, ``# param:``)."""
    sparql = path.read_text(encoding="utf-8")
    title, description, params = _parse_header(sparql)
    return NamedQuery(path.stem, sparql, path, title, description, params)


def _parse_header(sparql: str) -> tuple[str, str, dict[str, str]]:
    """Parse the leading comment block; an unkeyed ``#`` line continues the previous key's text."""
    fields: dict[str, str] = {"title": "", "description": ""}
    params: dict[str, str] = {}
    last: tuple[str, str] | None = None  # (key, param name or "")
    for raw in sparql.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            last = _header_field(match.group(1).lower(), match.group(2).strip(), fields, params)
        elif last is not None:
            _continue_field(last, line.lstrip("#").strip(), fields, params)
    return fields["title"], fields["description"], params


def _header_field(key: str, value: str, fields: dict[str, str], params: dict[str, str]) -> tuple[str, str]:
    """Store one ``# key: value`` line; return where a continuation line should go."""
    if key != "param":
        fields[key] = value
        return key, ""
    match = _PARAM_TEXT.match(value)
    if not match:
        return key, ""
    params[match.group(1)] = match.group(2).strip()
    return key, match.group(1)


def _continue_field(last: tuple[str, str], text: str, fields: dict[str, str], params: dict[str, str]) -> None:
    """Append a continuation line to the field it belongs to."""
    if not text:
        return
    key, name = last
    target, slot = (params, name) if key == "param" else (fields, key)
    if key == "param" and not name:
        return
    target[slot] = f"{target[slot]} {text}".strip()


def _natural_key(name: str) -> list[int | str]:
    """Sort ``cq2`` before ``cq10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
