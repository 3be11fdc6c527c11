"""``docs/analyst.ipynb`` runs top to bottom in a kernel of this venv and answers what it says it answers.

The notebook builds ``../shared/corpus/dev`` into a temporary store (most of its time), asks five
questions and draws the vote matrix and the launch timeline as PNG outputs. It runs under nbclient in
an ipykernel started with this interpreter (a kernelspec written to tmp, so no other Jupyter install
is picked up). The executed copy is saved as ``analyst.ipynb`` in the test's tmp folder
(``pytest tests/e2e/test_notebook.py --basetemp=/tmp/nb`` keeps it in a known place).

The committed notebook carries no outputs: they would go stale with every rule change and weigh
about nine times the code; this test makes them fresh.
"""
from __future__ import annotations

import base64
import json
import re
import struct
import sys

import pytest

from repo_paths import REPO, SHARED

NOTEBOOK = REPO / "docs" / "analyst.ipynb"
CELL_TIMEOUT = 600  # per cell; the build cell takes ~20 s on two idle cores
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory):
    """The notebook after a run (nbclient raises on the first cell that fails)."""
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    assert (SHARED / "corpus" / "dev").is_dir(), f"{SHARED} must sit beside the repository"
    work = tmp_path_factory.mktemp("notebook")
    spec = work / "kernels" / "sanctions-kg"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "sanctions-kg (this venv)", "language": "python"}), encoding="utf-8")
    manager = KernelManager(kernel_name="sanctions-kg",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec.parent)]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT, startup_timeout=120,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    nbformat.write(notebook, work / "analyst.ipynb")
    return notebook


def outputs(notebook, tag: str) -> list[dict]:
    """The outputs of the one code cell tagged ``tag``."""
    cells = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r}, found {len(cells)}"
    return cells[0].outputs


def text(notebook, tag: str) -> str:
    """Everything a cell printed or displayed as text."""
    parts = []
    for out in outputs(notebook, tag):
        parts.append(out.get("text", "") if out.output_type == "stream" else out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_the_committed_notebook_has_no_outputs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_it_builds_the_whole_dev_corpus(executed):
    match = re.search(r"(\d+) documents stored, (\d+) facts, 0 errors", text(executed, "build"))
    assert match and int(match[1]) == len(list((SHARED / "corpus" / "dev").glob("*.txt")))
    assert int(match[2]) > 100


def test_the_veto_table_has_the_chinese_and_russian_vetoes(executed):
    rows = text(executed, "vetoes")
    assert re.search(r"^\d+\s+CHN\s+2017-02-28\s+Draft resolution on Syria", rows, re.M), rows
    assert re.search(r"^\d+\s+RUS\s+2024-03-28\s+Draft resolution on North Korea", rows, re.M), rows
    assert set(re.findall(r"^\d+\s+([A-Z]{3})\s", rows, re.M)) <= {"CHN", "FRA", "GBR", "RUS", "USA"}


def test_failed_drafts_are_only_the_failed_ones_with_what_stopped_them(executed):
    rows = text(executed, "failed")
    assert "veto (CHN RUS)" in rows and "fewer than 9 in favour" in rows
    assert "Resolution 2397" not in rows  # adopted: cq2's outcome parameter filters


def test_the_other_questions_answer(executed):
    assert re.search(r"^2017\s+\d+\s+\d+\s+[1-9]", text(executed, "launches"), re.M)  # ICBMs in 2017
    assert "ICBM" in text(executed, "launches")
    designations = text(executed, "designations")
    assert re.search(r"^UN\s", designations, re.M) and re.search(r"^total\s", designations, re.M)
    assert re.search(r"^CHN\s+\d+\s+.*Geng Shuang", text(executed, "represents"), re.M)


@pytest.mark.parametrize("tag", ["vote-matrix", "launch-timeline"])
def test_the_figures_are_png_outputs(executed, tag: str):
    images = [out["data"]["image/png"] for out in outputs(executed, tag) if "image/png" in out.get("data", {})]
    assert len(images) == 1
    png = base64.b64decode(images[0])
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert png.startswith(PNG_SIGNATURE) and width >= 400 and height >= 200


def test_no_cell_wrote_to_stderr(executed):
    noisy = [out.text for cell in executed.cells if cell.cell_type == "code"
             for out in cell.outputs if out.output_type == "stream" and out.name == "stderr"]
    assert noisy == []

