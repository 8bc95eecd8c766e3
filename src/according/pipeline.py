"""The main entry point: raw article text in, one Record out (or an ErrorRecord for bad input)."""

from __future__ import annotations

from according import __version__
from according.context import Context
from according.gazetteer import outlet_by_name
from according.ingest.text import IngestedText, ingest_text
from according.nlp import load
from according.records import Article, Record, article_id
from according.registry import get_extractor
from according.settings import get_settings


def build_article(
    raw: str,
    ingested: IngestedText,
    *,
    published: str | None = None,
    outlet: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    metadata_origin: dict[str, str] | None = None,
) -> Article:
    """The Article record: original text, labelled parts, metadata with where each value came from.

    Precedence is decided by the caller (command line > document metadata > inferred); values passed here
    count as "given" unless ``metadata_origin`` says otherwise, and a title found in the text is "inferred".
    """
    from according.ingest.language import detect_language

    origin = {"published": "given" if published else "none", "title": "given" if title else "inferred"}
    origin.update(metadata_origin or {})
    if not title and not ingested.title:
        origin["title"] = "none"
    outlet_entry = outlet_by_name(outlet) if outlet else None
    return Article(
        id=article_id(raw),
        source=source,
        url=url,
        outlet=outlet,
        outlet_state_media=bool(outlet_entry and outlet_entry.state_media),
        title=title or ingested.title,
        byline=byline,
        published=published,
        published_origin=origin["published"],  # type: ignore[arg-type]
        metadata_origin=origin,  # type: ignore[arg-type]
        language=detect_language(ingested.mapped.text),
        text=raw,
        parts=ingested.parts,
        extractor_version=__version__,
    )


def run_pipeline(article: Article, ingested: IngestedText, steps: tuple[str, ...] | None = None) -> Record:
    """Parse the cleaned text once and run each configured extractor in order."""
    doc = load()(ingested.mapped.text)
    ctx = Context(article=article, mapped=ingested.mapped, doc=doc, record=Record(article=article))
    for name in steps or get_settings().pipeline:
        step = get_extractor(name)
        setattr(ctx.record, step.field, step.func(ctx))
    return ctx.record


def extract_text(
    raw: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    metadata_origin: dict[str, str] | None = None,
    hints: list[tuple[str, int, int]] | None = None,
    steps: tuple[str, ...] | None = None,
) -> Record:
    """Read one article's text and write down everything the pipeline finds in it.

    ``hints`` are (part kind, start, end) spans a document reader already knows (PDF headline, captions).
    """
    ingested = ingest_text(raw, hints)
    article = build_article(
        raw,
        ingested,
        published=published,
        outlet=outlet,
        source=source,
        title=title,
        url=url,
        byline=byline,
        metadata_origin=metadata_origin,
    )
    if article.language != "en":
        reason = f"the text is in language '{article.language}'; the extractors read English only"
        return Record(article=article, skipped=reason)
    return run_pipeline(article, ingested, steps)
