"""General causes of misses found by scoring five more sets of official texts blind (fresh61-fresh65: UN press
releases on renewals and committees, Isle of Man and Treasury releases, explanations of vote by Ireland, Brazil
and Germany, statements on DPRK launches). Each fix is checked with sentences of our own: other states, days,
resolutions, names and wording."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.represents import extract_represents
from sanctions_kg.extract.votes import extract_votes


def _measures(ctx) -> set[tuple[str, str]]:
    return {(d.designee.name, d.measure) for d in extract_designations(ctx)}


# --- votes -------------------------------------------------------------------------------------------

def test_the_use_of_the_veto_by_a_state_after_the_verb_is_its_veto(make_ctx):
    # "we deeply regret the use of the veto today by the Russian Federation": "by" hangs on "regret"
    text = ("Norway voted in favour of the draft resolution presented by Mexico and Ghana. "
            "We strongly deplore the use of the veto this morning by China.")
    votes = extract_votes(make_ctx(text, "2027-04-14"))
    assert [v.vetoed_by for v in votes] == [("CHN",)]
    assert ("CHN", "against") in votes[0].positions and ("NOR", "in_favour") in votes[0].positions


def test_the_use_of_the_veto_in_general_is_still_no_veto(make_ctx):
    text = "The use of the veto by permanent members should be restrained. Kenya voted in favour of the text."
    assert all(not v.vetoed_by for v in extract_votes(make_ctx(text, "2027-04-14")))


def test_a_possessive_before_a_favourable_vote_is_that_state_in_favour(make_ctx):
    # "Brazil's favorable vote is an expression of our recognition …"
    text = ("Today the Council adopted resolution 2933 (2027) on the sanctions regime. "
            "Kenya's favourable vote reflects our support for targeted measures.")
    votes = [v for v in extract_votes(make_ctx(text, "2027-05-03")) if v.number == 2933]
    assert votes and ("KEN", "in_favour") in votes[0].positions


def test_a_fifteen_nation_body_gives_the_votes_in_favour_of_a_unanimous_adoption(make_ctx):
    # "adopted unanimously today … The 15-nation body also expressed concern"
    text = ("By resolution 2871 (2027), adopted unanimously today, the Council extended the panel's mandate. "
            "The 15-nation body also asked the Secretary-General to report within 90 days.")
    votes = [v for v in extract_votes(make_ctx(text, "2027-06-01")) if v.number == 2871]
    assert (votes[0].in_favour, votes[0].against, votes[0].abstentions) == (15, 0, 0)


def test_a_day_and_a_dash_before_the_title_dates_the_meeting_record(make_ctx):
    # "13 Dec 2018 -  The situation in the Central African Republic" heads a meeting record
    text = ("9 Mar 2027 -  The question concerning Ruritania\n"
            "The draft resolution (S/2027/101) received 12 votes in favour, none against and three abstentions "
            "(Algeria, China and the Russian Federation) and was adopted as resolution 2901 (2027).\n")
    votes = [v for v in extract_votes(make_ctx(text, "2027-03-09")) if v.number == 2901]
    assert votes and str(votes[0].date) == "2027-03-09" and votes[0].in_favour == 12


# --- represents --------------------------------------------------------------------------------------

def test_a_speaker_with_a_bracketed_delegation_is_a_person_whatever_the_model_says(make_ctx):
    # "Nicolas de Rivière (France) said", "Omer Dahab Fadl Mohamed (Sudan) welcomed": tagged ORG, with the bracket
    text = ("The Council unanimously adopted resolution 2950 (2027), renewing the Panel of Experts until March "
            "2028. Speaking after the vote, Olivier de Rivaud (Belgium) said that his delegation welcomed the "
            "renewal.")
    found = {(r.person, r.country) for r in extract_represents(make_ctx(text, "2027-02-08"))}
    assert ("Olivier de Rivaud", "BEL") in found


def test_a_country_in_brackets_after_a_body_is_no_speaker(make_ctx):
    text = "The Ministry of Foreign Affairs (Ruritania) said the measures were regrettable."
    assert extract_represents(make_ctx(text, "2027-02-08")) == []


# --- designations ------------------------------------------------------------------------------------

def test_a_sentence_that_imposes_measures_states_them_for_the_names_of_the_regime(make_ctx):
    # "… sanctions regime imposed on Al-Qaida, Usama bin Laden and the Taliban …  resolutions which imposed an
    # assets freeze, travel restrictions and an arms embargo with respect to …"
    text = ("The Council today adjusted the sanctions regime imposed on the Northern Liberation Front and "
            "Ivan Petrovsky. Earlier resolutions imposed an assets freeze, travel restrictions and an arms "
            "embargo with respect to the Front and its leader.")
    assert ("Ivan Petrovsky", "asset_freeze") in _measures(make_ctx(text, "2027-07-07"))


def test_a_name_in_the_title_of_a_regulation_is_not_designated(make_ctx):
    # "The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019 … provide for the
    # freezing of funds …"
    text = ("The Al-Shabaab (United Nations Measures) (Overseas Territories) Order 2026 provides for the freezing "
            "of funds and economic resources of designated persons.")
    assert extract_designations(make_ctx(text, "2027-01-15")) == []


def test_an_act_with_its_year_and_a_numbered_sanctions_list_are_no_designees(make_ctx):
    text = ("The Regulations were made under the Counter-Terrorism and Border Security Act 2019 and provide for "
            "the freezing of funds of designated persons. Members discussed updating the 2745 Sanctions list.")
    assert extract_designations(make_ctx(text, "2027-01-15")) == []


def test_negative_votes_are_a_count_against_with_their_voters(make_ctx):
    # "received 11 affirmative votes, two abstentions (Angola and China), and two negative votes (Russian
    # Federation and Venezuela)"
    text = ("The Council failed to adopt the draft resolution on Ruritania today. The text received 10 affirmative "
            "votes, three abstentions (Egypt, Kenya and Mexico), and two negative votes (China and the Russian "
            "Federation).")
    votes = extract_votes(make_ctx(text, "2027-09-21"))
    assert [(v.in_favour, v.against, v.abstentions) for v in votes] == [(10, 2, 3)]
    assert {("CHN", "against"), ("RUS", "against")} <= set(votes[0].positions)
    assert set(votes[0].vetoed_by) == {"CHN", "RUS"}


def test_the_measures_taken_against_named_people_designate_them(make_ctx):
    # "The measures taken against Marial Chanuong and Peter Gadet are only a first step"
    text = "The measures taken against Omar Haji Bashir and Daniel Lual Kon are a first step."
    assert {d.designee.name for d in extract_designations(make_ctx(text, "2027-01-10"))} == {
        "Omar Haji Bashir", "Daniel Lual Kon"}


def test_an_action_taken_against_a_ship_designates_nothing(make_ctx):
    text = "The action taken against the tanker Ocean Star was reported to the committee."
    assert extract_designations(make_ctx(text, "2027-01-10")) == []


def test_the_label_of_a_heading_before_its_colon_is_no_designee(make_ctx):
    # "Backgrounder: Canada imposes further sanctions against Iran"
    text = ("Backgrounder: Canada imposes further sanctions against Belarus\n\nEffective immediately, Canada is "
            "imposing sanctions against Belarus by listing two entities, Minsk Tractor Works and Belaruskali, in "
            "response to grave breaches of international peace.")
    ctx = make_ctx(text, "2027-01-10", publisher="Global Affairs Canada")
    names = {d.designee.name for d in extract_designations(ctx)}
    assert not any(name.startswith("Backgrounder") for name in names)


def test_two_drafts_with_their_own_authors_and_counts_are_two_dated_votes(make_ctx):
    # "The French and Spanish text … received 11 affirmative votes … The Russian Federation's text … received a
    # vote of 4 in favour … to 9 against …, with 2 abstentions"
    text = ("Two draft texts on the situation in Ruritania failed to be adopted by the Security Council today.\n"
            "The Mexican and Irish text received 10 affirmative votes, two negative votes (China and the Russian "
            "Federation) and three abstentions (Brazil, Gabon and India).\n"
            "The Chinese text received 3 votes in favour (China, Gabon, Russian Federation) to 8 against, with "
            "4 abstentions.\n")
    votes = sorted(extract_votes(make_ctx(text, "2027-03-14")), key=lambda v: -(v.in_favour or 0))
    assert [(v.in_favour, v.against, v.abstentions, v.outcome, str(v.date)) for v in votes] == [
        (10, 2, 3, "not_adopted", "2027-03-14"), (3, 8, 4, "not_adopted", "2027-03-14")]
    assert set(votes[0].vetoed_by) == {"CHN", "RUS"} and votes[1].vetoed_by == ()
    assert ("GAB", "in_favour") in votes[1].positions and ("GAB", "abstention") in votes[0].positions
