"""The FastAPI app: server-rendered pages, the JSON API under /api/v1/, Datasette at /explore, uploads.

Read-only by default: the upload page and endpoint exist only when a token is configured. Every response
carries a Content-Security-Policy that allows scripts and styles from this server only (no inline code), so
article text that slipped through escaping still could not run; Datasette's pages, which carry their own
inline scripts, get a looser one.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from according.serve import views
from according.serve.data import KINDS, BadFilter, Filters, Workbench
from according.serve.marks import draw_parts, speaker_key
from according.serve.palette import speaker_colours

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 5_000_000

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# Datasette ships its own inline scripts and styles (it escapes every value it shows)
CSP_EXPLORE = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class SecurityHeaders:
    """Adds the CSP and a few hardening headers to every HTTP response; refuses bodies over ``limit`` bytes
    on writing requests with 413 (by Content-Length, and by counting when the body is streamed)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        loose = path.startswith("/explore")
        policy = CSP_EXPLORE if loose else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"
                ]
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        if scope.get("method") in ("POST", "PUT", "PATCH"):
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.limit:
                await too_large(send_with_headers, self.limit)
                return
            seen = 0

            async def counted() -> Message:
                nonlocal seen
                message = await receive()
                if message["type"] == "http.request":
                    seen += len(message.get("body", b""))
                    if seen > self.limit:
                        raise BodyTooLarge
                return message

            try:
                await self.app(scope, counted, send_with_headers)
            except BodyTooLarge:
                await too_large(send_with_headers, self.limit)
            return
        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """A streamed request body went over the limit."""


async def too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body over the limit of {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    explore: bool = True,
) -> FastAPI:
    """The workbench over the archive at ``db``. Uploads are enabled only when ``token`` is set."""
    wb = Workbench(db, writable=bool(token))
    app = FastAPI(
        title="according workbench",
        version="1",
        summary="Who said what, according to whom: the records of an archive of news articles.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI would be fetched from a CDN: the OpenAPI document is the reference
        redoc_url=None,
    )
    app.state.wb = wb
    app.state.token = token
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        """The icon for pages that do not name one (Datasette's): browsers ask for /favicon.ico."""
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.globals.update(
        shorten=views.shorten,
        participant_name=views.participant_name,
        time_value=views.time_value,
        highlight=views.highlight,
        page_url=page_url,
        query_string=query_string,
        upload_enabled=bool(token),
    )

    from according.serve.api import router as api_router

    app.include_router(api_router, prefix="/api/v1")

    def memo(request: Request, compute: Any) -> HTMLResponse:
        """A read-only page from the cache (same path and query, archive unchanged) or computed now."""

        def run() -> tuple[int, bytes]:
            response = compute()
            return response.status_code, bytes(response.body)

        status, body = wb.cached("page", (request.url.path, request.url.query), run)
        return HTMLResponse(body, status_code=status)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", "not found")
        if request.url.path.startswith("/api/"):
            return Response(json.dumps({"detail": detail}), status_code=404, media_type="application/json")
        return page(request, "message.html", 404, title="Not found", message=str(detail))

    @app.exception_handler(BadFilter)
    async def bad_filter(request: Request, exc: BadFilter) -> Response:
        return page(request, "message.html", 400, title="Bad filter", message=str(exc))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        filters = Filters.from_query(request.query_params)
        return memo(
            request, lambda: page(request, "search.html", filters=filters, result=wb.search_page(filters))
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        def render() -> str | None:
            record = wb.record(article_id)
            if record is None:
                return None
            return env.get_template("article.html").render(request=request, **article_context(record))

        html = wb.cached("article_html", article_id, render)  # kept while the archive file is unchanged
        if html is None:
            raise HTTPException(404, f"no article {article_id} in the archive")
        return HTMLResponse(html)

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request) -> HTMLResponse:
        filters = Filters.from_query(request.query_params)
        return memo(
            request, lambda: page(request, "speakers.html", filters=filters, page=wb.speakers(filters))
        )

    @app.get("/speakers/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, entity_id: str) -> HTMLResponse:
        filters = Filters.from_query(request.query_params)
        speaker = wb.speaker(entity_id, filters)
        if speaker is None:
            raise HTTPException(404, f"no speaker {entity_id} in the archive")
        return page(
            request, "speaker.html", speaker=speaker, filters=filters, svg=timeline_svg(speaker["timeline"])
        )

    @app.get("/trails", response_class=HTMLResponse, include_in_schema=False)
    def trails_page(request: Request) -> HTMLResponse:
        filters = Filters.from_query(request.query_params)
        return memo(request, lambda: page(request, "trails.html", filters=filters, page=wb.trails(filters)))

    @app.get("/trails/{trail_id}", response_class=HTMLResponse, include_in_schema=False)
    def trail_page(request: Request, trail_id: str) -> HTMLResponse:
        trail = wb.trail(trail_id)
        if trail is None:
            raise HTTPException(404, f"no trail {trail_id} in the archive")
        changes, counts = trail_changes(trail)
        return page(
            request, "trail.html", trail=trail, diffs=trail_diffs(trail), changes=changes, counts=counts
        )

    for kind in KINDS:
        register_list(app, wb, page, memo, kind)
    for kind in (*KINDS, "speakers", "trails"):
        register_downloads(app, wb, kind)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> HTMLResponse:
        if not token:
            raise HTTPException(404, "uploads are disabled (start the server with --token)")
        return page(request, "upload.html")

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        if not token:
            raise HTTPException(404, "uploads are disabled (start the server with --token)")
        form = await request.form(max_part_size=max_upload_bytes)
        given = request.headers.get("x-according-token") or bearer(request) or str(form.get("token") or "")
        if not secrets.compare_digest(given.encode(), token.encode()):
            return page(
                request, "message.html", 401, title="Unauthorized", message="A valid token is required."
            )
        text, name = await form_text(form)
        if not text.strip():
            return page(
                request, "upload.html", 422, error="Paste some text or choose a .txt, .html or .pdf file."
            )
        result = wb.ingest_upload(
            text if isinstance(text, str) else "",
            name=name,
            data=text if isinstance(text, bytes) else None,
            outlet=str(form.get("outlet") or "") or None,
            published=str(form.get("published") or "") or None,
        )
        if isinstance(result, str):
            return RedirectResponse(f"/articles/{result}", status_code=303)
        return page(request, "upload.html", 422, error=f"{result.stage}: {result.reason}")

    if explore:
        mount_datasette(app, Path(db))
    app.add_middleware(SecurityHeaders, limit=max_upload_bytes)
    return app


def bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else ""


async def form_text(form: Any) -> tuple[Any, str]:
    """The pasted text, or the uploaded file's bytes with its name (the reader decides by suffix)."""
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and getattr(upload, "filename", ""):
        data = await upload.read()
        if data:
            return data, Path(upload.filename).name
    return str(form.get("text") or ""), "pasted.txt"


def register_list(app: FastAPI, wb: Workbench, page: Any, memo: Any, kind: str) -> None:
    """The list page of one record type (its downloads: register_downloads)."""

    def list_page(request: Request) -> HTMLResponse:
        filters = Filters.from_query(request.query_params)

        def render() -> HTMLResponse:
            extra = {"types": wb.event_types()} if kind == "events" else {}
            rows = wb.rows(kind, filters)
            return page(request, f"{kind}.html", kind=kind, filters=filters, page=rows, **extra)

        return memo(request, render)

    app.add_api_route(f"/{kind}", list_page, response_class=HTMLResponse, include_in_schema=False)


def register_downloads(app: FastAPI, wb: Workbench, kind: str) -> None:
    """CSV and JSONL of every row of a list with the filters of its page (trails in CSV: one row per
    appearance)."""

    def download_csv(request: Request) -> Response:
        filters = Filters.from_query(request.query_params)
        return StreamingResponse(
            csv_lines(wb.all_rows(kind, filters, flat=True)),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{kind}.csv"'},
        )

    def download_jsonl(request: Request) -> Response:
        filters = Filters.from_query(request.query_params)
        lines = (
            json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in wb.all_rows(kind, filters)
        )
        return StreamingResponse(
            lines,
            media_type="application/x-ndjson; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{kind}.jsonl"'},
        )

    app.add_api_route(f"/{kind}.csv", download_csv, include_in_schema=False)
    app.add_api_route(f"/{kind}.jsonl", download_jsonl, include_in_schema=False)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (``=HYPERLINK(…``, ``@SUM(…``, ``+44…``) gets a
    leading apostrophe, as OWASP advises for CSV downloads; numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER_RE.fullmatch(value):
        return "'" + value
    return value


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text of the rows for a spreadsheet: the header is the first row's keys, lists and dicts as JSON,
    text that would run as a formula neutralised."""
    buffer = io.StringIO()
    writer: csv.DictWriter | None = None
    for row in rows:
        flat = {
            k: spreadsheet_safe(json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
            for k, v in row.items()
        }
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if writer is None:
        yield ""


def article_context(record: Any) -> dict[str, Any]:
    """Everything the article page needs: drawn parts, the who-said-what list, speakers of claims."""
    colours = speaker_colours(speaker_key(a) for a in record.attributions)
    who = []
    for attr in sorted(record.attributions, key=lambda a: a.content[0].start if a.content else 0):
        key = speaker_key(attr)
        who.append(
            {
                "attr": attr,
                "speaker": attr.speaker.name if attr.speaker else "unknown speaker",
                "shade": f"sp{colours[key]}" if key else "sp-none",
                "text": views.shorten(" … ".join(p.text for p in attr.content), 260),
                "chain": views.chain_line(attr),
            }
        )
    by_id = {a.id: a for a in record.attributions}
    claim_speakers = {
        c.id: views.chain_line(by_id[c.attribution_id]) for c in record.claims if c.attribution_id in by_id
    }
    return {
        "record": record,
        "article": record.article,
        "parts": draw_parts(record),
        "who": who,
        "claim_speakers": claim_speakers,
        "names": {entity.id: entity.name for entity in record.entities},
    }


def page_url(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters replaced."""
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    return f"{request.url.path}?{urlencode(params)}"


def query_string(request: Request, drop: Iterable[str] = (), **changes: Any) -> str:
    """``?a=b&…`` of the current filters without ``drop`` (and with ``changes``), or ''."""
    params = {k: v for k, v in request.query_params.items() if k not in set(drop) and v != ""}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return f"?{urlencode(params)}" if params else ""


def timeline_svg(counts: list[tuple[str, int]], width: int = 640, height: int = 120) -> str:
    """Bars of counts per period as inline SVG (attributes only, no inline style: the CSP allows it)."""
    from markupsafe import escape

    if not counts:
        return ""
    top = max(n for _, n in counts) or 1
    step = min(width / len(counts), 48)
    bar = max(1.0, step - 2)
    pieces = [
        f'<svg class="timeline" role="img" aria-label="statements per month" width="{width}" '
        f'height="{height + 30}" viewBox="0 0 {width} {height + 30}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (period, n) in enumerate(counts):
        h = round(height * n / top, 1)
        x = round(i * step + 1, 1)
        pieces.append(
            f'<rect x="{x}" y="{height - h + 4}" width="{bar:.1f}" height="{h}">'
            f"<title>{escape(period)}: {n}</title></rect>"
        )
    label_every = max(1, len(counts) // 8)
    for i, (period, _) in enumerate(counts):
        if i % label_every == 0:
            pieces.append(f'<text x="{round(i * step + 1, 1)}" y="{height + 22}">{escape(period)}</text>')
    pieces.append(f'<text x="{width - 4}" y="12" text-anchor="end">max {top}</text></svg>')
    return "".join(pieces)


TOKEN_RE = re.compile(r"\w+[^\w\s]*\s*|[^\w\s]+\s*|\s+")


def trail_diffs(trail: dict[str, Any]) -> list[Any]:
    """Each appearance's text as escaped HTML, words that differ from the first appearance marked
    (<del> what the first said, <ins> what this one says; case and punctuation alone do not count)."""
    import difflib

    from markupsafe import Markup, escape

    def tokens(text: str) -> list[str]:
        return TOKEN_RE.findall(" ".join(text.split()))

    def key(token: str) -> str:
        return re.sub(r"[^\w]", "", token.lower()) or token.strip()

    out: list[Any] = []
    apps = trail.get("appearances") or []
    first = tokens(str(apps[0].get("text") or "")) if apps else []
    for index, appearance in enumerate(apps):
        current = tokens(str(appearance.get("text") or ""))
        if index == 0:
            out.append(Markup(escape("".join(current))))
            continue
        html: list[str] = []
        matcher = difflib.SequenceMatcher(
            a=[key(t) for t in first], b=[key(t) for t in current], autojunk=False
        )
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "equal":
                html.append(str(escape("".join(current[b0:b1]))))
                continue
            if op in ("delete", "replace"):
                html.append(f"<del>{escape(''.join(first[a0:a1]).strip())}</del> ")
            if op in ("insert", "replace"):
                html.append(f"<ins>{escape(''.join(current[b0:b1]).strip())}</ins> ")
        out.append(Markup("".join(html)))
    return out


def trail_changes(trail: dict[str, Any]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The archive's changes grouped by the appearance (article) they belong to, and counted by type."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, int] = {}
    for change in trail.get("changes") or []:
        if not isinstance(change, dict):
            continue
        by_article.setdefault(str(change.get("article_id")), []).append(change)
        kind = str(change.get("type") or "change")
        counts[kind] = counts.get(kind, 0) + 1
    return by_article, counts


EXPLORE = "/explore"
ARTICLE_ROW_RE = re.compile(r"/[^/]+/articles/([0-9a-f]{16})")


def mount_datasette(app: FastAPI, db: Path) -> None:
    """Datasette at /explore, reading the archive in read-only mode (not as an immutable file: `according
    ingest` may add articles while the workbench serves them), with a SQL time limit."""
    try:
        from datasette.app import Datasette
    except ImportError:  # the serve extra is not installed: the rest of the workbench still works
        return
    settings = {
        "base_url": EXPLORE + "/",
        "sql_time_limit_ms": 2000,
        "allow_download": False,
        "max_returned_rows": 1000,
    }
    ds = Datasette(settings=settings, files=[str(db)])  # type: ignore[arg-type]
    app.mount(EXPLORE, unprefixed(article_ids_to_pages(ds.app()), EXPLORE))


def article_ids_to_pages(inner: ASGIApp) -> ASGIApp:
    """Datasette links an article id (the other tables' foreign key) as if it were the key of the articles
    table, which is ``seq``: such a link opens the article's own page instead of Datasette's 404."""

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        found = ARTICLE_ROW_RE.fullmatch(scope.get("path", "")) if scope["type"] == "http" else None
        if found:
            await RedirectResponse(f"/articles/{found[1]}", status_code=307)(scope, receive, send)
            return
        await inner(scope, receive, send)

    return call


def unprefixed(inner: ASGIApp, prefix: str) -> ASGIApp:
    """The mounted app sees its paths without ``prefix``: Datasette puts its ``base_url`` in front of every
    link it builds, so a path that still held the prefix came back doubled (/explore/explore/…)."""

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            path: str = scope["path"]
            raw = (scope.get("raw_path") or path.encode("utf-8")).decode("latin-1")
            scope = {
                **scope,
                "path": strip(path, prefix),
                "raw_path": strip(raw, prefix).encode("latin-1"),
                "root_path": "",
            }
        await inner(scope, receive, send)

    return call


def strip(path: str, prefix: str) -> str:
    """``path`` without a leading ``prefix`` (the root when nothing is left)."""
    return (path[len(prefix) :] or "/") if path.startswith(prefix) else path


def app_from_env() -> FastAPI:
    """The app uvicorn's workers build (``according serve`` puts its options in the environment)."""
    import os

    return create_app(
        os.environ["ACCORDING_SERVE_DB"],
        token=os.environ.get("ACCORDING_TOKEN") or None,
        max_upload_bytes=int(os.environ.get("ACCORDING_SERVE_MAX_UPLOAD", DEFAULT_MAX_UPLOAD)),
    )
