"""Discovery: sorted, recursive, lazy, sidecars ignored, coded errors for bad paths."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from sanctions_kg.documents import discover
from sanctions_kg.errors import DocumentError

TREE = [
    "b.txt", "a.txt", "a.gold.json", "a.meta.yml", "notes.md",
    "a/z.txt", "a/sub/m.txt", "a.d/x.txt", "B/upper.txt", "empty/.keep",
]


@pytest.fixture
def tree(tmp_path: Path, write) -> Path:
    for name in TREE:
        write(name, "x")
    return tmp_path


def test_directory_yields_txt_recursively_in_sorted_order(tree: Path) -> None:
    found = [p.relative_to(tree).as_posix() for p in discover([tree])]
    assert found == ["B/upper.txt", "a/sub/m.txt", "a/z.txt", "a.d/x.txt", "a.txt", "b.txt"]


def test_order_equals_sorted_rglob(tree: Path) -> None:
    """Per-level sorting must give the same order as one global sort of the paths."""
    assert list(discover([tree])) == sorted(tree.rglob("*.txt"))


def test_explicit_files_and_directories_keep_argument_order(tree: Path) -> None:
    found = list(discover([tree / "b.txt", tree / "a" / "sub", tree / "notes.md"]))
    assert found == [tree / "b.txt", tree / "a" / "sub" / "m.txt", tree / "notes.md"]


@pytest.mark.parametrize("name", ["a.gold.json", "a.meta.yml"])
def test_explicit_sidecar_files_are_skipped(tree: Path, name: str) -> None:
    """``build corpus/*`` expands to sidecars too; they are not documents."""
    assert list(discover([tree / name])) == []


def test_missing_path_is_e001(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"^\[E001\]") as info:
        list(discover([tmp_path / "nope"]))
    assert info.value.path == str(tmp_path / "nope")
    assert not info.value.warning


def test_directory_without_txt_is_e008(tree: Path) -> None:
    with pytest.raises(DocumentError, match=r"^\[E008\]"):
        list(discover([tree / "empty"]))


def test_discover_is_lazy(tree: Path) -> None:
    """A generator: nothing is listed, and no error is raised, until it is iterated."""
    missing = discover([tree / "nope"])
    assert inspect.isgenerator(missing)
    first = next(discover([tree]))
    assert first == tree / "B" / "upper.txt"


def test_symlinked_directories_are_not_followed(tree: Path) -> None:
    (tree / "a" / "loop").symlink_to(tree, target_is_directory=True)
    assert list(discover([tree])) == sorted(tree.rglob("*.txt"))
