"""The web view in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

One browser for every check: the query page runs a named query and shows its rows, a resolution
page shows the quotes of both seed articles highlighted, the hostile document's scripts do not run,
and the vote matrix and launch timeline draw. A full-page screenshot of each lands in tmp_path
(``pytest tests/serve/test_serve_browser.py --basetemp=/tmp/shots`` keeps them in a known place).
CI installs Chromium with ``scripts/install-browser``; ``playwright install`` is never used.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import Server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 20_000
SEED_TITLES = ("China and Russia veto US resolution calling for tougher UN sanctions against North Korea",
               "UN Security Council rejects additional sanctions on North Korea; China and Russia veto")


@pytest.fixture(scope="module")
def page(server: Server) -> Iterator:
    """One Chromium page; records script errors, dialogs and any request that leaves 127.0.0.1."""
    assert CHROMIUM.is_file(), "Chromium is missing: run scripts/install-browser (apt-get install chromium)"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.set_default_timeout(WAIT_MS)
            tab.events = []  # type: ignore[attr-defined]
            tab.on("pageerror", lambda error: tab.events.append(f"pageerror: {error}"))
            tab.on("dialog", lambda dialog: (tab.events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
            tab.on("request", lambda request: None if request.url.startswith(server.url)
                   else tab.events.append(f"outside request: {request.url}"))
            yield tab
        finally:
            browser.close()


def test_query_page_runs_a_named_query(page, server: Server, tmp_path: Path):
    page.goto(server.url)
    page.click("#example-cq1")
    page.wait_for_selector(".yasr table tbody tr td")
    rows = page.locator(".yasr table tbody tr")
    assert rows.count() >= 2
    table = page.locator(".yasr table").inner_text()
    assert "CHN" in table and "RUS" in table and "2022-05-26" in table
    page.screenshot(path=str(tmp_path / "query.png"), full_page=True)
    assert page.events == []


def test_resolution_page_highlights_the_quotes_of_both_articles(page, server: Server, tmp_path: Path):
    page.goto(server.url + "id/resolution/8f0ca04997301ada")
    articles = page.locator("article.evidence-doc")
    titles = [articles.nth(i).locator("h3").inner_text() for i in range(articles.count())]
    for title in SEED_TITLES:
        assert title in titles
        article = articles.nth(titles.index(title))
        marks = article.locator("mark")
        assert marks.count() >= 1 and marks.first.is_visible()
    first = page.locator("mark", has_text="China and Russia on Thursday vetoed a US resolution")
    assert first.count() == 1 and first.is_visible()
    background = first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the stylesheet highlights marks"
    page.screenshot(path=str(tmp_path / "resolution.png"), full_page=True)
    assert page.events == []


def test_hostile_document_runs_no_script(page, server: Server, tmp_path: Path):
    page.goto(server.url + "documents")
    page.click("text=Hostile title")
    page.wait_for_selector(".doctext mark")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    assert page.locator(".doctext img").count() == 0 and page.locator("main script").count() == 0
    assert page.title() != "pwned" and page.title().startswith("<script>")  # the title's script stayed text
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert page.events == []


@pytest.mark.parametrize(("view", "mark", "least"), [("votes", "g.vote", 4), ("launches", "g.launch", 3)])
def test_views_draw(page, server: Server, tmp_path: Path, view: str, mark: str, least: int):
    page.goto(server.url + f"views/{view}")
    picture = page.locator("figure.view svg")
    assert picture.is_visible() and picture.bounding_box()["width"] > 300
    assert page.locator(f"figure.view {mark}").count() >= least
    if view == "votes":
        assert page.locator("figure.view text", has_text="VETO").count() >= 2
        assert re.search(r"China", picture.inner_html())
    page.screenshot(path=str(tmp_path / f"{view}.png"), full_page=True)
    assert page.events == []
