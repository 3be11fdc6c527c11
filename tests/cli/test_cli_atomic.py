"""A build killed with SIGKILL leaves the output file and the store as they were, or consistent.

``build -o FILE`` writes a temporary file beside FILE, fsyncs it and renames it over FILE, so a
kill at any moment leaves the old FILE or the new one. A kill can leave the temporary file itself
(``.FILE.<random>.tmp``): nothing can remove it after a SIGKILL. It is harmless: it is not a
``*.txt`` document, it never replaces FILE, and the next build writes a new temporary name.

``build --store DIR`` writes each document's graph in one Oxigraph transaction, so after a kill
every document graph is either complete or absent, and a second build finishes the job.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
from pathlib import Path

import pytest
import rdflib

from cli.runner import COUNT_DOCUMENTS, SEED_NAMES, SEEDS, cli_env, command, count, query_csv, run

COPIES = 30
KILL_AFTER_DOCS = 5
PER_GRAPH = """SELECT ?file (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?d a skg:Document ; skg:sourceFile ?file .
  ?s ?p ?o } } GROUP BY ?file"""
EVIDENCE = """SELECT ?file (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?d a skg:Document ; skg:sourceFile ?file .
  OPTIONAL { ?ev skg:inDocument ?d } } GROUP BY ?file"""


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 documents: copies of the seeds, each made unique by one appended sentence."""
    folder = tmp_path_factory.mktemp("many") / "many"
    folder.mkdir()
    for i in range(COPIES):
        seed = SEED_NAMES[i % len(SEED_NAMES)]
        text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8") + f"\nCopy number {i}.\n"
        (folder / f"{i:02d}_{seed}.txt").write_text(text, encoding="utf-8")
        shutil.copy2(SEEDS / f"{seed}.meta.yml", folder / f"{i:02d}_{seed}.meta.yml")
    return folder


def _kill_mid_build(args: list[str], cwd: Path) -> int:
    """Start a build with a progress bar, SIGKILL it once KILL_AFTER_DOCS are done; return how many were."""
    process = subprocess.Popen(command(*args, "--progress", "--batch-size", "4", "--validate-batch", "4"),
                               cwd=cwd, env={**cli_env(), "SANCTIONS_KG_STORE_BATCH": "4"}, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = [0]
    reached = threading.Event()

    def watch() -> None:  # tqdm rewrites "documents stored:  23%|██▎  | 7/30 [...]" with carriage returns
        buffer = b""
        while chunk := os.read(process.stderr.fileno(), 4096):
            buffer = (buffer + chunk)[-4096:]
            done = [int(n) for n in re.findall(rb"documents stored:\s+\d+%\|[^|]*\| (\d+)/\d+", buffer)]
            if done and done[-1] >= KILL_AFTER_DOCS:
                seen[0] = done[-1]
                reached.set()

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    try:
        assert reached.wait(90), "the build never got going"
        assert process.poll() is None, "the build finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(5)
        process.stderr.close()
    return seen[0]


def test_sigkill_during_build_leaves_the_output_file_as_it_was(workdir: Path, many: Path):
    run("export", "out.ttl", "--store", "store", cwd=workdir, check=0)
    before = (workdir / "out.ttl").read_bytes()
    _kill_mid_build(["build", str(many), "-o", "out.ttl"], workdir)
    assert (workdir / "out.ttl").read_bytes() == before
    graph = rdflib.Graph().parse(workdir / "out.ttl", format="turtle")
    assert len(graph) > 100
    strays = [p.name for p in workdir.iterdir() if p.name.startswith(".out.ttl.")]
    assert all(name.endswith(".tmp") for name in strays), strays  # possible after SIGKILL, never the real file
    # a stray temporary file breaks nothing: the next build writes the file and reads it back
    run("build", "seeds", "-o", "out.ttl", cwd=workdir, check=0)
    assert count(COUNT_DOCUMENTS, "--graph", "out.ttl", cwd=workdir) == len(SEED_NAMES)


def _seed_sizes(cwd: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Quads and evidence per seed document in the seed store, keyed by seed name."""
    quads = {Path(f).stem: int(n) for f, n in query_csv(PER_GRAPH, "--store", "store", cwd=cwd)}
    evidence = {Path(f).stem: int(n) for f, n in query_csv(EVIDENCE, "--store", "store", cwd=cwd)}
    assert set(quads) == set(evidence) == set(SEED_NAMES)
    return quads, evidence


def _assert_every_document_complete(cwd: Path, quads: dict[str, int], evidence: dict[str, int]) -> int:
    """Each document graph holds exactly what its seed's graph holds (a copy differs by one sentence)."""
    per_graph = query_csv(PER_GRAPH, "--store", "store", cwd=cwd)
    per_doc = dict(query_csv(EVIDENCE, "--store", "store", cwd=cwd))
    for file, n in per_graph:
        seed = Path(file).stem.split("_", 1)[-1] if Path(file).parent.name == "many" else Path(file).stem
        assert int(n) == quads[seed], (file, n)
        assert int(per_doc[file]) == evidence[seed], (file, per_doc[file])
    assert len(per_doc) == len(per_graph)
    return len(per_graph)


def test_sigkill_during_a_store_build_leaves_a_consistent_store(workdir: Path, many: Path):
    quads, evidence = _seed_sizes(workdir)
    done = _kill_mid_build(["build", str(many), "--store", "store"], workdir)
    # the store reopens (RocksDB recovers its log) and answers queries
    result = run("query", "cq1", "--store", "store", cwd=workdir, check=0)
    assert "CHN" in result.stdout and "RUS" in result.stdout
    present = _assert_every_document_complete(workdir, quads, evidence)
    assert len(SEED_NAMES) + done <= present < len(SEED_NAMES) + COPIES
    # a second build adds exactly what is missing
    result = run("build", str(many), "--store", "store", cwd=workdir, check=0)
    assert re.search(rf"\b{present - len(SEED_NAMES)} unchanged\b", result.stderr), result.stderr
    assert _assert_every_document_complete(workdir, quads, evidence) == len(SEED_NAMES) + COPIES
