"""The workbench in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium, never a
downloaded build; `make test` installs it when missing). Also writes docs/workbench.png for the README."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("playwright")
uvicorn = pytest.importorskip("uvicorn")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from according.serve.app import create_app  # noqa: E402
from serve_archive import build_archive, hostile_id, reference_id  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]  # fmt: skip
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "workbench.png"
TOKEN = "browser-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The workbench (uploads on) served by uvicorn on a free loopback port, in a thread."""
    db = tmp_path_factory.mktemp("browser") / "archive.db"
    shutil.copy(build_archive(), db)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium; `make test` does it)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def test_reference_article_shows_putin_quotations_with_kcna(server, page):
    page.goto(f"{server}/articles/{reference_id()}")
    quote = page.locator(".who-item", has_text="Kursk region").first
    expect(quote).to_contain_text("Vladimir Putin")
    expect(quote).to_contain_text("—according to→ KCNA (state media)")
    expect(page.locator(".m.q").first).to_be_visible()
    expect(page.locator(".relay.sm", has_text="KCNA").first).to_be_visible()
    expect(page.locator("aside.captions")).to_contain_text("Training of North Korean soldiers")
    expect(page.locator("aside.related")).to_contain_text("Pop Star Shaman")


def test_hovering_a_quotation_shows_its_chain(server, page):
    page.goto(f"{server}/articles/{reference_id()}")
    detail = page.locator("#detail")
    expect(detail).to_be_hidden()
    page.locator(".m.q", has_text="Kursk region").first.hover()
    expect(detail).to_be_visible()
    expect(detail).to_contain_text("Vladimir Putin —said→ … —according to→ KCNA (state media)")
    expect(detail).to_contain_text("person:vladimir-putin")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))  # the README's picture: the article with the chain on hover
    assert SCREENSHOT.stat().st_size > 20_000
    page.mouse.move(5, 5)
    expect(detail).to_be_hidden()


def test_search_lands_on_the_article(server, page):
    page.goto(server)
    page.fill("input[name=q]", "Kursk")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".result mark").first).to_have_text("Kursk")
    page.locator(".result h3 a").first.click()
    expect(page).to_have_url(f"{server}/articles/{reference_id()}")
    expect(page.locator("h1.headline")).to_contain_text("Putin Hails North Korean Troops")


def test_a_trail_opens(server, page):
    page.goto(f"{server}/trails")
    page.locator("table.rows a").first.click()
    expect(page.locator("h1")).to_contain_text("Trail")
    expect(page.locator(".appearance")).to_have_count(2)
    expect(page.locator(".appearance.first")).to_contain_text("Valmora Post")


def test_hostile_article_renders_as_text(server, page):
    page.goto(f"{server}/articles/{hostile_id()}")
    body = page.locator("article.reading")
    expect(body).to_contain_text("<script>alert(1)</script>")
    expect(body).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator(".meta")).to_contain_text("The <i>Daily</i> & Co")
    assert page.locator("article.reading img, article.reading script").count() == 0
    page.locator(".m.q").first.hover()
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_upload_refuses_without_the_token(server, page):
    page.goto(f"{server}/upload")
    page.fill("textarea[name=text]", "“Let me in,” the visitor said.")
    page.fill("input[name=token]", "not-the-token")
    with page.expect_response(f"{server}/upload") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 401
    expect(page.locator("h1")).to_have_text("Unauthorized")
    assert page.request.post(f"{server}/upload", multipart={"text": "x"}).status == 401


def test_a_card_opened_by_keyboard_focus_closes_when_focus_moves_on(server, page):
    page.goto(f"{server}/articles/{reference_id()}")
    detail = page.locator("#detail")
    page.locator(".m.q", has_text="Kursk region").first.focus()
    expect(detail).to_be_visible()
    page.locator("a", has_text="record (JSON)").first.focus()
    expect(detail).to_be_hidden()


def test_a_phone_sees_results_before_facets_and_no_page_wider_than_the_screen(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in ("/quotes", "/events", "/claims", "/entities", "/speakers", "/?q=Putin"):
            page.goto(server + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        results = page.locator("section.results").bounding_box()
        facets = page.locator("aside.facets").bounding_box()
        assert results and facets and results["y"] < facets["y"]
    finally:
        context.close()


def test_claim_and_event_rows_enter_the_article_at_their_record(server, page):
    for kind in ("claims", "events"):
        page.goto(f"{server}/{kind}")
        link = page.locator("table.rows td:last-child a").first
        href = link.get_attribute("href") or ""
        assert "#at-" in href, (kind, href)
        link.click()
        assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1, (kind, href)


def test_arriving_at_a_figure_from_the_claims_list_opens_its_card(server, page):
    page.goto(f"{server}/claims")
    page.locator("table.rows td:last-child a").first.click()
    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(detail.locator(".card").first).to_be_visible()
