"""Issue 11: one long text's extraction cost grows with the text, not with its square.

A report of many vetoed drafts once made every later cue scan every earlier event (and the term index
scan every term), so a 1 MB text of vote sentences ran for minutes. The work is counted, not timed:
the number of outcome checks per cue is bounded whatever the number of drafts before it."""
from __future__ import annotations

import pytest

import sanctions_kg.extract.votes as votes
from sanctions_kg.extract.context import TERMS_KEY
from sanctions_kg.extract.votes import extract_votes

# invented reports: each names a new vetoed draft, then a sentence whose verb may read as the Council's
PARAGRAPH = ("On {day} March 2031 France vetoed a draft resolution on Ruritania sanctions. "
             "Eleven members of the Security Council voted in favour, and France voted against.\n")


def _text(paragraphs: int) -> str:
    return "".join(PARAGRAPH.format(day=1 + i % 28) for i in range(paragraphs))


@pytest.mark.parametrize("paragraphs", [40, 160])
def test_outcome_checks_per_cue_are_bounded(make_ctx, monkeypatch, paragraphs: int) -> None:
    calls = 0
    fits = votes._fits

    def counted(ev, implies):
        nonlocal calls
        calls += 1
        return fits(ev, implies)

    monkeypatch.setattr(votes, "_fits", counted)
    facts = extract_votes(make_ctx(_text(paragraphs), published="2031-03-30"))
    assert facts, "the drafts are read as votes"
    assert calls <= 4 * paragraphs, f"{calls} outcome checks for {paragraphs} paragraphs"


def test_terms_lookup_equals_a_scan(make_ctx) -> None:
    """The indexed term lookup finds exactly what filtering every term would, in text order."""
    ctx = make_ctx(_text(12) + "Pyongyang fired two ICBMs and a cruise missile on 4 April 2031.")
    spans = list(ctx.doc.spans.get(TERMS_KEY, []))
    assert spans, "the domain terms were found"
    for sent in ctx.sentences():
        for label in {t.label_ for t in spans}:
            scan = sorted((t for t in spans if t.label_ == label and t.start >= sent.start and t.end <= sent.end),
                          key=lambda t: (t.start, t.end))
            assert ctx.terms(sent, label) == scan
