"""General causes of misses found by scoring six new official texts blind (a UN listing of two names
the small model does not know, a US Treasury release dating launches in a list before the noun, a
double veto of measures on a head of state). Each fix is checked here with sentences of our own:
other names, dates, regimes and wording."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from sanctions_kg.extract.context import DocContext
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.launches import extract_launches
from sanctions_kg.records import Document, DocumentMeta


def _measures(facts) -> set[tuple[str, str]]:
    return {(d.designee.name, d.measure) for d in facts}


def test_freezing_of_funds_and_a_ban_on_travel_are_measures(make_ctx):
    ctx = make_ctx("The Committee today added Tomas Verhoven to its list. The measures include the freezing of "
                   "funds and a ban on travel.", "2031-05-02")
    assert _measures(extract_designations(ctx)) == {("Tomas Verhoven", "asset_freeze"),
                                                    ("Tomas Verhoven", "travel_ban")}


def test_names_the_model_reads_as_a_facility_are_still_designees(nlp):
    text = "The Security Council decided to add Idriss Mbaye Koulou and Anatole Brevik to its sanctions list."
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == "Idriss")
    doc.ents = [e for e in doc.ents if e.end <= first or e.start >= first + 3] + [Span(doc, first, first + 3, "FAC")]
    document = Document("a" * 64, "t.txt", text, DocumentMeta(published=date(2031, 5, 2)))
    names = {d.designee.name for d in extract_designations(DocContext(doc, document))}
    assert "Idriss Mbaye Koulou" in names


def test_days_listed_before_the_launch_noun_date_one_launch_each(make_ctx):
    ctx = make_ctx("The sanctions answer North Korea’s January 3, January 19 and February 11 short-range "
                   "ballistic missile launches.", "2031-03-01")
    found = sorted((f.actor, f.date) for f in extract_launches(ctx))
    assert found == [("PRK", date(2031, 1, 3)), ("PRK", date(2031, 1, 19)), ("PRK", date(2031, 2, 11))]


def test_the_month_may_is_no_modal(make_ctx):
    ctx = make_ctx("Seoul condemned Pyongyang’s 6 May, 9 June and 2 July cruise missile launches, which breach "
                   "Council resolutions.", "2031-07-10")
    assert sorted(f.date for f in extract_launches(ctx)) == [date(2031, 5, 6), date(2031, 6, 9), date(2031, 7, 2)]
    planned = make_ctx("Tokyo said North Korea may launch another missile on 9 May.", "2031-05-01")
    assert extract_launches(planned) == []


def test_a_designee_keeps_an_office_his_state_gives_him(make_ctx):
    from sanctions_kg.extract.represents import extract_represents
    ctx = make_ctx("A draft imposing sanctions against Eritrea’s Foreign Minister Tesfay Gebru failed today.",
                   "2031-05-02")
    assert [(r.person, r.country) for r in extract_represents(ctx)] == [("Tesfay Gebru", "ERI")]
    posted = make_ctx("The Treasury today sanctioned Cambodia’s representative Ri Chol-nam.", "2031-05-02")
    assert extract_represents(posted) == []  # a posting abroad, held for another state
