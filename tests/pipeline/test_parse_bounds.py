"""Bounded cost per document, and no document able to sink the build (issue 11, items 2/3 of Found)."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sanctions_kg import parse
from sanctions_kg.build import build
from sanctions_kg.errors import DocumentError
from sanctions_kg.namespace import SKG
from sanctions_kg.parse import MAX_SENTENCE_CHARS, chunks, parse_documents
from sanctions_kg.records import Document
from sanctions_kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[2]
EVIDENCE = f"""PREFIX skg: <{SKG._NS}>
SELECT ?quote ?start ?end WHERE {{ ?e skg:quote ?quote ; skg:charStart ?start ; skg:charEnd ?end }}"""


def test_chunks_partition_the_text_at_breaks() -> None:
    text = "".join(f"Sentence number {i} is here.\n" if i % 7 == 0 else f"Sentence {i} goes on. " for i in range(400))
    pieces = chunks(text, 500)
    assert "".join(pieces) == text
    assert all(len(p) <= 500 for p in pieces) and len(pieces) > 10
    assert all(p.endswith(("\n", ". ")) for p in pieces[:-1])
    assert "".join(chunks("x" * 1234, 100)) == "x" * 1234  # no break at all: cut anyway


@Language.component("boom_on_marker")
def _boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("the parser tripped")
    return doc


def test_a_document_that_breaks_the_parser_is_e012_and_the_others_are_parsed() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("boom_on_marker")
    docs = [(Document(str(i) * 64, f"d{i}.txt", text), i) for i, text in enumerate(["one.", "BOOM.", "three."])]
    errors: list[DocumentError] = []
    parsed = list(parse_documents(nlp, docs, batch_size=8, n_process=1, max_bytes=10**6, on_error=errors.append))
    assert [item.context for _, item in parsed] == [0, 2]
    assert [str(e)[:6] for e in errors] == ["[E012]"] and "d1.txt" in str(errors[0])


def test_an_over_long_sentence_is_skipped_with_a_warning(tmp_path: Path) -> None:
    words = "word " * (MAX_SENTENCE_CHARS // 5 + 10)
    nlp = spacy.blank("en")
    errors: list[DocumentError] = []
    text = f"China vetoed the draft.\n{words}\nRussia vetoed it too."
    [(doc, item)] = parse_documents(nlp, [(Document("a" * 64, "long.txt", text), None)], batch_size=4,
                                    n_process=1, max_bytes=10**6, on_error=errors.append)
    [warning] = errors
    assert warning.warning and str(warning).startswith("[E015] long.txt: a sentence of")
    assert f"at offset {text.index('word')} " in str(warning)
    assert len(doc.text) == len(text) and "Russia vetoed it too." in doc.text and "word" not in doc.text


def test_a_long_document_is_parsed_in_chunks_with_offsets_into_the_whole_text(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = next((REPO / "seeds").glob("*.txt"))
    text = source.read_text(encoding="utf-8")
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    with OxigraphStore(None) as whole:
        build([tmp_path], whole)
        expected = {(str(r["quote"]), int(r["start"].toPython())) for r in whole.query(EVIDENCE)}
    monkeypatch.setattr(parse, "CHUNK_CHARS", 800)
    assert len(chunks(text, parse.CHUNK_CHARS)) > 2
    with OxigraphStore(None) as chunked:
        report = build([tmp_path], chunked)
        assert report.added == 1 and not report.failed
        found = {(str(r["quote"]), int(r["start"].toPython()), int(r["end"].toPython()))
                 for r in chunked.query(EVIDENCE)}
    assert found and all(text[start:end] == quote for quote, start, end in found)
    assert {(q, s) for q, s, _ in found} == expected  # cut at paragraph breaks, the parse is the same


def test_a_document_over_a_million_characters_builds_beside_a_good_one(tmp_path: Path) -> None:
    """spaCy's E088 (over ``max_length``) used to abort the whole build; the text here is one endless
    "sentence" (so it is skipped, E015, and the test stays fast) followed by a real one."""
    (tmp_path / "mid").mkdir()
    (tmp_path / "mid" / "v.txt").write_text("x" * 1_000_001 + "\nRussia vetoed the draft resolution.\n")
    (tmp_path / "mid" / "w.txt").write_text("China vetoed the draft resolution on 26 May 2022.\n")
    errors: list[DocumentError] = []
    with OxigraphStore(None) as store:
        report = build([tmp_path / "mid"], store, on_error=errors.append, validate=False)
    assert report.added == 2 and not report.errors, report.errors
    assert [str(e)[:6] for e in errors] == ["[E015]"]


def test_invisible_characters_are_counted_in_a_warning() -> None:
    nlp = spacy.blank("en")
    errors: list[DocumentError] = []
    text = "\ufeffRu\u200dssia ve\u200btoed."  # the leading BOM is not counted
    [(doc, item)] = parse_documents(nlp, [(Document("a" * 64, "z.txt", text), None)], batch_size=4,
                                    n_process=1, max_bytes=10**6, on_error=errors.append)
    assert doc.text == "Russia vetoed." and item.document.text == text
    assert [str(e) for e in errors] == ["[E017] z.txt: 2 invisible format character(s) (zero-width or bidi "
                                        "controls) ignored when matching"]


def test_batches_are_bounded_by_count_and_characters() -> None:
    from sanctions_kg.parse import bounded
    sizes = [10, 10, 10, 50, 200, 5, 5, 5, 5, 5]
    groups = list(bounded(sizes, 3, lambda n: n, limit=60))
    assert [n for g in groups for n in g] == sizes  # order kept, nothing lost
    assert groups == [[10, 10, 10], [50], [200], [5, 5, 5], [5, 5]]  # 3 at most; 60 chars unless alone


def test_parsed_documents_keep_no_tensor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text parsed in chunks over several bounded batches is one Doc over the whole text, and
    neither it nor a short one keeps the tok2vec tensor (nothing after the pipeline reads it)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    monkeypatch.setattr(parse, "CHUNK_CHARS", 200)
    monkeypatch.setattr(parse, "BATCH_CHARS", 500)
    long_text = "".join(f"Sentence {i} is here.\n" for i in range(120))
    docs = [(Document("a" * 64, "long.txt", long_text), 0), (Document("b" * 64, "short.txt", "One line."), 1)]
    parsed = list(parse_documents(nlp, docs, batch_size=16, n_process=1, max_bytes=10**6, on_error=print))
    assert [item.context for _, item in parsed] == [0, 1]
    assert parsed[0][0].text == long_text and len(chunks(long_text, 200)) > 10
    assert all(doc.tensor.size == 0 for doc, _ in parsed)


def test_each_parsed_doc_keeps_the_text_it_was_made_from(monkeypatch: pytest.MonkeyPatch) -> None:
    """``parse`` hands extraction the string it parsed (``doc_text``), for a whole text and for one joined
    from chunks, so the Doc's text is never built again; it must be exactly ``doc.text``."""
    from sanctions_kg.extract.context import TEXT_KEY, doc_text

    monkeypatch.setattr(parse, "CHUNK_CHARS", 300)
    nlp = spacy.blank("en")
    long = "".join(f"Line {i} of the report.\n" if i % 5 == 0 else f"Sentence {i} goes on here. " for i in range(90))
    texts = ["Iran fired a missile on 3 May.\u200b It fell in the sea.", long]
    docs = [Document(str(i), f"{i}.txt", text) for i, text in enumerate(texts)]
    parsed = list(parse_documents(nlp, [(d, None) for d in docs], batch_size=4, n_process=1, max_bytes=10**6,
                                  on_error=lambda e: None))
    assert len(parsed) == 2 and len(chunks(long, 300)) > 3
    for doc, item in parsed:
        assert doc.user_data[TEXT_KEY] is item.text  # the very string given to the parser
        assert doc_text(doc) == doc.text == item.text
