"""A remote SPARQL 1.1 server, spoken to with the SPARQL 1.1 Protocol over urllib (no extra dependency).

Union of the named graphs: as in the embedded store, the server's default graph is kept as the
de-duplicated union of the document graphs (``add_graph``/``remove_graph`` maintain it with SPARQL
Update), so queries need no server setting. Do NOT start the server with a union-default-graph option
(``oxigraph serve --union-default-graph``, Fuseki ``tdb2:unionDefaultGraph``): queries would then see
every shared triple once per document.

Responses are parsed with pyoxigraph's streaming parsers straight from the socket, so rows are
converted one at a time and never collected into a list.
"""
from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from http.client import HTTPResponse
from typing import Any

import pyoxigraph as ox
import rdflib

from sanctions_kg.errors import Errors, StoreError
from sanctions_kg.store.base import (
    Bindings,
    GraphWrite,
    QueryKind,
    QueryResult,
    check_bindings,
    classify_result,
    graph_node,
    inject_values,
    native_triples,
    ntriples_lines,
    quads_to_dataset,
    replace_graph_request,
    retract_from_union,
    to_oxigraph,
    triples_to_quads,
)
from sanctions_kg.store.http import NetworkPolicy, open_url, with_retries
from sanctions_kg.store.timeout import QueryTimeout, Stream, run_with_deadline

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.8, "
    "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"
)


class EndpointStore:
    """A :class:`~sanctions_kg.store.base.Store` on a SPARQL server.

    ``update_url`` enables writing: :meth:`add_graph` is then one SPARQL Update request per
    document (atomic on the server). With only ``graph_store_url`` (SPARQL 1.1 Graph Store Protocol,
    e.g. Oxigraph's ``/store``) it is a PUT and a POST, which is not atomic. ``batch_size`` is kept
    for callers of the old batched upload and no longer used. ``write_timeout`` bounds each write;
    ``policy`` (:class:`~sanctions_kg.store.http.NetworkPolicy`) gives every request a connect
    and a read timeout and retries reads, so a hung server cannot block a build for ever.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        *,
        batch_size: int = 50_000,
        write_timeout: float | None = 300.0,
        policy: NetworkPolicy | None = None,
    ) -> None:
        for url in (query_url, update_url, graph_store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
                raise StoreError(Errors.E033.format(url=url, reason="not an http(s) URL"))
        self.query_url = query_url
        self.update_url = update_url
        self.graph_store_url = graph_store_url
        self.batch_size = batch_size
        self.write_timeout = write_timeout
        self.policy = policy or NetworkPolicy.from_env()

    # --- HTTP ------------------------------------------------------------------------------

    def _send(
        self, url: str, body: bytes | None, headers: dict[str, str], method: str = "POST",
        query_timeout: float | None = -1.0,
    ) -> HTTPResponse:
        """One request with a connect and a read timeout; HTTP and network failures become E033.

        ``query_timeout`` marks a query (a float: the user's time limit, raised as QueryTimeout; None:
        the policy's read timeout). A query is idempotent, so a network failure or a timeout is retried
        with backoff; writes use ``write_timeout`` and are sent once. A read that times out is E035.
        """
        is_query = query_timeout is None or query_timeout >= 0
        timeout = (query_timeout or self.policy.read_timeout) if is_query else self.write_timeout
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        retries = self.policy.retries if is_query else 0
        try:
            response, _ = with_retries(lambda: open_url(request, self.policy.connect_timeout, timeout),
                                       retries, self.policy.backoff)
            return response
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise StoreError(Errors.E033.format(url=url, reason=f"HTTP {exc.code}: {detail}")) from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
                if is_query and query_timeout is not None:
                    raise QueryTimeout(query_timeout) from exc
                raise StoreError(Errors.E035.format(url=url, seconds=f"{timeout:g}", reason=reason or "timed out",
                                                    attempts=getattr(exc, "attempts", 1))) from exc
            raise StoreError(Errors.E033.format(url=url, reason=reason or type(exc).__name__)) from exc

    def _post_update(self, sparql: str) -> None:
        if self.update_url is None:
            raise StoreError(Errors.E033.format(url=self.query_url, reason="no update endpoint configured"))
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        self._send(self.update_url, sparql.encode("utf-8"), headers).close()

    # --- writing ---------------------------------------------------------------------------

    def add_graph(self, graph_iri: str, graph: rdflib.Graph, replaces: Sequence[str] = ()) -> None:
        """Replace the graph (and the graphs in ``replaces``) and keep the server's default graph the
        union of the document graphs, all in ONE SPARQL Update request, which the server applies as one
        transaction: a failure at any point leaves the old state or the new one, never a graph that
        is stored but missing from the union. Without an update endpoint, a Graph Store PUT and a POST
        to the default graph (two requests: not atomic, so give an update endpoint for builds)."""
        quads = list(triples_to_quads(graph, graph_iri))
        if self.update_url is not None:
            self._post_update(replace_graph_request(str(graph_node(graph_iri)), ntriples_lines(quads),
                                                    [str(graph_node(old)) for old in replaces]))
            return
        if self.graph_store_url is None:
            raise StoreError(Errors.E033.format(url=self.query_url, reason="no update endpoint configured"))
        body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        headers = {"Content-Type": "application/n-triples"}
        self._send(self._graph_url(graph_iri), body, headers, method="PUT").close()
        self._send(self._default_graph_url(), body, headers).close()
        for old in replaces:
            self.remove_graph(old)

    def add_graphs(self, graphs: Sequence[GraphWrite]) -> None:
        """One :meth:`add_graph` request per graph: each is its own transaction on the server."""
        for graph_iri, graph, replaces in graphs:
            self.add_graph(graph_iri, graph, replaces)

    def _default_graph_url(self) -> str:
        separator = "&" if "?" in (self.graph_store_url or "") else "?"
        return f"{self.graph_store_url}{separator}default"

    def _graph_url(self, graph_iri: str) -> str:
        separator = "&" if "?" in (self.graph_store_url or "") else "?"
        return f"{self.graph_store_url}{separator}{urllib.parse.urlencode({'graph': graph_node(graph_iri).value})}"

    def remove_graph(self, graph_iri: str) -> None:
        """Retract the graph's own triples from the union and ``DROP SILENT GRAPH`` it (one update); without
        an update endpoint, a Graph Store DELETE (a missing graph is not an error; the union is kept)."""
        if self.update_url is None and self.graph_store_url is not None:
            try:
                self._send(self._graph_url(graph_iri), None, {}, method="DELETE").close()
            except StoreError as exc:
                if "HTTP 404" not in str(exc):
                    raise
            return
        name = str(graph_node(graph_iri))
        self._post_update(f"{retract_from_union(name)} ;\nDROP SILENT GRAPH {name}")

    def update(self, sparql: str) -> None:
        self._post_update(sparql)

    # --- reading ---------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Bindings | None = None, timeout: float | None = None) -> QueryResult:
        """POST the query (bindings as a VALUES block) and stream the parsed response.

        ``timeout`` goes to urllib as the socket timeout and also bounds the whole call through
        :func:`~sanctions_kg.store.timeout.run_with_deadline`; the server may keep evaluating an
        abandoned query unless it has its own limit (``oxigraph serve --timeout-s``).
        """
        checked = check_bindings(bindings)
        text = inject_values(sparql, checked) if checked else sparql

        def start() -> tuple[tuple[QueryKind, list[str], bool | None], Iterator[Any]]:
            headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": _ACCEPT}
            response = self._send(self.query_url, text.encode("utf-8"), headers, query_timeout=timeout)
            try:
                header, items = self._parse(response)
            except BaseException:
                response.close()
                raise
            translate = lambda exc: self._translate(exc, timeout)  # noqa: E731
            return header, Stream(items, on_close=response.close, translate=translate)

        (kind, variables, boolean), items = run_with_deadline(start, timeout)
        return QueryResult(kind, variables, items=items, boolean=boolean, native=True)

    def _parse(self, response: HTTPResponse) -> tuple[tuple[QueryKind, list[str], bool | None], Iterator[Any]]:
        """Header and item stream of the response, parsed by pyoxigraph according to its media type."""
        media_type = response.headers.get_content_type().lower()
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media_type)
            if results_format is not None:
                return classify_result(ox.parse_query_results(response, results_format))
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is not None:
                triples = (quad.triple for quad in ox.parse(response, rdf_format))
                return ("construct", ["subject", "predicate", "object"], None), native_triples(triples)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(Errors.E033.format(url=self.query_url, reason=f"bad response: {exc}")) from exc
        raise StoreError(Errors.E033.format(url=self.query_url, reason=f"unexpected response type {media_type!r}"))

    def _translate(self, exc: BaseException, timeout: float | None) -> BaseException | None:
        """A socket timeout mid-stream is the query's timeout; a broken response is E033."""
        if isinstance(exc, TimeoutError):
            return QueryTimeout(timeout or 0)
        if isinstance(exc, (SyntaxError, ValueError, OSError)):
            return StoreError(Errors.E033.format(url=self.query_url, reason=f"bad response: {exc}"))
        return None

    def _select(self, sparql: str) -> Iterator[dict[str, Any]]:
        with self.query(sparql) as result:
            yield from result

    def graph_iris(self) -> list[str]:
        """``GRAPH ?g {}``: the server's named graphs (servers that drop empty graphs omit them)."""
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(str(row["g"]) for row in rows if isinstance(row["g"], rdflib.URIRef))

    def has_graph(self, graph_iri: str) -> bool:
        """``ASK { GRAPH <g> {} }``, the spec's test for a named graph in the dataset."""
        return bool(self.query(f"ASK {{ GRAPH {graph_node(graph_iri)} {{ }} }}").boolean)

    def dataset(self) -> rdflib.Dataset:
        """Every quad of the named graphs, fetched with one streamed SELECT."""
        rows = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return quads_to_dataset(
            (to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]), to_oxigraph(r["g"])) for r in rows
        )

    def __len__(self) -> int:
        """Quads in the named graphs (the default graph only holds their union)."""
        rows = list(self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].toPython()) if rows else 0

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

