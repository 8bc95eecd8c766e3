"""HTML ingestion: article body without page furniture, metadata with fallbacks, and the HTML scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.eval.html import norm_title, token_f1
from according.ingest.batch import InputText, read_html
from according.ingest.html import decode_html, extract_html, iso_date, lookup_outlet, strip_site
from according.records import ErrorRecord

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CORPUS = Path(__file__).parents[2] / "shared" / "corpora" / "html"


@pytest.fixture(scope="module")
def article():
    """The Magnitogorsk page (Wikinews text in a news-site template)."""
    doc = extract_html((FIXTURES / "magnitogorsk.html").read_text(encoding="utf-8"))
    assert doc is not None
    return doc


def test_body_keeps_article_paragraphs_in_order(article):
    first = article.text.index("An apartment building collapsed on Monday in Magnitogorsk")
    later = article.text.index("Health Minister Veronika Skvortsova")
    assert first == 0 and later > first
    assert "\n\n" in article.text


def test_body_leaves_out_furniture(article):
    for furniture in (
        "Subscribe to our newsletter",
        "Rescuers search the debris",
        "Read more",
        "Related stories",
        "Winter storms close airports",
        "Privacy policy",
        "All rights reserved",
    ):
        assert furniture not in article.text


def test_headline_is_metadata_not_body(article):
    assert article.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert not article.text.startswith("Magnitogorsk apartment")


def test_metadata_from_page(article):
    assert article.byline == "Anna Petrova"
    assert article.published == "2019-01-04"
    assert article.outlet == "Wikinews Daily"
    assert article.url == "https://daily.example.org/2019/01/04/magnitogorsk-collapse"


def test_reader_marks_metadata_origin():
    (item,) = read_html((FIXTURES / "magnitogorsk.html").read_bytes(), "magnitogorsk.html")
    assert isinstance(item, InputText)
    assert item.format == "html"
    assert item.meta["published"] == "2019-01-04"
    assert item.origin == {k: "metadata" for k in ("url", "title", "byline", "published", "outlet")}


def test_navigation_only_page_is_an_error():
    (item,) = read_html((FIXTURES / "no-article.html").read_bytes(), "no-article.html")
    assert isinstance(item, ErrorRecord)
    assert item.stage == "html" and "no article" in item.reason


def test_meta_and_json_ld_fallbacks_when_trafilatura_misses():
    page = """<html><head><title>Port workers strike - Harbour Times</title>
    <meta name="dc.creator" content="Lee Morgan">
    <meta property="article:published_time" content="2021-06-03T08:00:00Z">
    <meta property="og:site_name" content="Harbour Times">
    <meta property="og:url" content="https://ht.example/strike">
    </head><body><article>
    <p>Dock workers walked out on Thursday after talks over pay broke down, the union said.
    The port authority said ferries would run a reduced timetable until further notice.</p>
    </article></body></html>"""
    doc = extract_html(page)
    assert doc is not None
    assert doc.title == "Port workers strike"
    assert doc.published == "2021-06-03"
    assert doc.outlet == "Harbour Times"
    assert doc.url == "https://ht.example/strike"


def test_outlet_registry_gives_canonical_names():
    assert lookup_outlet("Korean Central News Agency", None) == "KCNA"
    assert lookup_outlet(None, "https://www.kcna.kp/en/article/1") == "KCNA"
    assert lookup_outlet("Harbour Times", None) == "Harbour Times"


def test_declared_legacy_charset_is_honoured():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners in Z\xfcrich said so.</p>'
    text = decode_html(page.encode("cp1252"), "page.html")
    assert isinstance(text, str) and "Café owners in Zürich" in text


def test_binary_page_is_refused():
    (item,) = read_html(b"\x00\x01\x02<html>" * 50, "junk.html")
    assert isinstance(item, ErrorRecord)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-01-04T09:30:00+00:00", "2019-01-04"),
        ("January 4, 2019", "2019-01-04"),
        ("soon", None),
        (None, None),
        ("2019-13-45", None),
    ],
)
def test_iso_date(raw, expected):
    assert iso_date(raw) == expected


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        ("Port strike | Harbour Times", None, "Port strike"),
        ("Port strike - Harbour Times", "Harbour Times", "Port strike"),
        ("Gates on Russia - a long view", None, "Gates on Russia - a long view"),
        ("Mozilla | Wiki", None, "Mozilla | Wiki"),
    ],
)
def test_strip_site(title, outlet, expected):
    assert strip_site(title, outlet) == expected


def test_token_f1_and_title_normalisation():
    assert token_f1("the cat sat", "the cat sat") == 1.0
    assert token_f1(None, "the cat") == 0.0
    assert 0 < token_f1("the cat sat on a mat", "the cat sat") < 1
    assert norm_title("  ‘Neutral’ Fact-Checker. ") == norm_title("'neutral' fact-checker")


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "index.jsonl").exists(), reason="HTML corpus not available")
def test_body_f1_at_least_plain_trafilatura_on_corpus():
    from according.eval.html import evaluate

    summary, _rows = evaluate(CORPUS)
    assert summary["f1_pages"] > 100
    assert summary["f1_ours"] >= summary["f1_trafilatura"]
    assert summary["title_ours"] >= 0.75


def test_eval_html_command_on_a_small_page_set(tmp_path: Path):
    import json

    from typer.testing import CliRunner

    from according.cli import app

    (tmp_path / "pages").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "pages" / "a.html").write_bytes((FIXTURES / "magnitogorsk.html").read_bytes())
    gold = extract_html((FIXTURES / "magnitogorsk.html").read_text(encoding="utf-8")).text
    (tmp_path / "gold" / "a.txt").write_text(gold, encoding="utf-8")
    meta = {
        "title": "Magnitogorsk apartment building collapses after explosion, dozens dead",
        "publish_date": "2019-01-04T09:30:00",
    }
    row = {"set": "mine", "url": None, "gold_meta": meta, "html": "pages/a.html", "gold_text": "gold/a.txt"}
    (tmp_path / "index.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "html", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["f1_ours"] == 1.0 and figures["title_ours"] == 1.0 and figures["date_ours"] == 1.0
    assert 0 < figures["f1_trafilatura"] <= 1.0
