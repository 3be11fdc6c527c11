"""``build --progress``: a bar with a total and an ETA, and the model named on stderr before it loads."""
from __future__ import annotations

import re
from pathlib import Path

from cli.runner import SEED_NAMES, copy_seeds, run
from sanctions_kg.settings import Settings

# tqdm with a total: "documents stored:  33%|███▎      | 1/3 [00:00<00:01,  1.39doc/s]" (elapsed<remaining)
BAR = re.compile(r"documents stored:\s+(\d+)%\|[^|]*\| (\d+)/(\d+) \[(\d\d:\d\d)<(\?|\d\d:\d\d)")


def _screens(stderr: str) -> list[str]:
    """What the terminal showed, one entry per redraw (tqdm rewrites its line after a carriage return)."""
    return [part.strip() for part in re.split(r"[\r\n]", stderr) if part.strip()]


def test_progress_has_a_total_and_an_eta_and_says_which_model_loads(tmp_path: Path):
    copy_seeds(tmp_path / "seeds")
    result = run("build", "seeds", "--store", "store", "--progress", "--batch-size", "1", "--validate-batch", "1",
                 cwd=tmp_path, check=0)
    screens = _screens(result.stderr)
    loading = f"loading model {Settings.model} …"
    assert loading in screens, result.stderr
    bars = [(i, BAR.search(s)) for i, s in enumerate(screens) if BAR.search(s)]
    assert bars, result.stderr
    assert {int(m.group(3)) for _, m in bars} == {len(SEED_NAMES)}  # the total: the new documents
    done = [(i, int(m.group(2)), m.group(5)) for i, m in bars]
    first_stored = min(i for i, n, _ in done if n >= 1)
    assert screens.index(loading) < first_stored  # said before the first document is stored
    assert any(eta != "?" for _, n, eta in done if 0 < n < len(SEED_NAMES)), result.stderr  # an estimate
    assert max(n for _, n, _ in done) == len(SEED_NAMES)


def test_an_unchanged_rebuild_loads_no_model_and_shows_no_bar(workdir: Path):
    again = run("build", "seeds", "--store", "store", "--progress", cwd=workdir, check=0)
    assert "loading model" not in again.stderr and not BAR.search(again.stderr), again.stderr
    assert re.search(rf"\b0 added, 0 replaced, {len(SEED_NAMES)} unchanged\b", again.stderr), again.stderr
