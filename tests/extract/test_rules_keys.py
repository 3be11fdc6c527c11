"""Rules are data, and data that no code reads is a silent bug: every key of a settings file is used.

A misspelt key in code fails loudly (``Lexicon.cue`` raises), and a key in a rules file that no module
names is reported here: it is either a typo or a rule that does nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sanctions_kg.extract.lexicon import load_lexicon
from sanctions_kg.nlp.gazetteer import load_yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "sanctions_kg"
RULES = SRC / "rules"
# files whose top-level keys are settings read by name in the code (the others are vocabularies keyed
# by codes: countries, missiles, measures, commodities, organisations)
SETTINGS_FILES = ["cues.yml", "launch.yml", "caps.yml", "represents.yml", "tokenizer.yml", "council.yml",
                  "names.yml"]


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("name", SETTINGS_FILES)
def test_every_settings_key_is_read_by_some_module(name):
    path = RULES / name
    if not path.exists():
        pytest.fail(f"{name} is listed here but missing from rules/")
    code = _code()
    unused = [k for k in load_yaml(path) if not re.search(rf"[\"']{re.escape(str(k))}[\"']", code)]
    assert not unused, f"{name}: keys no module reads: {unused}"


def test_an_unknown_cue_list_is_an_error_not_an_empty_set():
    with pytest.raises(KeyError, match="no cue list 'vetoo'"):
        load_lexicon().cue("vetoo")


def test_every_cue_list_the_code_asks_for_exists():
    asked = set(re.findall(r"(?:lexicon|lex)\.cue\(\"([a-z_]+)\"\)", _code()))
    assert asked, "the pattern found no cue() calls: the test would pass vacuously"
    missing = sorted(asked - set(load_lexicon().cues))
    assert not missing, missing


def test_council_membership_has_ten_elected_members_a_year_all_known_countries():
    council = load_yaml(RULES / "council.yml")
    countries = load_yaml(RULES / "countries.yml")
    for year, members in council["elected"].items():
        assert len(set(members)) == 10, year
        assert set(members) <= set(countries), (year, set(members) - set(countries))
    assert set(council["permanent"]) == {c for c, e in countries.items() if e.get("permanent")}
