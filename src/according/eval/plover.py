"""Score the events extractor on PLOVER gold records (openeventdata/PLOVER ``gsr_*.json``).

Each gold record is one sentence with an event category (PLOVER 0.x names, mapped to 2.0 as the manual's
table 7.1 says: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT…; DOCUMENT records
are skipped) and source/target actor lists with CAMEO codes. The product pipeline runs on each sentence;
one predicted event is compared:

* ``main`` (the reported figure): the event whose trigger stands highest in the dependency tree, reporting
  verbs not counted (so in "X agreed …, officials said" the agreement is the main event), earliest first;
* ``first``: the first event in the text;
* ``any``: some event has the gold type — an oracle upper bound, reported separately, never the headline.

Actor and recipient accuracy compare the gold codes with the codes of the chosen (``main``) event's
actors and recipients: a record counts when the two sets are equal (``overlap``: when they share one).
Codes are ISO 3166 alpha-3; a few older spellings in the records are normalised (JAP, ITL, VTN), and
every non-state code (IGO, NGO, IMG, …) stands for "an actor without a country": it matches a predicted
entity that has no country code. Actor figures are over records with gold actors, recipient figures over
records with gold recipients.

``--split tune`` / ``--split heldout`` score a fixed part of the file: a record is held out when the first
byte of the SHA-1 of its id is below 86 (about a third), whatever the order or the machine. Rules are tuned
on ``tune`` only; ``heldout`` is scored to check that they hold on records nobody looked at.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import typer

from according.eval import GoldFormatError
from according.records import Event, Record

DATA = Path(__file__).resolve().parent.parent / "data"
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "UK": "GBR"}
NONSTATE = "NONSTATE"


@dataclass
class GoldEvent:
    """One gold sentence: its text, PLOVER 2.0 type, and actor/recipient code sets."""

    id: str
    text: str
    type: str
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    """What the pipeline gave for one gold sentence."""

    gold: GoldEvent
    main: Event | None
    first: Event | None
    types: list[str]
    main_actors: set[str]
    main_recipients: set[str]


@lru_cache(maxsize=1)
def legacy_types() -> dict[str, str]:
    """PLOVER 0.x category names -> 2.0 (from the manual's CAMEO/PLOVER table)."""
    return json.loads((DATA / "plover_cameo.json").read_text(encoding="utf-8"))["legacy_types"]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Country codes known here: the entity registry's, plus historical ones of the fallback table."""
    from according.extract.events import country_codes as known

    return known()


def norm_code(code: str | None) -> str:
    """A country code as ISO alpha-3, anything else as the single non-state code."""
    code = CODE_ALIASES.get((code or "").upper(), (code or "").upper())
    return code if code in country_codes() else NONSTATE


def gold_codes(value: Any) -> set[str]:
    """Codes of a gold actor list (the records sometimes hold a string or nothing instead)."""
    if not isinstance(value, list):
        return set()
    return {norm_code(a.get("code")) for a in value if isinstance(a, dict) and a.get("code")}


SPLITS = ("all", "tune", "heldout")


def split_of(record_id: str) -> str:
    """The part a record belongs to, from a stable hash of its id: ``heldout`` (about a third) or ``tune``."""
    return "heldout" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] < 86 else "tune"


def read_gold(path: Path, limit: int | None = None, split: str = "all") -> list[GoldEvent]:
    """Gold sentences with a PLOVER 2.0 type (DOCUMENT records and records without text are skipped), of
    one part of the file (``tune``, ``heldout``) or all of it."""
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list) or not all(isinstance(rec, dict) for rec in records):
        raise GoldFormatError("not PLOVER gold records (a JSON list of objects with 'text' and 'event')")
    out: list[GoldEvent] = []
    for rec in records:
        name = str(rec.get("event", "")).upper()
        if name == "DOCUMENT" or not rec.get("text"):
            continue
        out.append(
            GoldEvent(
                rec.get("id", str(len(out))),
                rec["text"].strip(),
                legacy_types().get(name, name),
                gold_codes(rec.get("source")),
                gold_codes(rec.get("target")),
            )
        )
    if split != "all":
        out = [g for g in out if split_of(g.id) == split]
    return out[:limit] if limit else out


def entity_codes(ids: list[str], record: Record) -> set[str]:
    """Codes of predicted actor ids: the entity's country or a ``country:XXX`` id; a person or group
    without a country carries no code; a list whose only code-less ids are organisations is non-state."""
    from according.extract.events import known_actors

    entities = {e.id: e for e in record.entities}
    fallback = {a.id: a.code for a in known_actors()}
    out: set[str] = set()
    orgs = False
    for ent_id in ids:
        entity = entities.get(ent_id)
        code = entity.country if entity is not None else fallback.get(ent_id)
        if code is None and ent_id.startswith("country:"):
            code = ent_id.split(":", 1)[1]
        kind = entity.type.upper() if entity is not None else ent_id.split(":", 1)[0].upper()
        if code is not None:
            out.add(norm_code(code))
        elif kind in {"ORG", "ORGANIZATION", "ORGANISATION"}:
            orgs = True
    return out or ({NONSTATE} if orgs else set())


def trigger_depths(text: str, events: list[Event]) -> list[int]:
    """Dependency depth of each event's trigger, reporting verbs not counted (re-parses the text)."""
    from according.extract.events import lexicon
    from according.ingest.text import ingest_text
    from according.nlp import load

    mapped = ingest_text(text).mapped
    doc = load()(mapped.text)
    starts = {mapped.offsets[t.idx]: t for t in doc if t.idx < len(mapped.offsets)}
    reporting = set(lexicon()["reporting"])
    depths = []
    for event in events:
        tok = starts.get(event.trigger.start)
        if tok is None:
            depths.append(99)
            continue
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        depth = sum(a.lemma_.lower() not in reporting for a in tok.ancestors)
        depths.append(depth - 1 if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "attr"} else depth)
    return depths


def main_event(text: str, events: list[Event]) -> Event | None:
    """The event highest in the parse (earliest on ties)."""
    if not events:
        return None
    depths = trigger_depths(text, events)
    return min(zip(depths, range(len(events)), events, strict=True))[2]


def score_one(gold: GoldEvent) -> Outcome:
    """Run the pipeline on one gold sentence and pick the events to compare."""
    from according.pipeline import extract_text

    record = extract_text(gold.text)
    events = record.events
    main = main_event(gold.text, events)
    actors = entity_codes(main.actors, record) if main else set()
    recipients = entity_codes(main.recipients, record) if main else set()
    return Outcome(gold, main, events[0] if events else None, [e.type for e in events], actors, recipients)


def ratio(hits: int, total: int) -> float:
    """A rounded share (0 when nothing was counted)."""
    return round(hits / total, 4) if total else 0.0


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    """Flat dotted figures: type, actor and recipient accuracy, and per-type accuracy."""
    n = len(outcomes)
    with_actors = [o for o in outcomes if o.gold.actors]
    with_recipients = [o for o in outcomes if o.gold.recipients]
    result: dict[str, Any] = {
        "records": n,
        "type.accuracy": ratio(sum(o.main is not None and o.main.type == o.gold.type for o in outcomes), n),
        "type.accuracy_first": ratio(
            sum(o.first is not None and o.first.type == o.gold.type for o in outcomes), n
        ),
        "type.accuracy_any": ratio(sum(o.gold.type in o.types for o in outcomes), n),
        "type.no_event": sum(o.main is None for o in outcomes),
        "actor.accuracy": ratio(sum(o.main_actors == o.gold.actors for o in with_actors), len(with_actors)),
        "actor.overlap": ratio(
            sum(bool(o.main_actors & o.gold.actors) for o in with_actors), len(with_actors)
        ),
        "actor.records": len(with_actors),
        "recipient.accuracy": ratio(
            sum(o.main_recipients == o.gold.recipients for o in with_recipients), len(with_recipients)
        ),
        "recipient.overlap": ratio(
            sum(bool(o.main_recipients & o.gold.recipients) for o in with_recipients), len(with_recipients)
        ),
        "recipient.records": len(with_recipients),
    }
    for kind, count in sorted(Counter(o.gold.type for o in outcomes).items()):
        hits = sum(o.main is not None and o.main.type == kind for o in outcomes if o.gold.type == kind)
        result[f"per_type.{kind}.accuracy"] = ratio(hits, count)
        result[f"per_type.{kind}.records"] = count
    return result


def run_plover(
    path: Path, limit: int | None = None, split: str = "all"
) -> tuple[dict[str, Any], list[Outcome]]:
    """Score every gold sentence of a PLOVER gold file (or of one part of it)."""
    outcomes = [score_one(gold) for gold in read_gold(path, limit, split)]
    return summarise(outcomes), outcomes


def print_misses(outcomes: list[Outcome]) -> None:
    """One line per sentence whose main event type or actors differ from gold (for error analysis)."""
    for o in outcomes:
        got = o.main.type if o.main else "-"
        wrong_recipients = o.gold.recipients and o.main_recipients != o.gold.recipients
        if got != o.gold.type or (o.gold.actors and o.main_actors != o.gold.actors) or wrong_recipients:
            typer.echo(
                f"{o.gold.id}\tgold={o.gold.type} {sorted(o.gold.actors)}->{sorted(o.gold.recipients)}"
                f"\tgot={got} {sorted(o.main_actors)}->{sorted(o.main_recipients)}\t{o.gold.text[:90]}"
            )


def command(
    gold_file: Annotated[Path, typer.Argument(help="PLOVER gold records (JSON list), e.g. gsr_dev.json.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
    misses: Annotated[bool, typer.Option("--misses", help="List the sentences scored wrong.")] = False,
    split: Annotated[
        str, typer.Option(help="Which part: all, tune (~2/3) or heldout (~1/3, by a hash of the record id).")
    ] = "all",
) -> None:
    """Score PLOVER event type, actor and recipient accuracy on PLOVER gold records."""
    if split not in SPLITS:
        raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}")
    result, outcomes = run_plover(gold_file, limit, split)
    if misses:
        print_misses(outcomes)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        typer.echo(f"{key:32} {value}")
