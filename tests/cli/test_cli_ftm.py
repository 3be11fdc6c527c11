"""``sanctions-kg export out.ftm.json --format ftm``: FollowTheMoney entities that FtM's own validation keeps whole."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.runner import run


@pytest.fixture(scope="module")
def ftm_file(seed_workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "out.ftm.json"
    run("export", str(path), "--format", "ftm", "--store", "seed-store", cwd=seed_workdir, check=0)
    return path


def entities(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_entity_survives_ftm_validation_unchanged(ftm_file: Path):
    """Each entity parses against the FtM model, and cleaning it as ``ftm validate`` does drops no value."""
    from followthemoney import model
    for data in entities(ftm_file):
        entity = model.get_proxy(data, cleaned=False)  # unknown schema or property raises here
        clean = entity.clone()
        for prop in entity.iterprops():
            clean.set(prop, entity.get_prop(prop))
        assert clean.to_dict()["properties"] == data["properties"], data["id"]


def test_the_ftm_command_validates_the_file(ftm_file: Path, tmp_path: Path):
    out = tmp_path / "validated.ftm.json"
    ftm = Path(sys.executable).with_name("ftm")
    subprocess.run([str(ftm), "validate", "-i", str(ftm_file), "-o", str(out)], check=True, timeout=120)
    assert [(e["id"], e["properties"]) for e in entities(out)] == [(e["id"], e["properties"])
                                                                   for e in entities(ftm_file)]


def test_sanctions_are_linked_to_their_designees(ftm_file: Path):
    items = entities(ftm_file)
    by_id = {e["id"]: e for e in items}
    sanctions = [e for e in items if e["schema"] == "Sanction"]
    assert len(sanctions) == 6 and len(by_id) == len(items)
    names = {}
    for sanction in sanctions:
        (target,) = sanction["properties"]["entity"]
        designee = by_id[target]
        assert designee["schema"] in {"Person", "Organization", "Company", "Vessel"}
        names[designee["properties"]["name"][0]] = (designee["schema"], sanction["properties"])
    assert names["Kim Su-il"][0] == "Person"
    assert names["Haegeumgang Trading Company"][0] == "Company"
    assert names["Lazarus Group"][0] == "Organization"
    lazarus = names["Lazarus Group"][1]
    assert lazarus["authority"] == ["United Nations Security Council"] and lazarus["provisions"] == ["Asset freeze"]
    assert lazarus["status"] == ["Proposed"] and lazarus["program"][0].startswith("Draft resolution on North Korea")
    assert lazarus["date"] == ["2022-05-27"] and "Lazarus" in lazarus["summary"][0]
    choe = names["Choe Myong Hyon"][1]
    assert choe["authority"] == ["United States"] and choe["status"] == ["Imposed"]


def test_schema_rules():
    from sanctions_kg.ftm import schema_for
    from sanctions_kg.namespace import SKG
    assert schema_for(str(SKG.Person), "Kim Su-il") == "Person"
    assert schema_for("", "the M/V Wise Honest") == "Vessel"
    assert schema_for("", "Korea Kwangson Banking Corp") == "Company"
    assert schema_for("", "Reconnaissance General Bureau") == "Organization"
