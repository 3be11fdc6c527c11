"""A hold blocks a listing ("placed a hold on"), but a designee who "held senior posts" was
not blocked by anyone. Sentences of our own."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations


def _found(make_ctx, text: str) -> set[tuple[str, str]]:
    return {(d.designee.name, d.status) for d in extract_designations(make_ctx(text, "2031-06-02"))}


def test_holding_a_post_is_no_hold(make_ctx):
    text = ("The Committee today removed two men from its sanctions list. The two, who held cabinet posts under the "
            "junta, are Ivo Marek, a former minister of mines; and Emil Rusk, a former governor.")
    assert _found(make_ctx, text) == {("Ivo Marek", "lifted"), ("Emil Rusk", "lifted")}


def test_a_hold_still_blocks_the_listing(make_ctx):
    text = "China placed a hold on the proposal to designate the Kestrel Trading Company under the 1718 regime."
    assert ("Kestrel Trading Company", "blocked") in _found(make_ctx, text)
