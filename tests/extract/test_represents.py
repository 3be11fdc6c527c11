"""Who speaks for which country, on hand-written sentences: the shapes of titles and appositions."""
from __future__ import annotations

import pytest

from sanctions_kg.extract.represents import extract_represents


def links(facts):
    return {(f.person, f.country, f.role) for f in facts}


def test_apposition_before_the_name_keeps_the_role_phrase(make_ctx, assert_evidence):
    ctx = make_ctx("France's ambassador to the United Nations, Nicolas de Riviere, said the text was balanced.")
    facts = extract_represents(ctx)
    assert links(facts) == {("Nicolas de Riviere", "FRA", "ambassador to the United Nations")}
    assert_evidence(ctx, facts)


def test_apposition_after_the_name(make_ctx):
    ctx = make_ctx("Maria Lopez, the Irish foreign minister, welcomed the vote.")
    assert links(extract_represents(ctx)) == {("Maria Lopez", "IRL", "foreign minister")}


def test_titles_before_two_names(make_ctx):
    ctx = make_ctx("German Chancellor Olaf Scholz and French President Emmanuel Macron met in Paris.")
    assert links(extract_represents(ctx)) == {("Olaf Scholz", "DEU", "chancellor"),
                                              ("Emmanuel Macron", "FRA", "president")}


def test_representative_of_a_country_drops_the_country_from_the_role(make_ctx):
    ctx = make_ctx("The representative of Japan, Kazuyuki Yamazaki, urged restraint.")
    assert links(extract_represents(ctx)) == {("Kazuyuki Yamazaki", "JPN", "representative")}


def test_mission_headed_by(make_ctx):
    ctx = make_ctx("Beijing's delegation, headed by Ambassador Fu Cong, abstained.")
    assert links(extract_represents(ctx)) == {("Fu Cong", "CHN", "ambassador")}


def test_name_of_country(make_ctx):
    ctx = make_ctx("Speaking after the vote, Amal Haddad of Algeria said the text ignored the region.")
    assert links(extract_represents(ctx)) == {("Amal Haddad", "DZA", None)}


def test_office_of_a_state_from_the_gazetteer(make_ctx):
    ctx = make_ctx("Under Secretary of the Treasury Wally Adeyemo said the network had been exposed.")
    assert links(extract_represents(ctx)) == {("Wally Adeyemo", "USA", "under secretary of the Treasury")}


def test_deputy_role_after_a_quote(make_ctx):
    ctx = make_ctx('"We will respond," said Dmitry Polyanskiy, Russia\'s deputy ambassador.')
    assert links(extract_represents(ctx)) == {("Dmitry Polyanskiy", "RUS", "deputy ambassador")}


def test_repeated_link_is_one_fact(make_ctx, assert_evidence):
    ctx = make_ctx("Chinese Foreign Minister Wang Yi arrived on Monday. "
                   "On Tuesday Chinese Foreign Minister Wang Yi met his hosts.")
    facts = extract_represents(ctx)
    assert links(facts) == {("Wang Yi", "CHN", "foreign minister")} and len(facts[0].evidence) == 2
    assert_evidence(ctx, facts)


@pytest.mark.parametrize("text", [
    "Former British Prime Minister Boris Johnson criticised the decision.",
    "Ambassador Thomas Walker said the Council must act.",
    "The Treasury sanctioned Pak Song Chol, a North Korean representative in Moscow.",
    "John Smith, son of the French president, attended the talks.",
    "Indian Prime Minister Narendra Modi (file photo). Photograph: Reuters",
    "The ICBMs were shown to President Kim at a parade.",
])
def test_non_links(make_ctx, text):
    assert extract_represents(make_ctx(text)) == []


def test_a_name_the_model_tags_as_a_place_in_apposition_to_a_role(make_ctx):
    ctx = make_ctx("Speaking after the vote, the representative of the Russian Federation, Vassily Nebenzia, "
                   "said the draft ignored Syrian sovereignty.")
    found = {(r.person, r.country) for r in extract_represents(ctx)}
    assert found == {("Vassily Nebenzia", "RUS")}
