"""The main entry point: raw article text in, one Record out (or an ErrorRecord for bad input)."""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.tokens import Doc

from according import __version__
from according.context import Context
from according.gazetteer import outlet_by_name
from according.ingest.encoding import clean_text
from according.ingest.text import IngestedText, ingest_text
from according.nlp import load, one_blas_thread
from according.records import Article, Record, article_id
from according.registry import check_order, components_for
from according.settings import SettingsProblem, get_settings, read_settings


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
    source_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    metadata_origin: dict[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """The Article record: original text, labelled parts, metadata with where each value came from.

    Precedence is decided by the caller (command line > document metadata > inferred); values passed here
    count as "given" unless ``metadata_origin`` says otherwise, and a title found in the text is "inferred".
    """
    from according.dates import real_date
    from according.ingest.language import detect_language

    origin = {"published": "given" if published else "none", "title": "given" if title else "inferred"}
    origin.update(metadata_origin or {})
    if published and origin["published"] == "given":  # a caller's date, as the command line checks it
        published = real_date(published)
    if not title and not ingested.title:
        origin["title"] = "none"
    outlet_entry = outlet_by_name(outlet) if outlet else None
    return Article(
        id=article_id(raw),
        source=source,
        source_id=source_id,
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
        warnings=list(warnings or []),
    )


PART_CHARS = 100_000  # longest text parsed in one piece: spaCy needs about 1 GB per 100,000 characters


def check_setup() -> None:
    """Before any article is read: the ``ACCORDING_*`` settings parse, the pipeline's order holds and the
    spaCy model is installed, so a wrong setting is one error for the run (SettingsProblem), not one error
    record per article."""
    import importlib.util
    from pathlib import Path

    settings = read_settings()
    try:
        check_order(settings.pipeline)
    except (KeyError, ValueError) as exc:
        raise SettingsProblem(f"ACCORDING_PIPELINE: {str(exc).strip(chr(34) + chr(39))}") from None
    model = settings.spacy_model
    if importlib.util.find_spec(model) is None and not Path(model).exists():
        raise SettingsProblem(f"ACCORDING_SPACY_MODEL: spaCy model {model!r} is not installed")


def parse(text: str, steps: tuple[str, ...] | None = None) -> Doc:
    """The spaCy parse of ``text``, leaving out components the configured steps do not need; a long text
    is parsed in paragraph-aligned parts of at most PART_CHARS characters and joined, so offsets are those
    of ``text`` and no length reaches spaCy's max_length."""
    nlp, disable = load(), unneeded(steps)
    with one_blas_thread():
        if len(text) <= PART_CHARS:
            return nlp(text, disable=disable)
        parts = [nlp(part, disable=disable) for part in text_parts(text, PART_CHARS)]
    for part in parts:  # the parts' cached texts (``text_of``) are not the joined Doc's; spaCy would warn
        part.user_data.clear()
    return Doc.from_docs(parts, ensure_whitespace=False)


def text_parts(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive parts of at most ``limit`` characters, each ending after a paragraph
    break where one is in reach, else after a line break or space, else at the limit."""
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next(
            (window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", " ") if window.rfind(sep) > 0), limit
        )
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def skipped_record(article: Article) -> Record | None:
    """The record of an article no extractor runs on (a language other than English), else None."""
    if article.language == "en":
        return None
    reason = f"the text is in language '{article.language}'; the extractors read English only"
    return Record(article=article, skipped=reason)


def run_pipeline(
    article: Article, ingested: IngestedText, steps: tuple[str, ...] | None = None, doc: Doc | None = None
) -> Record:
    """Run each configured extractor in order on the parse (parsed here unless ``doc`` is given); an
    article in another language than English is kept with its reason and no extraction.

    A configured order that runs a step before one it requires is refused with a ValueError.
    """
    skipped = skipped_record(article)
    if skipped is not None:
        return skipped
    extractors = check_order(steps or get_settings().pipeline)
    doc = doc if doc is not None else parse(ingested.mapped.text, steps)
    ctx = Context(article=article, mapped=ingested.mapped, doc=doc, record=Record(article=article))
    for step in extractors:
        setattr(ctx.record, step.field, step.func(ctx))
    return ctx.record


BATCH_CHARS = 32_000  # most characters parsed in one ``nlp.pipe`` batch: the parse's memory grows with it


def parse_batch(texts: list[str], steps: tuple[str, ...] | None = None) -> list[Doc]:
    """The parses of several cleaned texts at once (``nlp.pipe``, faster than one at a time), in groups of
    at most BATCH_CHARS characters so a run of long articles costs no more memory than typical ones; a
    text over PART_CHARS is parsed alone, in parts (see ``parse``)."""
    nlp, disable = load(), unneeded(steps)
    docs: list[Doc] = []
    with one_blas_thread():
        for group in char_groups([t for t in texts if len(t) <= PART_CHARS], BATCH_CHARS):
            docs.extend(nlp.pipe(group, batch_size=len(group), disable=disable))
    parsed = iter(docs)
    return [next(parsed) if len(t) <= PART_CHARS else parse(t, steps) for t in texts]


def char_groups(texts: list[str], limit: int) -> list[list[str]]:
    """Consecutive texts grouped so a group holds at most ``limit`` characters (a longer text alone)."""
    groups: list[list[str]] = []
    size = limit + 1
    for text in texts:
        if size + len(text) > limit:
            groups.append([])
            size = 0
        groups[-1].append(text)
        size += len(text)
    return groups


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
    """Clean and ingest one article's text and build its Article record, ready to parse. Lone surrogates
    and control characters are replaced one for one (``clean_text``), so offsets stay those of ``raw``."""
    raw = clean_text(raw)
    ingested = ingest_text(raw, hints)
    return Prepared(build_article(raw, ingested, **meta), ingested)


def extract_text(
    raw: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    source: str | None = None,
    source_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    metadata_origin: dict[str, str] | None = None,
    hints: list[tuple[str, int, int]] | None = None,
    warnings: list[str] | None = None,
    steps: tuple[str, ...] | None = None,
) -> Record:
    """Read one article's text and write down everything the pipeline finds in it.

    ``hints`` are (part kind, start, end) spans a document reader already knows (PDF headline, captions);
    ``warnings`` what the reader repaired. Lone surrogates and control characters are replaced one for one
    (``clean_text``), so ``article.text`` has the input's length and offsets.
    """
    ready = prepare(
        raw,
        hints,
        published=published,
        outlet=outlet,
        source=source,
        source_id=source_id,
        title=title,
        url=url,
        byline=byline,
        metadata_origin=metadata_origin,
        warnings=warnings,
    )
    return run_pipeline(ready.article, ready.ingested, steps)
