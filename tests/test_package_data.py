"""The ontology, shapes, queries and rules ship inside the wheel, equal to the repository's sources.

``ontology/`` is the one source; ``setup.py`` copies it into the wheel as ``sanctions_kg/ontology/``
at build time, so no second copy lives in the repository. The first test builds the real wheel and
compares every packaged byte with the sources: a file added to ``ontology/`` or ``rules/`` that the
build leaves out, or a build step that changes one, fails here. ``scripts/check-wheel`` goes further
(a clean venv outside the checkout building the seeds).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from sanctions_kg import settings as settings_module
from sanctions_kg.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "sanctions_kg"


def _sources() -> dict[str, bytes]:
    """Wheel path -> bytes for every data file that must ship."""
    files = {f"sanctions_kg/ontology/{p.relative_to(REPO / 'ontology').as_posix()}": p.read_bytes()
             for p in (REPO / "ontology").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    files.update({f"sanctions_kg/{p.relative_to(PACKAGE).as_posix()}": p.read_bytes()
                  for p in (PACKAGE / "rules").rglob("*") if p.is_file()})
    files["sanctions_kg/vocabulary.yml"] = (PACKAGE / "vocabulary.yml").read_bytes()
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (the checkout gets no build/ debris)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "ontology", src / "ontology")
    shutil.copytree(PACKAGE, src / "src" / "sanctions_kg", ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                           str(work / "dist"), str(src)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = (work / "dist").glob("sanctions_kg-*.whl")
    return built


def test_the_wheel_carries_the_sources_byte_for_byte(wheel: Path) -> None:
    expected = _sources()
    assert any(name.endswith("ontology/queries/cq1.rq") for name in expected)
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name: archive.read(name) for name in archive.namelist()
                    if name.startswith(("sanctions_kg/ontology/", "sanctions_kg/rules/"))
                    or name == "sanctions_kg/vocabulary.yml"}
    assert sorted(packaged) == sorted(expected), "files missing from or extra in the wheel"
    drifted = [name for name, data in expected.items() if packaged[name] != data]
    assert drifted == []


def test_an_editable_checkout_reads_ontology_in_place() -> None:
    assert settings_module.packaged("ontology") is None  # nothing is copied into src/
    assert load_settings().ontology_dir == REPO / "ontology"
    assert load_settings().rules_dir == PACKAGE / "rules"


def test_the_environment_overrides_the_ontology(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SANCTIONS_KG_ONTOLOGY", str(tmp_path))
    assert load_settings().ontology_dir == tmp_path
    monkeypatch.setenv("SANCTIONS_KG_ONTOLOGY", "")
    assert load_settings().ontology_dir == REPO / "ontology"


def test_the_cli_honours_the_ontology_override(tmp_path: Path) -> None:
    """``query --list`` and ``query NAME`` read the queries of ``$SANCTIONS_KG_ONTOLOGY``, as the helper does."""
    folder = tmp_path / "onto"
    shutil.copytree(REPO / "ontology", folder)
    (folder / "queries" / "mine.rq").write_text("# title: Mine\nSELECT ?x WHERE { VALUES ?x { 1 } }\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SANCTIONS_KG_", "PYTHON"))}
    env["SANCTIONS_KG_ONTOLOGY"] = str(folder)
    listed = subprocess.run([sys.executable, "-m", "sanctions_kg.cli", "query", "--list"], env=env,
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert listed.returncode == 0 and "mine\tMine" in listed.stdout.splitlines(), listed.stderr
    ran = subprocess.run([sys.executable, "-m", "sanctions_kg.cli", "query", "mine", "--graph",
                          str(REPO / "graph" / "seeds.ttl"), "--format", "csv"], env=env,
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert ran.returncode == 0 and ran.stdout.splitlines() == ["x", "1"], ran.stderr


def test_settings_are_a_value(tmp_path: Path) -> None:
    """A replaced folder reaches the loaders that take settings (the rules loader, the ontology loader)."""
    from sanctions_kg.ruleset import load_rules
    (tmp_path / "launch.yml").write_text("verbs: [fire]\n")
    assert load_rules("launch.yml", replace(load_settings(), rules_dir=tmp_path)) == {"verbs": ["fire"]}
