"""Readable Rich views of one Record: who said what, according to whom, and the other record types."""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.records import Attribution, EntityRef, Record
from according.tables import LIST_SEPARATOR, link_label

# one colour per speaker, in order of first appearance; readable on dark and light backgrounds and shared
# with the web page (as CSS colours) so an article looks the same in the terminal and the browser
SPEAKER_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#e377c2",
    "#8c564b",
    "#bcbd22",
    "#7f7f7f",
)
NO_SPEAKER = "—"


def speaker_key(attr: Attribution) -> str:
    """What makes two attributions the same speaker: the entity id, else the name, else no speaker."""
    if attr.speaker is None:
        return NO_SPEAKER
    return attr.speaker.entity_id or attr.speaker.name.lower()


def speaker_colours(record: Record) -> dict[str, str]:
    """Speaker key → colour, in order of first appearance (no speaker is grey)."""
    colours: dict[str, str] = {NO_SPEAKER: "#7f7f7f"}
    for attr in record.attributions:
        key = speaker_key(attr)
        if key not in colours:
            colours[key] = SPEAKER_PALETTE[(len(colours) - 1) % len(SPEAKER_PALETTE)]
    return colours


def shorten(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def chain_text(attr: Attribution) -> str:
    """ "—according to→ KCNA (state media)" for the relays of an attribution, from the speaker outwards;
    a relay carried over from an earlier sentence is marked (inferred)."""
    return " ".join(
        f"—{link.cue}→ {link_label(link)}{' (inferred)' if link.inferred else ''}" for link in attr.chain
    )


WIDE = 110  # below this many columns the medium and chain go under what was said


def ref_text(ref: EntityRef | None) -> str:
    """An entity's canonical name, with the article's words when they differ by more than case, and a
    state-media marker."""
    if ref is None:
        return NO_SPEAKER
    mention = " ".join(ref.mention.text.split()) if ref.mention else ref.name
    text = ref.name if same_words(mention, ref.name) else f"{ref.name} ({mention})"
    return f"{text} [state media]" if ref.state_media else text


def same_words(mention: str, name: str) -> bool:
    """True when a mention is the name itself, but for case and a leading "the"."""
    strip = lambda words: re.sub(r"^the\s+", "", words.lower())  # noqa: E731
    return strip(mention) == strip(name)


def speaker_text(attr: Attribution) -> str:
    """The speaker as the table shows it."""
    return ref_text(attr.speaker)


def through_lines(attr: Attribution) -> list[tuple[str, str]]:
    """Labelled lines for how a statement reached the page: medium, chain, addressee, date."""
    lines = [
        ("medium", attr.medium or ""),
        ("chain", chain_text(attr)),
        ("to", ref_text(attr.addressee) if attr.addressee else ""),
        ("date", attr.date or ""),
    ]
    return [(label, value) for label, value in lines if value]


def labelled(lines: list[tuple[str, str]]) -> Text:
    """``medium: letter`` lines, the labels dim."""
    text = Text()
    for index, (label, value) in enumerate(lines):
        if index:
            text.append("\n")
        text.append(f"{label}: ", style="dim")
        text.append(value)
    return text


def attribution_table(record: Record, width: int = WIDE) -> Table:
    """One row per attribution: speaker, cue, kind, what was said, and how it reached the page (a column
    of its own on wide terminals, labelled lines under the content on narrow ones)."""
    wide = width >= WIDE
    colours = speaker_colours(record)
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("who", ratio=1, min_width=12, max_width=32)
    table.add_column("cue", max_width=12)
    table.add_column("kind", no_wrap=True)
    table.add_column("what", ratio=3, min_width=24)
    if wide:
        table.add_column("through", ratio=1, min_width=14)
    for index, attr in enumerate(record.attributions, start=1):
        via = labelled(through_lines(attr))
        what = Text(shorten(" … ".join(piece.text for piece in attr.content)))
        who = Text(speaker_text(attr), style=f"bold {colours[speaker_key(attr)]}")
        cells = [str(index), who, Text(attr.cue_lemma or "(continues)"), attr.kind, what]
        if wide:
            cells.append(via)
        elif via:
            what.append("\n")
            what.append_text(via)
        table.add_row(*cells)
    return table


def claims_table(record: Record) -> Table:
    """One row per figure: the figure, what it counts, and who gave it."""
    speakers = {a.id: speaker_text(a) for a in record.attributions}
    table = Table(show_lines=True, expand=True)
    for name in ("#", "figure", "qualifier", "about", "who", "date"):
        table.add_column(name, justify="right" if name == "#" else "left")
    for index, claim in enumerate(record.claims, start=1):
        who = speakers.get(claim.attribution_id or "", "(the article)")
        table.add_row(
            str(index), claim.span.text, claim.qualifier or "", claim.about or "", who, claim.date or ""
        )
    return table


def entities_table(record: Record) -> Table:
    """One row per entity: canonical id, name, type, country, state media, mentions."""
    table = Table(show_lines=False, expand=True)
    for name in ("id", "name", "type", "country", "state media", "mentions"):
        table.add_column(name)
    for entity in record.entities:
        table.add_row(
            entity.id,
            entity.name,
            entity.type,
            entity.country or "",
            "yes" if entity.state_media else "",
            str(len(entity.mentions)),
        )
    return table


def events_table(record: Record) -> Table:
    """One row per event: PLOVER type and mode, actors, recipients, date, evidence."""
    table = Table(show_lines=True, expand=True)
    for name in ("#", "type", "actors", "recipients", "date", "evidence"):
        table.add_column(name, ratio=3 if name == "evidence" else None)
    for index, event in enumerate(record.events, start=1):
        kind = event.type + (f" ({event.mode})" if event.mode else "")
        flags = [f for f in ("negated", "hypothetical", "historical") if getattr(event, f)]
        table.add_row(
            str(index),
            kind + (f"\n{', '.join(flags)}" if flags else ""),
            LIST_SEPARATOR.join(event.actors),
            LIST_SEPARATOR.join(event.recipients),
            event.date or "",
            shorten(event.evidence.text, 200),
        )
    return table


def times_table(record: Record) -> Table:
    """One row per time expression with its value."""
    table = Table(show_lines=False, expand=True)
    for name in ("text", "type", "value", "granularity"):
        table.add_column(name)
    for time in record.times:
        table.add_row(time.span.text, time.type, time.value or "", time.granularity)
    return table


def record_table(record: Record, table: str, width: int) -> Table:
    """The table of one record type (``attributions`` by default)."""
    if table == "claims":
        return claims_table(record)
    if table == "entities":
        return entities_table(record)
    if table == "events":
        return events_table(record)
    if table == "times":
        return times_table(record)
    return attribution_table(record, width)


def summary_line(record: Record) -> Text:
    """Source, outlet, publication date and the counts of each record type."""
    art = record.article
    outlet = f"{art.outlet} (state media)" if art.outlet and art.outlet_state_media else art.outlet
    head = " · ".join(x for x in (art.source or art.id, outlet, art.published or "date unknown") if x)
    if record.skipped:
        return Text(f"{head} · not extracted: {record.skipped}", style="dim")
    counts = (
        f"{len(record.attributions)} attributions · {len(record.entities)} entities · "
        f"{len(record.times)} dates · {len(record.claims)} claims · {len(record.events)} events"
    )
    return Text(f"{head} · {counts}", style="dim")


def print_header(record: Record, console: Console) -> None:
    """Headline rule and the summary line."""
    title = record.article.title or "(untitled)"
    console.rule(Text(shorten(title, 100), style="bold"))
    console.print(summary_line(record))


def print_record(record: Record, console: Console, table: str = "attributions") -> None:
    """Headline, source, summary and the table of one record type."""
    print_header(record, console)
    if table == "articles":
        return
    console.print(record_table(record, table, console.width))
