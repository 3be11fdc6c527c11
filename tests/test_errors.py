"""Every user-facing failure has a code, and the CLI's ``-v`` stays the log level."""
from __future__ import annotations

import io
import re

import pytest

from sanctions_kg.cli import _parser
from sanctions_kg.errors import Errors, FormatError, QueryError, ShapesError, ValidationError


def test_every_message_starts_with_its_own_unique_code() -> None:
    codes = {name: value for name, value in vars(Errors).items() if re.fullmatch(r"E\d{3}", name)}
    assert len(codes) >= 29
    for name, template in codes.items():
        assert template.startswith(f"[{name}] "), name


def test_an_unknown_result_format_is_coded_and_still_a_value_error() -> None:
    from sanctions_kg.query import write_results

    class Result:
        kind, vars = "select", ["a"]

        def __iter__(self):
            return iter(())

    with pytest.raises(FormatError, match=r"^\[E071\] unknown result format 'xml'") as caught:
        write_results(Result(), "xml", io.StringIO())  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, QueryError)


def test_broken_shapes_are_a_coded_validation_error() -> None:
    error = ShapesError(Errors.E072.format(reason="bad sh:path"))
    assert isinstance(error, ValidationError) and isinstance(error, RuntimeError)
    assert str(error).startswith("[E072] ")


def test_removal_and_invalid_graph_messages() -> None:
    assert Errors.E070.format(item="x.txt") == "[E070] not in the store: x.txt"
    assert "invalid graph, not stored: a.txt: report" in Errors.E073.format(detail="a.txt: report")


def test_dash_v_is_the_log_level_and_eval_verbose_lists_misses() -> None:
    args = _parser().parse_args(["-vv", "eval", "gold", "--verbose"])
    assert args.verbose == 2 and args.list_misses is True
    args = _parser().parse_args(["eval", "gold"])
    assert args.verbose == 0 and args.list_misses is False
