"""The running server over plain HTTP: the SPARQL protocol, the pages, and the safe defaults."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph
from serve_helpers import Server, start_server

RESOLUTION = "id/resolution/8f0ca04997301ada"
VETOES = "SELECT ?c ?r WHERE { ?c skg:vetoed ?r VALUES ?r { id:resolution\\/8f0ca04997301ada } } ORDER BY ?c ?r"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def fetch(url: str, method: str = "GET", data: bytes | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """(status, lower-cased headers, body text) of one request; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read().decode()


def sparql(server: Server, query: str, accept: str = "", method: str = "GET") -> tuple[int, dict[str, str], str]:
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return fetch(server.url + "sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)
    headers["Content-Type"] = "application/sparql-query"
    return fetch(server.url + "sparql", "POST", query.encode(), headers)


# --- the protocol ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_sparql_json_by_default(server: Server, method: str):
    status, headers, body = sparql(server, VETOES, method=method)
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    assert [r["c"]["value"].rsplit("/", 1)[1] for r in rows] == ["CHN", "RUS"]


def test_form_post_is_a_query(server: Server):
    data = urllib.parse.urlencode({"query": VETOES}).encode()
    status, _, body = fetch(server.url + "sparql", "POST", data,
                            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and body.splitlines()[0] == "c,r" and len(body.splitlines()) == 3


def test_content_negotiation_for_select(server: Server):
    _, headers, xml = sparql(server, VETOES, "application/sparql-results+xml")
    assert headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    uris = [u.text for u in ET.fromstring(xml).findall(".//s:binding[@name='c']/s:uri", ns)]
    assert [u.rsplit("/", 1)[1] for u in uris] == ["CHN", "RUS"]
    _, headers, text = sparql(server, VETOES, "text/csv")
    assert headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(text)))[1][0].endswith("/CHN")
    _, headers, tsv = sparql(server, VETOES, "text/tab-separated-values")
    assert headers["content-type"].startswith("text/tab-separated-values")
    assert tsv.splitlines()[0] == "?c\t?r" and tsv.splitlines()[1].startswith("<https://w3id.org/sanctions-kg/id/")
    _, headers, _ = sparql(server, VETOES, "text/csv;q=0.5, application/sparql-results+xml;q=0.9")
    assert headers["content-type"].startswith("application/sparql-results+xml")


def test_ask_and_construct_describe(server: Server):
    _, _, body = sparql(server, "ASK { ?c skg:vetoed ?r }")
    assert json.loads(body) == {"head": {}, "boolean": True}
    _, headers, turtle = sparql(server, "CONSTRUCT WHERE { ?c skg:vetoed ?r }", "text/turtle")
    assert headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle, format="turtle")) == 4  # CHN and RUS, each on two resolutions
    _, headers, jsonld = sparql(server, "DESCRIBE <https://w3id.org/sanctions-kg/id/country/CHN>",
                                "application/ld+json")
    assert headers["content-type"].startswith("application/ld+json")
    chn = next(n for n in json.loads(jsonld) if n["@id"].endswith("/country/CHN"))
    assert chn["http://www.w3.org/2000/01/rdf-schema#label"][0]["@value"] == "China"


@pytest.mark.parametrize(("query", "code"), [
    ("DROP ALL", "E053"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "E053"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "E055"),
])
def test_updates_and_service_are_refused(server: Server, query: str, code: str):
    for method in ("GET", "POST"):
        status, _, body = sparql(server, query, method=method)
        assert status == 403 and body.startswith(f"[{code}] refused"), body
    _, _, body = sparql(server, "ASK { <urn:a> <urn:b> <urn:c> }")
    assert json.loads(body)["boolean"] is False


def test_update_operations_are_refused(server: Server):
    status, _, body = fetch(server.url + "sparql", "POST", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and body.startswith("[E053]")
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, _, body = fetch(server.url + "sparql", "POST", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and body.startswith("[E053]")
    _, _, body = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 100


def test_bad_requests_say_why(server: Server):
    status, _, body = sparql(server, "SELECT ?x WHERE { ?x")
    assert status == 400 and body.startswith("[E021]")
    status, _, body = fetch(server.url + "sparql")
    assert status == 400 and body.startswith("[E052]")
    status, _, body = fetch(server.url + "sparql", "POST", b"{}", {"Content-Type": "application/json"})
    assert status == 415 and body.startswith("[E054]")


def test_oversized_results_are_refused_not_cut(server: Server):
    status, _, body = sparql(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 403 and body.startswith("[E051]") and "1000 rows" in body
    status, _, body = sparql(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 1000")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1000


def test_a_runaway_query_times_out(served_graph, tmp_path):
    """A server of its own (--timeout 1), stopped right after, so the abandoned evaluation dies with it."""
    work, graph = served_graph
    with start_server("--graph", str(graph), "--timeout", "1", cwd=tmp_path) as url:
        status, _, body = fetch(url + "sparql?" + urllib.parse.urlencode({"query": RUNAWAY}))
    assert status == 503 and body.startswith("[E024] query timed out after 1 s")


# --- the safe defaults -------------------------------------------------------------------------

def test_security_headers_and_no_cors(server: Server):
    for path in ("", "sparql?query=ASK%7B%7D", RESOLUTION, "views/votes"):
        _, headers, _ = fetch(server.url + path, headers={"Origin": "http://evil.example"})
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert not any(name.startswith("access-control-") for name in headers), headers


def test_bound_to_loopback_and_foreign_host_refused(server: Server):
    assert server.url.startswith("http://127.0.0.1:")
    status, _, _ = fetch(server.url + RESOLUTION, headers={"Host": "evil.example"})
    assert status == 400


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["", RESOLUTION, "views/votes", "views/votes.csv", "search?q=x", "documents",
                                  "static/style.css", "sparql", "graph", "store", "update"])
def test_no_write_route(server: Server, method: str, path: str):
    if path == "sparql" and method == "POST":
        return  # the query route, tested above (an update through it is refused)
    status, _, _ = fetch(server.url + path, method, b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "text/turtle"})
    assert status in (404, 405), (method, path, status)


def test_hostile_document_is_escaped(server: Server):
    """Text, title, publisher and quotes with <script> and onerror= come out as text; javascript: is not a link."""
    _, _, listing = fetch(server.url + "documents")
    href = next(h for h, t in re.findall(r'<a href="(/id/document/[0-9a-f]+)">([^<]*)</a>', listing) if "Hostile" in t)
    pages = [fetch(server.url + href.lstrip("/"))[2]]
    launch = re.findall(r'href="/(id/launch/[0-9a-f]+)"', pages[0])
    assert launch, "the hostile document's launch is extracted and linked"
    pages.append(fetch(server.url + launch[0])[2])
    pages.append(fetch(server.url + "search?q=" + urllib.parse.quote("<script>alert(1)</script>"))[2])
    for page in pages:
        assert "<script>document" not in page and "<script>alert" not in page
        assert "<img" not in page and not re.search(r"<[^>]*\sonerror=", page)
        assert 'href="javascript:' not in page.lower()
    assert "&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt; Hostile title" in pages[0]
    assert "&lt;img src=x onerror=" in pages[0] and "&lt;img src=x onerror=" in pages[1]
    assert "<mark>North Korea fired two ballistic missiles on Friday &lt;img" in pages[1]


# --- pages -------------------------------------------------------------------------------------

def test_resolution_page_shows_facts_and_evidence_from_both_articles(server: Server):
    status, headers, page = fetch(server.url + RESOLUTION, headers={"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<h1>Draft resolution on North Korea sponsored by United States voted 2022-05-26</h1>" in page
    assert '<a href="/id/country/USA">United States</a>' in page and "skg:votesInFavour" in page
    titles = re.findall(r'<article class="evidence-doc">\s*<h3><a href="/id/document/[0-9a-f]+">([^<]+)</a>', page)
    assert "China and Russia veto US resolution calling for tougher UN sanctions against North Korea" in titles
    assert "UN Security Council rejects additional sanctions on North Korea; China and Russia veto" in titles
    assert "<mark>China and Russia on Thursday vetoed a US resolution" in page
    assert "<mark>China and Russia vetoed.</mark>" in page
    assert "2022-05-27" in page and "AFP (as republished)" in page


def test_document_page_highlights_every_fact(server: Server):
    _, _, listing = fetch(server.url + "documents")
    href = re.search(r'<a href="/(id/document/[0-9a-f]+)">China and Russia veto US resolution', listing).group(1)
    _, _, page = fetch(server.url + href)
    marks = re.findall(r'<a class="evidence" href="(/id/[^"]+)"[^>]*><mark>', page)
    assert len(marks) >= 5 and any(m.startswith("/id/cap/") for m in marks) and any("/resolution/" in m for m in marks)
    text = (server.work / "seeds" / "003_e89af2c7fe00458d.txt").read_text(encoding="utf-8")
    assert "The US-drafted resolution would have reduced" in text
    assert "<mark>The US-drafted resolution would have reduced" in page


@pytest.mark.parametrize(("accept", "media", "marker"), [
    ("text/turtle", "text/turtle", "skg:vetoed"),
    ("application/ld+json", "application/ld+json", '"@id"'),
])
def test_linked_data_by_accept(server: Server, accept: str, media: str, marker: str):
    status, headers, body = fetch(server.url + "id/country/CHN", headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(media) and marker in body
    assert "accept" in headers.get("vary", "").lower()


def test_unknown_thing_is_404(server: Server):
    status, _, page = fetch(server.url + "id/country/XXX")
    assert status == 404 and "Not in the graph" in page


def test_search_labels_and_alternate_labels(server: Server):
    _, _, page = fetch(server.url + "search?q=lazarus")
    assert '<a href="/id/org/' in page and "Lazarus Group" in page
    _, _, page = fetch(server.url + "search?q=" + urllib.parse.quote("Kim Su-il"))
    assert "/id/person/" in page


def test_query_page_offers_the_competency_questions_and_serves_yasgui_locally(server: Server):
    _, _, page = fetch(server.url)
    for n in range(1, 10):
        assert f'id="example-cq{n}"' in page
    assert "Vetoes" in page and "Which countries vetoed which resolution" in page
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert scripts and all(s.startswith("/static/") for s in scripts), scripts
    for path in scripts:
        assert fetch(server.url + path.lstrip("/"))[0] == 200
    assert fetch(server.url + "static/yasgui/LICENSE")[0] == 200


@pytest.mark.parametrize(("view", "header", "expect"), [
    ("votes", "resolution,resolution_label,vote_date,voter,voter_label,iso3,position,veto", "CHN,Against,true"),
    ("launches", "launch,actor,date,date_is_report,missile_type,count,site", "2022-05-25,false,ICBM,3,Sunan"),
    ("designations", "authority,month,status,count", "UN,2022-05,Proposed,4"),
])
def test_views_as_svg_and_csv(server: Server, view: str, header: str, expect: str):
    status, _, page = fetch(server.url + f"views/{view}")
    assert status == 200 and "<svg" in page and "<script" not in page
    status, headers, text = fetch(server.url + f"views/{view}.csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert text.splitlines()[0] == header and expect in text
