"""Running a checked query on a store, with its parameters bound as RDF terms."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import Errors, QueryError
from .safety import Term, check_params, parse_params, prepare_query

if TYPE_CHECKING:  # the store layer is imported only for type checking: the query layer works on any Store
    from ..store import QueryResult, Store


def run_query(
    store: Store,
    sparql: str,
    params: Mapping[str, Term] | Sequence[str] | None = None,
    timeout: float | None = 30,
    allow_update: bool = False,
    allow_service: bool = False,
) -> QueryResult | None:
    """Check ``sparql``, bind ``params`` as RDF terms and run it; an allowed Update returns None.

    ``params`` is a mapping of name -> RDF term, or ``name=value`` strings as typed on the command
    line. Updates take no parameters: the store binds values only into queries, and formatting a
    value into update text is exactly the injection this module exists to prevent (E026).
    """
    text, kind, variables = prepare_query(sparql, allow_update=allow_update, allow_service=allow_service)
    bindings = _bindings(params)
    if kind == "update":
        if bindings:
            raise QueryError(Errors.E026.format(name=next(iter(bindings))))
        store.update(text)
        return None
    check_params(variables, bindings)
    return store.query(text, bindings=bindings or None, timeout=timeout)


def _bindings(params: Mapping[str, Term] | Sequence[str] | None) -> dict[str, Term]:
    """Normalise params to ``{name without ?: term}``, parsing ``name=value`` strings."""
    if not params:
        return {}
    if isinstance(params, Mapping):
        return {str(name).lstrip("?$"): term for name, term in params.items()}
    return parse_params(params)
