"""Several votes per text, cited resolutions, plausible counts and dates: hand-written sentences.

Each case is written for this test (other names, numbers and phrasings than any corpus text); each
exercises a general rule of :mod:`sanctions_kg.extract.votes` rather than one sentence.
"""
from __future__ import annotations

from datetime import date

from sanctions_kg.extract.votes import extract_votes


def _by_number(votes):
    return {v.number: v for v in votes}


def test_an_adopted_resolution_and_a_failed_rival_text_are_two_votes(make_ctx, assert_evidence):
    ctx = make_ctx("Adopting resolution 2511 (2020) unanimously, the Council renewed the Yemen measures for a "
                   "year. A separate text tabled by Mexico failed by 7 votes in favour to 2 against, with 6 "
                   "abstentions.", "2020-02-25", "America/New_York")
    votes = extract_votes(ctx)
    adopted = _by_number(votes)[2511]
    rival = _by_number(votes)[None]
    assert (adopted.outcome, adopted.against, adopted.abstentions, adopted.year) == ("adopted", 0, 0, 2020)
    assert (rival.outcome, rival.in_favour, rival.against, rival.abstentions) == ("not_adopted", 7, 2, 6)
    assert rival.sponsors == ("MEX",)
    assert_evidence(ctx, votes)


def test_resolutions_cited_in_passing_are_votes_of_their_own(make_ctx):
    ctx = make_ctx("The panel, created under resolution 1874 (2009), will report in June. Its findings show "
                   "violations of resolutions 1695 (2006), 2094 (2013) and 2321 (2016).", "2021-06-10")
    votes = _by_number(extract_votes(ctx))
    assert set(votes) == {1874, 1695, 2094, 2321}
    assert all(v.outcome == "adopted" and v.date is None and v.in_favour is None for v in votes.values())
    assert votes[2094].year == 2013


def test_a_date_written_after_each_cited_resolution_is_its_date(make_ctx):
    ctx = make_ctx("The regulations implement Resolution 2087 (2013) of January 22, 2013 and Resolution 2356 "
                   "(2017) on June 2, 2017.", "2020-06-01")
    votes = _by_number(extract_votes(ctx))
    assert votes[2087].date == date(2013, 1, 22) and votes[2356].date == date(2017, 6, 2)


def test_page_timestamps_are_not_counts(make_ctx):
    ctx = make_ctx("Posted 2021-03-19 08:15 | Updated 2021-03-19 09:40\nThe Council adopted resolution 2570 on "
                   "Friday, with the text passing 13-0-2.", "2021-03-19", "America/New_York")
    vote = _by_number(extract_votes(ctx))[2570]
    assert (vote.in_favour, vote.against, vote.abstentions) == (13, 0, 2)
    assert vote.date == date(2021, 3, 19)


def test_a_regulation_number_with_a_dash_is_not_a_tally(make_ctx):
    ctx = make_ctx("Canada registered SOR/2019-287 to list three companies.", "2019-09-10")
    assert all(v.in_favour is None and v.against is None for v in extract_votes(ctx))


def test_only_a_permanent_member_can_veto(make_ctx):
    ctx = make_ctx("Malaysia and Russia vetoed the draft on Thursday, while Kuwait voted in favour.",
                   "2019-05-03", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert vote.vetoed_by == ("RUS",) and dict(vote.positions)["KWT"] == "in_favour"
    assert vote.date == date(2019, 5, 2)


def test_a_no_from_a_permanent_member_is_not_a_veto_when_the_draft_lacked_nine_votes(make_ctx):
    ctx = make_ctx("The draft received only three votes in favour, from China, Gabon and Ghana. France and "
                   "the United States voted against, and the rest abstained.", "2024-02-02")
    vote = extract_votes(ctx)[0]
    assert vote.in_favour == 3 and vote.vetoed_by == ()
    assert {"CHN", "GAB", "GHA"} <= {c for c, p in vote.positions if p == "in_favour"}
    assert {c for c, p in vote.positions if p == "against"} == {"FRA", "USA"}


def test_count_words_and_a_list_of_abstainers(make_ctx):
    ctx = make_ctx("Eleven members voted in favour and four abstained as the Council extended the measures on "
                   "Friday; Gabon and Ghana abstained.", "2022-09-30", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert (vote.outcome, vote.in_favour, vote.against, vote.abstentions) == ("adopted", 11, 0, 4)
    assert dict(vote.positions) == {"GAB": "abstention", "GHA": "abstention"}


def test_unanimous_in_a_fifteen_member_council(make_ctx):
    ctx = make_ctx("The text passed unanimously by the 15-member council on Wednesday.", "2016-04-07",
                   "America/New_York")
    vote = extract_votes(ctx)[0]
    assert (vote.in_favour, vote.against, vote.abstentions) == (15, 0, 0)
    assert vote.date == date(2016, 4, 6)


def test_the_council_acting_unanimously_is_a_vote(make_ctx):
    ctx = make_ctx("Sanctions on Liberia were unanimously lifted by the Security Council on Wednesday.",
                   "2016-05-27", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert (vote.outcome, vote.against, vote.abstentions, vote.date) == ("adopted", 0, 0, date(2016, 5, 25))


def test_a_date_stated_once_for_the_council_dates_the_vote_told_next(make_ctx):
    ctx = make_ctx("- 12 views\nThe Security Council on 2 June decided to extend the panel for Sudan.\n"
                   "The resolution was adopted by a vote of 12 in favour to none against, with 3 abstentions "
                   "(Brazil, Gabon, Mozambique).", "2023-06-05", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert vote.date == date(2023, 6, 2) and (vote.in_favour, vote.against, vote.abstentions) == (12, 0, 3)
    assert {c for c, p in vote.positions} == {"BRA", "GAB", "MOZ"}


def test_a_vote_in_another_month_stated_vaguely_is_not_dated_by_the_report(make_ctx):
    ctx = make_ctx("In March last year the Council adopted resolution 2475, and today it unanimously adopted "
                   "resolution 2601.", "2021-10-29", "America/New_York")
    votes = _by_number(extract_votes(ctx))
    assert votes[2475].date is None and votes[2601].date == date(2021, 10, 29)


def test_a_vote_date_outside_the_resolution_year_is_dropped(make_ctx):
    ctx = make_ctx("Today's briefing is the first since the Council adopted resolution 2593 (2021).",
                   "2022-03-01")
    assert _by_number(extract_votes(ctx))[2593].date is None


def test_a_state_rejecting_a_resolution_is_not_its_outcome(make_ctx):
    ctx = make_ctx("The Council today adopted a resolution imposing an arms embargo on Eritrea, a text "
                   "immediately rejected by Eritrea.", "2009-12-23")
    assert extract_votes(ctx)[0].outcome == "adopted"


def test_a_state_not_on_the_council_that_year_holds_no_position(make_ctx):
    # Canada sat on the Council in 2000 only (rules/council.yml); in 2019 its "vote" is not a Council vote
    ctx = make_ctx("On 12 June 2019 the Security Council adopted resolution 2474 (2019), with Germany voting "
                   "in favour and Canada voting against.", "2019-06-13")
    vote = _by_number(extract_votes(ctx))[2474]
    assert dict(vote.positions) == {"DEU": "in_favour"}


def test_voted_n_to_n_and_the_size_of_the_council_give_the_tally(make_ctx):
    ctx = make_ctx("The Council voted 12 to 3 on Thursday to renew the measures on the Central African Republic.",
                   "2019-12-20", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert (vote.in_favour, vote.against, vote.abstentions, vote.date) == (12, 3, 0, date(2019, 12, 19))


def test_the_remaining_members_with_a_list_between_count_in_favour(make_ctx):
    ctx = make_ctx("Russia and China abstained, while the remaining 13 members — including France, Kuwait and "
                   "Sweden — voted in favour of the text on Friday.", "2018-07-14", "America/New_York")
    vote = extract_votes(ctx)[0]
    assert (vote.in_favour, vote.against, vote.abstentions) == (13, 0, 2)
    assert {c for c, p in vote.positions if p == "in_favour"} == {"FRA", "KWT", "SWE"}


def test_the_council_size_stated_in_another_sentence_completes_a_unanimous_tally(make_ctx):
    ctx = make_ctx("The Council today unanimously adopted resolution 2582 (2021). Acting under Chapter VII, the "
                   "15-member organ renewed the measures until July.", "2021-06-29", "America/New_York")
    vote = _by_number(extract_votes(ctx))[2582]
    assert (vote.in_favour, vote.against, vote.abstentions, vote.date) == (15, 0, 0, date(2021, 6, 29))


def test_we_in_a_missions_own_release_is_that_state(nlp):
    import hashlib

    from sanctions_kg.extract.context import DocContext
    from sanctions_kg.records import Document, DocumentMeta
    text = ("Statement after the vote on the Sudan sanctions renewal. We voted in favour of this text because the "
            "panel's reporting matters. Russia vetoed it.")
    meta = DocumentMeta(published=date(2023, 3, 9), country="GBR")
    doc = Document(hashlib.sha256(text.encode()).hexdigest(), "x.txt", text, meta)
    vote = extract_votes(DocContext(nlp(text), doc))[0]
    assert dict(vote.positions) == {"GBR": "in_favour", "RUS": "against"}
