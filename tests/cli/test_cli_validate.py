"""``validate`` is the SHACL gate: a readable report and exit 1 on a violation, exit 0 on a good graph."""
from __future__ import annotations

from pathlib import Path

from cli.runner import run

PREFIXES = """@prefix skg: <https://w3id.org/sanctions-kg/ontology#> .
@prefix id: <https://w3id.org/sanctions-kg/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
HASH = "5ae5f8acf440a4b5" * 4
GRAPH = PREFIXES + f"""
<https://w3id.org/sanctions-kg/id/country/CHN> a skg:Country ; skg:iso3 "CHN" ; rdfs:label "China" ;
    skg:votedAgainst id:resolution\\/r1 .
id:resolution\\/r1 a skg:Resolution ; rdfs:label "draft resolution 2022-05-26" ; prov:wasDerivedFrom id:evidence\\/e1 .
id:vote\\/v1 a skg:Vote ; skg:voter <https://w3id.org/sanctions-kg/id/country/CHN> ;
    skg:onResolution id:resolution\\/r1 ;
    skg:position POSITION ; prov:wasDerivedFrom id:evidence\\/e1 .
id:document\\/{HASH} a skg:Document ; dcterms:title "000.txt" ; dcterms:issued "2022-05-27"^^xsd:date ;
    skg:contentHash "{HASH}" .
id:evidence\\/e1 a skg:Evidence ; skg:inDocument id:document\\/{HASH} ;
    skg:quote "the quoted span" ; skg:charStart 100 ; skg:charEnd 115 ; skg:extractedBy "test_rule" .
"""


def test_a_vote_with_a_string_position_fails_with_a_readable_report(tmp_path: Path):
    (tmp_path / "bad.ttl").write_text(GRAPH.replace("POSITION", '"against"'), encoding="utf-8")
    result = run("validate", "--graph", "bad.ttl", cwd=tmp_path, check=1)
    lines = result.stderr.splitlines()
    assert any(line.startswith("Violation:") and "id:vote/v1" in line and "skg:position" in line
               for line in lines), result.stderr
    assert "1 violation(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_same_graph_with_a_controlled_position_conforms(tmp_path: Path):
    (tmp_path / "good.ttl").write_text(GRAPH.replace("POSITION", "skg:Against"), encoding="utf-8")
    result = run("validate", "--graph", "good.ttl", cwd=tmp_path, check=0)
    assert "0 violation(s)" in result.stderr


def test_the_seed_store_conforms(workdir: Path):
    result = run("validate", "--store", "store", cwd=workdir, check=0)
    assert "conforms" in result.stdout and "0 violation(s)" in result.stderr


def test_a_graph_that_does_not_parse_is_one_coded_line(tmp_path: Path):
    (tmp_path / "broken.ttl").write_text("this is <not turtle", encoding="utf-8")
    result = run("validate", "--graph", "broken.ttl", cwd=tmp_path, check=1)
    assert result.stderr.startswith("sanctions-kg: error: [E032]")
    assert "Traceback" not in result.stderr


def test_a_missing_graph_file_is_e031(tmp_path: Path):
    result = run("validate", "--graph", "missing.trig", cwd=tmp_path, check=1)
    assert "[E031]" in result.stderr
    assert not (tmp_path / "missing.trig").exists()


def test_build_validates_by_default_and_says_how_to_skip_it(tmp_path: Path):
    out = run("build", "--help", cwd=tmp_path, check=0).stdout
    assert "--no-validate" in out and "SHACL" in out
