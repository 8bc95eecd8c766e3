"""A readable Rich view of one Record: who said what, according to whom."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.records import Attribution, Record


def shorten(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def chain_text(attr: Attribution) -> str:
    """ "—according to→ KCNA —reported→ …" for the relays of an attribution."""
    return " ".join(
        f"—{link.cue}→ {link.source.name}{' (inferred)' if link.inferred else ''}" for link in attr.chain
    )


WIDE = 110  # below this many columns the medium and chain go under what was said


def attribution_table(record: Record, width: int = WIDE) -> Table:
    """One row per attribution: speaker, cue, kind, what was said, medium and chain (a column of its own
    on wide terminals, a dim line under the content on narrow ones, so the content keeps its room)."""
    wide = width >= WIDE
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("who", ratio=1, min_width=12, max_width=32)
    table.add_column("cue", max_width=12)
    table.add_column("kind", no_wrap=True)
    table.add_column("what", ratio=3, min_width=24)
    if wide:
        table.add_column("through", ratio=1, min_width=12)
    for index, attr in enumerate(record.attributions, start=1):
        via = ", ".join(x for x in (attr.medium, chain_text(attr), attr.date) if x)
        what = Text(shorten(" … ".join(piece.text for piece in attr.content)))
        cells = [str(index), Text(speaker_text(attr)), Text(attr.cue_lemma or "(continues)"), attr.kind, what]
        if wide:
            cells.append(Text(via))
        elif via:
            what.append(f"\n{via}", style="dim")
        table.add_row(*cells)
    return table


def speaker_text(attr: Attribution) -> str:
    """The speaker's canonical name, with the words the article used when they differ."""
    who = attr.speaker.name if attr.speaker else "—"
    mention = " ".join(attr.speaker.mention.text.split()) if attr.speaker and attr.speaker.mention else who
    return who if mention == who else f"{who} ({mention})"


def summary_line(record: Record) -> Text:
    """Counts of each record type, with the publication date."""
    counts = (
        f"{len(record.attributions)} attributions · {len(record.entities)} entities · "
        f"{len(record.times)} dates · {len(record.claims)} claims · {len(record.events)} events"
    )
    return Text(f"{record.article.published or 'date unknown'} · {counts}", style="dim")


def print_record(record: Record, console: Console) -> None:
    """Headline, source, summary and the who-said-what table."""
    title = record.article.title or "(untitled)"
    console.rule(Text(shorten(title, 100), style="bold"))
    console.print(Text(record.article.source or record.article.id, style="dim"), summary_line(record))
    console.print(attribution_table(record, console.width))
