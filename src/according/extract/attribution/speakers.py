"""Speaker resolution: from a mention (name, title, pronoun, capital) to a canonical entity."""

from __future__ import annotations

import re

from spacy.tokens import Token

from according import gazetteer
from according.context import Context
from according.extract.attribution.markup import past_markup
from according.records import Entity, EntityRef, Span

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we"}
DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ")
RELATIVE_PRONOUNS = {"who", "which", "that"}


def entity_at(entities: list[Entity], span: Span, head: Span | None = None) -> Entity | None:
    """The entity named by the head of ``span``: the mention holding its syntactic ``head`` word ("Marilynn
    Buckham" of "Marilynn Buckham, of Buffalo Gyn Womanservices"), else the one reaching its end.

    A demonym or group word counts only when it is the whole span: "North Korean state media" is not North
    Korea, "Philippine officials" not the Philippine people.
    """
    best, best_score = None, 0
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(mention.end, span.end) - max(mention.start, span.start)
            length = span.end - span.start
            if overlap <= 0 or (mention.kind == "demonym" and overlap < 0.8 * length):
                continue
            if entity.type == "NORP" and head is not None and not mention.start <= head.start < mention.end:
                continue  # "Philippine officials": the group word modifies the head noun
            if head is not None:
                is_head = mention.start <= head.start < mention.end
            else:
                is_head = mention.end >= span.end - 1
            if not is_head and overlap < 0.5 * length:
                continue
            score = overlap + (2000 if is_head else 0)
            if score > best_score:
                best, best_score = entity, score
    return best


PLACE_TYPES = ("GPE", "LOC", "NORP")


def outlet_edition(entities: list[Entity], span: Span, place: Entity) -> bool:
    """A place named after an outlet inside one name ("CNN Philippines", "BBC Persian"): an edition of the
    outlet, not the place."""
    if place.type not in PLACE_TYPES:
        return False
    starts = [m.start for m in place.mentions if span.start <= m.start < span.end]
    return bool(starts) and any(
        entity.type == "ORG"
        and gazetteer.outlet_by_name(entity.name) is not None
        and any(span.start <= m.start and m.end <= min(starts) for m in entity.mentions)
        for entity in entities
    )


def is_person(entity: Entity | None) -> bool:
    """PERSON entities (by type or id prefix)."""
    return bool(entity) and (entity.type == "PERSON" or entity.id.startswith("person:"))


def antecedent(ctx: Context, span: Span, pronoun: str, history: list[EntityRef]) -> Entity | None:
    """The entity a pronoun speaker refers to: the latest fitting speaker, else the latest fitting mention."""
    by_id = {e.id: e for e in ctx.record.entities}
    want_person = pronoun in PERSON_PRONOUNS
    for ref in reversed(history):
        entity = by_id.get(ref.entity_id or "")
        if entity and is_person(entity) == want_person:
            return entity
    mentions = [(m.start, e) for e in ctx.record.entities for m in e.mentions if m.end <= span.start]
    for _, entity in sorted(mentions, key=lambda pair: pair[0], reverse=True):
        if is_person(entity) == want_person:
            return entity
    return None


HONORIFIC_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+")


def main_clause_subject(ctx: Context, offsets: tuple[int, int], pronoun: str) -> Entity | None:
    """ "Labour Minister Ghazi al-Gosaibi had caused uproar when he said …": a pronoun subject of a clause
    under another clause is that clause's subject when it names someone of the pronoun's kind."""
    tokens = ctx.doc.char_span(*offsets, alignment_mode="expand")
    if tokens is None or len(tokens) != 1 or tokens[0].head.dep_ != "advcl":
        return None
    main = tokens[0].head.head
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tokens[0].i), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    span = ctx.span(subject.left_edge.idx, subject.idx + len(subject))
    entity = entity_at(ctx.record.entities, span)
    return entity if entity is not None and is_person(entity) == (pronoun in PERSON_PRONOUNS) else None


BROKEN_WORD_RE = re.compile(r"(\w)-[ \t]*\n\s*(\w)")


def clean_name(text: str) -> str:
    """A name as one line: a word broken at a hard line break is whole again ("spokes-\nman" ->
    spokesman, "Mir-\nMohammadi" keeps its hyphen), runs of whitespace are one space."""
    joined = BROKEN_WORD_RE.sub(lambda m: m[1] + ("-" if m[2].isupper() else "") + m[2], text)
    return " ".join(joined.split())


def by_surname(entities: list[Entity], text: str) -> Entity | None:
    """A bare surname the NER missed ("Ilves added …") names the person introduced in full earlier."""
    word = HONORIFIC_RE.sub("", text.strip())
    if " " in word or not word[:1].isupper():
        return None
    people = [e for e in entities if is_person(e) and e.name.split()[-1] == word and " " in e.name]
    return people[0] if len(people) == 1 else None


def syntactic_head(ctx: Context, offsets: tuple[int, int]) -> Span | None:
    """The head word of a mention (cleaned-text offsets) as an original-text Span; for a title with the
    name in apposition ("The company's chief executive, Tomas Reinholt") the name's head."""
    phrase = ctx.doc.char_span(*offsets, alignment_mode="expand")
    if phrase is None or not len(phrase):
        return None
    root = phrase.root
    if root.pos_ == "NOUN":
        named = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < phrase.end]
        root = named[0] if named else root
    return ctx.span(root.idx, root.idx + len(root))


def relative_antecedent(ctx: Context, offsets: tuple[int, int]) -> Token | None:
    """The noun a relative pronoun stands for: "a contractor who said …" -> contractor."""
    token = ctx.doc.char_span(*offsets, alignment_mode="expand")
    if token is None or len(token) != 1:
        return None
    verb = token[0].head
    if verb.dep_ not in ("relcl", "acl") or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return verb.head


DOCUMENT_NOUNS = frozenset(
    ("statement", "communique", "communiqué", "report", "ruling", "release", "announcement", "decision")
    + ("document", "verdict", "letter", "notice", "declaration", "memo", "bulletin", "editorial")
)
OWNER_PREPS = ("by", "from", "of", "in")
PLACE_NOUNS = frozenset(("country", "region", "area", "city", "capital", "town", "ground", "front", "field"))


def issuer_of(doc, offsets: tuple[int, int]) -> tuple[int, int] | None:
    """Who issued a document named as a speaker: "the council's ruling" -> the council, "a statement by
    Harry Roque" -> Harry Roque, "the FT report" -> FT, "a weekend report in the Telegraph" -> the
    Telegraph (cleaned-text offsets; None when the phrase is no document or names no issuer)."""
    phrase = doc.char_span(*offsets, alignment_mode="expand")
    if phrase is None or not len(phrase) or phrase.root.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    if phrase.root.tag_ in ("NNS", "NNPS"):
        return None  # "reports from the country say": many reports, no one issuer
    head = phrase.root
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            tokens = [t for t in child.subtree if t.dep_ != "case"]
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")):
            if (prep.lower_ == "in" and obj.pos_ != "PROPN") or obj.lemma_.lower() in PLACE_NOUNS:
                continue  # "a statement in May", "a report from the region"
            tokens = [t for t in obj.subtree if t.dep_ not in ("relcl", "acl", "punct")]
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return None


def named_in_title(ctx: Context, span: Span) -> Entity | None:
    """A title with a name gives the person: "the prosecutor general of Tehran, Ali Alghasi Mehr", "one of
    Mr Bakrie's deputies, Mahendra Siregar" (never the possessor), or a name right after a title phrase
    the parse cut off ("speaker of the parliament | Ali Larijani", "US oil giant | Exxon")."""
    text = ctx.record.article.text
    named = [(m, e) for e in ctx.record.entities if e.type in ("PERSON", "ORG") for m in e.mentions]
    inside = [
        (m, e)
        for m, e in named
        if span.start <= m.start and m.end <= span.end and text[m.end : m.end + 2] not in ("'s", "’s")
    ]
    people = [(m, e) for m, e in inside if is_person(e)]
    ending = [
        (m, e) for m, e in inside if m.end >= span.end - 1
    ]  # "US oil giant Exxon", not "an Interpol spokesperson"
    if people or ending:
        return max(people or ending, key=lambda pair: pair[0].start)[1]
    after = [
        (m, e)
        for m, e in named
        if span.end <= m.start <= span.end + 2 and not text[span.end : m.start].strip()
    ]
    last = span.text.split()[-1] if span.text.split() else ""
    return (
        after[0][1] if after and last.isalpha() and last.islower() else None
    )  # a title ending in a common noun


ORG_NOUNS = frozenset(
    ("company", "firm", "group", "carrier", "airline", "bank", "exchange", "club", "insurer")
)


def organisation_before(ctx: Context, name: str, span: Span, history: list[EntityRef]) -> EntityRef | None:
    """ "the company", "the group": the latest organisation that spoke before in the article."""
    if name.lower() not in ORG_NOUNS or span.text.strip()[:4].lower() != "the ":
        return None
    by_id = {e.id: e for e in ctx.record.entities}
    for ref in reversed(history):
        entity = by_id.get(ref.entity_id or "")
        if (
            entity is not None
            and entity.type == "ORG"
            and not entity.state_media
            and "news" not in " ".join(entity.roles)
        ):
            return EntityRef(entity_id=entity.id, name=entity.name, mention=span)
    return None


def titled_before(span: Span, history: list[EntityRef]) -> EntityRef | None:
    """ "The Indonesian Economics Minister explained" after "Economics Minister Aburizal Bakrie has said": a
    definite title alone is the latest earlier speaker introduced with that title and a name."""
    words = span.text.split()
    if len(words) < 2 or words[0].lower() != "the":
        return None
    title = words[-1].lower()
    for ref in reversed(history):
        said = ref.mention.text.lower().split() if ref.mention else []
        person = (ref.entity_id or "").startswith("person:")
        if person and title in said and len(said) > 1 and said[-1] != title:
            return EntityRef(entity_id=ref.entity_id, name=ref.name, mention=span)
    return None


def resolve_speaker(ctx: Context, offsets: tuple[int, int], history: list[EntityRef]) -> EntityRef:
    """An EntityRef for a speaker mention (cleaned-text offsets): pronouns via antecedents, names via the
    article's entities, read from the mention's head word; a document via whoever issued it."""
    offsets = past_markup(ctx.doc.text, offsets)
    offsets = issuer_of(ctx.doc, offsets) or offsets
    span = ctx.span(*offsets)
    word = span.text.strip().lower()
    if word in RELATIVE_PRONOUNS and (noun := relative_antecedent(ctx, offsets)) is not None:
        found = resolve_speaker(ctx, (noun.left_edge.idx, noun.idx + len(noun)), history)
        return found.model_copy(update={"mention": span})
    if word in PERSON_PRONOUNS | GROUP_PRONOUNS:
        entity = main_clause_subject(ctx, offsets, word) or antecedent(ctx, span, word, history)
        if entity:
            return EntityRef(entity_id=entity.id, name=entity.name, mention=span)
        return EntityRef(name=clean_name(span.text), mention=span)
    head = syntactic_head(ctx, offsets)
    entity = entity_at(ctx.record.entities, span, head) or by_surname(ctx.record.entities, span.text)
    if entity is None or not is_person(entity):
        entity = named_in_title(ctx, span) or entity
    if entity is not None and outlet_edition(ctx.record.entities, span, entity):
        return EntityRef(name=clean_name(span.text), mention=span)  # "CNN Philippines" is no country
    if entity and len(entity.name) >= 2:
        return EntityRef(entity_id=entity.id, name=entity.name, mention=span)
    name = clean_name(span.text)
    for det in DETERMINERS:
        if name.startswith(det):
            name = name[len(det) :]
    earlier = (
        same_head_speaker(name, span, history)
        or organisation_before(ctx, name, span, history)
        or titled_before(span, history)
    )
    return earlier or EntityRef(name=name, mention=span)


def same_head_speaker(name: str, span: Span, history: list[EntityRef]) -> EntityRef | None:
    """ "The authority" after "the regional transport authority said …": a bare definite noun is the
    latest earlier speaker whose name ends in that noun."""
    if " " in name or span.text.strip()[:4].lower() != "the ":
        return None
    for ref in reversed(history):
        if ref.name.lower().split()[-1:] == [name.lower()] and ref.name.lower() != name.lower():
            return EntityRef(entity_id=ref.entity_id, name=ref.name, mention=span)
    return None
