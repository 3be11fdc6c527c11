"""The country gazetteer covers every UN Member State, and the states added for that are found in text.

The ISO3 list below is written out by hand (the 193 Member States), not read from the rules file, so a
deleted or misspelt entry in ``countries.yml`` fails here.
"""
from __future__ import annotations

import pytest

from sanctions_kg.extract.lexicon import load_lexicon
from sanctions_kg.extract.represents import extract_represents

UN_MEMBER_STATES = [
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB", "BLR",
    "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM", "CMR", "CAN",
    "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE", "PRK", "COD", "DNK",
    "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB",
    "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN",
    "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO",
    "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM",
    "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR",
    "OMN", "PAK", "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR", "MDA", "ROU", "RUS", "RWA",
    "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM",
    "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE", "SYR", "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN",
    "TUR", "TKM", "TUV", "UGA", "UKR", "ARE", "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB",
    "ZWE",
]
OBSERVER_STATES = ["VAT", "PSE"]


def test_the_list_itself_is_193_distinct_codes() -> None:
    assert len(UN_MEMBER_STATES) == len(set(UN_MEMBER_STATES)) == 193


def test_every_un_member_and_observer_state_is_in_the_gazetteer() -> None:
    countries = load_lexicon().countries
    missing = sorted(set(UN_MEMBER_STATES + OBSERVER_STATES) - set(countries))
    assert not missing, missing


def test_every_entry_has_a_name_and_a_wikidata_item() -> None:
    for iso3, entry in load_lexicon().countries.items():
        assert entry.get("name"), iso3
        assert str(entry.get("wikidata", "")).startswith("Q"), iso3


def test_no_two_countries_share_a_name() -> None:
    """A name, alias, demonym or capital that two entries claimed would go to whichever came first."""
    seen: dict[str, str] = {}
    clashes = []
    for iso3, entry in load_lexicon().countries.items():
        names = [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", []),
                 entry.get("capital") or "", *entry.get("metonyms", [])]
        for name in filter(None, names):
            if seen.setdefault(name, iso3) != iso3:
                clashes.append((name, seen[name], iso3))
    assert not clashes, clashes


def ents(ctx) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in ctx.doc.ents if e.ent_id_]


def test_a_new_state_by_name_demonym_and_capital(make_ctx) -> None:
    ctx = make_ctx("Zimbabwe’s President Tendai Moyo met the Zambian foreign minister in Harare on Monday.")
    assert ents(ctx) == [("Zimbabwe", "COUNTRY", "ZWE"), ("Zambian", "DEMONYM", "ZMB"),
                         ("Harare", "CAPITAL", "ZWE")]
    assert {(f.person, f.country, f.role) for f in extract_represents(ctx)} == {
        ("Tendai Moyo", "ZWE", "president")}


def test_a_demonym_gives_the_state_a_speaker_represents(make_ctx) -> None:
    ctx = make_ctx("Rosa Benítez, the Paraguayan ambassador, said Asunción would abstain.")
    assert ents(ctx) == [("Paraguayan", "DEMONYM", "PRY"), ("Asunción", "CAPITAL", "PRY")]
    assert {(f.person, f.country, f.role) for f in extract_represents(ctx)} == {
        ("Rosa Benítez", "PRY", "ambassador")}


def test_capitals_as_metonyms_and_a_renamed_state(make_ctx) -> None:
    ctx = make_ctx("Kathmandu and Ulaanbaatar supported the text, while the Kyrgyz delegation and Eswatini "
                   "abstained.")
    assert ents(ctx) == [("Kathmandu", "CAPITAL", "NPL"), ("Ulaanbaatar", "CAPITAL", "MNG"),
                         ("Kyrgyz", "DEMONYM", "KGZ"), ("Eswatini", "COUNTRY", "SWZ")]


@pytest.mark.parametrize(("text", "expected"), [
    # the longest match wins: "Guinea" inside a longer name is not Guinea
    ("Papua New Guinean officials met envoys of Equatorial Guinea and Guinea.",
     [("Papua New Guinean", "DEMONYM", "PNG"), ("Equatorial Guinea", "COUNTRY", "GNQ"),
      ("Guinea", "COUNTRY", "GIN")]),
    # "Dominican" stays the Dominican Republic's; Dominica is found by its name
    ("The Dominican envoy met the representative of Dominica.",
     [("Dominican", "DEMONYM", "DOM"), ("Dominica", "COUNTRY", "DMA")]),
    # the capital of the Maldives only with its accent, never the ordinary word
    ("A male delegate flew to Malé.", [("Malé", "CAPITAL", "MDV")]),
    ("The Holy See and the State of Palestine spoke as observers.",
     [("Holy See", "COUNTRY", "VAT"), ("the State of Palestine", "COUNTRY", "PSE")]),
])
def test_ambiguous_names_resolve_to_the_right_state(make_ctx, text: str, expected: list) -> None:
    assert ents(make_ctx(text)) == expected
