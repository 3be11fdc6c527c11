"""The shared seeds and development corpus read cleanly, with the dates their metadata give."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import yaml

from sanctions_kg.documents import iter_documents
from sanctions_kg.errors import DocumentError
from sanctions_kg.settings import Settings

SHARED_DIR = Path(__file__).parents[2].parent / "shared"
EXPECTED_DATES = {
    "000_5ae5f8acf440a4b5.txt": date(2022, 5, 27),
    "002_f6700c8500ded3e9.txt": date(2022, 1, 21),
    "dl-006_un_news_ten_companies_individuals_added_1718_list_2009.txt": date(2009, 7, 17),
    "un-019_statedept_blog_res2270_2016.txt": date(2016, 3, 2),
    "w-001_ofac_wpk_officials.txt": date(2022, 12, 1),
    "w-010_russia_veto_dprk_panel.txt": date(2024, 3, 29),
}
DIRS = [SHARED_DIR / "seeds", SHARED_DIR / "corpus" / "dev"]



def test_the_shared_corpus_is_beside_the_repository() -> None:
    assert all(d.is_dir() for d in DIRS), f"missing: {[str(d) for d in DIRS if not d.is_dir()]}"


@pytest.fixture(scope="module")
def documents() -> dict[str, object]:
    errors: list[DocumentError] = []
    docs = list(iter_documents(DIRS, Settings.max_bytes, errors.append))
    assert errors == []
    return {d.name: d for d in docs}


def test_every_txt_is_read(documents: dict) -> None:
    expected = {p.name for d in DIRS for p in d.rglob("*.txt")}
    assert set(documents) == expected
    assert all(d.meta.published is not None for d in documents.values())


@pytest.mark.parametrize(("name", "published"), EXPECTED_DATES.items())
def test_published_dates(documents: dict, name: str, published: date) -> None:
    assert documents[name].meta.published == published


def test_empty_source_url_is_none(documents: dict) -> None:
    assert documents["w-001_ofac_wpk_officials.txt"].meta.source_url is None
    assert documents["w-001_ofac_wpk_officials.txt"].meta.timezone == "America/New_York"


def test_ids_and_text_match_the_bytes(documents: dict) -> None:
    for doc in documents.values():
        raw = Path(doc.path).read_bytes()
        assert doc.doc_id == hashlib.sha256(raw).hexdigest()
        assert doc.text.encode("utf-8") == raw


def test_every_published_date_matches_its_meta_file(documents: dict) -> None:
    """Cross-check against a plain YAML read, covering both quoted and unquoted dates."""
    for doc in documents.values():
        raw = yaml.safe_load(Path(doc.path).with_suffix(".meta.yml").read_text("utf-8"))
        assert doc.meta.published.isoformat() == str(raw["published"])
        assert doc.meta.timezone == raw["timezone"]
