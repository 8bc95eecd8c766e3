"""Registry coverage of the entity extractor on real articles (Wikinews JSONL: id, title, date, text).

There is no entity gold for these articles, so this reports what can be counted without one: how many
entities (per type) carry a registry id, how many a country, and the mention kinds found. ``--show``
prints every entity for eyeballing precision.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from according import gazetteer as gz
from according.records import Entity

GEO_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP"}


def read_articles(path: Path, limit: int | None, skip: int = 0) -> Iterator[dict[str, Any]]:
    """Articles of a JSONL file, from ``skip`` on, at most ``limit`` of them."""
    with path.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i < skip:
                continue
            if limit is not None and i >= skip + limit:
                return
            yield json.loads(line)


def in_registry(entity: Entity) -> bool:
    """Whether the entity was resolved to a shipped registry entry (not a per-article slug)."""
    return gz.by_id(entity.id) is not None


def tally(entities: list[Entity], counts: Counter) -> None:
    """Add one article's entities to the running counts."""
    for entity in entities:
        kind = entity.type
        counts[f"{kind}.entities"] += 1
        counts[f"{kind}.registry"] += in_registry(entity)
        counts[f"{kind}.country"] += entity.country is not None
        for mention in entity.mentions:
            counts[f"mentions.{mention.kind}"] += 1
            counts["mentions.crossing_break"] += "\n\n" in mention.text


def summary(counts: Counter, articles: int) -> dict[str, Any]:
    """Per-type totals with registry and country shares."""
    out: dict[str, Any] = {"articles": articles}
    for kind in sorted({k.split(".")[0] for k in counts if k.endswith(".entities")}):
        n, reg, country = (counts[f"{kind}.{k}"] for k in ("entities", "registry", "country"))
        out[kind] = {
            "entities": n,
            "registry": reg,
            "country": country,
            "registry_share": round(reg / n, 3),
            "country_share": round(country / n, 3),
        }
    out["mentions"] = {k.split(".", 1)[1]: v for k, v in sorted(counts.items()) if k.startswith("mentions.")}
    return out


def command(
    file: Annotated[Path, typer.Argument(help="Wikinews-style JSONL (id, title, date, text).", exists=True)],
    limit: Annotated[int, typer.Option(help="Articles to read.")] = 20,
    skip: Annotated[int, typer.Option(help="Articles to skip first.")] = 0,
    show: Annotated[bool, typer.Option("--show", help="Print every entity found.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Registry coverage of extracted entities: share with a registry id and with a country, per type."""
    from according.pipeline import extract_text

    counts: Counter = Counter()
    n = 0
    for article in read_articles(file, limit, skip):
        record = extract_text(article["text"], published=article.get("date"), steps=("entities",))
        tally(record.entities, counts)
        n += 1
        if show:
            typer.echo(f"# {article.get('title')}")
            for e in record.entities:
                mentions = ", ".join(sorted({f"{m.text!r}:{m.kind}" for m in e.mentions}))
                typer.echo(f"  {e.id:32} {e.type:6} {e.country or '-':4} {mentions}")
    result = summary(counts, n)
    if as_json:
        typer.echo(json.dumps(result))
        return
    from according.eval.report import print_scores

    print_scores(f"entities: {file.name}", result)
