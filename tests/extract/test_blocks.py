"""Blocks: who stopped whose proposal without a vote, on hand-written sentences."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.blocks import extract_blocks


def pairs(blocks):
    return {(b.blocker, b.proposal_by) for b in blocks}


def test_two_blockers_of_a_possessed_proposal(make_ctx, assert_evidence):
    ctx = make_ctx("Beijing and Moscow on Wednesday blocked a British proposal to blacklist four tankers.",
                   "2019-06-14", "America/New_York")
    blocks = extract_blocks(ctx)
    assert pairs(blocks) == {("CHN", "GBR"), ("RUS", "GBR")}
    assert {b.date for b in blocks} == {date(2019, 6, 12)}
    assert_evidence(ctx, blocks)


def test_a_hold_on_an_earlier_request(make_ctx):
    ctx = make_ctx("The committee received a request from France to list two shipping firms. "
                   "Russia placed a hold on the request, diplomats said.")
    assert pairs(extract_blocks(ctx)) == {("RUS", "FRA")}


def test_put_on_hold_with_a_demonym_sponsor(make_ctx):
    ctx = make_ctx("China put the American request on hold without giving a reason.")
    assert pairs(extract_blocks(ctx)) == {("CHN", "USA")}


def test_blocked_property_is_not_a_block(make_ctx):
    ctx = make_ctx("Any property of the designated persons in the United States is blocked.")
    assert extract_blocks(ctx) == []


def test_the_same_block_told_twice_is_one_fact_with_two_evidence(make_ctx):
    ctx = make_ctx("Russia stalled the US bid. Russia blocked the US bid again at a closed meeting.")
    blocks = extract_blocks(ctx)
    assert pairs(blocks) == {("RUS", "USA")} and len(blocks[0].evidence) == 2


def test_a_proposal_noun_on_the_next_line_does_not_crash(make_ctx):
    """The parse of a hard-wrapped sentence reaches past the line break; the evidence line has no proposal."""
    ctx = make_ctx("Beijing and Moscow stalled\nthe Norwegian request on Tuesday.")
    assert extract_blocks(ctx) == []


def test_a_label_with_no_tokens_left_is_the_noun_itself(make_ctx):
    from sanctions_kg.extract.blocks import _label
    ctx = make_ctx("Paris blocked the plan.\nNothing else happened today.")
    noun = next(t for t in ctx.doc if t.lower_ == "plan")
    other_line = list(ctx.sentences())[-1]
    assert _label(noun, other_line) == "plan"
    assert _label(noun, list(ctx.sentences())[0]) == "the plan"
