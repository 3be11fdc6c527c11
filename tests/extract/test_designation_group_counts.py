"""A list that names a designated group by its count alone ("The four, who served in the junta, are A;
B; …") or by names in apposition to its noun ("These firms -- A and B -- …") names the group's members,
and a group removed from a list is delisted, not listed. Texts of our own, with other names, counts and
wording than the releases that showed the misses."""
from __future__ import annotations

from sanctions_kg.extract.designations import extract_designations

REMOVED = ("A sanctions committee of the Security Council has removed four men from its list of persons subject "
           "to sanctions. The committee approved the removal of the four individuals on 3 March after a review. "
           "The four, who served in the former junta, are Ivo Marek, a former deputy minister of mines; Pavel "
           "Stoyan, a former governor; Dario Vell, a former minister of transport; and Emil Rusk, a former envoy.")
IMPOSED = ("The Council today imposed a travel ban on three officials. The three, who led the coup, are Ivo Marek, "
           "a former chief of staff; Pavel Stoyan, a former governor; and Emil Rusk, a former commander of the "
           "air force.")


def _found(make_ctx, text: str) -> set[tuple[str, str]]:
    return {(d.designee.name, d.status) for d in extract_designations(make_ctx(text, "2031-03-04"))}


def test_a_removed_group_named_by_its_count_is_delisted(make_ctx):
    assert _found(make_ctx, REMOVED) == {(name, "lifted") for name in
                                         ("Ivo Marek", "Pavel Stoyan", "Dario Vell", "Emil Rusk")}


def test_an_imposed_group_named_by_its_count_is_listed_whole(make_ctx):
    assert _found(make_ctx, IMPOSED) == {(name, "imposed") for name in ("Ivo Marek", "Pavel Stoyan", "Emil Rusk")}


def test_names_in_apposition_to_a_designated_group_are_its_members(make_ctx):
    text = ("The Committee today imposed sanctions on two firms involved in arms smuggling. These firms -- Harlow "
            "Marine and Bexa Shipping Ltd -- carried rifles from Iran to Syria.")
    assert _found(make_ctx, text) == {("Harlow Marine", "imposed"), ("Bexa Shipping Ltd", "imposed")}


def test_names_in_apposition_to_an_undesignated_noun_are_not_designees(make_ctx):
    text = ("The Committee today imposed sanctions on two firms involved in arms smuggling. Two ports -- Harlow "
            "Marine Terminal and Bexa Harbour -- handled the rifles.")
    assert not {name for name, _ in _found(make_ctx, text)} & {"Harlow Marine Terminal", "Bexa Harbour"}
