"""``sanctions-kg show`` (an evidence card), ``--version`` and the GraphML file's mode and types."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import networkx as nx

from cli.runner import run

STORE = ("--store", "seed-store")


def test_show_prints_facts_and_every_quote_with_its_source(seed_workdir: Path):
    out = run("show", "Lazarus", *STORE, cwd=seed_workdir, check=0).stdout
    lines = out.splitlines()
    assert lines[0] == "Lazarus Group" and "id/org/" in lines[1]
    assert "also known as: Lazarus" in out
    assert "<- skg:designee  Designation: Lazarus Group, AssetFreeze, Proposed" in out
    assert "UN Security Council rejects additional sanctions on North Korea; China and Russia veto" in out
    assert "2022-05-27" in out and "\u201cIn addition, Lazarus, a hacking group" in out


def test_show_by_iri_and_unknown_names(seed_workdir: Path):
    out = run("show", "id:country/PRK", *STORE, cwd=seed_workdir, check=0).stdout
    assert out.splitlines()[0] == "North Korea"
    result = run("show", "Nobody At All", *STORE, cwd=seed_workdir, check=1)
    assert "[E056] nothing in the graph is called 'Nobody At All'" in result.stderr
    result = run("show", "North", *STORE, cwd=seed_workdir, check=1)
    assert "did you mean: " in result.stderr and "North Korea" in result.stderr


def test_version(seed_workdir: Path):
    from sanctions_kg import __version__
    assert run("--version", cwd=seed_workdir, check=0).stdout.strip() == f"sanctions-kg {__version__}"


def test_graphml_is_world_readable_with_typed_counts(seed_workdir: Path, tmp_path: Path):
    run("export", str(tmp_path / "net.graphml"), *STORE, cwd=seed_workdir, check=0)
    path = tmp_path / "net.graphml"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    graph = nx.read_graphml(path)
    counts = [d["count"] for _, _, d in graph.edges(data=True) if d.get("kind") == "launched" and "count" in d]
    assert counts and all(isinstance(c, int) for c in counts)
    assert 'attr.name="count" attr.type="long"' in path.read_text()
