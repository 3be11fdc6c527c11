"""Designation extraction on hand-written sentences: authorities, statuses, measures, lists, groups."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.votes import extract_votes


def facts(make_ctx, text, published="2024-01-10", tz="UTC"):
    ctx = make_ctx(text, published, tz)
    return ctx, extract_designations(ctx, extract_votes(ctx))


def summary(found):
    return {(f.designee.name, f.measure, f.status, f.authority) for f in found}


def test_treasury_designation_today_with_blocked_property(make_ctx, assert_evidence):
    ctx, found = facts(make_ctx, "The Treasury Department today sanctioned Pak Kwang Song and Kang Chol Min for "
                       "procuring missile parts. All property of these persons in the United States is blocked.",
                       "2021-08-03", "America/New_York")
    assert summary(found) == {("Pak Kwang Song", "asset_freeze", "imposed", "USA"),
                              ("Kang Chol Min", "asset_freeze", "imposed", "USA")}
    assert {f.date for f in found} == {date(2021, 8, 3)}
    assert_evidence(ctx, found)


def test_bulleted_list_after_a_designation_sentence(make_ctx):
    text = ("The United Kingdom has designated the following individuals:\n\n"
            "- Ri Song Hyok, a banker in Dalian;\n- Han Jang Su, a shipping agent.\n\n"
            "Both now face a travel ban and an asset freeze.")
    _, found = facts(make_ctx, text, "2023-05-02", "Europe/London")
    assert summary(found) == {(n, m, "imposed", "GBR") for n in ("Ri Song Hyok", "Han Jang Su")
                              for m in ("asset_freeze", "travel_ban")}


def test_committee_listing_with_abbreviation_alias(make_ctx):
    _, found = facts(make_ctx, "Also added to the list was the Korea Ryonbong General Corporation (KRGC), "
                     "the sanctions committee said on Monday.", "2024-01-10")
    assert len(found) == 1
    fact = found[0]
    assert fact.designee.name == "Korea Ryonbong General Corporation" and fact.designee.aliases == ("KRGC",)
    assert fact.authority == "UN" and fact.date == date(2024, 1, 8)


def test_a_failed_draft_only_proposes_its_freezes(make_ctx):
    text = ("China and Russia vetoed the draft resolution on Thursday. It would have added "
            "Ko Il Hwan and the Tanchon Commercial Bank to the list of assets frozen.")
    _, found = facts(make_ctx, text, "2024-05-10", "America/New_York")
    assert summary(found) == {("Ko Il Hwan", "asset_freeze", "proposed", "UN"),
                              ("Tanchon Commercial Bank", "asset_freeze", "proposed", "UN")}
    assert all(f.via_resolution and f.date is None for f in found)


def test_already_under_sanctions_has_no_authority(make_ctx):
    _, found = facts(make_ctx, "Officials said the ship belonged to the Ocean Maritime Management Company, "
                     "which is under sanctions.")
    assert summary(found) == {("Ocean Maritime Management Company", "sanctions", "imposed", None)}


def test_eu_council_in_an_eu_release_is_the_eu(make_ctx):
    text = ("The Council today decided to add Jong Kyong Thaek to the EU sanctions list. "
            "The EU has listed 68 persons under its autonomous regime.")
    _, found = facts(make_ctx, text, "2023-07-27", "Europe/Brussels")
    assert {(f.designee.name, f.authority) for f in found} == {("Jong Kyong Thaek", "EU")}


def test_speakers_and_linked_bodies_are_not_designees(make_ctx):
    _, found = facts(make_ctx, "Ambassador Linda Greenfield said Washington had designated Choe Song Il, "
                     "a trader linked with the Reconnaissance General Bureau.")
    assert {f.designee.name for f in found} == {"Choe Song Il"}


def test_delisting_is_lifted(make_ctx):
    _, found = facts(make_ctx, "The committee removed Kim Yong Nam from its sanctions list on Friday.",
                     "2024-02-12")
    assert {(f.designee.name, f.status) for f in found} == {("Kim Yong Nam", "lifted")}
