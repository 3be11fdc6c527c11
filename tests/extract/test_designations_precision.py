"""Designations: who is NOT a designee (speakers, authorities, program names, offices, earlier events),
and the rules files behind the extractor. Sentences are written for the test."""
from __future__ import annotations

import re

from sanctions_kg.extract.designation_rules import load_designation_rules
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.designees import is_name_like
from sanctions_kg.extract.votes import extract_votes
from sanctions_kg.settings import PACKAGE_DIR


def names(make_ctx, text, published="2024-06-12"):
    ctx = make_ctx(text, published)
    return {f.designee.name for f in extract_designations(ctx, extract_votes(ctx))}


def test_speakers_are_not_designees(make_ctx):
    assert names(make_ctx, "There were 12 individuals designated under the asset freeze, Mr. Okonjo said. "
                 "Marta Lindqvist (Sweden) said the text extended the travel ban and asset freeze.") == set()


def test_a_program_name_is_not_a_designee(make_ctx):
    assert names(make_ctx, "The Northern Brigades were designated by the State Department as a Specially "
                 "Designated Global Terrorist on 3 March 2024.") == {"Northern Brigades"}


def test_an_earlier_event_in_an_after_clause_designates_nobody(make_ctx):
    assert names(make_ctx, "Nine years after the Council first imposed sanctions on the Lord's Resistance Army, "
                 "members met again to review the regime.") == set()


def test_an_office_title_is_not_an_organisation(make_ctx):
    assert names(make_ctx, "Minister of Defence Ri Yong Sik and the Navy Command were sanctioned by the United "
                 "Kingdom today.") == {"Ri Yong Sik", "Navy Command"}


def test_a_person_described_beside_a_designated_firm_is_not_designated(make_ctx):
    assert "Li Wen" not in names(make_ctx, "Li Wen is the deputy chief of the EU-designated Eastern Star Shipping "
                                 "Company.")


def test_a_committee_named_as_the_lister_is_not_a_designee(make_ctx):
    found = names(make_ctx, "The assets freeze also covers Omar Haddad, designated by the Committee set up "
                  "under resolution 9999, known as the \u201c9999 Committee\u201d.")
    assert not any("Committee" in n for n in found)


def test_lower_case_words_and_order_titles_are_not_names(make_ctx):
    text = "They cited non-compliance and an order Prohibiting Certain Transactions yesterday."
    doc = make_ctx(text).doc

    def span(words):
        start = text.index(words)
        return doc.char_span(start, start + len(words))

    assert not is_name_like(span("non-compliance"))
    assert not is_name_like(span("Prohibiting Certain Transactions"))
    assert is_name_like(span("They"))


def test_authority_phrases_from_publishers_and_text():
    r = load_designation_rules()
    assert r.authority_in("Global Affairs Canada (news release)") == "CAN"
    assert r.authority_in("Office of Financial Sanctions Implementation, HM Treasury") == "GBR"
    assert r.authority_in("they told us nothing") is None  # the pronoun is not the United States
    assert r.authority_of_name("Council of the EU") == "EU"


def test_every_rules_key_is_read_and_an_unknown_key_fails():
    r = load_designation_rules()
    source = "".join(p.read_text() for p in (PACKAGE_DIR / "extract").glob("design*.py"))
    unused = [k for k in r.cues if not re.search(rf"[\"']{re.escape(k)}[\"']", source)]
    assert unused == []
    try:
        r.cue("objetc_verbs")
    except KeyError:
        pass
    else:
        raise AssertionError("a misspelt cue name must fail")
