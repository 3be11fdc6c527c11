"""read_meta: optional sidecar, validated fields, E006/E007 for bad metadata."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sanctions_kg.documents import meta_path_for, read_meta
from sanctions_kg.errors import DocumentError
from sanctions_kg.records import DocumentMeta


def test_meta_path_is_beside_the_document() -> None:
    assert meta_path_for(Path("c/un-002_x.txt")) == Path("c/un-002_x.meta.yml")


def test_missing_meta_gives_defaults(write) -> None:
    assert read_meta(write("doc.txt", "x")) == DocumentMeta()


GOOD = [
    pytest.param(
        "title: T\nsource_url: https://u\npublisher: P\npublished: 2022-05-27\n"
        "timezone: Asia/Seoul\nlanguage: en\n",
        DocumentMeta("T", "https://u", "P", date(2022, 5, 27), "Asia/Seoul", "en"),
        id="all-keys-yaml-date"),
    pytest.param('published: "2009-07-17"\ntimezone: "America/New_York"\n',
                 DocumentMeta(published=date(2009, 7, 17), timezone="America/New_York"),
                 id="quoted-date"),
    pytest.param('title: ""\nsource_url: ""\npublisher: "  "\npublished: ""\ntimezone: ""\n'
                 'language: ""\n', DocumentMeta(), id="empty-strings-are-absent"),
    pytest.param("title:\npublished:\n", DocumentMeta(), id="nulls"),
    pytest.param("", DocumentMeta(), id="empty-file"),
    pytest.param("# only a comment\n", DocumentMeta(), id="comment-only"),
    pytest.param("title: T\nfuture_key: [1, 2]\n", DocumentMeta(title="T"), id="unknown-keys"),
    pytest.param("language: no\ntitle: 1984\n", DocumentMeta(title="1984", language="no"),
                 id="scalars-read-as-written"),
    pytest.param("\ufefftitle: T\n", DocumentMeta(title="T"), id="bom"),
    pytest.param("published: !!timestamp 2022-05-27\n",
                 DocumentMeta(published=date(2022, 5, 27)), id="explicit-date-tag"),
]


@pytest.mark.parametrize(("yaml_text", "expected"), GOOD)
def test_good_meta(write, yaml_text: str, expected: DocumentMeta) -> None:
    write("doc.meta.yml", yaml_text)
    assert read_meta(write("doc.txt", "x")) == expected


BAD = [
    pytest.param("title: [unclosed\n", "E006", id="invalid-yaml"),
    pytest.param("- a\n- b\n", "E006", id="list"),
    pytest.param("just a string\n", "E006", id="scalar"),
    pytest.param(b"title: caf\xe9\n", "E006", id="not-utf8"),
    pytest.param("a: &x 1\nb: *y\n", "E006", id="unknown-alias"),
    pytest.param("published: !!timestamp 2022-13-45\n", "E006", id="tag-constructor-fails"),
    pytest.param("x: !!python/object:os.system {}\n", "E006", id="unsafe-tag"),
    pytest.param("published: 2022-13-45\n", "E007", id="impossible-date"),
    pytest.param('published: "2022-13-45"\n', "E007", id="impossible-quoted-date"),
    pytest.param("published: yesterday\n", "E007", id="word"),
    pytest.param("published: 2022-05-27 10:00:00\n", "E007", id="date-time"),
    pytest.param("published: !!timestamp 2022-05-27 10:00:00\n", "E007", id="tagged-date-time"),
    pytest.param("published: 27/05/2022\n", "E007", id="other-format"),
    pytest.param("published: 20220527\n", "E007", id="basic-iso"),
    pytest.param("timezone: Mars/Olympus_Mons\n", "E007", id="unknown-zone"),
    pytest.param("timezone: America\n", "E007", id="zone-directory"),
    pytest.param("timezone: ../../etc/passwd\n", "E007", id="zone-path-escape"),
    pytest.param("timezone: zone1970.tab\n", "E007", id="zone-not-tzif"),
    pytest.param("timezone: utc\n", "E007", id="zone-wrong-case"),
    pytest.param("title: [a, b]\n", "E007", id="title-list"),
    pytest.param("language: {a: 1}\n", "E007", id="language-mapping"),
    pytest.param("title: !!int 5\n", "E007", id="title-tagged-int"),
]


@pytest.mark.parametrize(("content", "code"), BAD)
def test_bad_meta_raises_coded_error(write, content: str | bytes, code: str) -> None:
    meta = write("doc.meta.yml", content)
    with pytest.raises(DocumentError, match=rf"^\[{code}\] ") as info:
        read_meta(write("doc.txt", "x"))
    message = str(info.value)
    assert info.value.path == str(meta)
    assert str(meta) in message
    assert "\n" not in message, "errors are printed one per line"


@pytest.mark.parametrize(("content", "key"), [
    ("published: yesterday\n", "published"),
    ("timezone: Nowhere/Town\n", "timezone"),
    ("publisher: [x]\n", "publisher"),
])
def test_e007_names_the_field(write, content: str, key: str) -> None:
    write("doc.meta.yml", content)
    with pytest.raises(DocumentError, match=rf"field '{key}'"):
        read_meta(write("doc.txt", "x"))


def test_oversized_meta_is_e005(write) -> None:
    write("doc.meta.yml", "title: " + "x" * 100 + "\n")
    with pytest.raises(DocumentError, match=r"^\[E005\]"):
        read_meta(write("doc.txt", "x"), max_bytes=50)
