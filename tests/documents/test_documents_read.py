"""read_document: strict UTF-8, honest offsets, sha256 ids, coded errors."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sanctions_kg.documents import read_document
from sanctions_kg.errors import DocumentError
from sanctions_kg.records import DocumentMeta

LIMIT = 1000

GOOD = [
    pytest.param(b"Resolution 2270 was adopted.\n", id="ascii"),
    pytest.param("Security Council \u2014 \u201cveto\u201d, \ud55c\uad6d\n".encode(), id="non-ascii"),
    pytest.param(b"line one\r\nline two\rline three\n", id="mixed-newlines-kept"),
    pytest.param(b"\xef\xbb\xbfBOM first", id="bom-kept"),
    pytest.param(b"x" * LIMIT, id="exactly-at-limit"),
]


@pytest.mark.parametrize("raw", GOOD)
def test_good_file_round_trips_byte_identically(write, raw: bytes) -> None:
    path = write("doc.txt", raw)
    doc = read_document(path, LIMIT)
    assert doc.text.encode("utf-8") == raw
    assert doc.doc_id == hashlib.sha256(raw).hexdigest()
    assert doc.path == str(path)
    assert doc.name == "doc.txt"
    assert doc.meta == DocumentMeta()


def test_bom_is_kept_so_offsets_index_the_stored_text(write) -> None:
    doc = read_document(write("bom.txt", b"\xef\xbb\xbfNorth Korea"), LIMIT)
    assert doc.text[0] == "\ufeff"
    assert doc.text[1:6] == "North"


BAD = [
    pytest.param(b"", "E002", True, id="empty-is-warning"),
    pytest.param(b"ab\x00cd", "E003", False, id="nul-byte"),
    pytest.param("caf\u00e9 \u00e0 Gen\u00e8ve".encode("latin-1"), "E004", False, id="latin-1"),
    pytest.param(b"\xed\xa0\x80", "E004", False, id="encoded-surrogate"),
    pytest.param(b"x" * (LIMIT + 1), "E005", False, id="over-limit"),
]


@pytest.mark.parametrize(("raw", "code", "warning"), BAD)
def test_bad_file_raises_coded_error(write, raw: bytes, code: str, warning: bool) -> None:
    path = write("bad.txt", raw)
    with pytest.raises(DocumentError, match=rf"^\[{code}\] ") as info:
        read_document(path, LIMIT)
    assert info.value.warning is warning
    assert info.value.path == str(path)
    assert str(path) in str(info.value)


def test_nul_error_gives_the_offset(write) -> None:
    with pytest.raises(DocumentError, match=r"offset 2\)"):
        read_document(write("bin.txt", b"ab\x00cd"), LIMIT)


def test_utf8_error_gives_the_byte_position(write) -> None:
    with pytest.raises(DocumentError, match=r"byte offset 3"):
        read_document(write("latin.txt", "caf\u00e9".encode("latin-1")), LIMIT)


def test_size_is_checked_before_reading(write, monkeypatch: pytest.MonkeyPatch) -> None:
    """An oversized file must be refused from ``stat`` alone, never loaded."""
    path = write("big.txt", b"x" * (LIMIT + 1))

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", fail)
    with pytest.raises(DocumentError, match=r"^\[E005\] .*1001 bytes .*1000 bytes"):
        read_document(path, LIMIT)


def test_missing_file_is_e001(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"^\[E001\]"):
        read_document(tmp_path / "gone.txt", LIMIT)
