"""Who speaks for which country when the text leaves the country to the document: its publisher, a
"From:" line, a dateline, ``country`` in ``.meta.yml``, a byline; and the shapes that name the country
beside the person ("X (Poland)", "on behalf of Kenya, X", "X of the Ministry of … of Peru").
Every sentence here is written for the test; none is taken from the corpus."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pytest

from sanctions_kg.documents import read_meta
from sanctions_kg.errors import DocumentError
from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.lexicon import load_lexicon
from sanctions_kg.extract.represents import extract_represents
from sanctions_kg.extract.source import Source, document_source
from sanctions_kg.records import Document, DocumentMeta

MOFA_JP = "Ministry of Foreign Affairs of Japan"
TREASURY = "U.S. Department of the Treasury"


@pytest.fixture(scope="session")
def doc_ctx(nlp) -> Callable[..., DocContext]:
    """``doc_ctx(text, publisher=None, country=None)`` -> a parsed DocContext with that metadata."""

    def make(text: str, publisher: str | None = None, country: str | None = None) -> DocContext:
        meta = DocumentMeta(publisher=publisher, country=country, published=date(2024, 3, 14))
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return DocContext(nlp(text), Document(doc_id, "t.txt", text, meta))

    return make


def links(ctx: DocContext) -> set[tuple[str, str]]:
    return {(f.person, f.country) for f in extract_represents(ctx)}


# --- the document's source -----------------------------------------------------------------------

def source_of(text: str = "x", publisher: str | None = None, country: str | None = None) -> Source:
    document = Document("0" * 64, "t.txt", text, DocumentMeta(publisher=publisher, country=country))
    return document_source(document, load_lexicon())


@pytest.mark.parametrize(("publisher", "expected"), [
    (MOFA_JP, Source("JPN", None, "publisher")),
    ("Prime Minister's Office of Japan", Source("JPN", None, "publisher")),
    ("U.S. Department of State (Office of the Spokesperson)", Source("USA", None, "publisher")),
    ("Permanent Mission of Ukraine to the United Nations", Source("UKR", None, "publisher")),
    ("Ministry of Foreign Affairs, Republic of Korea", Source("KOR", None, "publisher")),
    ("Ministry of Foreign Affairs of Peru", Source("PER", None, "publisher")),
    ("Australian Department of Defence", Source("AUS", None, "publisher")),
    ("Government of Canada", Source("CAN", None, "publisher")),
    ("GOV.UK (Foreign & Commonwealth Office)", Source("GBR", None, "publisher")),
    ("United Nations Meetings Coverage and Press Releases", Source(None, "UN", "publisher")),
    ("Daily Harbour Gazette", Source()),
])
def test_publisher_names_a_state_or_an_organisation(publisher, expected):
    assert source_of(publisher=publisher) == expected


def test_meta_country_beats_the_publisher():
    assert source_of(publisher=MOFA_JP, country="NZL") == Source("NZL", None, "meta")


def test_from_line_and_dateline():
    text = "Sanctions update\n\nFrom: Foreign, Commonwealth & Development Office\nPublished 3 May 2024\n\nBody."
    assert source_of(text) == Source("GBR", None, "from_line")
    assert source_of("CANBERRA, June 4 - The minister spoke.") == Source("AUS", None, "dateline")
    assert source_of("OTTAWA — Officials met on Monday.") == Source("CAN", None, "dateline")
    assert source_of("BREAKING NEWS today") == Source()


def test_meta_country_is_read_and_checked(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.meta.yml").write_text("country: nzl\n")
    assert read_meta(tmp_path / "a.txt").country == "NZL"
    (tmp_path / "a.meta.yml").write_text("country: New Zealand\n")
    with pytest.raises(DocumentError, match=r"^\[E007\] .*field 'country'"):
        read_meta(tmp_path / "a.txt")


# --- officials of the publishing state ------------------------------------------------------------

@pytest.mark.parametrize(("text", "publisher", "country", "expected"), [
    pytest.param("Statement by Foreign Minister Haruto Sakamoto on the new resolution", MOFA_JP, None,
                 {("Haruto Sakamoto", "JPN")}, id="speaker-title"),
    pytest.param("Ms. TANAKA Mariko, Press Secretary: Japan protested the launch through diplomatic channels.",
                 MOFA_JP, None, {("TANAKA Mariko", "JPN")}, id="japanese-order-apposition"),
    pytest.param("Spokesperson Aroha Williams said the measures were overdue.", None, "NZL",
                 {("Aroha Williams", "NZL")}, id="meta-country"),
    pytest.param("The penalties are effective at once, said Maria Chen, Acting Assistant Secretary for Economic "
                 "Affairs.", "U.S. Department of State", None, {("Maria Chen", "USA")}, id="acting-official"),
    pytest.param("Remarks by Deputy Permanent Representative Olga Petrenko at the open debate",
                 "Permanent Mission of Ukraine to the United Nations", None, {("Olga Petrenko", "UKR")},
                 id="role-swallowed-by-an-entity"),
    pytest.param("Remarks by Chief Cabinet Secretary Mori", "Prime Minister's Office of Japan", None,
                 {("Mori", "JPN")}, id="speaker-family-name"),
    pytest.param("Statement by Prime Minister Kenji Arai", MOFA_JP, None, {("Kenji Arai", "JPN")},
                 id="head-as-speaker"),
])
def test_officials_of_the_publisher(doc_ctx, text, publisher, country, expected):
    assert links(doc_ctx(text, publisher, country)) == expected


@pytest.mark.parametrize(("text", "publisher"), [
    pytest.param("Chief Cabinet Secretary Mori has already commented on this.", "Prime Minister's Office of Japan",
                 id="family-name-not-speaker"),
    pytest.param("Prime Minister Daniel Okafor met the delegation in the afternoon.", MOFA_JP,
                 id="head-not-speaker"),
    pytest.param("OFAC designated Ri Myong Su, Director of the Foundry Bureau, on Tuesday.", TREASURY,
                 id="designee"),
    pytest.param("Special Representative of the Secretary-General Ana Ruiz briefed reporters.", MOFA_JP,
                 id="international-post"),
    pytest.param("Spokesperson Aroha Williams said the measures were overdue.", None, id="no-source"),
    pytest.param("Spokesperson Aroha Williams said the measures were overdue.",
                 "United Nations Meetings Coverage and Press Releases", id="un-source"),
])
def test_no_link_from_the_publisher(doc_ctx, text, publisher):
    assert links(doc_ctx(text, publisher)) == set()


def test_from_line_lends_its_state(doc_ctx):
    text = "New listings\n\nFrom: Foreign, Commonwealth & Development Office\n\n" \
           "Foreign Secretary Helen Barlow welcomed the listings."
    assert links(doc_ctx(text)) == {("Helen Barlow", "GBR")}


def test_dateline_lends_its_state_to_officials_only(doc_ctx):
    text = "CANBERRA, June 4 - Defence Minister Thomas Reid said the launch was reckless. " \
           "President Lars Holm called it a provocation. Pentagon spokesperson Mark Dolan agreed."
    assert links(doc_ctx(text)) == {("Thomas Reid", "AUS")}


def test_byline_of_a_release(doc_ctx, assert_evidence):
    text = "Media release\nThe Hon Sarah Whitfield MP\nMinister for Trade\n14 March 2024\n" \
           "Australia has imposed targeted financial sanctions on four shipping firms."
    ctx = doc_ctx(text, "Australian Government, Minister for Trade")
    facts = extract_represents(ctx)
    assert {(f.person, f.country, f.role) for f in facts} == {("Sarah Whitfield", "AUS", "minister for Trade")}
    assert_evidence(ctx, facts)


def test_role_with_its_own_state(doc_ctx):
    assert links(doc_ctx("Secretary of State Daniel Reeves will travel to Jakarta next week.")) == \
        {("Daniel Reeves", "USA")}


# --- the country beside the person ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Marta Kowalski (Poland) said the regime remained necessary.", {("Marta Kowalski", "POL")},
                 id="bracket"),
    pytest.param("Speaking on behalf of Kenya, Wanjiru Otieno urged all members to show restraint.",
                 {("Wanjiru Otieno", "KEN")}, id="on-behalf-before"),
    pytest.param("Deputy Minister Pablo Ortega of the Ministry of Foreign Affairs of Peru held talks in Lima.",
                 {("Pablo Ortega", "PER")}, id="office-of-a-country"),
    pytest.param("He then met United Kingdom (UK) Special Envoy for Maritime Security Oliver Grant on Monday.",
                 {("Oliver Grant", "GBR")}, id="acronym-inside-title"),
    pytest.param("The Ghanaian ambassador to the UN, Ms. Akosua Mensah, spoke first.", {("Akosua Mensah", "GHA")},
                 id="courtesy-title-after-comma"),
])
def test_country_beside_the_person(doc_ctx, text, expected):
    assert links(doc_ctx(text, "Daily Harbour Gazette")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Foreign Minister SATO Hiroshi held a telephone talk with his counterpart.",
                 {("SATO Hiroshi", "JPN")}, id="japanese-order-after-title"),
    pytest.param("Director-General Watanabe of the European Affairs Bureau of MOFA met the envoy.",
                 {("Watanabe", "JPN")}, id="family-name-of-own-office"),
    pytest.param("Director-General Watanabe of the Foreign Ministry of Peru met the envoy.",
                 {("Watanabe", "PER")}, id="family-name-of-foreign-office"),
    pytest.param("Ambassador of Brazil to the United Nations, Sergio Franca, said the text was flawed.",
                 {("Sergio Franca", "BRA")}, id="ambassador-of-country-to-un"),
])
def test_names_in_a_release_of_japan(doc_ctx, text, expected):
    assert links(doc_ctx(text, MOFA_JP)) == expected


def test_words_of_a_title_are_not_part_of_the_name(doc_ctx):
    text = "Assistant Secretary for Energy and Economic Affairs Rachel T. Dunmore said the ban stands."
    assert links(doc_ctx(text, "U.S. Department of State")) == {("Rachel T. Dunmore", "USA")}


KOREA = "Ministry of Foreign Affairs, Republic of Korea"


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Marco Rossi, Deputy Minister at the Foreign Ministry of Italy, joined the call.",
                 {("Marco Rossi", "ITA")}, id="country-at-the-end-of-the-role"),
    pytest.param("He will meet Director General for Europe of the Federal Foreign Office Anna Weber in Berlin.",
                 set(), id="office-not-the-publishers"),
    pytest.param("Hamid Saleh, Egypt's deputy foreign minister and chief negotiator, spoke first.",
                 {("Hamid Saleh", "EGY")}, id="role-and-another-role"),
    pytest.param("Amb. Jonas Park, Special Envoy for Arctic Affairs of the Ministry of Foreign Affairs, met reporters.",
                 {("Jonas Park", "KOR")}, id="publishers-own-ministry"),
    pytest.param("Yuri Orlov, Russia's Deputy Foreign Minister and head negotiator, left early.",
                 {("Yuri Orlov", "RUS")}, id="name-before-role-after-comma"),
])
def test_a_release_naming_foreign_officials(doc_ctx, text, expected):
    assert links(doc_ctx(text, KOREA)) == expected


@pytest.mark.parametrize("rules_file", ["represents.yml", "publishers.yml"])
def test_every_rules_key_is_read_by_the_extractor(rules_file):
    """A misspelt or forgotten key in a rules file would silently do nothing: each must be read."""
    from sanctions_kg.extract.lexicon import RULES
    from sanctions_kg.nlp.gazetteer import load_yaml
    sources = "".join(p.read_text() for p in (RULES.parent / "extract").glob("*.py"))
    unused = [key for key in load_yaml(RULES / rules_file) if f'"{key}"' not in sources]
    assert unused == []


def test_items_of_a_designation_list_are_designees(doc_ctx):
    text = "The Treasury today designated the following officials:\n" \
           "- Pak Su Il, Vice Minister of Defence of North Korea.\n" \
           "- Ri Chol Ung, Minister of Fisheries of the Democratic People's Republic of Korea.\n"
    assert links(doc_ctx(text, TREASURY)) == set()


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("China abstained, and its representative, Liu Wen, said the text went too far.",
                 {("Liu Wen", "CHN")}, id="its-after-a-state"),
    pytest.param("Kenya voted in favour; its ambassador Grace Njeri welcomed the result.",
                 {("Grace Njeri", "KEN")}, id="its-before-a-title"),
    pytest.param("Japan welcomed the European Union decision and its envoy, Karl Hoff, spoke.", set(),
                 id="its-after-an-organisation"),
])
def test_its_refers_to_the_state_named_before(doc_ctx, text, expected):
    assert links(doc_ctx(text)) == expected


def test_a_byline_name_comma_role_line_in_a_release_of_its_own_government():
    """"Jane Rivers, Department Spokesperson" on a line of its own, in a release of the State Department."""
    import hashlib
    from datetime import date

    from sanctions_kg.extract.context import DocContext
    from sanctions_kg.extract.represents import extract_represents
    from sanctions_kg.nlp import build_pipeline
    from sanctions_kg.records import Document, DocumentMeta
    text = ("Designating a Network Supporting ISIS\n04/02/2024 10:00 AM EDT\nJane Rivers, Department Spokesperson\n"
            "The United States is designating five individuals today.\n")
    meta = DocumentMeta(published=date(2024, 4, 2), publisher="U.S. Department of State")
    doc = Document(hashlib.sha256(text.encode()).hexdigest(), "x.txt", text, meta)
    facts = extract_represents(DocContext(build_pipeline()(text), doc))
    assert {(f.person, f.country) for f in facts} == {("Jane Rivers", "USA")}


@pytest.mark.parametrize(("text", "publisher", "expected"), [
    # the model takes the role into the name: the role still titles it, and the publisher lends the state
    ("The following can be attributed to Spokesperson Laura Kent:\n\nThe talks will resume on Monday.",
     "U.S. Department of State", {("Laura Kent", "USA")}),
    ("The following can be attributed to Spokesperson Hamid Qureshi:\n\nWe welcome the vote.",
     "GOV.UK (Foreign & Commonwealth Office)", {("Hamid Qureshi", "GBR")}),
    # an untagged name that ends the role's "to" phrase
    ("\u201cWe acted,\u201d Irish Permanent Representative to the UN Rose Field said in a statement.", None,
     {("Rose Field", "IRL")}),
    ("\u201cIt is done,\u201d Dutch Permanent Representative to the UN Peter Bush told reporters.", None,
     {("Peter Bush", "NLD")}),
])
def test_names_the_model_wraps_in_a_title_or_leaves_untagged(doc_ctx, text, publisher, expected):
    assert links(doc_ctx(text, publisher)) == expected
