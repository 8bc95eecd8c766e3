"""Score HTML extraction on saved web pages: body-text token F1 against plain trafilatura, title and date.

Normalisation: body tokens are lower-cased word runs (each CJK character one token), compared as bags;
titles are NFKC, case-folded, whitespace-collapsed, curly quotes made straight and stripped of surrounding
punctuation, then must match exactly; dates compare as YYYY-MM-DD. Pages whose gold has no value for a
field are left out of that field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
QUOTES = str.maketrans("‘’“”", "''\"\"")
TOKEN_RE = re.compile(rf"[{CJK}]|[^\W{CJK}]+")


@dataclass
class Page:
    """One saved page with whatever gold the index gives."""

    name: str
    html: str
    gold_text: str | None
    gold_title: str | None
    gold_date: str | None


def tokens(text: str) -> Counter[str]:
    """The bag of lower-cased word tokens in ``text``."""
    return Counter(TOKEN_RE.findall(unicodedata.normalize("NFKC", text).lower()))


def token_f1(predicted: str | None, gold: str) -> float:
    """Bag-of-tokens F1 between extracted and expected body text (0 when nothing was extracted)."""
    pred, ref = tokens(predicted or ""), tokens(gold)
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def norm_title(title: str | None) -> str:
    """A title reduced for comparison: NFKC, case-folded, single spaces, no surrounding punctuation."""
    text = " ".join(unicodedata.normalize("NFKC", title or "").casefold().split()).translate(QUOTES)
    return text.strip(" \"'“”‘’.,:;|-–—")


def html_text(markup: str) -> str:
    """The text of an HTML fragment, with element boundaries as spaces."""
    from lxml import html as lxml_html

    return " ".join(lxml_html.fromstring(markup).itertext()) if markup.strip() else ""


def page_markup(path: Path) -> str:
    """A saved page decoded the way ingestion decodes it (declared charset, else detection)."""
    from according.ingest.html import decode_html

    text = decode_html(path.read_bytes(), str(path))
    return text if isinstance(text, str) else ""


def load_pages(root: Path, limit: int | None = None) -> Iterator[Page]:
    """Pages listed in ``root/index.jsonl`` with their gold text (plain or from the expected HTML)."""
    lines = (root / "index.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:limit] if limit else lines:
        row = json.loads(line)
        meta = row.get("gold_meta") or {}
        gold_text = None
        if row.get("gold_text"):
            gold_text = (root / row["gold_text"]).read_text(encoding="utf-8")
        elif row.get("gold_html"):
            gold_text = html_text((root / row["gold_html"]).read_text(encoding="utf-8"))
        yield Page(
            name=row["html"],
            html=page_markup(root / row["html"]),
            gold_text=gold_text,
            gold_title=meta.get("title") or None,
            gold_date=(meta.get("publish_date") or meta.get("publishedTime") or "")[:10] or None,
        )


def score_page(page: Page) -> dict[str, Any]:
    """Our extraction and plain trafilatura's on one page, scored field by field."""
    import trafilatura

    from according.ingest.html import extract_html

    ours = extract_html(page.html)
    plain = trafilatura.extract(page.html)
    plain_meta = trafilatura.extract_metadata(page.html)
    row: dict[str, Any] = {"page": page.name}
    if page.gold_text is not None and page.gold_text.strip():
        row["f1_ours"] = token_f1(ours.text if ours else None, page.gold_text)
        row["f1_trafilatura"] = token_f1(plain, page.gold_text)
    if page.gold_title:
        row["title_ours"] = norm_title(ours.title if ours else None) == norm_title(page.gold_title)
        plain_title = plain_meta.title if plain_meta else None
        row["title_trafilatura"] = norm_title(plain_title) == norm_title(page.gold_title)
    if page.gold_date:
        row["date_ours"] = (ours.published if ours else None) == page.gold_date
        row["date_trafilatura"] = ((plain_meta.date or "")[:10] if plain_meta else None) == page.gold_date
    return row


def mean(rows: list[dict[str, Any]], key: str) -> tuple[float, int]:
    """Average of one field over the rows that have it, and how many do."""
    values = [float(r[key]) for r in rows if key in r]
    return (sum(values) / len(values) if values else 0.0), len(values)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The flat figures: macro-averaged body F1 and title/date accuracy, ours and trafilatura's."""
    out: dict[str, Any] = {"pages": len(rows)}
    for key in [f"{field}_{who}" for field in ("f1", "title", "date") for who in ("ours", "trafilatura")]:
        value, count = mean(rows, key)
        out[key] = round(value, 4)
        out[f"{key.split('_')[0]}_pages"] = count
    return out


def evaluate(root: Path, limit: int | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Score every page under ``root``: the summary and the per-page rows."""
    rows = [score_page(page) for page in load_pages(root, limit)]
    return summarise(rows), rows


def command(
    directory: Annotated[Path, typer.Argument(help="Folder holding index.jsonl, pages/ and gold/.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N pages.")] = None,
) -> None:
    """Body-text F1 of our HTML extraction next to plain trafilatura's, with title and date accuracy."""
    summary, _rows = evaluate(directory, limit)
    if json_out:
        typer.echo(json.dumps(summary))
        return
    typer.echo(f"pages: {summary['pages']}")
    typer.echo(
        f"body F1 ({summary['f1_pages']} pages): ours {summary['f1_ours']:.4f}  "
        f"trafilatura {summary['f1_trafilatura']:.4f}"
    )
    typer.echo(
        f"title accuracy ({summary['title_pages']} pages): ours {summary['title_ours']:.4f}  "
        f"trafilatura {summary['title_trafilatura']:.4f}"
    )
    typer.echo(
        f"date accuracy ({summary['date_pages']} pages): ours {summary['date_ours']:.4f}  "
        f"trafilatura {summary['date_trafilatura']:.4f}"
    )
