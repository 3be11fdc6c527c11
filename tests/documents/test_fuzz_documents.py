"""Property tests: whatever the bytes or metadata, the reader returns a record or a DocumentError."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctions_kg.documents import read_document, read_meta
from sanctions_kg.errors import DocumentError
from sanctions_kg.records import Document, DocumentMeta

FAST = settings(max_examples=200, deadline=None)
LIMIT = 4096

# Scalars YAML can carry, including the values the metadata keys expect and near misses.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.dates().map(str), st.dates(), st.sampled_from(["Asia/Seoul", "UTC", "Mars/Base", "", "no"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)
keys = st.sampled_from(["title", "source_url", "publisher", "published", "timezone", "language",
                        "other"]) | st.text(max_size=10)


@contextmanager
def _in_tmp(name: str, data: bytes) -> Iterator[Path]:
    """A fresh file per example: hypothesis reuses function-scoped fixtures such as tmp_path."""
    with tempfile.TemporaryDirectory(prefix="skg-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


@FAST
@given(st.binary(max_size=LIMIT + 16))
def test_random_bytes_decode_exactly_or_fail_with_document_error(raw: bytes) -> None:
    with _in_tmp("doc.txt", raw) as path:
        try:
            doc = read_document(path, LIMIT)
        except DocumentError:
            return
    assert isinstance(doc, Document)
    assert doc.text.encode("utf-8") == raw


@FAST
@given(st.text(min_size=1))
def test_unicode_text_round_trips(text: str) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    with _in_tmp("doc.txt", raw) as path:
        try:
            doc = read_document(path, LIMIT * 4)
        except DocumentError as error:
            _assert_refusable(text, error)
            return
    assert doc.text == text
    assert doc.text.encode("utf-8") == raw


def _assert_refusable(text: str, error: DocumentError) -> None:
    """Only what the contract refuses: NUL (binary) or lone surrogates (not valid UTF-8)."""
    assert "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text), str(error)


@FAST
@given(st.dictionaries(keys, values, max_size=7))
def test_random_metadata_mappings(data: dict) -> None:
    _check_meta(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@FAST
@given(st.text(max_size=200))
def test_random_yaml_text(text: str) -> None:
    _check_meta(text.encode("utf-8", errors="surrogatepass"))


@FAST
@given(st.binary(max_size=200))
def test_random_yaml_bytes(raw: bytes) -> None:
    _check_meta(raw)


def _check_meta(raw: bytes) -> None:
    """read_meta must return a DocumentMeta or raise DocumentError, nothing else."""
    with _in_tmp("doc.meta.yml", raw) as meta_path:
        try:
            meta = read_meta(meta_path.with_name("doc.txt"))
        except DocumentError as error:
            assert str(error).startswith(("[E005]", "[E006]", "[E007]"))
            assert "\n" not in str(error)
            return
    assert isinstance(meta, DocumentMeta)
    assert meta.timezone and meta.language
