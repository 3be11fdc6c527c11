"""Deterministic IRIs: fixed inputs give fixed keys, in every run, process and hash seed.

The expected keys are frozen here: a change to the normalisation or the hashing would re-key every
node of every stored graph, so it must show up as a failing test, not as a silent re-key. The draft
resolution's key is the one README's quickstart prints for the seeds.
"""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from sanctions_kg import ids
from sanctions_kg.namespace import ID

FROZEN = [
    (lambda: ids.person_iri("Kim Su-il"), "person/afaad99d79f1877f"),
    (lambda: ids.resolution_iri(None, date(2022, 5, 26), ["PRK"], ["USA"], "not_adopted"),
     "resolution/8f0ca04997301ada"),
    (lambda: ids.launch_iri("PRK", date(2022, 5, 25)), "launch/84ea5f1752c1ce5a"),
    (lambda: ids.org_iri(None, "Korea Kwangson Banking Corp"), "org/497862d5b5da9bd3"),
    (lambda: ids.cap_iri("PRK", "refined_petroleum", 500000.0, 375000.0, "barrel"), "cap/7107d63c9444b1d8"),
]


@pytest.mark.parametrize(("make", "expected"), FROZEN, ids=[e for _, e in FROZEN])
def test_keys_are_frozen(make, expected: str) -> None:
    assert make() == ID[expected]


def test_readable_codes_where_they_exist() -> None:
    assert ids.country_iri("prk") == ID["country/PRK"]
    assert ids.resolution_iri(2397, date(2017, 12, 22), ["PRK"], [], "adopted") == ID["resolution/2397"]
    assert ids.org_iri("UN", "United Nations") == ID["org/UN"]
    assert ids.document_iri("ab" * 32) == ID["document/" + "ab" * 32]


@pytest.mark.parametrize("variant", ["kim su-il", "KIM SU IL", "Kim  Su.il", "Kím Sú-il", "the Kim Su-il"])
def test_names_normalise_to_one_key(variant: str) -> None:
    """Case, accents, hyphens, dots, extra spaces and a leading "the" do not change identity."""
    assert ids.person_iri(variant) == ids.person_iri("Kim Su-il")


def test_sets_are_unordered_but_positions_matter() -> None:
    day = date(2022, 5, 26)
    assert ids.resolution_iri(None, day, ["PRK"], ["USA", "GBR"], None) == \
        ids.resolution_iri(None, day, ["PRK"], ["GBR", "USA"], None)
    assert ids.key("a", "b") != ids.key("b", "a")
    assert ids.key(None, "a") != ids.key("a", None)


def test_different_facts_differ() -> None:
    assert ids.launch_iri("PRK", date(2022, 5, 25)) != ids.launch_iri("PRK", date(2022, 5, 26))
    assert ids.launch_iri("PRK", None, "doc", 0) != ids.launch_iri("PRK", None, "doc", 1)
    assert len(ids.key("anything")) == 16 and int(ids.key("anything"), 16) >= 0


def test_keys_do_not_depend_on_the_hash_seed() -> None:
    """Another interpreter with another PYTHONHASHSEED (set iteration order changes) gives the same keys."""
    code = ("from datetime import date; from sanctions_kg import ids; "
            "print(ids.key(date(2022, 5, 26), {'USA', 'GBR', 'FRA', 'ALB'}, None, 3, 1.5), "
            "ids.person_iri('Kim Su-il'))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    here = f"{ids.key(date(2022, 5, 26), {'USA', 'GBR', 'FRA', 'ALB'}, None, 3, 1.5)} {ids.person_iri('Kim Su-il')}\n"
    assert outputs == {here}
