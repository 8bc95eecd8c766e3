"""The JSON API under /api/v1/: the archive's records with the same filters as `according query`.

Every list is paginated (``limit`` ≤ 500, ``offset``) and answers ``{"items": [...], "limit", "offset"}``;
one article answers its whole Record. The OpenAPI document is at /api/v1/openapi.json.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from according.dates import partial_date
from according.records import Record
from according.serve.data import MAX_LIMIT, MAX_OFFSET, Filters, Workbench

router = APIRouter(tags=["records"])


def workbench(request: Request) -> Workbench:
    return request.app.state.wb


def optional_date(value: str) -> str:
    """``since``/``until``: empty, or a real year, month or day (anything else answers 422)."""
    return partial_date(value) if value.strip() else ""


DateParam = AfterValidator(optional_date)
DATE_SCHEMA = {"format": "date"}  # documented as a date; a year (YYYY) or month (YYYY-MM) is taken too


def filters(
    q: Annotated[
        str, Query(max_length=500, description="full-text search; syntax characters are words")
    ] = "",
    speaker: Annotated[str, Query(max_length=500, description="speaker entity id or name")] = "",
    entity: Annotated[str, Query(max_length=500, description="entity id (speaker, addressee or relay)")] = "",
    country: Annotated[str, Query(max_length=8, description="ISO 3166 alpha-3 country of the speaker")] = "",
    outlet: Annotated[str, Query(max_length=500)] = "",
    state_media: Annotated[bool, Query(description="only state-media speakers or relays")] = False,
    since: Annotated[
        str,
        Query(
            max_length=32, description="published on or after (YYYY[-MM[-DD]])", json_schema_extra=DATE_SCHEMA
        ),
        DateParam,
    ] = "",
    until: Annotated[
        str,
        Query(
            max_length=32,
            description="published on or before (YYYY[-MM[-DD]])",
            json_schema_extra=DATE_SCHEMA,
        ),
        DateParam,
    ] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Filters:
    return Filters(
        q=q,
        speaker=speaker,
        entity=entity,
        country=country,
        outlet=outlet,
        state_media=state_media,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleRow(Row):
    id: str
    title: str | None = None
    outlet: str | None = None
    outlet_state_media: bool | int | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class QuoteRow(Row):
    id: str
    article_id: str
    kind: str
    text: str | None = None
    cue_lemma: str | None = None
    speaker_entity_id: str | None = None
    speaker_name: str | None = None
    medium: str | None = None
    date: str | None = None
    confidence: float | None = None
    state_media: bool | int | None = None
    chain: list[Any] = Field(default_factory=list)
    outlet: str | None = None
    published: str | None = None


class ClaimRow(Row):
    id: str
    article_id: str
    text: str | None = None
    quantity: float | None = None
    quantity_text: str | None = None
    qualifier: str | None = None
    unit: str | None = None
    about: str | None = None
    attribution_id: str | None = None
    speaker_name: str | None = None
    outlet: str | None = None
    published: str | None = None


class EventRow(Row):
    id: str
    article_id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    evidence_text: str | None = None
    actors: list[Any] = Field(default_factory=list)
    recipients: list[Any] = Field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    published: str | None = None


class EntityRow(Row):
    id: str | None = None
    name: str | None = None
    type: str | None = None
    country: str | None = None
    state_media: bool | int | None = None
    articles: int = 0
    mentions: int | None = None


class SpeakerRow(Row):
    id: str | None = None
    name: str | None = None
    country: str | None = None
    statements: int = 0
    articles: int = 0


class Page(BaseModel):
    limit: int
    offset: int


class ArticlePage(Page):
    items: list[ArticleRow]


class QuotePage(Page):
    items: list[QuoteRow]


class ClaimPage(Page):
    items: list[ClaimRow]


class EventPage(Page):
    items: list[EventRow]


class EntityPage(Page):
    items: list[EntityRow]


class SpeakerPage(Page):
    items: list[SpeakerRow]


class TrailPage(Page):
    items: list[dict[str, Any]]


class FacetValue(Row):
    value: str | None = None
    n: int


class SearchResult(BaseModel):
    total: int
    articles: list[ArticleRow]
    quotes: list[QuoteRow]
    facets: dict[str, list[FacetValue]]


class Speaker(Row):
    id: str
    name: str | None = None
    statements: int
    timeline: list[tuple[str, int]]
    relays: list[dict[str, Any]]
    quotes: QuotePage


class Uploaded(BaseModel):
    id: str
    url: str


class Upload(BaseModel):
    text: str = Field(min_length=1)
    outlet: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


WB = Annotated[Workbench, Depends(workbench)]
F = Annotated[Filters, Depends(filters)]
NOT_FOUND = {404: {"description": "not in the archive"}}


def strip_text(page: dict[str, Any]) -> dict[str, Any]:
    for item in page["items"]:
        item.pop("text", None)
    return page


class Endpoint(BaseModel):
    method: str
    path: str
    summary: str


class Index(BaseModel):
    openapi: str
    endpoints: list[Endpoint]


@router.get(
    "/", response_model=Index, summary="What this API offers: every endpoint, and the OpenAPI document"
)
def index(request: Request) -> Index:
    """The entry point a person types first: the endpoints under /api/v1/ with their one-line summaries."""
    paths: dict[str, dict[str, Any]] = request.app.openapi().get("paths", {})
    endpoints = [
        Endpoint(method=method.upper(), path=path, summary=operation.get("summary", ""))
        for path, operations in paths.items()
        if path != "/api/v1/"
        for method, operation in operations.items()
    ]
    return Index(openapi=request.app.openapi_url or "", endpoints=endpoints)


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first")
def list_articles(wb: WB, f: F) -> Any:
    return wb.rows("articles", f)


@router.get(
    "/articles/{article_id}", response_model=Record, responses=NOT_FOUND, summary="One article's Record"
)
def get_article(wb: WB, article_id: str) -> Any:
    record = wb.record(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id}")
    return record


@router.post(
    "/articles",
    response_model=Uploaded,
    status_code=201,
    responses={
        401: {"description": "missing or wrong token"},
        413: {"description": "body too large"},
        **NOT_FOUND,
    },
    summary="Add one article (only when the server has a token; send it as `Authorization: Bearer …`)",
)
def post_article(request: Request, wb: WB, body: Upload) -> Any:
    token = request.app.state.token
    if not token:
        raise HTTPException(404, "uploads are disabled")
    auth = request.headers.get("authorization", "")
    given = (
        auth[7:].strip()
        if auth.lower().startswith("bearer ")
        else request.headers.get("x-according-token", "")
    )
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})
    result = wb.ingest_upload(
        body.text, name="upload.txt", data=None, outlet=body.outlet, published=body.published
    )
    if not isinstance(result, str):
        raise HTTPException(422, f"{result.stage}: {result.reason}")
    return {"id": result, "url": f"/articles/{result}"}


@router.get(
    "/quotes", response_model=QuotePage, summary="Attributions (who said what), with speaker and chain"
)
def list_quotes(wb: WB, f: F, kind: Literal["direct", "indirect", "mixed", "unattributed", ""] = "") -> Any:
    f.kind = kind
    return wb.rows("quotes", f)


@router.get("/claims", response_model=ClaimPage, summary="Figures and who gave them")
def list_claims(wb: WB, f: F) -> Any:
    return wb.rows("claims", f)


@router.get("/events", response_model=EventPage, summary="PLOVER events with their evidence")
def list_events(
    wb: WB,
    f: F,
    type: Annotated[str, Query(max_length=64, description="PLOVER type")] = "",
    actor: Annotated[str, Query(max_length=500, description="actor entity id")] = "",
    recipient: Annotated[str, Query(max_length=500, description="recipient entity id")] = "",
) -> Any:
    f.type, f.actor, f.recipient = type, actor, recipient
    return wb.rows("events", f)


@router.get("/entities", response_model=EntityPage, summary="Entities across the archive")
def list_entities(wb: WB, f: F) -> Any:
    return wb.rows("entities", f)


@router.get("/speakers", response_model=SpeakerPage, summary="Speakers by number of statements")
def list_speakers(wb: WB, f: F) -> Any:
    return wb.speakers(f)


@router.get("/speakers/{entity_id}", response_model=Speaker, responses=NOT_FOUND, summary="One speaker")
def get_speaker(wb: WB, f: F, entity_id: str) -> Any:
    speaker = wb.speaker(entity_id, f)
    if speaker is None:
        raise HTTPException(404, f"no speaker {entity_id}")
    return speaker


@router.get("/trails", response_model=TrailPage, summary="Quotations and claims seen in several articles")
def list_trails(wb: WB, f: F, kind: Literal["quote", "claim", ""] = "") -> Any:
    f.kind = kind
    return wb.trails(f)


@router.get("/trails/{trail_id}", response_model=dict[str, Any], responses=NOT_FOUND, summary="One trail")
def get_trail(wb: WB, trail_id: Annotated[int, Path(ge=0, le=2**63 - 1)]) -> Any:
    trail = wb.trail(str(trail_id))
    if trail is None:
        raise HTTPException(404, f"no trail {trail_id}")
    return trail


@router.get(
    "/search", response_model=SearchResult, summary="Full-text search over articles and what was said"
)
def search(wb: WB, f: F) -> Any:
    result = wb.search_page(f)
    for item in result["articles"]:
        item.pop("text", None)
        item.pop("snippet_kind", None)
    return result
