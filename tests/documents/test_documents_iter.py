"""iter_documents: good documents come out, each bad file is reported once, the build goes on."""
from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

import pytest

from sanctions_kg.documents import iter_documents, load_document
from sanctions_kg.errors import DocumentError


@pytest.fixture
def corpus(tmp_path: Path, write) -> Path:
    write("a_good.txt", "Good text.")
    write("a_good.meta.yml", "published: 2022-05-27\ntimezone: Asia/Seoul\n")
    write("a_good.gold.json", "{}")
    write("b_empty.txt", b"")
    write("c_binary.txt", b"\x00\x01")
    write("d_badmeta.txt", "Text with broken metadata.")
    write("d_badmeta.meta.yml", "published: yesterday\n")
    write("e_latin.txt", "caf\u00e9".encode("latin-1"))
    write("sub/f_nometa.txt", "No metadata here.")
    return tmp_path


def run(paths: list[Path], max_bytes: int = 1000) -> tuple[list, list[DocumentError]]:
    errors: list[DocumentError] = []
    docs = list(iter_documents(paths, max_bytes, errors.append))
    return docs, errors


def test_good_documents_and_one_error_per_bad_file(corpus: Path) -> None:
    docs, errors = run([corpus])
    assert [d.name for d in docs] == ["a_good.txt", "f_nometa.txt"]
    assert docs[0].meta.published == date(2022, 5, 27)
    assert docs[0].meta.timezone == "Asia/Seoul"
    assert docs[1].meta.published is None
    codes = [(str(e)[1:5], Path(e.path).name, e.warning) for e in errors]
    assert codes == [
        ("E002", "b_empty.txt", True),
        ("E003", "c_binary.txt", False),
        ("E007", "d_badmeta.meta.yml", False),
        ("E004", "e_latin.txt", False),
    ]


def test_missing_and_empty_paths_are_reported_and_the_rest_still_read(corpus: Path) -> None:
    (corpus / "nothing").mkdir()
    docs, errors = run([corpus / "nope", corpus / "nothing", corpus / "sub"])
    assert [d.name for d in docs] == ["f_nometa.txt"]
    assert [str(e)[:6] for e in errors] == ["[E001]", "[E008]"]


def test_iter_documents_is_lazy(corpus: Path) -> None:
    calls: list[DocumentError] = []
    gen = iter_documents([corpus], 1000, calls.append)
    assert inspect.isgenerator(gen)
    assert next(gen).name == "a_good.txt"
    assert calls == []


def test_on_error_may_stop_the_build(corpus: Path) -> None:
    def stop(error: DocumentError) -> None:
        raise error

    with pytest.raises(DocumentError, match=r"^\[E002\]"):
        list(iter_documents([corpus], 1000, stop))


def test_load_document_attaches_metadata(corpus: Path) -> None:
    doc = load_document(corpus / "a_good.txt", 1000)
    assert doc.text == "Good text."
    assert doc.meta.timezone == "Asia/Seoul"
