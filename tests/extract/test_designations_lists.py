"""Designations: list items, authorities from the text and the publisher, statuses and measures.

Every sentence here is written for the test (invented names, numbers and phrasing)."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.votes import extract_votes
from sanctions_kg.records import Document, DocumentMeta


@pytest.fixture(scope="module")
def run(nlp):
    """``run(text, publisher=None)`` -> the designation facts of one document published on 2024-06-12."""

    def extract(text: str, publisher: str | None = None):
        meta = DocumentMeta(published=date(2024, 6, 12), publisher=publisher, timezone="UTC")
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        ctx = DocContext(nlp(text), Document(doc_id, "test.txt", text, meta))
        found = extract_designations(ctx, extract_votes(ctx))
        for fact in found:
            assert all(text[ev.start:ev.end] == ev.quote for ev in fact.evidence)
        return found

    return extract


def rows(found):
    return {(f.designee.name, f.designee.kind, f.measure, f.status, f.authority) for f in found}


def test_bullet_lines_after_a_counted_group_with_the_publisher_as_we(run):
    text = ("Today we impose targeted financial sanctions on two more companies that shipped fuel to Pyongyang.\n"
            "- Zenith Coastal Freight Ltd (Singapore company)\n"
            "- Harbour Light Trading Company (Hong Kong company)\n"
            "We will keep working with partners.\n")
    found = run(text, "Department of Foreign Affairs and Trade")
    assert rows(found) == {(n, "organization", "sanctions", "imposed", "AUS")
                           for n in ("Zenith Coastal Freight Ltd", "Harbour Light Trading Company")}
    assert {f.date for f in found} == {date(2024, 6, 12)}


def test_vessel_names_in_capitals_recommended_to_a_committee_belong_to_the_own_listing(run):
    text = ("On Monday the government designated 6 ships and 2 firms over illicit oil transfers.\n"
            "The panel recommended that the committee designate the following vessels: SEA PEARL 7, GOLDEN LOTUS, "
            "KUM SAN 3, and ORIENT STAR.\n")
    found = run(text, "Ministry of Foreign Affairs, Republic of Korea")
    assert {(f.designee.name, f.status, f.authority) for f in found} == {
        (n, "imposed", "KOR") for n in ("SEA PEARL 7", "GOLDEN LOTUS", "KUM SAN 3", "ORIENT STAR")}


def test_a_recommendation_alone_only_proposes(run):
    found = run("The experts recommended that the committee designate the following vessels: MOON RIVER 2 "
                "and BLUE HERON.\n")
    assert {(f.designee.name, f.status) for f in found} == {("MOON RIVER 2", "proposed"), ("BLUE HERON", "proposed")}


def test_gazette_schedule_items_with_surnames_in_capitals(run):
    text = ("4 The schedule, Part 2, is amended by inserting the following after entry 310:\n"
            "- 311 Oleg Borisovich KARPENKO (born on March 2, 1971)\n"
            "- 312 Irina Pavlovna SOKOLOVA (born on July 9, 1980)\n"
            "- 313 Dmitri Ivanovich ZA")
    found = run(text, "Canada Gazette, Part II (Government of Canada)")
    # the last line runs into the end of a cut-off text: its name is not whole
    assert rows(found) == {(n, "person", "sanctions", "imposed", "CAN")
                           for n in ("Oleg Borisovich KARPENKO", "Irina Pavlovna SOKOLOVA")}


def test_authority_prefixed_designations_have_no_date(run):
    found = run("Li Wen is the deputy chief of the UK- and EU-designated Eastern Star Shipping Company, and he "
                "replaced EU-designated Paek Song-Il last year.")
    assert {(f.designee.name, f.authority) for f in found} == {
        ("Eastern Star Shipping Company", "GBR"), ("Eastern Star Shipping Company", "EU"), ("Paek Song-Il", "EU")}
    assert {f.date for f in found} == {None}


def test_names_before_all_of_which_are_designated(run):
    found = run("The sanctions target a network that bought parts for the Aerospace Industries Organization, "
                "Shahid Bakeri Industrial Group, and Hamid Tech, all of which are U.S.-designated firms.")
    assert {(f.designee.name, f.authority, f.date) for f in found} == {
        ("Aerospace Industries Organization", "USA", None), ("Shahid Bakeri Industrial Group", "USA", None),
        ("Hamid Tech", "USA", None)}


def test_two_authorities_for_the_same_names(run):
    found = run("The Treasury today designated Alpha Ridge Bank and Omega Shipping Company. Both entities were "
                "listed by the European Union on 4 May 2021.")
    assert {(f.designee.name, f.authority, f.date) for f in found} == {
        ("Alpha Ridge Bank", "USA", date(2024, 6, 12)), ("Omega Shipping Company", "USA", date(2024, 6, 12)),
        ("Alpha Ridge Bank", "EU", date(2021, 5, 4)), ("Omega Shipping Company", "EU", date(2021, 5, 4))}


def test_a_held_committee_listing_is_blocked_by_its_proposer_and_a_unilateral_one_is_separate(run):
    found = run("The United States asked the committee to list Golden Star Shipping and Chen Wei, but China placed "
                "a hold on the request. Washington then sanctioned both targets on its own.")
    assert {(f.designee.name, f.status, f.authority) for f in found} >= {
        ("Golden Star Shipping", "blocked", "USA"), ("Chen Wei", "blocked", "USA")}


def test_measures_named_in_the_next_sentence(run):
    found = run("The Treasury today sanctioned Viktor Ostrov and Lena Ostrova for laundering funds. Their assets in "
                "the United States are frozen.")
    assert rows(found) == {(n, "person", "asset_freeze", "imposed", "USA") for n in ("Viktor Ostrov", "Lena Ostrova")}


def test_each_name_takes_the_measures_of_its_own_on_phrase(run):
    found = run("Through resolution 2999 (2030), the Council imposed an arms embargo on Ruritania and an asset freeze "
                "and a travel ban on Boris Malenkov and his associates.")
    assert {(f.designee.name, f.measure) for f in found} == {
        ("Boris Malenkov", "asset_freeze"), ("Boris Malenkov", "travel_ban")}


def test_the_date_of_another_event_in_the_sentence_is_not_the_designation_date(run):
    found = run("The Council this morning imposed a travel ban on Colonel Amadou Sissoko and officers who seized the "
                "radio station on 3 March 2019.", "United Nations Meetings Coverage")
    assert {(f.designee.name, f.authority, f.date) for f in found} == {("Amadou Sissoko", "UN", date(2024, 6, 12))}


def test_an_order_that_blocks_a_government_and_a_party(run):
    found = run("The new order blocks the Government of Ruritania and the National Unity Party.",
                "U.S. Department of the Treasury")
    assert rows(found) == {("Government of Ruritania", "organization", "asset_freeze", "imposed", "USA"),
                           ("National Unity Party", "organization", "asset_freeze", "imposed", "USA")}


def test_designation_noun_with_an_apposed_name_and_a_glued_verb(run):
    found = run("Today's action includes the designation of the militia's finance chief in Dubai, Karim Nasser, "
                "who moved funds. Lastly, the Council has sanctionedSAF colonel, Tariq Osman, who led the raid.")
    assert {f.designee.name for f in found} == {"Karim Nasser", "Tariq Osman"}


def test_a_participial_listing_is_undated_and_today_dates_the_main_clause(run):
    found = run("Extending the asset freeze on Hassan Mirza, the Council today also called for talks. The Council "
                "kept the travel ban on several people, among them Layla Haddad, designated by the committee "
                "in an earlier round.", "United Nations News")
    dates = {f.designee.name: f.date for f in found}
    assert dates == {"Hassan Mirza": date(2024, 6, 12), "Layla Haddad": None}


def test_numbered_lines_after_a_government_decision(run):
    text = ("Today, the Government of Japan decided to designate the following 2 entities and 1 individual as "
            "subject to asset freeze measures:\n(1) Korea Sobaeksu Trading Company\n(2) Hapjanggang Shipping "
            "Corporation\n(3) Kim Chol Nam\nThis step is taken together with partners.\n")
    found = run(text, "Ministry of Foreign Affairs of Japan")
    assert rows(found) == {("Korea Sobaeksu Trading Company", "organization", "asset_freeze", "imposed", "JPN"),
                           ("Hapjanggang Shipping Corporation", "organization", "asset_freeze", "imposed", "JPN"),
                           ("Kim Chol Nam", "person", "asset_freeze", "imposed", "JPN")}


def test_a_colon_list_of_a_group_the_document_designated(run):
    found = run("Canada is imposing sanctions on 5 individuals. The individuals are: Arkady Volkov, Sergei Minin, "
                "Olga Petrenko, Yuri Danilov and Nadia Kuzmina.\n", "Global Affairs Canada")
    assert rows(found) == {(n, "person", "sanctions", "imposed", "CAN") for n in (
        "Arkady Volkov", "Sergei Minin", "Olga Petrenko", "Yuri Danilov", "Nadia Kuzmina")}


def test_the_council_in_an_eu_release_and_a_committee_delisting(run):
    eu = run("The Council today added Mikhail Orlov to the list of persons subject to restrictive measures.",
             "Council of the European Union")
    assert {(f.designee.name, f.authority) for f in eu} == {("Mikhail Orlov", "EU")}
    un = run("The U.N. Security Council's committee on Thursday removed Abdul Rahman Karimi from its sanctions list.")
    assert {(f.designee.name, f.status, f.authority, f.date) for f in un} == {
        ("Abdul Rahman Karimi", "lifted", "UN", date(2024, 6, 6))}


def test_vessel_names_in_capitals_and_no_adjective_as_a_name(run):
    found = run("The Treasury on Tuesday blacklisted a Hong Kong-based shipping firm, Ocean Grace Logistics, and "
                "two vessels, the tanker VICTORIA MAY and the cargo ship LUCKY FORTUNE, accusing them of coal runs.")
    assert {f.designee.name for f in found} == {"Ocean Grace Logistics", "VICTORIA MAY", "LUCKY FORTUNE"}


def test_a_blocked_un_listing_then_imposed_unilaterally(run):
    found = run("Britain proposed adding Trans Pacific Oil and its owner Liang Fei to the UN blacklist, but Russia "
                "blocked the proposal on Monday. London then sanctioned both on its own.")
    assert {(f.designee.name, f.measure, f.status, f.authority) for f in found} == {
        (n, "sanctions", s, "GBR") for n in ("Trans Pacific Oil", "Liang Fei") for s in ("blocked", "imposed")}


@pytest.mark.parametrize("text, expected", [
    ("The Security Council on Monday imposed an asset freeze on four Ruritanian militia commanders. The two "
     "individuals from the Northern Front are Colonel Ivo Brandt and Major Tomas Keller.",
     {("Ivo Brandt", "person", "asset_freeze", "imposed", "UN"),
      ("Tomas Keller", "person", "asset_freeze", "imposed", "UN")}),
    ("Ottawa is imposing sanctions on three firms. The companies are Borealis Timber Ltd and Marrow Freight Inc.",
     {("Borealis Timber Ltd", "organization", "sanctions", "imposed", "CAN"),
      ("Marrow Freight Inc.", "organization", "sanctions", "imposed", "CAN")}),
])
def test_a_list_of_the_designated_group_under_another_word(run, text, expected):
    """The list names the group in other words; its authority and measure are the group's."""
    assert rows(run(text)) == expected


def test_a_copula_on_the_group_that_lists_no_names_adds_none(run):
    found = run("The Council today listed six persons. The listed individuals are also subject to a travel ban "
                "covering the European Union and Norway.", "Council of the European Union")
    assert found == []
