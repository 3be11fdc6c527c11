"""The benchmark corpus: the seed and dev documents, replicated into unique copies.

Each copy is the original text plus a last line ``Copy <n>.`` (so its content hash, and with it its
document IRI, differs and the build's "already stored" skip cannot fake speed), written with its
``.meta.yml`` under a fresh directory. Facts and evidence offsets are those of the original text.
"""
from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = (Path("/work/shared/seeds"), Path("/work/shared/corpus/dev"))


def source_documents() -> list[Path]:
    """The original ``.txt`` files, sorted (seeds first, then dev)."""
    found = [p for root in SOURCES if root.is_dir() for p in sorted(root.glob("*.txt"))]
    if not found:
        raise SystemExit(f"bench: no documents under {', '.join(map(str, SOURCES))}")
    return found


def replicate(target: Path, count: int, label: str = "Copy", start: int = 0) -> list[Path]:
    """Write ``count`` unique copies into ``target`` (created empty) and return their paths, sorted."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    originals = source_documents()
    paths = []
    for n in range(start, start + count):
        src = originals[n % len(originals)]
        paths.append(copy_document(src, target / f"c{n:05d}_{src.name}", f"{label} {n}."))
    return sorted(paths)


FILLER = Path(__file__).resolve().parent / "filler"
MIX_MAX_BYTES = 20_000


def filler_documents() -> list[Path]:
    """The unrelated news texts kept in ``bench/filler/`` (addresses in their ``.meta.yml``)."""
    return sorted(FILLER.glob("*.txt"))


def mix(target: Path, count: int, relevant_share: float) -> tuple[list[Path], int]:
    """``count`` unique documents: about ``relevant_share`` of them copies of the seed and dev texts,
    spread evenly, the rest copies of the unrelated filler. Returns the paths and the relevant count."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # the one long text (118 KB) is left out: parsing it sets a peak RSS by itself, which would hide growth
    relevant = [p for p in source_documents() if p.stat().st_size <= MIX_MAX_BYTES]
    filler = filler_documents()
    every = max(1, round(1 / relevant_share))
    paths, n_relevant = [], 0
    for n in range(count):
        if n % every == every // 2:
            src, n_relevant = relevant[n_relevant % len(relevant)], n_relevant + 1
        else:
            src = filler[n % len(filler)]
        paths.append(copy_document(src, target / f"m{n:05d}_{src.name}", f"Copy {n}."))
    return sorted(paths), n_relevant


def copy_document(src: Path, dst: Path, last_line: str) -> Path:
    """Copy a text with its .meta.yml, adding ``last_line`` so that each copy has a hash of its own."""
    text = src.read_text(encoding="utf-8")
    dst.write_text(f"{text}{'' if text.endswith(chr(10)) else chr(10)}{last_line}\n", encoding="utf-8")
    meta = src.with_name(src.name[: -len(".txt")] + ".meta.yml")
    if meta.exists():
        shutil.copyfile(meta, dst.with_name(dst.name[: -len(".txt")] + ".meta.yml"))
    return dst
