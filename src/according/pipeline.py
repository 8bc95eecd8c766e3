"""The main entry point: raw article text in, one Record out (or an ErrorRecord for bad input)."""

from __future__ import annotations

from according import __version__
from according.context import Context
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
) -> Article:
    """The Article record: original text, labelled parts, metadata with where each value came from."""
    origin = {"published": "given" if published else "none", "title": "given" if title else "inferred"}
    return Article(
        id=article_id(raw),
        source=source,
        outlet=outlet,
        title=title or ingested.title,
        published=published,
        published_origin="given" if published else "none",
        metadata_origin=origin,  # type: ignore[arg-type]
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
    steps: tuple[str, ...] | None = None,
) -> Record:
    """Read one article's text and write down everything the pipeline finds in it."""
    ingested = ingest_text(raw)
    article = build_article(raw, ingested, published=published, outlet=outlet, source=source, title=title)
    return run_pipeline(article, ingested, steps)
