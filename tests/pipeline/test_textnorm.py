"""Invisible characters do not split names, and quotes stay verbatim (issue 11, item 5)."""
from __future__ import annotations

import shutil
from pathlib import Path

from sanctions_kg.build import build
from sanctions_kg.documents import read_document
from sanctions_kg.ids import document_iri
from sanctions_kg.namespace import SKG
from sanctions_kg.records import Document, Evidence
from sanctions_kg.store import OxigraphStore
from sanctions_kg.textnorm import normalise, restore

REPO = Path(__file__).resolve().parents[2]
ZWJ, ZWSP, RLM, LRI, PDI = "\u200d", "\u200b", "\u200f", "\u2066", "\u2069"
FACTS = f"""PREFIX skg: <{SKG._NS}>
SELECT ?who ?what WHERE {{ {{ ?who skg:vetoed ?what }} UNION {{ ?what skg:voteDate ?who }} }}"""
EVIDENCE = f"""PREFIX skg: <{SKG._NS}>
SELECT ?doc ?quote ?start ?end WHERE {{ ?e skg:inDocument ?doc ; skg:quote ?quote ; skg:charStart ?start ;
  skg:charEnd ?end }}"""


def test_offsets_map_back_to_the_original_text() -> None:
    text = f"{ZWSP}Ru{ZWJ}ssia{RLM} and China vetoed it."
    norm = normalise(text)
    assert norm.text == "Russia and China vetoed it."
    start = norm.text.index("Russia")
    ev = norm.evidence(Evidence("x", start, start + len("Russia"), "Russia", "rule"))
    assert (ev.start, ev.end, ev.quote) == (1, 8, f"Ru{ZWJ}ssia")  # the quote is the original's, verbatim
    assert text[ev.start:ev.end] == ev.quote
    china = norm.text.index("China")
    assert norm.original_span(china, china + 5) == (text.index("China"), text.index("China") + 5)


def test_restore_maps_nested_evidence_and_keeps_the_original_document() -> None:
    text = f"A{ZWSP}B C"
    original = Document("d", "p.txt", text)
    norm = normalise(text)
    view = Document("d", "p.txt", norm.text)
    nested = {"k": 1}
    restored = restore([(view, (Evidence("d", 0, 2, "AB", "r"),), nested)], norm, original)
    [(document, (ev,), same)] = restored
    assert document is original and same is nested and ev.quote == f"A{ZWSP}B" and (ev.start, ev.end) == (0, 3)


def test_a_non_breaking_hyphen_is_read_as_a_hyphen_and_quoted_as_written() -> None:
    # "the 15\u2011member Council" (UN press releases): unsplit, "15‑member" gave no Council size
    text = "Voting unanimously, the 15\u2011member Council on 2\u2011 5 May acted."
    norm = normalise(text)
    assert norm.text == text.replace("\u2011", "-") and norm.changed
    start = norm.text.index("15-member")
    ev = norm.evidence(Evidence("x", start, start + 9, "15-member", "rule"))
    assert (ev.start, ev.quote) == (start, "15\u2011member")


def test_a_text_without_invisible_characters_is_not_copied() -> None:
    norm = normalise("plain text")
    assert not norm.changed and norm.text is norm.original


def _poisoned(text: str) -> str:
    """Invisible characters inside names and dates, as pasted web text carries them."""
    for name in ("Russia", "China"):
        text = text.replace(name, name[:2] + ZWJ + name[2:])
    return text.replace("May", f"{LRI}May{PDI}").replace("vetoed", f"ve{ZWSP}toed{RLM}")


def _facts_and_evidence(seeds: Path) -> tuple[set[tuple[str, str]], list[tuple[str, str, int, int]]]:
    with OxigraphStore(None) as store:
        report = build([seeds], store)
        assert report.added == 3 and not report.failed
        facts = {(str(r["who"]), str(r["what"])) for r in store.query(FACTS)}
        evidence = [(str(r["doc"]), str(r["quote"]), int(r["start"].toPython()), int(r["end"].toPython()))
                    for r in store.query(EVIDENCE)]
    return facts, evidence


def test_invisible_characters_inside_names_and_dates_lose_no_fact(tmp_path: Path) -> None:
    clean_dir, poisoned_dir = tmp_path / "clean", tmp_path / "poisoned"
    shutil.copytree(REPO / "seeds", clean_dir)
    shutil.copytree(REPO / "seeds", poisoned_dir)
    texts = {}
    for path in sorted(poisoned_dir.glob("*.txt")):
        path.write_text(_poisoned(path.read_text(encoding="utf-8")), encoding="utf-8")
        texts[path.name] = path.read_text(encoding="utf-8")
    clean, _ = _facts_and_evidence(clean_dir)
    poisoned, evidence = _facts_and_evidence(poisoned_dir)
    assert poisoned == clean and len(clean) >= 3
    by_hash = {}
    for path in poisoned_dir.glob("*.txt"):
        by_hash[str(document_iri(read_document(path, 10**7).doc_id))] = texts[path.name]
    assert any(ZWJ in quote or ZWSP in quote for _, quote, _, _ in evidence)
    for doc, quote, start, end in evidence:
        assert by_hash[doc][start:end] == quote
