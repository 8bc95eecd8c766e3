"""The workbench's pages and JSON API through FastAPI's TestClient, on a small real archive."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from according.serve.app import create_app  # noqa: E402
from serve_archive import build_archive, hostile_id, reference_id  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db():
    return build_archive()


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def writer(tmp_path_factory, db):
    import shutil

    copy = tmp_path_factory.mktemp("writable") / "archive.db"
    shutil.copy(db, copy)
    return TestClient(create_app(copy, token=TOKEN, max_upload_bytes=20_000))


def test_article_page_draws_putin_and_kcna(client):
    page = client.get(f"/articles/{reference_id()}")
    assert page.status_code == 200
    html = page.text
    assert "Vladimir Putin —said→ … —according to→ KCNA (state media)" in html
    assert 'class="m q sp0' in html and "relay sm" in html
    assert '<aside class="captions"' in html and "Training of North Korean soldiers" in html
    assert '<aside class="related"' in html and "Pop Star Shaman" in html
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")


def test_hostile_article_is_escaped_everywhere(client):
    for url in (f"/articles/{hostile_id()}", "/?q=contract", "/quotes?q=contract", "/articles"):
        html = client.get(url).text
        assert "<script>alert(1)</script>" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;i&gt;Daily&lt;/i&gt;" in html or url == "/quotes?q=contract", url
    page = client.get(f"/articles/{hostile_id()}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page  # only http(s) source links are drawn
    assert client.get("/docs").status_code == 404  # no Swagger UI from a CDN


def test_search_finds_the_article_with_facets_and_highlight(client):
    html = client.get("/", params={"q": "Kursk"}).text
    assert f"/articles/{reference_id()}" in html and "<mark>Kursk</mark>" in html
    assert "NK News" in html and "Vladimir Putin" in html  # outlet and speaker facets
    narrowed = client.get("/", params={"q": "Kursk", "outlet": "Valmora Post"}).text
    assert f"/articles/{reference_id()}" not in narrowed


def result_snippet(html: str, aid: str) -> str:
    """The snippet paragraph of the search result that links to article ``aid``."""
    block = html.split(f'<h3><a href="/articles/{aid}">', 1)[1]
    return block.split('<p class="snippet">', 1)[1].split("</p>", 1)[0]


def test_search_snippet_comes_from_the_body_not_the_caption(client):
    # "soldiers" is in the photo caption ("Training of North Korean soldiers. KCNA") and in the body
    snippet = result_snippet(client.get("/", params={"q": "soldiers"}).text, reference_id())
    assert "<mark>soldiers</mark>" in snippet
    assert "Training of North Korean" not in snippet and "KCNA</p>" not in snippet
    assert "Putin Hails" not in snippet  # nor the headline, which is the result's title already
    # no query: the snippet opens with the body's first words
    plain = result_snippet(client.get("/", params={"outlet": "NK News"}).text, reference_id())
    assert plain.startswith("Russian President Vladimir Putin") and "Training of" not in plain
    # a word only the caption holds still finds the article, with the caption as its labelled snippet
    caption = result_snippet(client.get("/", params={"q": "training"}).text, reference_id())
    assert caption.startswith('<span class="label">caption</span> ')
    assert "<mark>Training</mark> of North Korean soldiers" in caption
    # the API's rows carry neither the text nor where the snippet came from
    row = client.get("/api/v1/search", params={"q": "soldiers"}).json()["articles"][0]
    assert "text" not in row and "snippet_kind" not in row


def test_search_snippet_of_a_hostile_body_is_escaped(client):
    snippet = result_snippet(client.get("/", params={"q": "contract"}).text, hostile_id())
    assert "<mark>contract</mark>" in snippet and "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script>" not in snippet and "<img" not in snippet
    assert "Mayor &lt;b&gt;Vows" not in snippet  # the headline is not part of the snippet


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "a OR", ")(", "'; DROP TABLE articles; --", "\x00"])
def test_search_syntax_is_searched_as_words(client, query):
    assert client.get("/", params={"q": query}).status_code == 200
    assert client.get("/api/v1/search", params={"q": query}).status_code == 200
    assert client.get("/api/v1/quotes", params={"q": query}).status_code == 200


def test_api_lists_with_filters(client):
    quotes = client.get(
        "/api/v1/quotes", params={"speaker": "person:vladimir-putin", "state_media": True}
    ).json()
    assert quotes["items"] and all(q["speaker_name"] == "Vladimir Putin" for q in quotes["items"])
    assert any("KCNA" in q["chain"] for q in quotes["items"])
    by_name = client.get("/api/v1/quotes", params={"speaker": "putin"}).json()["items"]
    assert len(by_name) == len(
        client.get("/api/v1/quotes", params={"speaker": "person:vladimir-putin"}).json()["items"]
    )
    assert (
        client.get("/api/v1/quotes", params={"speaker": "%"}).json()["items"] == []
    )  # LIKE wildcards are text
    assert client.get("/api/v1/quotes", params={"entity": "KCNA"}).json()["items"]
    paged = client.get("/api/v1/quotes", params={"limit": 2, "offset": 1}).json()
    assert len(paged["items"]) == 2 and paged["offset"] == 1
    assert client.get("/api/v1/quotes", params={"limit": 0}).status_code == 422
    record = client.get(f"/api/v1/articles/{reference_id()}").json()
    assert record["article"]["id"] == reference_id() and record["attributions"]
    assert client.get("/api/v1/articles/nope").status_code == 404
    assert client.get("/api/v1/events", params={"type": "CONSULT"}).json()["items"]
    korea = client.get("/api/v1/entities", params={"country": "PRK"}).json()["items"]
    assert any(e["id"] == "country:PRK" and e["first_seen"] == "2025-08-15" for e in korea)
    assert (
        client.get("/api/v1/entities", params={"until": "2025-07"}).json()["items"][0]["last_seen"]
        <= "2025-07"
    )
    assert client.get("/api/v1/claims", params={"since": "2025-08", "until": "2025-08"}).json()["items"]
    speaker = client.get("/api/v1/speakers/person:vladimir-putin").json()
    assert speaker["statements"] >= 5 and speaker["timeline"] == [["2025-08", speaker["statements"]]]


@pytest.mark.parametrize("bad", ["notadate", "2025-13", "2025-02-30", "2025-3", "20250301"])
@pytest.mark.parametrize("name", ["since", "until"])
def test_api_refuses_a_date_filter_that_is_not_a_date_with_422(client, name, bad):
    for path in ("/api/v1/quotes", "/api/v1/claims", "/api/v1/entities", "/api/v1/search"):
        response = client.get(path, params={name: bad})
        assert response.status_code == 422, (path, response.text)
        (error,) = response.json()["detail"]
        assert error["loc"] == ["query", name] and "is not a real date" in error["msg"]
    for good in ("2025", "2025-08", "2025-08-15", ""):
        assert client.get("/api/v1/quotes", params={name: good}).status_code == 200


def test_a_page_says_a_date_filter_is_no_date_rather_than_showing_no_rows(client):
    for path in ("/", "/quotes", "/claims"):
        response = client.get(path, params={"since": "<b>notadate</b>"})
        assert response.status_code == 400, path
        assert "is not a real date" in response.text and "<b>notadate" not in response.text  # escaped
    assert client.get("/quotes", params={"since": "2025-08"}).status_code == 200


def test_every_page_answers(client):
    for url in (
        "/",
        "/quotes",
        "/claims",
        "/events",
        "/entities",
        "/speakers",
        "/trails",
        "/articles",
        "/speakers/person:vladimir-putin",
        "/api/v1/openapi.json",
        "/explore/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/speakers/nobody").status_code == 404
    assert client.get("/trails/999999").status_code == 404
    assert client.get("/trails/9223372036854775808").status_code == 404
    assert client.get("/api/v1/trails/9223372036854775808").status_code == 422


def test_a_speaker_named_by_name_is_its_entity(client):
    html = client.get("/speakers/Vladimir Putin").text
    assert "person:vladimir-putin" in html and '<svg class="timeline"' in html


def test_speaker_page_has_a_timeline(client):
    html = client.get("/speakers/person:vladimir-putin").text
    assert '<svg class="timeline"' in html and "KCNA" in html


def test_trail_lists_and_opens(client):
    trails = client.get("/api/v1/trails").json()["items"]
    assert trails, "the travelling quotation makes a trail"
    trail = trails[0]
    assert {"Valmora Post", "Harbour Times"} <= {a["outlet"] for a in trail["appearances"]}
    html = client.get(f"/trails/{trail['id']}").text
    assert "Valmora Post" in html and "Harbour Times" in html


def test_downloads_keep_the_filters(client):
    csv = client.get("/quotes.csv", params={"speaker": "person:vladimir-putin"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("id,") and all("Vladimir Putin" in line for line in lines[1:])
    jsonl = client.get("/events.jsonl", params={"type": "CONSULT"}).text.strip().splitlines()
    import json

    assert jsonl and all(json.loads(line)["type"] == "CONSULT" for line in jsonl)
    trails = client.get("/trails.jsonl").text.strip().splitlines()
    assert trails and {"id", "kind", "first", "appearances", "changes"} <= set(json.loads(trails[0]))
    rows = client.get("/trails.csv").text.strip().splitlines()
    assert rows[0].startswith("trail_id,kind,position,article_id") and len(rows) >= 3
    assert "Vladimir Putin" in client.get("/speakers.csv").text


def test_datasette_is_read_only(client):
    assert client.get("/explore/archive.json").status_code == 200
    answer = client.get("/explore/archive.json", params={"sql": "DELETE FROM articles"})
    assert answer.status_code in (400, 403)
    assert client.get("/explore/archive/articles.json").json()["rows"]


def test_datasette_links_keep_one_explore_prefix_and_resolve(client):
    import re

    page = client.get("/explore/archive/articles")
    assert page.status_code == 200
    links = {
        link.replace("&amp;", "&")
        for link in re.findall(r'(?:href|action)="(?:http://testserver)?(/explore[^"#]*)', page.text)
    }
    assert any("_sort=" in link for link in links) and any(".json" in link for link in links)
    assert not [link for link in links if link.startswith("/explore/explore")]
    broken = [link for link in sorted(links) if client.get(link).status_code >= 400]
    assert not broken


def test_datasette_sees_articles_stored_while_it_serves(tmp_path, db):
    import shutil

    from according.pipeline import extract_text
    from according.store import Archive

    copy = tmp_path / "archive.db"
    shutil.copy(db, copy)
    served = TestClient(create_app(copy))
    sql = {"sql": "select count(*) from articles"}
    before = served.get("/explore/archive.json", params=sql).json()["rows"][0][0]
    with Archive(copy) as archive:  # still open: the new article is in the write-ahead log
        archive.add(extract_text('"We will stay," the mayor said on Monday.', source="late.txt"))
        after = served.get("/explore/archive.json", params=sql)
    assert after.status_code == 200 and after.json()["rows"][0][0] == before + 1
    assert served.get("/explore/archive/articles.json").status_code == 200


def test_uploads_are_off_without_a_token(client):
    assert client.get("/upload").status_code == 404
    assert client.post("/upload", data={"text": "x"}).status_code == 404
    assert client.post("/api/v1/articles", json={"text": "x"}).status_code == 404


def test_upload_needs_the_token_and_a_small_body(writer):
    assert writer.get("/upload").status_code == 200
    assert writer.post("/upload", data={"text": "Some text.", "token": "wrong"}).status_code == 401
    assert writer.post("/api/v1/articles", json={"text": "Some text."}).status_code == 401
    big = "x" * 30_000
    assert writer.post("/upload", data={"text": big, "token": TOKEN}).status_code == 413
    headers = {"authorization": f"Bearer {TOKEN}"}
    assert writer.post("/api/v1/articles", json={"text": big}, headers=headers).status_code == 413


def test_a_pasted_text_over_a_megabyte_is_read_up_to_the_limit(db):
    roomy = TestClient(create_app(db, token=TOKEN, max_upload_bytes=3_000_000))
    text = "The harbour was quiet. " * 60_000  # 1.4 MB, more than the form parser's default part size
    # the form is read (not 400), then refused for its token
    assert roomy.post("/upload", data={"text": text, "token": "wrong"}).status_code == 401
    assert roomy.post("/upload", data={"text": text * 3, "token": TOKEN}).status_code == 413


def test_upload_stores_and_opens_the_article(writer):
    text = "Harbour Deal Signed\n\n“The deal is done,” port director Anna Lindqvist said on Friday."
    answer = writer.post(
        "/upload",
        data={"text": text, "token": TOKEN, "outlet": "Valmora Post", "published": "2025-09-05"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = writer.get(answer.headers["location"])
    assert "The deal is done" in page.text and "Valmora Post" in page.text
    record = writer.get("/api/v1" + answer.headers["location"]).json()
    assert record["article"]["source"] == "upload:pasted.txt"
    assert record["article"]["published"] == "2025-09-05"
    again = writer.post("/upload", data={"text": text, "token": TOKEN}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == answer.headers["location"]
    page = "<html><head><title>Note</title></head><body><p>“All clear,” the mayor said.</p></body></html>"
    files = {"file": ("note.html", page.encode(), "text/html")}
    answer = writer.post("/upload", data={"token": TOKEN}, files=files, follow_redirects=False)
    assert answer.status_code == 303
    api = writer.post(
        "/api/v1/articles",
        json={"text": "“Yes,” she said.", "published": "2025-09-06"},
        headers={"authorization": f"Bearer {TOKEN}"},
    )
    assert api.status_code == 201 and writer.get(api.json()["url"]).status_code == 200


def test_csv_downloads_neutralise_cells_a_spreadsheet_would_run():
    import csv
    import io

    from according.serve.app import csv_lines

    row = {
        "content": '=HYPERLINK("http://x","y")',
        "cue": "@SUM(1+1)",
        "phone": "+44 20 7946",
        "n": -3,
        "figure": "-12.5",
        "plain": "said",
    }
    text = "".join(csv_lines([row]))
    parsed = next(csv.DictReader(io.StringIO(text)))
    assert parsed["content"] == "'" + row["content"] and parsed["cue"] == "'@SUM(1+1)"
    assert parsed["phone"] == "'+44 20 7946"
    assert (parsed["n"], parsed["figure"], parsed["plain"]) == ("-3", "-12.5", "said")


def test_events_show_participants_by_name_and_month_facets_give_whole_dates(client):
    import re

    events = client.get("/events").text
    assert ">Vladimir Putin</a>" in events and 'title="person:vladimir-putin"' in events
    search = client.get("/").text
    months = re.findall(r"since=(\d{4}-\d\d-\d\d)&amp;until=(\d{4}-\d\d-\d\d)", search)
    assert ("2025-08-01", "2025-08-31") in months


def test_the_api_root_lists_every_endpoint_and_a_page_past_the_end_says_so(client):
    index = client.get("/api/v1/")
    assert index.status_code == 200 and index.json()["openapi"] == "/api/v1/openapi.json"
    listed = {(e["method"], e["path"]) for e in index.json()["endpoints"]}
    assert {("GET", "/api/v1/quotes"), ("GET", "/api/v1/articles/{article_id}")} <= listed
    past = client.get("/quotes", params={"offset": 999_999}).text
    assert "nothing past row 999999" in past and 'rel="prev"' not in past


def test_datasette_links_to_an_article_by_id_open_the_article_page(client):
    from serve_archive import reference_id

    answer = client.get(f"/explore/archive/articles/{reference_id()}", follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == f"/articles/{reference_id()}"
    assert client.get("/explore/archive/articles/1").status_code == 200  # its own row pages still work


def test_event_participants_read_as_names_and_a_huge_offset_is_no_error(client):
    from according.serve.views import participant_name

    assert participant_name("country:GBR") == "United Kingdom"
    assert participant_name("sector:GOV") == "government"
    assert participant_name("person:x", {"person:x": "X Y"}) == "X Y"
    assert participant_name("org:unknown-body") == "org:unknown-body"
    for path in ("/quotes", "/", "/events", "/trails"):
        assert client.get(path, params={"offset": "99999999999999999999"}).status_code == 200, path


def test_dates_read_as_words_beside_their_timeml_value(client):
    from according.serve.views import time_value

    page = client.get(f"/articles/{reference_id()}").text
    assert 'days <span class="dim">PXD</span>' in page  # "the days": a duration of days
    assert '<span class="timex">2025-08-13</span>' in page  # a calendar date reads as it is
    fridays = '<span class="timex">Fridays <span class="dim">XXXX-WXX-5</span></span>'
    assert time_value("XXXX-WXX-5") == fridays
    assert time_value("2025-04") == '<span class="timex">2025-04</span>' and time_value(None) == ""


def test_pages_open_with_skip_links_past_the_header_and_the_article_marks(client):
    page = client.get(f"/articles/{reference_id()}").text
    assert page.index('href="#main"') < page.index('href="#who-said-what"') < page.index("<header")
    assert 'id="who-said-what"' in page and '<main id="main"' in page
    assert 'href="#who-said-what"' not in client.get("/quotes").text
