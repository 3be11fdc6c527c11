"""General causes of misses found by scoring seven more sets of official texts blind (fresh36-fresh42: UN
press releases on Iraq, Liberia and Haiti, explanations of vote, committee listings, vetoes debated in the
General Assembly, Treasury and State Department releases). Each fix is checked with sentences of our own:
other states, days, resolutions, names and wording."""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.designations import extract_designations
from sanctions_kg.extract.represents import extract_represents
from sanctions_kg.extract.votes import extract_votes


def _designees(ctx) -> set[str]:
    return {d.designee.name for d in extract_designations(ctx)}


def _links(ctx) -> set[tuple[str, str | None]]:
    return {(r.person, r.country) for r in extract_represents(ctx)}


# --- votes -----------------------------------------------------------------------------------------

def test_each_resolution_of_a_recalled_list_keeps_its_own_day(make_ctx):
    # "Recalling … its resolutions 986 (1995) of 14 April 1995, 1111 (1997) of 4 June 1997, …" gave the
    # first resolution alone
    text = ("The Security Council today adopted resolution 1400 (2001) on Ruritania. Recalling its resolutions "
            "700 (1991) of 17 June 1991, 801 (1993) of March 8, 1993 and 900 (1994) of 4 March 1994, "
            "the Council extended the measures.")
    days = {v.number: v.date for v in extract_votes(make_ctx(text, "2001-05-05"))}
    assert days == {1400: date(2001, 5, 5), 700: date(1991, 6, 17), 801: date(1993, 3, 8),
                    900: date(1994, 3, 4)}


def test_a_tally_written_as_a_to_b_vote_in_words(make_ctx):
    # "adopted … with a fourteen to zero vote; Indonesia abstained"
    ctx = make_ctx("The text was adopted by the Council with a thirteen to zero vote; Brazil and India abstained.",
                   "2011-03-03")
    [vote] = extract_votes(ctx)
    assert (vote.in_favour, vote.against, vote.abstentions) == (13, 0, 2)


def test_a_tally_written_as_a_vote_of_a_to_none(make_ctx):
    ctx = make_ctx("The resolution was adopted by a vote of eleven to none, with four abstentions.", "2011-03-03")
    [vote] = extract_votes(ctx)
    assert (vote.in_favour, vote.against, vote.abstentions) == (11, 0, 4)


def test_the_fifteen_members_state_the_size_of_a_unanimous_council(make_ctx):
    text = ("The Security Council today extended the arms embargo on Somalia for a year. Voting unanimously, "
            "the Council said the situation remained a threat. The 15 members also asked the panel to report.")
    [vote] = extract_votes(make_ctx(text, "2009-07-01"))
    assert (vote.in_favour, vote.against, vote.abstentions) == (15, 0, 0)


def test_a_veto_cast_by_a_state_on_a_day(make_ctx):
    # "a veto cast by the Russian Federation on 28 March to reject …": the day hangs on "cast"
    ctx = make_ctx("The Assembly met after the veto used by China on 3 February against a draft on Myanmar.",
                   "2031-02-20")
    [vote] = extract_votes(ctx)
    assert (vote.vetoed_by, vote.date) == (("CHN",), date(2031, 2, 3))


def test_its_veto_is_the_veto_of_the_clause_subject(make_ctx):
    # "But with its veto, Russia said no to accountability."
    text = ("Norway put forward this draft resolution on Myanmar. But with its veto, China said no to "
            "accountability.")
    [vote] = extract_votes(make_ctx(text, "2031-02-20"))
    assert vote.vetoed_by == ("CHN",)
    text = "France regretted the draft's failure. With their vetoes, China and Russia shielded the junta."
    [vote] = extract_votes(make_ctx(text, "2031-02-20"))
    assert set(vote.vetoed_by) == {"CHN", "RUS"}
    # "The simple truth is that Russia used its veto, alone, to end Security Council measures …"
    text = "Norway tabled a draft on Myanmar. The plain fact is that China used its veto, alone, to end the measures."
    [vote] = extract_votes(make_ctx(text, "2031-02-20"))
    assert vote.vetoed_by == ("CHN",)


def test_a_resolution_favoured_by_nine_or_more_with_none_against_is_adopted(make_ctx):
    # "In a resolution favored by 12 Members of the 15-Member Council, with three abstaining, restrictions
    # were placed on …"; an arms embargo the Council imposed "in December, 2005" is another occasion
    text = ("20 May 2031 – The Security Council today imposed sanctions on three commanders in Ruritania. In a "
            "resolution favoured by 11 members of the 15-member Council, with four abstaining, restrictions were "
            "placed on their assets. In March 2030, the Council imposed an arms embargo on Ruritania.")
    [vote] = extract_votes(make_ctx(text, "2031-05-20"))
    assert (vote.outcome, vote.in_favour, vote.against, vote.abstentions) == ("adopted", 11, 0, 4)
    assert vote.date == date(2031, 5, 20)


def test_a_state_pleased_to_vote_in_favour_of_an_unnumbered_renewal(make_ctx):
    # an explanation of vote: "The United States is pleased to vote in favor of the extension …"; the
    # resolution the text urges States to implement is law in force, not the one voted on
    text = ("Thank you, Madam President. Japan is pleased to vote in favour of the renewal of the arms embargo "
            "on Libya. The sanctions regime adopted today reflects progress. We urge all States to implement "
            "resolution 1970.")
    votes = {v.number: v for v in extract_votes(make_ctx(text, "2031-02-20"))}
    assert set(votes) == {None, 1970}
    assert votes[None].positions == (("JPN", "in_favour"),)
    assert votes[None].date == date(2031, 2, 20)
    assert votes[1970].positions == ()


# --- designees -------------------------------------------------------------------------------------

def test_the_agent_of_a_passive_freeze_is_no_designee(make_ctx):
    # "These assets were frozen by the Department of Treasury under a 1999 … Order" gave the Department
    ctx = make_ctx("The accounts of Kestrel Bank were frozen by the Central Bank of Nigeria last week.",
                   "2031-02-20", publisher="U.S. Department of State")
    assert "Central Bank of Nigeria" not in _designees(ctx)


def test_names_set_after_the_agent_with_a_dash_are_still_designees(make_ctx):
    # a guard for the rule above: "… previously designated by OFAC – Peter Gadet, …, and Santino Deng Wol –"
    text = ("The Office of Foreign Assets Control (OFAC) today designated militia commander Ali Hassan Omar "
            "pursuant to Executive Order 13664. This action follows Monday's listing by the United Nations of "
            "Ali Hassan Omar and two other men previously designated by OFAC – Tomas Ruiz and Samuel Kiir – "
            "under UN Security Council Resolution 2206.")
    ctx = make_ctx(text, "2031-02-20", publisher="U.S. Department of the Treasury")
    assert {"Ali Hassan Omar", "Tomas Ruiz", "Samuel Kiir"} <= _designees(ctx)


def test_a_name_the_model_tags_once_counts_where_it_misses_it(make_ctx):
    # the model tagged "Azim Aghajani" in a photo caption and not in the listing sentence
    text = ("Azim Aghajani, an Iranian citizen, sits in the witness box at the court in Lagos.\n\n"
            "The 1737 Committee imposed the travel ban and asset freeze on two Iranians –- Azim Aghajani and "
            "Ali Akbar Tabatabaei, both members of the Qods Force.")
    assert {"Azim Aghajani", "Ali Akbar Tabatabaei"} <= _designees(make_ctx(text, "2031-02-20"))


# --- represents ------------------------------------------------------------------------------------

def test_a_family_name_the_model_left_out_of_a_person(make_ctx):
    # the model tags "Ellen Johnson" and leaves out "Sirleaf", the word both are compounds of
    ctx = make_ctx("The Council welcomed the efforts of President Ellen Johnson Sirleaf of Liberia.", "2031-02-20")
    assert ("Ellen Johnson Sirleaf", "LBR") in _links(ctx)


def test_its_leader_is_the_leader_of_the_state_named_before(make_ctx):
    # "… awaits the Democratic People's Republic of Korea if its leader, Kim Jong Un, makes good …"
    ctx = make_ctx("A bright future awaits Iran if its leader, Ali Khamenei, keeps his promise, the envoy said.",
                   "2031-02-20")
    assert ("Ali Khamenei", "IRN") in _links(ctx)


def test_its_president_after_the_council_is_no_state_leader(make_ctx):
    ctx = make_ctx("The Security Council met today and its President, Hoda Farouk, read a statement.", "2031-02-20")
    assert all(country is None or country == "EGY" for _, country in _links(ctx))


def test_a_word_in_lower_case_is_no_person(make_ctx):
    # an excerpt cut mid-word: "… said the representative of Germany, noti" gave "noti" for Germany
    ctx = make_ctx("“It is regrettable that the text could not be agreed,” said the representative of Norway, noti",
                   "2031-02-20")
    assert all(person[:1].isupper() for person, _ in _links(ctx))


def test_a_country_in_a_list_of_designees_does_not_break_the_document(make_ctx):
    # a country's entity id on a list item relabelled ORG raised KeyError, and the document was lost (E012)
    text = ("The Committee imposed an asset freeze on the following: Somalia Petroleum Group, a trading firm; "
            "Eritrea; and Kestrel Bank, a front company.")
    found = extract_designations(make_ctx(text, "2031-02-20"))
    assert {"Somalia Petroleum Group", "Kestrel Bank"} <= {d.designee.name for d in found}
    assert all(d.designee.code is None for d in found)


def test_the_parts_of_a_list_of_decisions_are_no_designees(make_ctx):
    # "The Security Council this morning decided to: lift trade and financial sanctions on Iraq; extend …;
    # revisit the mandates of the United Nations Monitoring, Verification and Inspection Commission …"
    text = ("The Security Council today decided to: lift the sanctions on Ruritania; extend the relief programme "
            "for six months; review the mandate of the International Monitoring Mission, its panel and its staff; "
            "and request the appointment of a Special Envoy of the Secretary-General, to report in May.")
    assert not {"International Monitoring Mission", "Special Envoy of the Secretary-General"} & _designees(
        make_ctx(text, "2031-02-20"))


def test_a_role_phrase_does_not_end_on_of_the(make_ctx):
    # "Thomas Mayr-Harting, Committee Chair" / "Chair of the 1267 Committee" gave the role "chair of the"
    ctx = make_ctx("Lena Holm (Sweden), Chair of the 1533 Committee, told reporters that the review was complete.",
                   "2031-02-20")
    roles = {r.person: r.role for r in extract_represents(ctx)}
    assert roles.get("Lena Holm") == "chair"
