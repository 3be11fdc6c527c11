"""Event identity across documents (pure functions over records; no model needed)."""
from __future__ import annotations

from datetime import date

from sanctions_kg.records import Document, DocumentMeta, LaunchFact, VoteFact
from sanctions_kg.resolve import EventIndex


def vote(day, outcome="not_adopted", concerns=("PRK",), sponsors=("USA",), number=None) -> VoteFact:
    return VoteFact(evidence=(), date=day, outcome=outcome, concerns=concerns, sponsors=sponsors, number=number)


def doc(published: date, name: str = "d") -> Document:
    return Document(doc_id=name * 64, path=f"{name}.txt", text="", meta=DocumentMeta(published=published))


def launch(day=None, count=None, types=()) -> LaunchFact:
    return LaunchFact(evidence=(), actor="PRK", date=day, count=count, types=types)


def test_a_draft_reported_a_day_apart_is_one_resolution():
    index = EventIndex()
    assert index.vote_iri(vote(date(2022, 5, 26))) == index.vote_iri(vote(date(2022, 5, 27), sponsors=()))


def test_two_votes_two_days_apart_stay_apart():
    index = EventIndex()
    assert index.vote_iri(vote(date(2022, 5, 26))) != index.vote_iri(vote(date(2022, 5, 28)))


def test_conflicting_outcome_or_target_stays_apart():
    index = EventIndex()
    first = index.vote_iri(vote(date(2022, 5, 26)))
    assert index.vote_iri(vote(date(2022, 5, 26), outcome="adopted")) != first
    assert index.vote_iri(vote(date(2022, 5, 26), concerns=("IRN",))) != first


def test_adopted_resolutions_are_identified_by_number():
    index = EventIndex()
    a = index.vote_iri(vote(date(2017, 12, 22), outcome="adopted", number=2397))
    b = index.vote_iri(vote(None, outcome="adopted", concerns=(), sponsors=(), number=2397))
    assert a == b and str(a).endswith("/resolution/2397")


def test_an_undated_launch_joins_the_dated_one_of_the_week_before_publication():
    index = EventIndex()
    [dated] = index.launch_iris([launch(date(2022, 5, 25), 3, ("icbm",))], doc(date(2022, 5, 27), "a"))
    [undated] = index.launch_iris([launch(None, 3, ("icbm", "ballistic"))], doc(date(2022, 5, 27), "b"))
    assert undated == dated


def test_an_undated_launch_with_another_count_stays_apart():
    index = EventIndex()
    [dated] = index.launch_iris([launch(date(2022, 5, 25), 3)], doc(date(2022, 5, 27), "a"))
    [undated] = index.launch_iris([launch(None, 1)], doc(date(2022, 5, 27), "b"))
    assert undated != dated


def test_two_launches_in_one_week_stay_apart_and_same_day_reports_merge():
    index = EventIndex()
    monday, thursday = index.launch_iris([launch(date(2023, 2, 20)), launch(date(2023, 2, 23))],
                                         doc(date(2023, 2, 24), "a"))
    [again] = index.launch_iris([launch(date(2023, 2, 23), 4)], doc(date(2023, 2, 25), "b"))
    assert monday != thursday and again == thursday


def test_an_undated_launch_long_after_publication_window_stays_apart():
    index = EventIndex()
    [dated] = index.launch_iris([launch(date(2022, 1, 5))], doc(date(2022, 1, 6), "a"))
    [undated] = index.launch_iris([launch(None)], doc(date(2022, 3, 1), "b"))
    assert undated != dated
