"""The tally patterns spelled out for the Matcher's fast path find exactly the spans the patterns as
written find (``nlp/spell_out.py``), on sentences with every tally shape."""
from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from sanctions_kg.nlp.gazetteer import jsonl_patterns
from sanctions_kg.nlp.spell_out import MAX_VALUES, spell_out, spell_out_all
from sanctions_kg.ruleset import rules_dir
from sanctions_kg.settings import load_settings

SENTENCES = [
    "The draft received 12 votes in favour, none against and 3 abstentions, a vote of 12 to 0 to 3.",
    "It passed 13-0-2 with no votes against; zero abstentions were recorded, and two members abstained.",
    "Nine affirmative votes were needed; support from the 11 members and the backing of all 15 came.",
    "Eleven out of 15 members voted to support it, 4 countries opposed, the 15-member Council agreed.",
    "The Council voted 14 to 1. Adopted unanimously, with unanimity, by the fifteen - member body.",
    "Against the odds, none voted against it and 2 votes for a rival text came from the 3 delegations.",
]


def _spans(patterns: list[dict], nlp) -> list[set[tuple[str, int, int]]]:
    matcher = Matcher(nlp.vocab)
    for k, entry in enumerate(patterns):
        matcher.add(f"{entry['id']}#{k}", [entry["pattern"]])
    out = []
    for text in SENTENCES:
        doc = nlp(text)
        out.append({(nlp.vocab.strings[m].split("#")[0], s, e) for m, s, e in matcher(doc)})
    return out


def test_spelled_out_patterns_find_the_same_spans():
    nlp = spacy.load(load_settings().model, exclude=["parser", "ner"])  # the patterns read lemmas
    written = jsonl_patterns((rules_dir() / "patterns").glob("*.jsonl"))
    assert _spans(spell_out_all(written), nlp) == _spans(written, nlp)
    assert any(_spans(written, nlp))  # the sentences do hold tallies


def test_an_optional_first_token_is_there_or_not():
    pattern = [{"LOWER": {"IN": ["no", "zero"]}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}, {"LOWER": "against"}]
    assert spell_out(pattern) == [
        [{"LOWER": "no"}, {"LIKE_NUM": True, "OP": "?"}, {"LOWER": "against"}],
        [{"LOWER": "zero"}, {"LIKE_NUM": True, "OP": "?"}, {"LOWER": "against"}],
        [{"LIKE_NUM": True}, {"LOWER": "against"}],
        [{"LOWER": "against"}],
    ]


def test_a_long_set_and_a_token_with_two_conditions_stay_as_written():
    long_set = [{"ORTH": {"IN": [f"w{k}" for k in range(MAX_VALUES + 1)]}}, {"IS_TITLE": True}]
    two = [{"IS_TITLE": True, "ORTH": {"NOT_IN": ["The"]}}, {"LOWER": "of"}]
    assert spell_out(long_set) == [long_set]
    assert spell_out(two) == [two]
