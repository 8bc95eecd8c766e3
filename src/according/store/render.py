"""Readable tables of query rows and trails, narrow enough for an 80-column terminal."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.wording import counted

WIDTHS = {"published": 10, "outlet": 12, "speaker": 16, "kind": 8, "figure": 12, "type": 10, "country": 7}
FLEXIBLE = {"text", "evidence", "about", "name", "entity_id", "actors", "recipients"}


def cell(value: Any, width: int = 60) -> str:
    """A value as short text: lists joined with →, long text cut with …, None as —."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        value = " → ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(
    kind: str, rows: list[dict[str, Any]], columns: tuple[str, ...], console: Console, summary: Console
) -> None:
    """One row per result; short columns cut with …, long ones wrapped, so the table fits the terminal.

    Only the table goes to ``console`` (no blank edge lines); the count line (``2 quotes``) goes to
    ``summary``, which is stderr from the command line, so stdout carries nothing but the data.
    """
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True, show_edge=False)
    for name in columns:
        if name in FLEXIBLE:
            table.add_column(name, overflow="fold", ratio=2 if name in ("text", "evidence") else 1)
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=WIDTHS.get(name, 10))
    for row in rows:
        table.add_row(*(cell(shown(row, name), 240) for name in columns))
    console.print(table)
    summary.print(count_line(len(rows), kind), style="dim", highlight=False)


def count_line(count: int, kind: str) -> str:
    """``1 quote``, ``2 entities``: how many results of a query kind (named in the plural) were listed."""
    singular = kind[:-3] + "y" if kind.endswith("ies") else kind[:-1]
    return counted(count, singular, kind)


def shown(row: dict[str, Any], name: str) -> Any:
    """The value a table shows: a speaker with the relays it came through (``X via Y``)."""
    if name == "speaker" and row.get("chain"):
        return f"{row.get('speaker') or '—'} via {' → '.join(row['chain'])}"
    return row.get(name)


def print_trails(trails: list[dict[str, Any]], console: Console, summary: Console) -> None:
    """Every trail in turn, then the count line (``2 trails``) on ``summary``, as tables have."""
    for trail in trails:
        print_trail(trail, console)
    summary.print(count_line(len(trails), "trails"), style="dim", highlight=False)


def print_trail(trail: dict[str, Any], console: Console) -> None:
    """A trail: its first appearance, each appearance in order, then the changes along it."""
    apps = trail["appearances"]
    outlets = len({a["outlet"] for a in apps})
    console.rule(f"trail {trail['id']} · {trail['kind']} · {len(apps)} appearances · {outlets} outlets")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
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
    if trail["changes"]:
        console.print(changes_grid(trail["changes"]))


def changes_grid(changes: list[dict[str, Any]]) -> Table:
    """One line per change (type, then where and what); a long one wraps under its own text, not under
    the type column."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for change in changes:
        where = f"{change['outlet'] or change['article_id']}"
        detail = change.get("diff") or f"{change['from'] or '—'} → {change['to'] or '—'}"
        grid.add_row(f"  {change['type']}", Text(f"{where}: {detail}"))
    return grid
