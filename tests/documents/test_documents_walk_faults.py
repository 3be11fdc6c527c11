"""Discovery that cannot be derailed (issue 11, item 4): each reproduction of the issue is a case here."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sanctions_kg.documents import discover, iter_documents
from sanctions_kg.errors import DocumentError

LIMIT = 1_000_000


def _run(paths: list[Path]) -> tuple[list[str], list[DocumentError]]:
    errors: list[DocumentError] = []
    docs = [d.path for d in iter_documents(paths, LIMIT, errors.append)]
    return docs, errors


def test_an_unreadable_directory_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / "p" / name).mkdir(parents=True)
    (tmp_path / "p" / "a" / "x.txt").write_text("China vetoed.")
    (tmp_path / "p" / "c" / "x.txt").write_text("Russia vetoed.")
    (tmp_path / "p" / "c" / "bad.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "p" / "b").chmod(0)
    script = ("import sys; from pathlib import Path; from sanctions_kg.documents import iter_documents\n"
              "errs = []\n"
              "docs = [d.path for d in iter_documents([Path(sys.argv[1])], 10**6, errs.append)]\n"
              "print(docs); print([str(e)[:6] for e in errs])")
    prefix = []
    if os.geteuid() == 0:  # root reads any directory: drop the capabilities that allow it, as the issue did
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.fail("setpriv (util-linux) is needed to run this test as root")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    try:
        out = subprocess.run([*prefix, sys.executable, "-c", script, str(tmp_path / "p")], capture_output=True,
                             text=True, timeout=60, check=True).stdout.splitlines()
    finally:
        (tmp_path / "p" / "b").chmod(0o755)
    assert out[0] == str([str(tmp_path / "p" / "a" / "x.txt"), str(tmp_path / "p" / "c" / "x.txt")])
    assert out[1] == str(["[E009]", "[E004]"])  # the unreadable folder, then the later bad file


def test_a_very_deep_tree_is_walked_without_recursion(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text("China vetoed.")
    deep = str(tmp_path)
    for _ in range(1200):  # one level at a time: os.makedirs itself recurses per level
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    with open(os.path.join(deep, "x.txt"), "w") as handle:
        handle.write("Russia vetoed.")
    try:
        docs, errors = _run([tmp_path])
    finally:
        _remove_chain(tmp_path, 1200)  # shutil.rmtree (pytest's clean-up) recurses per level too
    assert not errors
    assert docs[-1] == str(tmp_path / "top.txt") and len(docs) == 2


def _remove_chain(top: Path, depth: int) -> None:
    levels = [os.path.join(str(top), *(["d"] * n)) for n in range(1, depth + 1)]
    os.remove(os.path.join(levels[-1], "x.txt"))
    for level in reversed(levels):
        os.rmdir(level)


def test_a_file_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("root:x:0:0")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text("China vetoed.")
    (tree / "inner.txt").symlink_to(tree / "a.txt")
    (tree / "passwd.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    docs, errors = _run([tree])
    assert docs == [str(tree / "a.txt")]  # the inner link has the same content: a duplicate
    codes = sorted(str(e)[:6] for e in errors)
    assert codes == ["[E013]", "[E014]"]
    with pytest.raises(DocumentError, match=r"^\[E014\] .*passwd.txt: a symbolic link leaving the input tree"):
        list(discover([tree]))


def test_the_same_content_twice_is_one_document_and_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("China vetoed.")
    (tmp_path / "b.txt").write_text("China vetoed.")
    docs, errors = _run([tmp_path])
    assert docs == [str(tmp_path / "a.txt")]
    [warning] = errors
    expected = f"[E013] {tmp_path / 'b.txt'}: same content as {tmp_path / 'a.txt'}; built once"
    assert warning.warning and str(warning) == expected


def test_a_published_year_out_of_range_is_a_warning_and_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("China vetoed on Thursday.")
    (tmp_path / "a.meta.yml").write_text("published: 0001-01-01\n")
    (tmp_path / "b.txt").write_text("Russia vetoed on Thursday.")
    (tmp_path / "b.meta.yml").write_text("published: 2022-05-27\n")
    errors: list[DocumentError] = []
    docs = list(iter_documents([tmp_path], LIMIT, errors.append))
    assert [d.meta.published for d in docs] == [None, date(2022, 5, 27)]
    [warning] = errors
    assert warning.warning and str(warning).startswith(f"[E016] {tmp_path / 'a.meta.yml'}: year 1 is out of range")
