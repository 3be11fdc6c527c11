"""Triage: no gold fact is lost, unrelated news is not parsed, and a rejected document is recorded as read."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctions_kg.build import build
from sanctions_kg.namespace import SKG
from sanctions_kg.store import OxigraphStore
from sanctions_kg.triage import TriageDecision, get_triage, load_triage_rules, triaged

REPO = Path(__file__).resolve().parents[2]
FILLER = REPO / "bench" / "filler"


def _gold_documents(shared: Path) -> list[Path]:
    """Every text of the dev corpus, the seeds and the committed official texts whose gold lists a fact."""
    found = []
    for folder in (shared / "corpus" / "dev", shared / "seeds", REPO / "tests" / "data" / "official"):
        for gold in sorted(folder.glob("*.gold.json")):
            data = json.loads(gold.read_text(encoding="utf-8"))
            if any(isinstance(v, list) and v for v in data.values()):
                found.append(gold.with_name(gold.name[: -len(".gold.json")] + ".txt"))
    return found


def test_no_gold_fact_is_lost_to_triage(shared: Path):
    documents = _gold_documents(shared)
    assert len(documents) >= 20
    triage = get_triage()
    lost = [p.name for p in documents if not triage(p.read_text(encoding="utf-8"))]
    assert lost == []


def test_unrelated_news_of_the_bench_corpus_is_rejected():
    texts = sorted(FILLER.glob("*.txt"))
    assert len(texts) >= 15
    triage = get_triage()
    kept = [p.name for p in texts if triage(p.read_text(encoding="utf-8"))]
    assert kept == []


@pytest.mark.parametrize("text, passed", [
    ("China and Russia vetoed the draft.", True),                                    # one strong cue
    ("The Council adopted a resolution on Pyongyang's nuclear programme.", True),   # four weak groups
    ("FEMA designates counties; the designation lets farmers launch claims.", False),  # two weak groups
    ("State today designated two ISIS-Sahel leaders as Specially Designated Global Terrorists.", True),
    ("Treasury designated Ali Kharrazi under Executive Order 13224 as a terrorist financier.", True),
    ("The unsanctioned rally in the park went ahead.", False),                       # a substring is not a token
    ("Reason for listing: Ivan Drago was listed on 3 May 2031 pursuant to resolution 2811.", True),  # a narrative
    ("", False),
])
def test_decisions(text: str, passed: bool):
    assert get_triage()(text) is passed


def test_missile_and_measure_forms_are_strong_cues(repo: Path):
    rules = load_triage_rules(repo / "src" / "sanctions_kg" / "rules")
    assert {"hwasong-17", "travel ban", "asset freeze"} <= rules.strong
    assert rules.weak["designation"] == rules.weak["designates"] == "designate"


def test_rejected_documents_go_to_the_callback_in_order():
    rejected: list[str] = []
    items = [(_doc("veto"), 1), (_doc("parks"), 2), (_doc("sanctions"), 3), (_doc("rain"), 4)]
    kept = list(triaged(items, get_triage(), lambda d, n: rejected.append(d.text)))
    assert [n for _, n in kept] == [1, 3] and rejected == ["parks", "rain"]


def _doc(text: str):
    from sanctions_kg.records import Document
    return Document(doc_id=text, path=f"{text}.txt", text=text)


def test_a_rejected_document_is_stored_as_read_and_skipped_on_rebuild(tmp_path: Path):
    (tmp_path / "weather.txt").write_text(
        (FILLER / "usgs-volcano.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with OxigraphStore(None) as store:
        first = build([tmp_path], store)
        assert (first.added, first.facts, first.failed) == (1, 0, False)
        rows = list(store.query(f"SELECT ?d ?h WHERE {{ ?d a <{SKG.Document}> ; <{SKG.contentHash}> ?h }}"))
        assert len(rows) == 1
        again = build([tmp_path], store)
        assert (again.added, again.unchanged) == (0, 1)


def test_a_one_word_strong_cue_passes_without_the_tokenizer():
    triage = get_triage()
    decision = triage.decide("Ministers designated three firms and adopted a resolution; Oslo vetoed nothing.")
    assert decision == TriageDecision(True, ("vetoed",), ())  # the weak cues were never looked for


@pytest.mark.parametrize("text, passed", [
    ("Farmers asked for an asset freeze waiver on grain loans.", True),  # two-word strong cue, tokens adjacent
    ("The asset register and the freeze on hiring were discussed.", False),  # both words, never adjacent
])
def test_a_phrase_cue_still_needs_its_words_side_by_side(text: str, passed: bool):
    assert get_triage()(text) is passed
