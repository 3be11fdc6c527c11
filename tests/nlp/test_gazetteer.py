"""The gazetteer on its own: a blank English pipeline with the domain components, no statistical model.

Aliases and demonyms resolve to the country's ISO3 code, capitals and metonyms are CAPITAL, and where
two entries overlap the longest one wins ("North Korean" is a demonym, not "North Korea" + "n").
"""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from sanctions_kg.nlp.gazetteer import country_patterns, lexicon_patterns, organisation_patterns
from sanctions_kg.nlp.pipeline import add_domain_components
from sanctions_kg.settings import load_settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return add_domain_components(spacy.blank("en"), load_settings())


def ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def terms(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)  # kept in scope: a span group dies with its Doc
    return [(s.text, s.label_, s.id_) for s in doc.spans.get("skg", [])]


@pytest.mark.parametrize(("text", "iso3"), [
    ("North Korea", "PRK"), ("DPRK", "PRK"), ("Democratic People's Republic of Korea", "PRK"),
    ("Democratic People’s Republic of Korea", "PRK"),  # curly apostrophe
    ("U.S.", "USA"), ("United States of America", "USA"), ("DR Congo", "COD"),
])
def test_aliases_resolve_to_iso3(nlp: Language, text: str, iso3: str) -> None:
    assert ents(nlp, f"They met {text} today.") == [(text, "COUNTRY", iso3)]


def test_demonyms_and_their_plurals(nlp: Language) -> None:
    assert ents(nlp, "Chinese and Russian diplomats") == [("Chinese", "DEMONYM", "CHN"), ("Russian", "DEMONYM", "RUS")]
    assert ents(nlp, "the Americans said") == [("Americans", "DEMONYM", "USA")]


def test_capitals_and_metonyms(nlp: Language) -> None:
    assert ents(nlp, "Moscow objected and the White House replied") == [
        ("Moscow", "CAPITAL", "RUS"), ("White House", "CAPITAL", "USA")]


def test_organisations_by_code(nlp: Language) -> None:
    found = ents(nlp, "The Security Council and the European Union")
    assert [(label, code) for _, label, code in found] == [("ORG", "UN"), ("ORG", "EU")]


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korean officials", [("North Korean", "DEMONYM", "PRK")]),       # demonym over country
    ("the United States of America", [("United States of America", "COUNTRY", "USA")]),  # longest alias
    ("Washington, D.C. said", [("Washington, D.C.", "CAPITAL", "USA")]),   # metonym over capital
    ("South Korea and North Korea", [("South Korea", "COUNTRY", "KOR"), ("North Korea", "COUNTRY", "PRK")]),
])
def test_overlapping_entries_take_the_longest(nlp: Language, text: str, expected: list) -> None:
    assert ents(nlp, text) == expected


def test_terms_overlap_to_the_longest_form(nlp: Language) -> None:
    found = terms(nlp, "three ICBMs and a Hwasong-17 intercontinental ballistic missile")
    assert found == [("ICBMs", "MISSILE", "icbm"), ("Hwasong-17", "MISSILE", "icbm"),
                     ("intercontinental ballistic missile", "MISSILE", "icbm")]


def test_measures_commodities_units(nlp: Language) -> None:
    assert terms(nlp, "an asset freeze and travel bans on crude oil in barrels") == [
        ("asset freeze", "MEASURE", "asset_freeze"), ("travel bans", "MEASURE", "travel_ban"),
        ("crude oil", "COMMODITY", "crude_oil"), ("barrels", "UNIT", "barrel")]


def test_no_match_in_plain_text(nlp: Language) -> None:
    assert ents(nlp, "The weather was fine.") == [] and terms(nlp, "The weather was fine.") == []


def test_pattern_builders_are_pure() -> None:
    countries = {"XYZ": {"name": "Xland", "aliases": ["X'land"], "demonyms": ["Xian"], "capital": "Xcity"}}
    found = {(p["label"], p["pattern"]) for p in country_patterns(countries)}
    assert found == {("COUNTRY", "Xland"), ("COUNTRY", "X'land"), ("COUNTRY", "X’land"),
                     ("DEMONYM", "Xian"), ("DEMONYM", "Xians"), ("CAPITAL", "Xcity")}
    orgs = organisation_patterns([{"code": "XO", "label": "X Org", "aliases": ["XO"]}])
    assert {(p["pattern"], p["id"]) for p in orgs} == {("X Org", "XO"), ("XO", "XO")}
    missiles = lexicon_patterns("MISSILE", {"icbm": ["Hwasong-17"], "note": "not a list"})
    # phrase patterns for the PhraseMatcher (matched on LOWER): the split and the one-token spelling
    assert [p["pattern"] for p in missiles] == ["hwasong - 17", "hwasong - 17s", "hwasong-17"]


def test_one_set_of_actor_labels() -> None:
    """The extractors' country labels are the gazetteer's (until they import it, their copies must agree)."""
    import importlib

    from sanctions_kg.nlp.gazetteer import ACTOR_LABELS
    assert {"COUNTRY", "DEMONYM", "CAPITAL"} == ACTOR_LABELS
    for name in ("launches", "caps", "represents"):
        module = importlib.import_module(f"sanctions_kg.extract.{name}")
        assert set(getattr(module, "ACTOR_LABELS", ACTOR_LABELS)) == ACTOR_LABELS, name
