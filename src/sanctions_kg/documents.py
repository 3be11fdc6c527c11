"""Find and read input documents and their ``.meta.yml`` metadata (first pipeline stage).

Design choices, each made so that later stages can trust what they get:

* **Lazy.** :func:`discover` and :func:`iter_documents` are generators, and a directory is listed one
  level at a time, so a huge corpus is never held in memory as a list of paths.
* **Sorted like the contract says.** Each directory level is sorted by name and sub-directories are
  walked in place, which yields exactly ``sorted(root.rglob("*.txt"))`` without a global sort.
* **Honest text.** Bytes are decoded as strict UTF-8 and nothing is normalised: no newline
  conversion and no BOM stripping (a leading BOM stays in ``Document.text`` as ``"\\ufeff"``). So
  ``doc.text.encode("utf-8")`` is byte-identical to the file and evidence offsets index the file's
  own text. ``doc_id`` is the sha256 of those bytes, stable across runs and machines.
* **Metadata is text.** YAML scalars in ``.meta.yml`` are read as written (``language: no`` stays
  ``"no"``, an unquoted date stays ``"2022-05-27"``) and validated here, so a bad value is an E007
  for the field instead of a YAML surprise. Bad metadata makes the document bad; it is never
  silently replaced by defaults.
* **One error per bad file.** :func:`iter_documents` reports each :class:`DocumentError` to a
  callback and goes on, so one broken file cannot stop a build.

This module must stay free of spaCy and RDF imports: it is the cheap, testable edge of the pipeline.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .errors import DocumentError, Errors
from .records import Document, DocumentMeta
from .settings import Settings

DOCUMENT_SUFFIX = ".txt"
META_SUFFIX = ".meta.yml"
SIDECAR_SUFFIXES = (META_SUFFIX, ".gold.json")
"""Files that describe a document rather than being one; skipped even when named explicitly."""

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO3_RE = re.compile(r"[A-Z]{3}")
_TEXT_KEYS = ("title", "source_url", "publisher")
_YAML_KEEP_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}


# --------------------------------------------------------------------------- discovery


def discover(paths: Sequence[Path], on_error: Callable[[DocumentError], None] | None = None) -> Iterator[Path]:
    """Yield the document files named by ``paths`` (files and/or directories), lazily.

    A directory contributes every ``*.txt`` below it, recursively, in sorted order; a file is
    yielded as given unless it is a sidecar (``.meta.yml``, ``.gold.json``), so that a shell glob
    like ``corpus/*`` works. Problems are E001 for a missing path, E008 for a directory without
    documents, E009 for a directory that cannot be listed and E014 for a file symlink that leaves
    the tree. Without ``on_error`` the first one is raised; with it, each is reported and the
    walk goes on with the next entry.
    """
    report = on_error or _raise
    for path in paths:
        yield from _discover_one(Path(path), report)


def _raise(error: DocumentError) -> None:
    raise error


def _discover_one(path: Path, on_error: Callable[[DocumentError], None]) -> Iterator[Path]:
    """Documents for one command-line path (see :func:`discover`)."""
    if path.is_dir():
        found = False
        for doc in _walk(path, on_error):
            found = True
            yield doc
        if not found:
            on_error(DocumentError(Errors.E008.format(path=path), path=str(path)))
    elif path.exists():
        if not _is_sidecar(path.name):
            yield path
    else:
        on_error(DocumentError(Errors.E001.format(path=path), path=str(path)))


def _walk(root: Path, on_error: Callable[[DocumentError], None]) -> Iterator[Path]:
    """Depth-first walk with an explicit stack (no recursion limit, however deep the tree), one
    sorted directory level per stack entry.

    Symlinked directories are not followed (like ``Path.rglob``), which also rules out cycles; a
    file symlink is followed only when its target stays inside ``root`` (E014 otherwise). A directory
    that cannot be listed is reported (E009) and its siblings are still walked.
    """
    inside = root.resolve()
    stack: list[Iterator[os.DirEntry[str]]] = [iter(_sorted_entries(root, on_error))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir(follow_symlinks=False):
            stack.append(iter(_sorted_entries(Path(entry.path), on_error)))
        elif entry.name.endswith(DOCUMENT_SUFFIX) and entry.is_file():
            if entry.is_symlink() and not _stays_inside(Path(entry.path), inside, on_error):
                continue
            yield Path(entry.path)


def _stays_inside(link: Path, inside: Path, on_error: Callable[[DocumentError], None]) -> bool:
    """Whether a file symlink points into the input tree; E014 reported when it does not."""
    target = link.resolve()
    if target.is_relative_to(inside):
        return True
    on_error(DocumentError(Errors.E014.format(path=link, target=target), path=str(link)))
    return False


def _sorted_entries(directory: Path, on_error: Callable[[DocumentError], None]) -> list[os.DirEntry[str]]:
    """The entries of one directory sorted by name ([] and E009 reported when it cannot be listed)."""
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        on_error(DocumentError(Errors.E009.format(path=directory, reason=_reason(exc)), path=str(directory)))
        return []


def _is_sidecar(name: str) -> bool:
    """True for metadata and gold files, which belong to a document but are not one."""
    return name.endswith(SIDECAR_SUFFIXES)


# --------------------------------------------------------------------------- documents


def read_document(path: Path, max_bytes: int) -> Document:
    """Read one document as strict UTF-8, with default metadata (see :func:`load_document`).

    The size is checked with ``stat`` before reading so an oversized file is never loaded (E005);
    an empty file is a warning (E002); a NUL byte means binary (E003); invalid UTF-8 is E004 with
    the byte offset. The text keeps any BOM and every newline exactly as in the file.
    """
    path = Path(path)
    _check_size(path, _stat_size(path), max_bytes)
    raw = _read_bytes(path, max_bytes)
    return Document(doc_id=hashlib.sha256(raw).hexdigest(), path=str(path), text=_decode(path, raw))


def load_document(path: Path, max_bytes: int) -> Document:
    """Read a document together with its ``.meta.yml`` (what the build uses)."""
    document = read_document(path, max_bytes)
    return dataclasses.replace(document, meta=read_meta(Path(path), max_bytes=max_bytes))


def _stat_size(path: Path) -> int:
    """The file size, mapping a vanished file to E001 and other OS failures to E009."""
    try:
        return path.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(Errors.E001.format(path=path), path=str(path)) from exc
    except OSError as exc:
        raise DocumentError(Errors.E009.format(path=path, reason=_reason(exc)),
                            path=str(path)) from exc


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    """E005 over the limit, E002 (a warning, not an error) for an empty file."""
    if size > max_bytes:
        raise DocumentError(Errors.E005.format(path=path, size=size, limit=max_bytes),
                            path=str(path))
    if size == 0:
        raise DocumentError(Errors.E002.format(path=path), path=str(path), warning=True)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, re-checking: the file may change after ``stat``."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise DocumentError(Errors.E001.format(path=path), path=str(path)) from exc
    except OSError as exc:
        raise DocumentError(Errors.E009.format(path=path, reason=_reason(exc)),
                            path=str(path)) from exc
    _check_size(path, len(raw), max_bytes)
    return raw


def _decode(path: Path, raw: bytes) -> str:
    """Strict UTF-8 (BOM kept, never replacement characters); NUL bytes mean a binary file."""
    offset = raw.find(b"\x00")
    if offset >= 0:
        raise DocumentError(Errors.E003.format(path=path, offset=offset), path=str(path))
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        reason = f"{exc.reason} at byte offset {exc.start}"
        raise DocumentError(Errors.E004.format(path=path, reason=reason), path=str(path)) from exc


# --------------------------------------------------------------------------- metadata


class _MetaLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that resolves plain scalars only to null or text.

    Metadata values are all text or dates we validate ourselves; letting YAML 1.1 guess types
    turns ``language: no`` into ``False`` and ``published: 2022-13-45`` into a crash. libyaml's
    parser when PyYAML has it (a build reads every sidecar twice: it was a fifth of a triaged build).
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in _YAML_KEEP_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def meta_path_for(txt_path: Path) -> Path:
    """``<stem>.meta.yml`` beside the document."""
    txt_path = Path(txt_path)
    return txt_path.with_name(txt_path.stem + META_SUFFIX)


def read_meta(txt_path: Path, max_bytes: int = Settings.max_bytes) -> DocumentMeta:
    """The metadata of a document: defaults when there is no ``.meta.yml``.

    An empty file counts as an empty mapping. Invalid YAML or a non-mapping is E006; a bad field
    value is E007; unknown keys are ignored (forward compatibility); blank strings mean "absent".
    The errors name the ``.meta.yml`` file, since that is the file to fix.
    """
    meta_path = meta_path_for(txt_path)
    data = _load_yaml(meta_path, max_bytes)
    if data is None:
        return DocumentMeta()
    return _build_meta(meta_path, data)


def _load_yaml(meta_path: Path, max_bytes: int) -> dict[Any, Any] | None:
    """Parse the metadata file; ``None`` when it does not exist or holds no YAML document."""
    try:
        size = meta_path.stat().st_size
        if size > max_bytes:
            raise DocumentError(Errors.E005.format(path=meta_path, size=size, limit=max_bytes),
                                path=str(meta_path))
        text = meta_path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise _e006(meta_path, f"not UTF-8: {exc.reason} at byte offset {exc.start}") from exc
    except OSError as exc:
        raise DocumentError(Errors.E009.format(path=meta_path, reason=_reason(exc)),
                            path=str(meta_path)) from exc
    data = _parse_yaml(meta_path, text)
    if data is not None and not isinstance(data, dict):
        raise _e006(meta_path, f"expected a mapping of keys to values, got {_kind(data)}")
    return data


def _parse_yaml(meta_path: Path, text: str) -> Any:
    """``yaml.load`` with the text-only safe loader; every failure becomes E006.

    Explicit tags (``!!timestamp 2022-13-45``) can make constructors raise plain Python errors,
    and absurd nesting can exhaust the stack, so those are caught as well as ``YAMLError``.
    """
    try:
        return yaml.load(text, Loader=_MetaLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _e006(meta_path, _one_line(str(exc))) from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise _e006(meta_path, _one_line(f"{type(exc).__name__}: {exc}")) from exc


def _build_meta(meta_path: Path, data: dict[Any, Any]) -> DocumentMeta:
    """Validate the known keys and build the record; other keys are ignored."""
    fields: dict[str, Any] = {key: _text(meta_path, key, data.get(key)) for key in _TEXT_KEYS}
    fields["published"] = _published(meta_path, data.get("published"))
    fields["timezone"] = _timezone(meta_path, data.get("timezone"))
    fields["language"] = _text(meta_path, "language", data.get("language")) or "en"
    fields["country"] = _country(meta_path, data.get("country"))
    return DocumentMeta(**fields)


def _country(meta_path: Path, value: Any) -> str | None:
    """The publishing state as an ISO 3166-1 alpha-3 code ("JPN"; "jpn" is accepted), or ``None``."""
    text = _text(meta_path, "country", value)
    if text is None:
        return None
    if not _ISO3_RE.fullmatch(text.upper()):
        raise _e007(meta_path, "country", f"expected an ISO 3166-1 alpha-3 code such as JPN, got {text!r}")
    return text.upper()


def _text(meta_path: Path, key: str, value: Any) -> str | None:
    """A text field: stripped, ``None`` when blank; anything but a string is E007."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _e007(meta_path, key, f"expected text, got {_kind(value)}")
    return value.strip() or None


def _published(meta_path: Path, value: Any) -> date | None:
    """A calendar date: a YAML date or a ``YYYY-MM-DD`` string; a date-time is rejected."""
    if isinstance(value, datetime):
        raise _e007(meta_path, "published", "expected YYYY-MM-DD, got a date and time")
    if isinstance(value, date):
        return value
    text = _text(meta_path, "published", value)
    if text is None:
        return None
    if not _DATE_RE.fullmatch(text):
        raise _e007(meta_path, "published", f"expected YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _e007(meta_path, "published", f"{text!r}: {exc}") from exc


def _timezone(meta_path: Path, value: Any) -> str:
    """An IANA zone name that :class:`zoneinfo.ZoneInfo` can load; ``"UTC"`` when absent."""
    name = _text(meta_path, "timezone", value)
    if name is None:
        return DocumentMeta.timezone
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise _e007(meta_path, "timezone", f"{name!r} is not an IANA time zone") from exc
    return name


# --------------------------------------------------------------------------- iteration


def iter_documents(paths: Sequence[Path], max_bytes: int,
                   on_error: Callable[[DocumentError], None]) -> Iterator[Document]:
    """Yield each good document (with metadata) and report each bad file to ``on_error``.

    A missing path, an empty or unreadable directory or a symlink out of the tree is reported too,
    and the walk goes on, so the build can print one line per problem and carry on. A file with
    the same content as one already yielded is reported (E013, a warning) and not yielded again.
    Exceptions raised by ``on_error`` itself propagate (a caller may choose to stop at the first error).
    """
    seen: dict[str, str] = {}
    for item in discover(paths, on_error):
        try:
            document = load_document(item, max_bytes)
        except DocumentError as exc:
            on_error(exc)
            continue
        if document.doc_id in seen:
            on_error(DocumentError(Errors.E013.format(path=item, other=seen[document.doc_id]), path=str(item),
                                   warning=True))
            continue
        seen[document.doc_id] = str(item)
        yield _plausible_dates(document, on_error)


#: years a sanctions text can plausibly be published in (the UN Charter to a generous future)
YEAR_RANGE = (1945, 2100)


def _plausible_dates(document: Document, on_error: Callable[[DocumentError], None]) -> Document:
    """A ``published`` date outside :data:`YEAR_RANGE` (``0001-01-01``) is a warning (E016) and is
    dropped, instead of silently making every relative date in the text unresolvable."""
    published = document.meta.published
    if published is None or YEAR_RANGE[0] <= published.year <= YEAR_RANGE[1]:
        return document
    meta_path = meta_path_for(Path(document.path))
    on_error(DocumentError(Errors.E016.format(path=meta_path, year=published.year, low=YEAR_RANGE[0],
                                              high=YEAR_RANGE[1], what="the published date is"),
                           path=str(meta_path), warning=True))
    return dataclasses.replace(document, meta=dataclasses.replace(document.meta, published=None))


# --------------------------------------------------------------------------- helpers


def _e006(meta_path: Path, reason: str) -> DocumentError:
    return DocumentError(Errors.E006.format(path=meta_path, reason=reason), path=str(meta_path))


def _e007(meta_path: Path, key: str, reason: str) -> DocumentError:
    return DocumentError(Errors.E007.format(path=meta_path, key=key, reason=reason),
                         path=str(meta_path))


def _kind(value: Any) -> str:
    """A short, user-facing name for a YAML value's type."""
    names = {dict: "a mapping", list: "a list", bool: "true/false", int: "a number",
             float: "a number", bytes: "binary data", set: "a set"}
    return names.get(type(value), type(value).__name__)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _one_line(message: str) -> str:
    """Errors are printed one per line, so YAML's multi-line messages are folded."""
    return " ".join(message.split())
