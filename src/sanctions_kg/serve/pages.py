"""The HTML pages: the query page, a page per thing under ``id/``, document pages, search, views.

``/id/X`` is the page of ``https://w3id.org/sanctions-kg/id/X``, linked-data style: HTML for a
browser, Turtle or JSON-LD when ``Accept`` asks for them (or ``?format=ttl|jsonld``). Every
value reaches the page through Jinja2 with autoescape on, so a document's ``<script>`` is text.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..namespace import ID
from ..query import PREFIXES, list_queries, run_query
from . import results, svg, views
from .data import Data, DocumentInfo
from .headers import CSP
from .highlight import excerpts, segments, valid_spans

HTML = "text/html"
FORMAT_PARAM = {"ttl": results.TURTLE, "turtle": results.TURTLE, "jsonld": results.JSONLD,
                "json-ld": results.JSONLD, "nt": results.NTRIPLES, "html": HTML}
OUTGOING_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
INCOMING_TRIPLES = "CONSTRUCT { ?x ?q ?s } WHERE { ?x ?q ?s }"
GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
INITIAL = "\nSELECT ?thing ?label WHERE {\n  ?thing a skg:Resolution ; rdfs:label ?label .\n}\nLIMIT 25\n"


@dataclass(frozen=True)
class View:
    """One of the views: its words, the function computing its rows, the drawing, the row type."""

    title: str
    description: str
    compute: Callable[[Data], Sequence[Any]]
    draw: Callable[[Any], Markup]
    record: type


VIEWS = {
    "votes": View("Vote matrix", "Council members × resolutions, coloured by position; vetoes marked.",
              views.vote_matrix, svg.vote_matrix_svg, views.VoteCell),
    "launches": View("Launch timeline", "Missile launches by date and missile type, sized by count; hollow "
                 "circles are launches whose text gives no date, placed at the date of the report.",
                 views.launch_timeline, svg.timeline_svg, views.LaunchPoint),
    "designations": View("Designations by authority", "Designations per authority and month, by the designation's "
                     "date or else the date of the first report.",
                     views.designations_by_authority, svg.designations_svg, views.DesignationCount),
}


def _render(request: Request, name: str, context: dict, status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _data(request: Request) -> Data:
    return request.app.state.data


async def query_page(request: Request) -> Response:
    """``/``: YASGUI on ``/sparql`` with the project's prefixes and cq1 … cq9 as examples."""
    examples = [{"name": q.name, "title": q.title, "description": q.description, "sparql": q.sparql}
                for q in list_queries(request.app.state.queries_dir)]
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p in ("skg", "id", "rdfs"))
    initial = prologue + INITIAL
    config = {"endpoint": "/sparql", "prefixes": PREFIXES, "examples": examples, "initial": initial}
    response = _render(request, "index.html", {"examples": examples, "config": config, "prefixes": PREFIXES})
    # YASGUI's editor and table set style attributes as they lay out; scripts stay 'self' only
    response.headers["content-security-policy"] = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    return response


async def thing_page(request: Request) -> Response:
    """``/id/X``: the thing's label, type, facts and evidence, in the format the client asks for."""
    rest = request.path_params["rest"]
    iri = str(ID) + rest
    data = _data(request)
    if not await run_in_threadpool(data.exists, iri):
        return _render(request, "missing.html", {"iri": iri}, status=404)
    media = _media(request)
    if media != HTML:
        return await run_in_threadpool(_rdf_about, data, iri, media, rest.startswith("document/"))
    if rest.startswith("document/"):
        return await run_in_threadpool(_document_page, request, data, iri)
    return await run_in_threadpool(_thing_page, request, data, iri)


def _media(request: Request) -> str:
    wanted = request.query_params.get("format", "").lower()
    if wanted in FORMAT_PARAM:
        return FORMAT_PARAM[wanted]
    return results.negotiate(request.headers.get("accept"), (HTML, results.TURTLE, results.JSONLD, results.NTRIPLES))


def _rdf_about(data: Data, iri: str, media: str, is_document: bool) -> Response:
    """The triples about a thing (or a document's whole named graph) as Turtle, JSON-LD or N-Triples."""
    from rdflib import URIRef
    node = URIRef(iri)
    triples: list[Any] = []
    queries = [(GRAPH_TRIPLES, {"g": node})] if is_document else [(OUTGOING_TRIPLES, {"s": node}),
                                                                  (INCOMING_TRIPLES, {"s": node})]
    for sparql, params in queries:
        result = run_query(data.store, sparql, params=params, timeout=data.timeout)
        assert result is not None
        with result:
            triples.extend(result.triples())
    body = results.write_graph(media, triples)
    return Response(body, media_type=media + ("" if media.endswith("json") else "; charset=utf-8"),
                    headers={"Vary": "Accept"})


def _thing_page(request: Request, data: Data, iri: str) -> Response:
    label, alts, types = data.labels(iri)
    facts = data.facts(iri)
    documents = [_placed(request, doc) for doc in data.evidence(iri)]
    title = label or data.caption(iri)
    return _render(request, "thing.html", {"iri": iri, "title": title, "alts": alts, "types": types,
                                           "outgoing": [f for f in facts if not f.incoming],
                                           "incoming": [f for f in facts if f.incoming], "documents": documents})


def _placed(request: Request, doc: DocumentInfo) -> dict:
    """A document's evidence placed in its text: excerpts with marks, plus the quotes that could not be."""
    text = request.app.state.texts.text(doc.source_file, doc.content_hash)
    if text is None:
        return {"doc": doc, "excerpts": [], "unplaced": doc.spans, "text_found": False}
    good, bad = valid_spans(text, doc.spans)
    return {"doc": doc, "excerpts": excerpts(text, good), "unplaced": bad, "text_found": True}


def _document_page(request: Request, data: Data, iri: str) -> Response:
    doc = data.document(iri, with_spans=True)
    text = request.app.state.texts.text(doc.source_file, doc.content_hash)
    good, bad = valid_spans(text, doc.spans) if text is not None else ([], doc.spans)
    facts = list({s.fact: s for s in doc.spans}.values())
    return _render(request, "document.html", {"doc": doc, "title": doc.title or iri, "iri": iri,
                                              "segments": segments(text, good) if text is not None else [],
                                              "text_found": text is not None, "unplaced": bad, "facts": facts})


async def search_page(request: Request) -> Response:
    """``/search?q=``: things whose label or alternate label contains the text."""
    text = request.query_params.get("q", "")[:200]
    found = await run_in_threadpool(_data(request).search, text) if text.strip() else []
    return _render(request, "search.html", {"q": text, "found": found})


async def documents_page(request: Request) -> Response:
    """``/documents``: every document in the graph, newest first."""
    sparql = """SELECT ?doc ?title ?publisher ?issued WHERE { ?doc a skg:Document
      OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:publisher ?publisher }
      OPTIONAL { ?doc dcterms:issued ?issued } } ORDER BY DESC(?issued) ?title LIMIT 1000"""
    rows = await run_in_threadpool(_data(request).rows, sparql)
    from .data import local_href
    docs = [{"href": local_href(str(r["doc"])), "title": str(r.get("title") or r["doc"]),
             "publisher": str(r.get("publisher") or ""), "issued": str(r.get("issued") or "")} for r in rows]
    return _render(request, "documents.html", {"documents": docs})


async def views_index(request: Request) -> Response:
    return _render(request, "views.html", {"views": {k: (v.title, v.description) for k, v in VIEWS.items()}})


async def view_page(request: Request) -> Response:
    """``/views/NAME`` (an SVG in a page) or ``/views/NAME.csv`` (the same rows as CSV)."""
    name = request.path_params["name"]
    as_csv = name.endswith(".csv")
    key = name.removesuffix(".csv")
    if key not in VIEWS:
        return PlainTextResponse("no such view\n", status_code=404)
    view = VIEWS[key]
    items = await run_in_threadpool(view.compute, _data(request))
    if as_csv:
        return Response(views.to_csv(items, view.record), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'inline; filename="{key}.csv"'})
    return _render(request, "view.html", {"name": key, "title": view.title, "description": view.description,
                                          "picture": view.draw(items), "rows": len(items)})
