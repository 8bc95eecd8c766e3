"""State media seen where the text says so: "North Korean state media", "state news agency KCNA",
"State press agency PAP", "according to state television".

The outlet registry knows many state outlets by name; this step adds what the article itself says. A named
outlet next to the words (``state news agency KCNA``, ``Xinhua, China's official news agency``) is marked
state media, with the country the words give; words with no outlet named (``Syrian state media``) become an
entity of their own (``org:state-media-syr``). Every speaker, addressee and chain link that refers to such
an entity, or whose words are such words, carries ``state_media: true``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from according.context import Context
from according.data import load
from according.records import Attribution, Entity, EntityRef, Mention, Record
from according.registry import register

WORDS = load("state_media.json")
STATE_MEDIA_RE = re.compile(
    rf"(?i)\b(?:{'|'.join(WORDS['state'])})\s+(?:(?-i:(?P<name>[A-Z][\w.-]*))\s+)?"
    rf"(?:{'|'.join(WORDS['media'])})\b"
)
GAP_RE = re.compile(r"^[\s,]*(?:the\s+|its\s+|(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:'s|’s)\s+))?$")


@dataclass(frozen=True)
class Phrase:
    """Words saying state media, where they are, and the country they name (ISO alpha-3 or None)."""

    start: int
    end: int
    text: str
    country: str | None


def phrases(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, words) of every state-media phrase in ``text``."""
    for match in STATE_MEDIA_RE.finditer(text):
        yield match.start(), match.end(), match.group(0)


def country_before(record: Record, start: int) -> tuple[str | None, int]:
    """The country named right before ``start`` ("North Korean", "Syria's"), and where its words begin."""
    text = record.article.text
    for entity in record.entities:
        if not entity.country or entity.type not in ("GPE", "NORP"):
            continue
        for mention in entity.mentions:
            gap = text[mention.end : start]
            if mention.end <= start and len(gap) <= 4 and re.fullmatch(r"(?:'s|’s)?\s*(?:the\s+)?", gap):
                return entity.country, mention.start
    return None, start


PLACE_TYPES = ("GPE", "NORP", "LOC", "PERSON")


def named_outlet(record: Record, phrase: Phrase) -> Entity | None:
    """An outlet named inside the phrase or right after it (``state news agency KCNA``), or right before
    it (``Xinhua, China's official news agency``)."""
    text = record.article.text
    for entity in record.entities:
        if entity.type in PLACE_TYPES:
            continue
        for mention in entity.mentions:
            after = phrase.start <= mention.start <= phrase.end + 2
            if after and not text[phrase.end : mention.start].strip(" \n,"):
                return entity
            before = mention.end <= phrase.start and phrase.start - mention.end <= 30
            if before and GAP_RE.match(text[mention.end : phrase.start]):
                return entity
    return None


def bare_entity(record: Record, phrase: Phrase) -> Entity:
    """The entity for state media named by no outlet: one per country (or one for unknown country)."""
    code = (phrase.country or "unknown").lower()
    entity_id = f"org:state-media-{code}"
    for entity in record.entities:
        if entity.id == entity_id:
            return entity
    name = " ".join(phrase.text.split())
    entity = Entity(
        id=entity_id,
        name=name,
        type="ORG",
        country=phrase.country,
        roles=["state media"],
        state_media=True,
    )
    record.entities.append(entity)
    return entity


def mark_entities(record: Record) -> list[tuple[Phrase, Entity]]:
    """Mark or create a state-media entity for every phrase; returns each phrase with its entity."""
    found: list[tuple[Phrase, Entity]] = []
    for start, end, _words in phrases(record.article.text):
        country, begin = country_before(record, start)
        phrase = Phrase(begin, end, record.article.text[begin:end], country)
        entity = named_outlet(record, phrase)
        if entity is None:
            entity = bare_entity(record, phrase)
            mention = Mention(start=phrase.start, end=phrase.end, text=phrase.text, kind="nominal")
            entity.mentions.append(mention)
        entity.state_media = True
        entity.country = entity.country or country
        found.append((phrase, entity))
    return found


def mark_ref(ref: EntityRef | None, found: list[tuple[Phrase, Entity]], state_ids: set[str]) -> bool:
    """Set ``state_media`` on a reference to a state outlet (by id, or by words inside a phrase)."""
    if ref is None:
        return False
    if ref.entity_id in state_ids:
        ref.state_media = True
    elif ref.mention:
        for phrase, entity in found:
            if phrase.start <= ref.mention.end and ref.mention.start <= phrase.end:
                if ref.entity_id is None or ref.entity_id == entity.id:
                    ref.entity_id, ref.name = entity.id, entity.name
                ref.state_media = True
                break
    return ref.state_media


def mark_attribution(attr: Attribution, found: list[tuple[Phrase, Entity]], state_ids: set[str]) -> None:
    """Speaker, addressee and every chain link of one attribution."""
    mark_ref(attr.speaker, found, state_ids)
    mark_ref(attr.addressee, found, state_ids)
    for link in attr.chain:
        link.state_media = mark_ref(link.source, found, state_ids) or link.state_media


def mark_state_media(record: Record) -> list[Entity]:
    """Mark state media in the record's entities and references; returns the entities (new ones added)."""
    found = mark_entities(record)
    state_ids = {e.id for e in record.entities if e.state_media}
    for attr in record.attributions:
        mark_attribution(attr, found, state_ids)
    return record.entities


@register("state_media", field="entities", requires=("entities", "attributions"))
def extract_state_media(ctx: Context) -> list[Entity]:
    """Pipeline step: state media from the registry and from the article's own words."""
    return mark_state_media(ctx.record)
