"""Evidence spans placed in a text: overlaps, offsets that do not match, excerpts, changed files."""
from __future__ import annotations

import hashlib

from sanctions_kg.serve.highlight import Span, TextSource, excerpts, segments, valid_spans

TEXT = "Alpha beta gamma delta epsilon."


def test_overlapping_spans_share_the_segments_they_cover():
    a, b = Span(6, 16, "beta gamma", "/id/a", "A"), Span(11, 22, "gamma delta", "/id/b", "B")
    segs = segments(TEXT, [a, b])
    assert [(s.text, [x.title for x in s.spans]) for s in segs] == [
        ("Alpha ", []), ("beta ", ["A"]), ("gamma", ["A", "B"]), (" delta", ["B"]), (" epsilon.", [])]
    assert "".join(s.text for s in segs) == TEXT
    assert segs[2].titles == "A; B" and segs[2].href_fact == "/id/a"


def test_a_span_whose_quote_is_not_at_its_offsets_is_not_highlighted():
    good, bad = valid_spans(TEXT, [Span(0, 5, "Alpha"), Span(0, 5, "Omega"), Span(25, 99, "x")])
    assert [s.quote for s in good] == ["Alpha"] and [s.quote for s in bad] == ["Omega", "x"]


def test_excerpts_merge_near_spans_and_keep_words_whole():
    text = "word " * 200
    spans = [Span(500, 504, "word"), Span(510, 514, "word"), Span(100, 104, "word")]
    windows = excerpts(text, spans, context=20)
    assert len(windows) == 2
    for window in windows:
        joined = "".join(s.text for s in window)
        assert joined.startswith("word") and joined.rstrip().endswith("word")


def test_blank_lines_are_squeezed_for_display_only():
    segs = segments("a\n\n\n\n\nb", [])
    assert segs[0].display == "a\n\nb" and segs[0].text == "a\n\n\n\n\nb"


def test_text_is_used_only_when_its_hash_matches(tmp_path):
    path = tmp_path / "docs" / "a.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    source = TextSource([tmp_path])
    assert source.text("docs/a.txt", digest) == TEXT
    assert source.text("docs/a.txt", "0" * 64) is None
    assert source.text("docs/missing.txt", digest) is None
    assert source.text(None, digest) is None
