"""The main entry point: raw article text in, one Record out (or an ErrorRecord for bad input)."""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.tokens import Doc

from according import __version__
from according.context import Context
from according.gazetteer import outlet_by_name
from according.ingest.text import IngestedText, ingest_text
from according.nlp import load
from according.records import Article, Record, article_id
from according.registry import check_order, components_for
from according.settings import get_settings


class Prepared(NamedTuple):
    """An article read and cleaned, waiting for its parse."""

    article: Article
    ingested: IngestedText


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
        text=raw,
        parts=ingested.parts,
        extractor_version=__version__,
    )


def run_pipeline(
    article: Article, ingested: IngestedText, steps: tuple[str, ...] | None = None, doc: Doc | None = None
) -> Record:
    """Run each configured extractor in order on the parse (parsed here unless ``doc`` is given).

    A configured order that runs a step before one it requires is refused with a ValueError.
    """
    extractors = check_order(steps or get_settings().pipeline)
    doc = doc if doc is not None else parse(ingested.mapped.text, steps)
    ctx = Context(article=article, mapped=ingested.mapped, doc=doc, record=Record(article=article))
    for step in extractors:
        setattr(ctx.record, step.field, step.func(ctx))
    return ctx.record


def parse(text: str, steps: tuple[str, ...] | None = None) -> Doc:
    """The spaCy parse of one cleaned text, leaving out components the configured steps do not need."""
    return load()(text, disable=unneeded(steps))


def parse_batch(texts: list[str], steps: tuple[str, ...] | None = None) -> list[Doc]:
    """The parses of several cleaned texts at once (``nlp.pipe``, faster than one at a time)."""
    return list(load().pipe(texts, batch_size=max(1, len(texts)), disable=unneeded(steps)))


def unneeded(steps: tuple[str, ...] | None = None) -> list[str]:
    """The loaded model's components that no configured step needs (see ``registry.components_for``)."""
    needed = components_for(steps or get_settings().pipeline)
    return [name for name in load().pipe_names if COMPONENT_OF.get(name, name) not in needed]


# our components stand in for (or serve) these model components
COMPONENT_OF = {
    "according_attributes": "attribute_ruler",
    "according_lemmas": "lemmatizer",
    "according_paragraph_breaks": "parser",
}


def prepare(raw: str, hints: list[tuple[str, int, int]] | None = None, **meta: Any) -> Prepared:
    """Ingest one article's text and build its Article record, ready to parse."""
    ingested = ingest_text(raw, hints)
    return Prepared(build_article(raw, ingested, **meta), ingested)


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
    ready = prepare(
        raw,
        hints,
        published=published,
        outlet=outlet,
        source=source,
        title=title,
        url=url,
        byline=byline,
        metadata_origin=metadata_origin,
    )
    return run_pipeline(ready.article, ready.ingested, steps)
