"""The first item of a semicolon list of designees begins after the word that opens the list ("identified
the individuals as A, a commander; B, …"), however long the clause before it; an alias ("A, also known
as B; …") opens nothing. Sentences of our own."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations


def _names(make_ctx, text: str) -> set[str]:
    return {d.designee.name for d in extract_designations(make_ctx(text, "2031-04-09"))}


def test_the_first_item_after_a_long_clause_is_found(make_ctx):
    text = ("The Council today decided to impose an asset freeze on three Ruritanian individuals. Under resolution "
            "2999 (2031), adopted by 13 votes in favour to none against, with 2 abstentions (Brazil, India), the "
            "Council identified the individuals as Colonel Ivo Marek, Commander of the Northern Zone; Pavel Stoyan, "
            "Chief of the Lake Clan; and Emil Rusk, Field Commander.")
    names = _names(make_ctx, text)
    assert {"Pavel Stoyan", "Emil Rusk"} <= names
    assert any(name.endswith("Ivo Marek") for name in names)


def test_an_alias_does_not_open_the_list(make_ctx):
    text = ("The Committee designated Kim Sol Chan, also known as Kim Sul Chan, a banker; Ri Hon Dok, a trader; and "
            "Pak Ung Jin, an agent.")
    names = _names(make_ctx, text)
    assert "Kim Sol Chan" in names and "Kim Sul Chan" not in names
