"""The competency questions of ../shared/competency-questions.md, answered from the seed graph.

Each test runs the named query (ontology/queries/cqN.rq) through the Python helper on a graph built by
the real pipeline from seeds/, and checks the expected answer; the last tests check what must not appear.
"""
from __future__ import annotations

from collections import Counter

SKG = "https://w3id.org/sanctions-kg/ontology#"
ID = "https://w3id.org/sanctions-kg/id/"


def local(value: object) -> str:
    return str(value).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def test_cq1_china_and_russia_vetoed_one_resolution_on_26_may(seed_kg):
    rows = seed_kg.query("cq1")
    assert sorted(r["iso"] for r in rows) == ["CHN", "RUS"]
    assert len({r["resolution"] for r in rows}) == 1
    assert {str(r["voteDate"]) for r in rows} == {"2022-05-26"}
    assert len(seed_kg.query(f"SELECT DISTINCT ?r WHERE {{ ?r a <{SKG}Resolution> }}")) == 1


def test_cq2_tally_outcome_sponsor_target(seed_kg):
    rows = seed_kg.query("cq2")
    assert len({r["resolution"] for r in rows}) == 1
    row = rows[0]
    assert (int(row["inFavour"]), int(row["against"])) == (13, 2)
    assert local(row["outcome"]) == "NotAdopted"
    assert {r["sponsorIso"] for r in rows} == {"USA"}
    assert {r["concernsIso"] for r in rows} == {"PRK"}


def test_cq3_proposed_asset_freezes(seed_kg):
    rows = seed_kg.query("cq3")
    names = {r["designeeLabel"] for r in rows}
    assert names == {"Lazarus Group", "Haegeumgang Trading Company", "Ministry of Military Industry", "Kim Su-il"}
    assert {local(r["measure"]) for r in rows} == {"AssetFreeze"}
    assert {local(r["status"]) for r in rows} == {"Proposed"}
    lazarus = next(r for r in rows if r["designeeLabel"] == "Lazarus Group")
    assert "Lazarus" in str(lazarus["altLabels"])


def test_cq4_import_caps(seed_kg):
    rows = seed_kg.query("cq4")
    caps = {(local(r["commodity"]), float(r["before"]), float(r["after"]), local(r["unit"]), r["countryIso"])
            for r in rows}
    assert caps == {("CrudeOil", 4_000_000, 3_000_000, "Barrel", "PRK"),
                    ("RefinedPetroleum", 500_000, 375_000, "Barrel", "PRK")}


def test_cq5_launches(seed_kg):
    rows = seed_kg.query("cq5")
    dated = {str(r["date"]): r for r in rows if r.get("date")}
    may = dated["2022-05-25"]
    assert int(may["count"]) == 3 and set(may["types"].split()) == {"ICBM", "BallisticMissile"}
    assert "Sunan" in may["site"] and int(may["documentCount"]) == 2
    assert "HypersonicMissile" in dated["2022-01-05"]["types"]
    train = [r for r in rows if "train" in r["site"]]
    assert len(train) == 1 and "BallisticMissile" in train[0]["types"]
    assert train[0]["reportedOn"].startswith("2022-01")
    assert len(rows) == 3


def test_cq6_china_and_russia_blocked_the_us_proposal(seed_kg):
    rows = seed_kg.query("cq6")
    assert sorted(r["blockerIso"] for r in rows) == ["CHN", "RUS"]
    assert {r["sponsorIso"] for r in rows} == {"USA"}
    assert len({r["proposal"] for r in rows}) == 1
    assert all(str(r["when"]).startswith("2022-01") for r in rows)


def test_cq7_us_designations_and_what_is_under_sanctions(seed_kg):
    rows = seed_kg.query("cq7")
    by_us = {r["designeeLabel"] for r in rows if r.get("authorityCode") == "USA"}
    assert "Choe Myong Hyon" in by_us
    imposed = {r["designeeLabel"] for r in rows if local(r["status"]) == "Imposed"}
    assert "Second Academy of Natural Sciences" in imposed


def test_cq8_representatives(seed_kg):
    rows = seed_kg.query("cq8")
    pairs = {(r["personLabel"], r["iso"]) for r in rows}
    assert pairs == {("Zhang Jun", "CHN"), ("Vassily Nebenzia", "RUS")}
    roles = {r["personLabel"]: r["role"] for r in rows}
    assert "ambassador to the United Nations" in roles["Zhang Jun"]
    assert "ambassador" in roles["Vassily Nebenzia"]


def test_cq9_every_fact_has_evidence_and_the_resolution_has_two_documents(seed_kg):
    rows = seed_kg.query("cq9")
    assert rows and all(int(r["evidenceCount"]) >= 1 for r in rows)
    resolution = [r for r in rows if local(r["class"]) == "Resolution"]
    assert len(resolution) == 1 and int(resolution[0]["documentCount"]) == 2


def test_nothing_votes_for_the_resolution_by_name(seed_kg):
    assert seed_kg.query(f"SELECT ?c WHERE {{ ?c <{SKG}votedFor> ?r }}") == []


def test_no_launch_on_27_may(seed_kg):
    rows = seed_kg.query(f"SELECT ?l WHERE {{ ?l <{SKG}launchDate> ?d FILTER(STR(?d) = '2022-05-27') }}")
    assert rows == []


def test_icbms_covid_and_programmes_are_not_actors(seed_kg):
    labels = [r["label"].lower() for r in seed_kg.query(
        f"SELECT ?label WHERE {{ ?a a ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        f"VALUES ?t {{ <{SKG}Person> <{SKG}Organization> <{SKG}Country> }} }}")]
    assert not [name for name in labels if "icbm" in name or "covid" in name or "programme" in name]


def test_no_duplicate_nodes_for_china_russia_resolution_or_launch(seed_kg):
    countries = Counter(r["c"] for r in seed_kg.query(
        f"SELECT DISTINCT ?c WHERE {{ ?c <{SKG}iso3> ?iso FILTER(?iso IN ('CHN', 'RUS')) }}"))
    assert len(countries) == 2
    launches = seed_kg.query(f"SELECT DISTINCT ?l WHERE {{ ?l <{SKG}launchDate> ?d FILTER(STR(?d) = '2022-05-25') }}")
    assert len(launches) == 1
    assert not seed_kg.query("SELECT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s)) }")


def test_the_python_helper_builds_and_queries(tmp_path, repo):
    from sanctions_kg import KnowledgeGraph
    with KnowledgeGraph.open(graph=tmp_path / "kg.trig") as kg:
        report = kg.build(repo / "seeds")
        assert report.added == 3 and not report.failed
        assert sorted(r["iso"] for r in kg.query("cq1")) == ["CHN", "RUS"]
    with KnowledgeGraph.open(graph=tmp_path / "kg.trig") as kg:  # saved to the file, and read back
        assert len(kg.query("cq1")) == 2
