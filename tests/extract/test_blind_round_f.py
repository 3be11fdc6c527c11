"""General causes of misses found by scoring six more sets of official texts blind (fresh25-fresh30: UN press
releases on 1990s votes on Angola and Sierra Leone, a US fact sheet on resolution 2397, explanations of vote by
the French, Japanese and US missions, committee listings, Treasury designations). Each fix is checked with
sentences of our own: other states, days, resolutions, names and wording."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.caps import extract_caps
from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.launches import extract_launches
from sanctions_kg.extract.represents import extract_represents
from sanctions_kg.extract.votes import extract_votes


def _designees(ctx) -> set[str]:
    return {d.designee.name for d in extract_designations(ctx)}


def _vote_days(ctx) -> dict[int | None, date | None]:
    return {v.number: v.date for v in extract_votes(ctx)}


def _links(ctx) -> set[tuple[str, str | None]]:
    return {(r.person, r.country) for r in extract_represents(ctx)}


# --- designees -----------------------------------------------------------------------------------

def test_words_of_a_headline_in_capitals_are_no_designees(make_ctx):
    # "COUNCIL TO IMPOSE MEASURES AGAINST UNITA, EFFECTIVE 25 JUNE, UNLESS IT COOPERATES …" gave
    # "MEASURES AGAINST", "EFFECTIVE 25 JUNE" and "UNLESS IT" as designees
    text = ("COUNCIL TO FREEZE FUNDS OF RUF, STARTING 3 MARCH, IF IT REFUSES TO DISARM\n"
            "The Security Council today decided to freeze the funds of the Revolutionary United Front (RUF).")
    names = _designees(make_ctx(text, "2031-02-20"))
    assert "Revolutionary United Front" in names or "RUF" in names
    assert not {n for n in names if n.isupper() and " " in n}


def test_a_name_in_a_capitals_headline_is_kept_when_the_text_writes_it_as_a_name(make_ctx):
    text = ("TREASURY SANCTIONS NORDVIK TRADING COMPANY\n"
            "The Treasury today froze the assets of Nordvik Trading Company, a front for the regime.")
    assert "Nordvik Trading Company" in _designees(make_ctx(text, "2031-02-20"))


def test_the_numbered_measures_a_resolution_imposes_are_no_designees(make_ctx):
    # "This resolution imposes the following measures: 1. Refined Petroleum Products (OP5): …"
    text = ("Resolution 2801 imposes the following steps:\n"
            "1. Coal Exports (OP3): Bans all coal exports from Ruritania.\n"
            "2. Shipping Registries (OP8): Requires states to deregister vessels.\n")
    assert _designees(make_ctx(text, "2031-02-20")) == set()


def test_a_list_of_designees_after_a_colon_is_still_read(make_ctx):
    text = ("The Council imposed an asset freeze on the following entities:\n"
            "1. Nordvik Trading Company\n"
            "2. Kestrel Shipping Ltd.\n")
    assert {"Nordvik Trading Company", "Kestrel Shipping Ltd."} <= _designees(make_ctx(text, "2031-02-20"))


# --- launches ------------------------------------------------------------------------------------

def test_a_launch_noun_the_parser_made_an_apposition_of_its_missile_keeps_the_missile_and_the_day(make_ctx):
    # "In response to the November 29, 2017 intercontinental ballistic missile (ICBM) launch by North Korea":
    # the parser makes "launch" an apposition of "missile", so the day and the type hang on the missile
    for text in ("Following the 14 March 2031 submarine-launched ballistic missile (SLBM) launch by the DPRK, "
                 "the allies met in Seoul.",
                 "In response to the 4 May 2031 intermediate-range ballistic missile (IRBM) launch by the DPRK, "
                 "Japan protested."):
        found = [(x.actor, x.date, x.types) for x in extract_launches(make_ctx(text, "2031-05-20"))]
        day = date(2031, 3, 14) if "March" in text else date(2031, 5, 4)
        assert found == [("PRK", day, ("slbm",) if "SLBM" in text else ("irbm",))]


# --- vote dates ----------------------------------------------------------------------------------

def test_a_just_passed_resolution_was_adopted_on_the_day_of_the_statement(make_ctx):
    # "the words in the just-passed resolution 1929 indeed mean something"
    for text in ("The measures in the just-adopted resolution 2811 are binding on every State.",
                 "Today the just-passed resolution 2811 closes the loopholes."):
        assert _vote_days(make_ctx(text, "2031-05-04")) == {2811: date(2031, 5, 4)}


def test_an_adopted_resolution_without_just_tells_no_vote_of_that_day(make_ctx):
    ctx = make_ctx("The measures in the adopted resolution 2811 are binding on every State.", "2031-05-04")
    assert _vote_days(ctx).get(2811) is None


def test_the_day_in_the_heading_of_an_explanation_of_vote_dates_the_vote(make_ctx):
    # "Statement after the vote (DPRK)\n30 November 2016" ... "Japan welcomes the unanimous adoption of resolution 2321"
    text = ("Statement by Ambassador Ana Ruiz\nExplanation of vote (Haiti)\n14 July 2031\n\n"
            "Chile welcomes the unanimous adoption of resolution 2812. We thank Ecuador for its work.")
    assert _vote_days(make_ctx(text, "2031-07-15")) == {2812: date(2031, 7, 14)}
    text = ("Remarks at a Security Council debate on Haiti, March 3, 2031\n\n"
            "Chile welcomed the unanimous adoption of resolution 2812 last year.")
    assert _vote_days(make_ctx(text, "2031-03-03")).get(2812) is None  # no explanation of vote: no day


def test_an_explanation_of_vote_with_no_day_in_its_heading_has_no_vote_day(make_ctx):
    text = ("Explanation of vote on the resolution on Haiti\n\n"
            "Chile supported the adoption of resolution 2812. We thank Ecuador for its work.")
    assert _vote_days(make_ctx(text, "2031-07-15")).get(2812) is None


# --- represents ----------------------------------------------------------------------------------

def test_a_spaced_hyphen_ends_a_role_in_a_heading(make_ctx):
    # "Explanation of vote by Mr François Delattre, Permanent Representative of France to the United Nations -
    # Security Council - 2 June 2017"
    text = ("Haiti - Statement by Ms Ana Ruiz, Permanent Representative of Chile to the United Nations - "
            "Security Council - 14 July 2031")
    assert ("Ana Ruiz", "CHL") in _links(make_ctx(text, "2031-07-14"))


def test_caps_unchanged_by_the_list_rule(make_ctx):
    # the numbered measures of a fact sheet still give their caps
    text = ("Resolution 2801 imposes the following measures:\n"
            "1. Crude Oil (OP4): Sets an annual limit of 3 million barrels on crude oil supplied to Ruritania.\n")
    caps = [(c.commodity, c.after) for c in extract_caps(make_ctx(text, "2031-02-20"))]
    assert caps == [("crude_oil", 3_000_000.0)]


# --- designations: listing ended, measures, groups -------------------------------------------------

def _designations(ctx) -> set[tuple[str, str, str]]:
    return {(d.designee.name, d.measure, d.status) for d in extract_designations(ctx)}


def test_names_dropped_from_a_list_are_delisted(make_ctx):
    # "the names of three persons – A, B and C – were being dropped from the list"
    text = ("The committee announced on Monday that the names of two persons – Ivan Drago and Piotr Lenz – were "
            "dropped from the list of individuals banned from travelling abroad.")
    found = _designations(make_ctx(text, "2031-03-05"))
    assert found == {("Ivan Drago", "travel_ban", "lifted"), ("Piotr Lenz", "travel_ban", "lifted")}
    deleted = _designations(make_ctx("The panel deleted Ivan Drago from its asset freeze list.", "2031-03-05"))
    assert deleted == {("Ivan Drago", "asset_freeze", "lifted")}


def test_dropping_something_else_lifts_no_listing(make_ctx):
    text = "Russia dropped its objection, and the committee added Ivan Drago to the asset freeze list."
    assert {s for _, _, s in _designations(make_ctx(text, "2031-03-05"))} == {"imposed"}


def test_a_ban_on_international_travel_is_a_travel_ban(make_ctx):
    # "These individuals will be subject to a freeze on assets and a ban on international travel."
    text = ("The committee listed Ivan Drago, a militia commander. He will be subject to a freeze on assets and a "
            "ban on international travel.")
    measures = {m for _, m, _ in _designations(make_ctx(text, "2031-03-05"))}
    assert {"asset_freeze", "travel_ban"} <= measures


def test_a_body_cut_after_of_the_takes_the_entity_after_it(make_ctx):
    # "- means a person who is designated by the Committee of the Security Council." gave "Committee of the"
    text = "A listed person means a person who is designated by the Committee of the Security Council."
    assert _designees(make_ctx(text, "2031-03-05")) == set()


def test_the_number_of_a_resolution_counts_no_group(make_ctx):
    # "designated by the UN pursuant to UN Security Council Resolution (UNSCR) 1718" made "UNSCR" a designee
    text = ("All four companies have been designated by the UN pursuant to UN Security Council Resolution (UNSCR) "
            "2270 for their role in the programme.")
    assert "UNSCR" not in _designees(make_ctx(text, "2031-03-05"))


# --- launches: days, actors ------------------------------------------------------------------------

def _launches(ctx) -> list[tuple[str | None, date | None]]:
    return sorted(((x.actor, x.date) for x in extract_launches(ctx)), key=lambda x: (str(x[0]), x[1] or date.min))


def test_day_numbers_after_a_date_that_ends_with_its_day_are_more_days(make_ctx):
    # "Following the series of launches of ballistic missiles and others on November 2 and 3"
    ctx = make_ctx("Iran fired cruise missiles on May 2 and 3, the ministry said.", "2031-05-20")
    assert _launches(ctx) == [("IRN", date(2031, 5, 2)), ("IRN", date(2031, 5, 3))]


def test_the_state_a_sentence_censures_after_an_unattributed_launch_carried_it_out(make_ctx):
    # "…, the two ministers strongly condemned North Korea's provocations"
    text = ("After the launches of cruise missiles on June 4 and 6, the two leaders firmly denounced Iran's "
            "provocations.")
    assert _launches(make_ctx(text, "2031-06-10")) == [("IRN", date(2031, 6, 4)), ("IRN", date(2031, 6, 6))]
    other = "After the launches of cruise missiles on June 4 and 6, Iran and Qatar held talks."
    assert _launches(make_ctx(other, "2031-06-10")) == []  # no state censured: no actor


def test_a_launch_noun_with_its_own_day_takes_the_actor_named_before(make_ctx):
    # "the recent rocket launch by the DPRK … deems the 5 April launch to be in contravention of resolution 1718"
    text = ("The Council spoke out against the recent missile launch by Iran. In a statement, the body deems "
            "the 12 March launch to be in violation of resolution 2231.")
    assert _launches(make_ctx(text, "2031-03-20")) == [("IRN", date(2031, 3, 12))]


# --- represents: names with "of" ---------------------------------------------------------------------

def test_of_inside_a_state_name_does_not_cut_the_role(make_ctx):
    # "H.E. Dr. Park Jin, Minister for Foreign Affairs of the Republic of Korea" was linked to the publisher's Japan
    text = "Mr. Aso held talks with Ms. Lina Haddad, Minister for Foreign Affairs of the Republic of Moldova."
    assert _links(make_ctx(text, "2031-03-20", publisher="Ministry of Foreign Affairs of Japan")) == {
        ("Lina Haddad", "MDA")}


# --- votes: old press releases, the veto as a rule, datelines -------------------------------------------

def _votes(ctx) -> list[tuple[int | None, str | None, date | None]]:
    return [(v.number, v.outcome, v.date) for v in extract_votes(ctx)]


def test_a_date_line_glued_to_the_subtitle_is_split_off(make_ctx):
    # "19991203Resolution 1280 (1999) Adopted by 11-0-3; France, Not Voting, …": the glued token hid the
    # resolution, so its tally went to a second, unnumbered vote
    ctx = make_ctx("SC/9901\n20310514Resolution 2815 (2031) Adopted by 12-0-3\n", "2031-05-14")
    assert [t.text for t in ctx.doc][2:5] == ["20310514", "Resolution", "2815"]
    assert [(v.number, v.in_favour) for v in extract_votes(ctx)] == [(2815, 12)]


def test_the_veto_as_the_councils_rule_is_no_vote(make_ctx):
    # "permanent members of the Council find a means other than the veto to express profoundly negative views"
    for text in ("Ruritania said members should find ways other than the veto to express their views.",
                 "Ruritania deplored the use of the veto in the Council.",
                 "Members spoke of abusing the veto."):
        assert _votes(make_ctx(text, "2031-05-14")) == []
    assert _votes(make_ctx("Russia cast a veto on the draft.", "2031-05-14"))[0][1] == "not_adopted"


def test_today_is_the_day_of_the_dateline_of_a_release_reissued_later(make_ctx):
    # a UN information centre's copy published on 2 August: "NEW YORK, 30 July (UN Headquarters) -- The Security
    # Council today, …, adopting resolution 1556 (2004) by 13 votes …"
    text = ("SC/9902\nCouncil Renews Sanctions\n"
            "NEW YORK, 11 March (UN Headquarters) -- The Security Council today adopted resolution 2816 (2031) "
            "by 15 votes in favour.")
    assert _votes(make_ctx(text, "2031-03-14")) == [(2816, "adopted", date(2031, 3, 11))]
    later = text.replace("11 March", "11 January")  # two months before: another day, not the report's
    assert _votes(make_ctx(later, "2031-03-14")) == [(2816, "adopted", date(2031, 3, 14))]


# --- represents: titles ------------------------------------------------------------------------------------

def test_a_given_name_right_after_a_title_belongs_to_the_name(make_ctx):
    # "Statement by UK Political Coordinator Fergus Eckersley at the UN General Assembly."
    text = "Statement by Irish Political Coordinator Aoife Brennan at the UN General Assembly."
    assert _links(make_ctx(text, "2031-05-14")) == {("Aoife Brennan", "IRL")}


def test_a_charge_d_affaires_represents_the_state(make_ctx):
    for text in ("Mary Doyle, chargé d'affaires of Ireland, said the Council must act.",
                 "Ireland's Charge d'Affaires Mary Doyle said the Council must act."):
        assert _links(make_ctx(text, "2031-05-14")) == {("Mary Doyle", "IRL")}


def test_a_capitalised_word_the_parse_joins_to_a_person_belongs_to_the_name(make_ctx):
    # "Reason for listing: \n\nHamza bin Laden was listed on 28 February 2019 pursuant to …": the NER tagged
    # "bin Laden" only; here the NER's cut is made by hand, since it depends on the model's mood
    from spacy.tokens import Span

    from sanctions_kg.extract.designees import name_ents
    ctx = make_ctx("Omar bin Rashid was listed on 3 May 2031 pursuant to resolution 2811 (2031).", "2031-05-05")
    doc = ctx.doc
    assert [t.dep_ for t in doc[:3]] == ["compound", "compound", "nsubjpass"]
    doc.ents = [Span(doc, 1, 3, label="PERSON")] + [e for e in doc.ents if e.start >= 3]
    assert [e.text for e in name_ents(doc[:])] == ["Omar bin Rashid"]
    ranked = make_ctx("Colonel Omar Rashid was listed on 3 May 2031.", "2031-05-05").doc
    ranked.ents = [Span(ranked, 1, 3, label="PERSON")]
    assert [e.text for e in name_ents(ranked[:])] == ["Omar Rashid"]  # a rank is no part of the name


def test_a_designee_named_by_a_short_form_the_text_defined_takes_the_full_name(make_ctx):
    # "… in support of both Tanchon Commercial Bank (Tanchon) and …" then "… Tanchon … were identified …"
    text = ("The Treasury today designated the Nordvik Bank (Nordvik) for providing services to Kestrel Trading "
            "Corporation (Kestrel). Kestrel was designated by Treasury in July 2009 for being owned by Nordvik.")
    found = {(d.designee.name, d.designee.kind, d.designee.aliases) for d in extract_designations(
        make_ctx(text, "2031-08-11", publisher="U.S. Department of the Treasury"))}
    assert ("Kestrel Trading Corporation", "organization", ("Kestrel",)) in found
    assert not any(name == "Kestrel" for name, _, _ in found)
