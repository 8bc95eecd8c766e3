"""Readable tables of query rows and trails, narrow enough for an 80-column terminal."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

WIDE = {"text": 40, "evidence": 40, "about": 28, "speaker": 18, "name": 24}


def cell(value: Any, width: int = 60) -> str:
    """A value as short text: lists joined with →, long text cut with …, None as —."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        value = " → ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(kind: str, rows: list[dict[str, Any]], columns: tuple[str, ...], console: Console) -> None:
    """One row per result, long columns cut so the table fits the terminal."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for name in columns:
        table.add_column(name, overflow="fold", max_width=WIDE.get(name, 14))
    for row in rows:
        table.add_row(*(cell(row.get(name), 200) for name in columns))
    console.print(table)
    console.print(f"{len(rows)} {kind}", style="dim", highlight=False)


def print_trail(trail: dict[str, Any], console: Console) -> None:
    """A trail: its first appearance, each appearance in order, then the changes along it."""
    apps = trail["appearances"]
    outlets = len({a["outlet"] for a in apps})
    console.rule(f"trail {trail['id']} · {trail['kind']} · {len(apps)} appearances · {outlets} outlets")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("published", max_width=10)
    table.add_column("outlet", max_width=14, overflow="fold")
    table.add_column("speaker", max_width=14, overflow="fold")
    table.add_column("text", overflow="fold", max_width=34)
    for number, app in enumerate(apps, start=1):
        who = cell(app["speaker"], 40)
        if app["chain"]:
            who += " via " + cell(app["chain"], 30)
        table.add_row(str(number), cell(app["published"]), cell(app["outlet"]), who, cell(app["text"], 160))
    console.print(table)
    for change in trail["changes"]:
        where = f"{change['outlet'] or change['article_id']}"
        detail = change.get("diff") or f"{change['from'] or '—'} → {change['to'] or '—'}"
        console.print(Text.assemble((f"  {change['type']:<9}", "bold"), f"{where}: ", detail))
