"""``/sparql``: the SPARQL 1.1 Protocol, read-only, over the store the server was started on.

Query by GET (``?query=``) or POST (a form with ``query=``, or an ``application/sparql-query``
body). The query layer's own checks decide what runs (``sanctions_kg.query.run_query``): an Update
is refused (E053, whether sent as a query, as ``update=`` or as ``application/sparql-update``), SERVICE is
refused (E055), and the store's time limit applies (E024). A result larger than the row cap is
refused (E051) instead of being cut silently, so a client never mistakes a part for the whole.
No CORS header is sent unless the server was started with an allowed origin.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..errors import Errors, QueryError, SanctionsKGError, ServeError, StoreError
from ..query import run_query
from ..store import QueryTimeout, Store
from . import results

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


@dataclass(frozen=True)
class Limits:
    """How long a query may run and how many rows (or triples) it may return."""

    timeout: float = 30.0
    row_cap: int = 10_000


@dataclass(frozen=True)
class Answer:
    """A finished answer: the body and its media type."""

    body: str
    media: str


async def sparql_endpoint(request: Request) -> Response:
    """Read the protocol request, run the query in a worker thread, answer in the negotiated format."""
    try:
        sparql = await _read_query(request)
    except ServeError as exc:
        return _error(exc)
    store: Store = request.app.state.store
    limits: Limits = request.app.state.limits
    accept = request.headers.get("accept")
    try:
        answer = await run_in_threadpool(execute, store, sparql, accept, limits)
    except SanctionsKGError as exc:
        return _error(exc)
    media = answer.media + ("; charset=utf-8" if not answer.media.endswith("json") else "")
    return Response(answer.body, media_type=media, headers={"Vary": "Accept"})


async def _read_query(request: Request) -> str:
    """The query text of a GET or POST request; E052/E053/E054 for anything else."""
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="strict")
        if content_type == UPDATE_BODY:
            raise ServeError(Errors.E053.format(form=""))
        if content_type == QUERY_BODY:
            params["query"] = body
        elif content_type == FORM:
            params.update({k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()})
        else:
            raise ServeError(Errors.E054.format(what=f"request body of type '{content_type or 'none'}'"))
    if "update" in params:
        raise ServeError(Errors.E053.format(form=""))
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if params.get(name):
            raise ServeError(Errors.E054.format(what=f"'{name}' (the dataset is the union of all documents)"))
    query = params.get("query", "")
    if not query.strip():
        raise ServeError(Errors.E052)
    return query


def execute(store: Store, sparql: str, accept: str | None, limits: Limits) -> Answer:
    """Run ``sparql`` read-only under the limits and write it in the format ``accept`` prefers."""
    try:
        result = run_query(store, sparql, timeout=limits.timeout)
    except QueryError as exc:  # the CLI's wording names --allow-update/--allow-service; no such thing here
        raise _served_refusal(exc) from exc
    if result is None:  # run_query refuses updates unless allowed, so this cannot happen
        raise ServeError(Errors.E053.format(form=""))
    with result:
        if result.kind == "ask":
            media = results.negotiate(accept, results.TABULAR)
            return Answer(results.write_boolean(media, bool(result.boolean)), media)
        if result.kind == "construct":
            media = results.negotiate(accept, results.GRAPH)
            return Answer(results.write_graph(media, _capped(result.triples(), limits.row_cap)), media)
        media = results.negotiate(accept, results.TABULAR)
        return Answer(results.write_select(media, result.vars, _capped(iter(result), limits.row_cap)), media)


def _served_refusal(exc: QueryError) -> SanctionsKGError:
    """E022 (an update) and E023 (SERVICE) in this endpoint's words; other query errors unchanged."""
    message = str(exc)
    if message.startswith("[E022]"):
        form = message[message.find("(") + 1:message.find(")")] if "(" in message else ""
        return ServeError(Errors.E053.format(form=f" ({form})" if form else ""))
    if message.startswith("[E023]"):
        return ServeError(Errors.E055)
    return exc


def _capped(items, cap: int) -> list:
    """All items, or E051 when there are more than ``cap`` (one extra is read to know)."""
    taken = list(islice(items, cap + 1))
    if len(taken) > cap:
        raise ServeError(Errors.E051.format(cap=cap))
    return taken


def _error(exc: SanctionsKGError) -> Response:
    """A coded error as plain text with the status a protocol client expects."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return PlainTextResponse(message + "\n", status_code=_status(exc, message))


def _status(exc: SanctionsKGError, message: str) -> int:
    code = message[1:5] if message.startswith("[E") else ""
    if isinstance(exc, QueryTimeout) or code == "E024":
        return 503
    if code in {"E022", "E023", "E051", "E053", "E055"}:
        return 403
    if code == "E054":
        return 415 if "request body" in message else 400
    if isinstance(exc, (QueryError, ServeError)):
        return 400
    if isinstance(exc, StoreError):
        return 500
    return 400
