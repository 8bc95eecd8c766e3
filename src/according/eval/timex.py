"""Score the time extractor on TIMEX3 gold in JSONL (TimeBank, AQUAINT) the TempEval-3 way.

Each gold line: ``{"id", "text", "date" (document creation time), "timex3": [{"start", "end", "type",
"value"}, …]}``. Spans match relaxed (any overlap), one to one, greedily by overlap size; a value counts
when its span matched and the value string is equal. Figures are given over all types and per type
(predictions and gold of that type only).

Values are compared as exact strings, as the official TempEval-3 scorer does (its
``evaluate_entities.py`` tests ``g.value == s.value``; its TimeML-Normalizer step only renumbers ids):
no normalisation, so the decade ``199`` (TimeML 1.2.1) and AQUAINT's ``199X``, or ``2000-W07`` and
``2000-W7``, count as different values. Nothing here is more lenient than the official scorer.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from according.eval import GoldFormatError

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex3:
    """One time expression, gold or predicted: original-text offsets, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


def read_documents(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` documents of a TIMEX3 JSONL file."""
    docs: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                docs.append(timex_document(json.loads(line), number))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def timex_document(doc: Any, number: int) -> dict[str, Any]:
    """One line of the gold file, checked: an object with ``text`` and a ``timex3`` list of spans."""
    spans = doc.get("timex3") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or not isinstance(spans, list):
        raise GoldFormatError(f"line {number}: not a TIMEX3 document (an object with 'text' and 'timex3')")
    if not all(isinstance(t, dict) and {"start", "end", "type"} <= t.keys() for t in spans):
        raise GoldFormatError(f"line {number}: each 'timex3' span needs 'start', 'end' and 'type'")
    return doc


def gold_of(doc: dict[str, Any]) -> list[Timex3]:
    """The gold TIMEX3 spans of one document."""
    return [Timex3(t["start"], t["end"], t["type"], t.get("value"), t.get("text", "")) for t in doc["timex3"]]


def predict(doc: dict[str, Any]) -> list[Timex3]:
    """Run the product's pipeline (ingestion, parse, "times" step) with the DCT as publication date."""
    from according.pipeline import extract_text

    published = (doc.get("date") or "")[:10] or None
    record = extract_text(doc["text"], published=published, steps=("times",))
    return [Timex3(t.span.start, t.span.end, t.type, t.value, t.span.text) for t in record.times]


def match(gold: list[Timex3], pred: list[Timex3]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching (any overlap), largest overlaps first: (gold index, pred index) pairs."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, gi, pi in sorted(pairs):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matched.append((gi, pi))
    return matched


def count(gold: list[Timex3], pred: list[Timex3], scope: str) -> Counter[str]:
    """Counts of one document under one scope (all types, or one type): gold, pred, span and value hits."""
    pairs = match(gold, pred)
    values = sum(gold[gi].value == pred[pi].value for gi, pi in pairs)
    return Counter(
        {
            f"{scope}.gold": len(gold),
            f"{scope}.pred": len(pred),
            f"{scope}.span": len(pairs),
            f"{scope}.value": values,
        }
    )


def document_counts(gold: list[Timex3], pred: list[Timex3]) -> Counter[str]:
    """Counts over all types and for each type separately."""
    counts = count(gold, pred, "all")
    for kind in TYPES:
        counts += count([g for g in gold if g.type == kind], [p for p in pred if p.type == kind], kind)
    return counts


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall, F1 and the raw counts."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
    }


def figures(counts: Counter[str]) -> dict[str, float | int]:
    """Flat figures: ``all.span_f1``, ``DATE.value_precision``, ``TIME.span_tp``…"""
    flat: dict[str, float | int] = {}
    for scope in ("all", *TYPES):
        n_gold, n_pred = counts[f"{scope}.gold"], counts[f"{scope}.pred"]
        for level in ("span", "value"):
            for key, number in prf(counts[f"{scope}.{level}"], n_pred, n_gold).items():
                flat[f"{scope}.{level}_{key}"] = number
    return flat


def errors_of(doc: dict[str, Any], gold: list[Timex3], pred: list[Timex3]) -> Iterator[dict[str, Any]]:
    """The misses of one document: missed gold, spurious predictions and wrong values."""
    pairs = match(gold, pred)
    matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    base = {"id": doc.get("id"), "dct": doc.get("date")}
    for gi, pi in pairs:
        if gold[gi].value != pred[pi].value or gold[gi].type != pred[pi].type:
            yield {**base, "error": "value", "gold": gold[gi].__dict__, "pred": pred[pi].__dict__}
    for gi in sorted(set(range(len(gold))) - matched_gold):
        yield {**base, "error": "missed", "gold": gold[gi].__dict__, "context": context(doc, gold[gi])}
    for pi in sorted(set(range(len(pred))) - matched_pred):
        yield {**base, "error": "spurious", "pred": pred[pi].__dict__, "context": context(doc, pred[pi])}


def context(doc: dict[str, Any], timex: Timex3, width: int = 60) -> str:
    """The text around an expression, on one line, with the expression in [brackets]."""
    text = doc["text"]
    left = text[max(0, timex.start - width) : timex.start]
    right = text[timex.end : timex.end + width]
    return " ".join(f"{left}[{text[timex.start : timex.end]}]{right}".split())


def progress_bar(console: Console) -> Progress:
    """A progress bar on stderr for long runs."""
    return Progress(
        TextColumn("[bold]timex[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def score(
    docs: Iterable[dict[str, Any]], errors: list[dict[str, Any]] | None = None, console: Console | None = None
) -> dict[str, float | int]:
    """Run the pipeline on each document and return the flat TempEval-3 figures."""
    docs = list(docs)
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    with progress_bar(console or Console(stderr=True)) as bar:
        task = bar.add_task("documents", total=len(docs))
        for doc in docs:
            gold, pred = gold_of(doc), predict(doc)
            counts += document_counts(gold, pred)
            if errors is not None:
                errors.extend(errors_of(doc, gold, pred))
            bar.advance(task)
    elapsed = time.perf_counter() - started
    result = figures(counts)
    result["documents"] = len(docs)
    result["documents_per_second"] = round(len(docs) / elapsed, 2) if elapsed else 0.0
    return result


def table(result: dict[str, float | int], title: str) -> Table:
    """A readable table: one row per scope, span and value P/R/F1 with the counts."""
    grid = Table(title=title)
    for column in ("scope", "gold", "span P", "span R", "span F1", "value P", "value R", "value F1"):
        grid.add_column(column, justify="left" if column == "scope" else "right")
    for scope in ("all", *TYPES):
        gold = result[f"{scope}.span_tp"] + result[f"{scope}.span_fn"]
        grid.add_row(
            scope,
            str(gold),
            *(
                f"{result[f'{scope}.{level}_{key}']:.3f}"
                for level in ("span", "value")
                for key in ("precision", "recall", "f1")
            ),
        )
    return grid


def command(
    file: Annotated[Path, typer.Argument(help="TIMEX3 JSONL (id, text, date, timex3 spans).", exists=True)],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object of flat figures.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    errors: Annotated[Path | None, typer.Option(help="Write the misses (JSONL) to this file.")] = None,
) -> None:
    """TempEval-3 relaxed span F1 and value F1 of the time extractor, overall and per TIMEX3 type."""
    misses: list[dict[str, Any]] | None = [] if errors else None
    result = score(read_documents(file, limit), misses)
    if errors and misses is not None:
        errors.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")
    if json_out:
        typer.echo(json.dumps(result))
        return
    console = Console()
    console.print(table(result, f"{file.name}: {result['documents']} documents"))
    console.print(f"{result['documents_per_second']} documents/s")
