"""Relays, media and dates around a cue: "according to X", "in a letter to Y", "revealed by Z"."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from according.extract.attribution_drafts import (
    Draft,
    Offsets,
    Relay,
    cue_span,
    noun_phrase,
    overlap_ratio,
    reach,
    subtree_span,
    trim,
)
from according.extract.cues import CueLexicon
from according.extract.quotes import Quote
from according.nlp import text_of
from according.windows import Nearby


def according_to(sent: SpacySpan) -> list[Relay]:
    """Every "according to X" in a sentence, as relays with X's noun phrase."""
    relays = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            to = token.nbor()
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                span = subtree_span(objects[0], skip=("relcl", "acl", "punct"))
            else:
                end = next((t.i for t in sent if t.i > to.i and t.text in ",.;"), sent.end)
                span = (to.idx + 3, cue_end(sent.doc[to.i + 1 : end]))
            relays.append(Relay(source=span, cue="according to", cue_span=(token.idx, to.idx + len(to))))
    return relays


def cue_end(span: SpacySpan) -> int:
    """End character of a span (or its start when empty)."""
    return span.end_char if len(span) else span.start_char


def medium_and_relays(cue: Token, lex: CueLexicon) -> tuple[str | None, Offsets | None, list[Relay]]:
    """Medium ("in a letter"), addressee ("to Kim"), and "revealed by X" relays around the cue."""
    medium, addressee, relays = None, None, []
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            name = lex.medium_nouns.get(noun.lemma_.lower())
            if not name:
                continue
            medium = medium or name
            addressee = addressee or recipient_of(noun)
            relays.extend(agent_relays(noun))
    for child in cue.children:
        if child.dep_ == "dative" or (
            child.dep_ == "dobj" and cue.lemma_ in ("tell", "thank", "inform", "brief")
        ):
            addressee = addressee or subtree_span(child, skip=("relcl", "acl", "prep", "punct"))
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ in ("say", "write", "speak"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            addressee = addressee or (subtree_span(objects[0], skip=("relcl", "punct")) if objects else None)
    return medium, addressee, relays


def recipient_of(noun: Token) -> Offsets | None:
    """ "a letter to Kim Jong Un" → Kim Jong Un."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            return noun_phrase(obj)
    return None


def agent_relays(noun: Token) -> list[Relay]:
    """ "a letter revealed by North Korean state media" → relay via "revealed by"."""
    relays = []
    for verb in (c for c in noun.children if c.dep_ == "acl"):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                relays.append(
                    Relay(
                        source=subtree_span(obj, skip=("relcl", "punct")),
                        cue=f"{verb.lower_} by",
                        cue_span=(verb.idx, agent.idx + len(agent)),
                    )
                )
    return relays


MEDIUM_PREPS = ("in", "on", "during", "via", "through", "at")


def surface_medium(draft: Draft, quotes: list[Quote], lex: CueLexicon) -> None:
    """Find "in a letter (to X)" anywhere in the cue's sentence when the parse hung it elsewhere.

    A medium phrase at the end of the content is cut off the content: it says how, not what.
    """
    if draft.cue is None:
        return
    for prep in draft.cue.sent:
        if prep.lower_ not in MEDIUM_PREPS or any(q.start < prep.idx < q.end for q in quotes):
            continue
        noun = next((t for t in prep.doc[prep.i + 1 : prep.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is None or noun.lemma_.lower() not in lex.medium_nouns:
            continue
        phrase_end = max(t.idx + len(t) for t in noun.subtree)
        if any(s < prep.idx and phrase_end + 1 < e for s, e in [draft.content, *draft.more]):
            continue  # "has reportedly looked at Twitter and passed": inside what was said, not how
        draft.medium = draft.medium or lex.medium_nouns[noun.lemma_.lower()]
        draft.addressee = draft.addressee or recipient_of(noun)
        if draft.content[0] < prep.idx < draft.content[1] <= phrase_end + 1:
            cut = trim(text_of(draft.cue.doc), draft.content[0], prep.idx)
            draft.content = cut or draft.content
        return


def date_tokens(cue: Token, content: Offsets) -> list[Token]:
    """DATE tokens hanging on the cue (or right after it), outside its content ("reported Friday")."""
    tokens = []
    for token in cue.sent:
        if token.ent_type_ == "DATE" and not (content[0] <= token.idx < content[1]):
            anchor = token
            while anchor.head != anchor and anchor.head != cue and anchor.dep_ not in ("ccomp", "relcl"):
                anchor = anchor.head
            if anchor.head == cue or 0 < token.i - cue.i <= 3:
                tokens.append(token)
    return tokens


def fold_relays(drafts: list[Draft]) -> list[Draft]:
    """An outer relay ("…, KCNA reported") whose content holds other attributions becomes their chain;
    so does a relay sharing its content with a speech cue ("said in a letter revealed by X")."""
    kept = []
    nearby = Nearby(drafts, reach)
    for outer in drafts:
        inner = [
            d
            for d in nearby.touching(*outer.content)
            if d is not outer
            and d.cue is not None
            and (
                outer.contains(d.cue.idx)
                or (overlap_ratio(d.content, outer.content) > 0.8 and not d.relay_only)
            )
        ]
        if outer.relay_only and inner and outer.speaker:
            for draft in inner:
                if not any(r.source == outer.speaker for r in draft.relays):
                    cue = outer.cue.lower_ if outer.cue is not None else "reported"
                    draft.relays.append(Relay(outer.speaker, cue, cue_span(outer.cue)))
                draft.date_tokens = draft.date_tokens or outer.date_tokens
                if draft.contains(outer.speaker[0]) and draft.content[0] < outer.speaker[0]:
                    text = text_of(outer.cue.doc) if outer.cue is not None else ""
                    draft.content = trim(text, draft.content[0], outer.speaker[0]) or draft.content
            continue
        kept.append(outer)
    return kept
