"""A designee's evidence is the sentence or list line that names it, not the heading of its list (issue 10).

The heading ("OFAC designated the following persons:") still gives the authority, the measure and the date.
"""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.designations import extract_designations

HEADED_LIST = """Treasury Targets Coal Smuggling Network

WASHINGTON - The Treasury Department's Office of Foreign Assets Control (OFAC) today designated two ship \
managers and a trading firm that moved North Korean coal to foreign ports.

OFAC designated the following persons:

- Choe Myong Nam, general manager of a coastal shipping line, who arranged ship-to-ship transfers at sea.
- Pak Un Jong, a broker in Nampo. She set the prices of the cargoes.
- Haesong Trading Company, which sold the coal abroad.

All property of these persons in the United States is blocked.
"""


def test_each_listed_designee_is_quoted_from_its_own_line(make_ctx, assert_evidence):
    ctx = make_ctx(HEADED_LIST, "2024-03-05", "America/New_York")
    found = extract_designations(ctx)
    quotes = {f.designee.name: f.evidence[0].quote for f in found}
    assert quotes == {
        "Choe Myong Nam": "Choe Myong Nam, general manager of a coastal shipping line, who arranged ship-to-ship "
                          "transfers at sea.",
        "Pak Un Jong": "Pak Un Jong, a broker in Nampo.",  # the sentence of the line that names her
        "Haesong Trading Company": "Haesong Trading Company, which sold the coal abroad.",
    }
    assert all(len(f.evidence) == 1 and f.evidence[0].rule == "designations.list_line" for f in found)
    assert_evidence(ctx, found)  # offsets into the document's own text
    # what the heading says still holds for every line
    assert {(f.measure, f.status, f.authority, f.date) for f in found} == {
        ("asset_freeze", "imposed", "USA", date(2024, 3, 5))}


def test_names_in_the_designation_sentence_keep_that_sentence(make_ctx):
    text = ("The Treasury today designated the following vessels: OCEAN BREEZE 3, SILVER CRANE and RED HARBOR. "
            "Their owners were not named.")
    ctx = make_ctx(text, "2024-03-05", "America/New_York")
    found = extract_designations(ctx)
    assert {f.designee.name for f in found} == {"OCEAN BREEZE 3", "SILVER CRANE", "RED HARBOR"}
    sentence = text.split(" Their")[0]
    assert {(f.evidence[0].quote, f.evidence[0].rule) for f in found} == {(sentence, "designations.sentence")}
