"""Numeric claims: figures with qualifier, unit, what they count, when, and the attribution carrying them.

A claim is a count, amount or share asserted in the text ("more than 10,000 soldiers", "up to 30%",
"$1.13bn", "a dozen"). Dates, times, ordinals, ages, years and numbers inside names are not claims.
Vague counts ("thousands more wounded", "dozens") keep ``quantity`` None, the word in ``quantity_text``
and the qualifier ``"vague"``: a lower bound would read as a figure the source never gave.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from according.context import Context
from according.extract.numbers import VAGUE as VAGUE_COUNT
from according.extract.numbers import parse_number
from according.nlp import text_of
from according.records import Claim, Span
from according.registry import register
from according.windows import windows

NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"}
QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as few as",
    "no more than",
    "no fewer than",
    "just over",
    "just under",
    "well over",
    "an estimated",
    "around",
    "about",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "some",
    "estimated",
    "close to",
    "upwards of",
    "below",
    "above",
    "only",
)
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "won": "KRW",
    "rupee": "INR",
    "shilling": "KES",
}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
SKIP_NEXT = {"year-old", "years-old", "-year-old", "year", "years", "am", "pm", "a.m.", "p.m.", "o'clock"}
PHONE = re.compile(r"^\+?\d[\d\s().-]{6,}\d$")


def number_span(ent: SpacySpan) -> tuple[SpacySpan, str | None]:
    """The figure itself and the qualifier words that spaCy put inside the entity ("more than 10,000")."""
    low = ent.text.lower()
    for qual in sorted(QUALIFIERS, key=len, reverse=True):
        if low.startswith(qual + " "):
            n = len(qual.split())
            return ent[n:], qual
    return ent, None


def qualifier_before(tok: Token) -> str | None:
    """A qualifier just before the figure ("Around 600", "up to 30%", "at least three")."""
    doc = tok.doc
    for qual in sorted(QUALIFIERS, key=len, reverse=True):
        n = len(qual.split())
        start = tok.i - n
        if start >= 0 and doc[start : tok.i].text.lower() == qual:
            return qual
    return None


def is_name_number(tok: Token) -> bool:
    """Numbers inside names and codes: "Mi-26", "G8", "Resolution 1441", "Apollo 11"."""
    if any(ch.isalpha() for ch in tok.text) and any(ch.isdigit() for ch in tok.text):
        return not re.fullmatch(r"\$?[\d.,]+(bn|m|mn|k|tn|b)?", tok.text.lower())
    head = tok.head
    return head.pos_ == "PROPN" and head.i < tok.i and head.i == tok.i - 1


def is_year(tok: Token, value: float | None) -> bool:
    """A bare four-digit year ("in 2024") is a time expression, not a claim."""
    return value is not None and 1800 <= value <= 2100 and tok.text.isdigit() and len(tok.text) == 4


def whole_word(ent: SpacySpan) -> str:
    """The run of non-space characters around a figure ("555-123-4567" when spaCy split it)."""
    text = text_of(ent.doc)
    start, end = ent.start_char, ent.end_char
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(".,;:()")


def skip_figure(ent: SpacySpan, value: float | None, ctx: Context) -> bool:
    """Figures that are not claims: years, ages, phone numbers, names, references ("the two countries")."""
    first, last = ent[0], ent[-1]
    nxt = ent.doc[last.i + 1] if last.i + 1 < len(ent.doc) else None
    if PHONE.match(whole_word(ent)) or is_name_number(last) or is_year(last, value):
        return True
    if nxt is not None and (nxt.lower_ in SKIP_NEXT or nxt.lower_.startswith("-year")):
        return True
    if first.i > 0 and ent.doc[first.i - 1].lower_ in {"aged", "age", "the", "no.", "number", "page"}:
        return True
    return in_time(ctx, ent)


def in_time(ctx: Context, ent: SpacySpan) -> bool:
    """True when the figure lies inside a time expression of the record."""
    span = ctx.span_of(ent)
    return any(t.span.start < span.end and span.start < t.span.end for t in ctx.record.times)


def unit_of(ent: SpacySpan, counted: Token | None) -> str | None:
    """The unit: currency of a money amount, percent, else the noun counted ("soldiers")."""
    words = [t.lower_ for t in ent] + ([counted.lower_] if counted is not None else [])
    if any(w in PERCENT_WORDS for w in words) or "%" in ent.text or ent.label_ == "PERCENT":
        return "percent"
    for word in words:
        key = word.rstrip("s") if word not in CURRENCIES else word
        if key in CURRENCIES or word in CURRENCIES:
            return CURRENCIES.get(key) or CURRENCIES[word]
    before = ent.doc[ent.start - 1].text.lower() if ent.start > 0 else ""
    for sign in (ent.text[:1], before):
        if sign in CURRENCIES:
            return CURRENCIES[sign]
    if counted is not None and counted.pos_ in {"NOUN", "PROPN"}:
        return counted.text.lower() if counted.pos_ == "NOUN" else counted.text
    return None


def counted_noun(ent: SpacySpan) -> Token | None:
    """The noun a figure counts: the head it modifies, or the object of "of" ("thousands of people")."""
    root = ent.root
    if root.dep_ in {"nummod", "quantmod", "npadvmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head if not root.head.is_ancestor(root) or root.head.i > ent.end - 1 else root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lemma_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            return None if obj is None or obj.lower_ in VAGUE else obj
    if root.pos_ == "NOUN" and root.lower_ not in VAGUE and not root.like_num:
        return root
    return None


def about_phrase(ent: SpacySpan, counted: Token | None, unit: str | None) -> str | None:
    """What is counted, with what happened to it: "North Korean soldiers killed fighting for Russia"."""
    if (
        counted is None
        and unit is not None
        and not unit.isalpha()
        or unit in {"percent", *CURRENCIES.values()}
    ):
        return subject_verb(ent)
    holder = counted or ent.root
    mods = [
        t for t in holder.children if t.dep_ in {"amod", "compound"} and t.i not in range(ent.start, ent.end)
    ]
    mods = [m for t in mods if t.lower_ not in {"more", "other"} for m in t.subtree]
    noun = counted.text if counted is not None else (unit or "")
    extra = [t.text for t in mods if t.i > holder.i]
    head_np = " ".join([*(t.text for t in mods if t.i < holder.i), noun, *extra]).strip()
    verb = holder.head if holder.dep_ in {"nsubj", "nsubjpass", "dobj", "conj"} else None
    if verb is None or verb.pos_ not in {"VERB", "NOUN"}:
        return head_np or None
    tail = [verb.text]
    for child in verb.children:
        if child.dep_ in {"prep", "advcl", "xcomp", "prt", "npadvmod", "acl"} and child.i > verb.i:
            if child.lemma_.lower() not in {"along", "with", "besides", "including", "despite", "as"}:
                tail += [t.text for t in child.subtree]
    return " ".join([head_np, *tail[:14]]).replace(" 's", "'s").strip() or None


def subject_verb(ent: SpacySpan) -> str | None:
    """For amounts and shares: the subject and verb they are said of, with the verb's object when the
    figure is not in it ("The company lost", "The Bank of England left interest rates")."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    words = [t.text for t in subj.subtree] if subj is not None else []
    return " ".join([*words, verb.text, *object_words(verb, ent)]).replace(" 's", "'s")


def object_words(verb: Token, ent: SpacySpan) -> list[str]:
    """The verb's direct object up to its head noun, unless the figure is part of it."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj == ent.root or obj.is_ancestor(ent.root):
        return []
    return [t.text for t in obj.subtree if t.i <= obj.i and t.dep_ not in {"relcl", "acl"}]


class ClaimBuilder:
    """Turns number entities of the parse into Claim records."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.last_unit: dict[int, str] = {}

    def build(self, ent: SpacySpan, index: int) -> Claim | None:
        """One claim for a number entity, or None when the figure is not a claim."""
        figure, inner_qual = number_span(ent)
        if len(figure) == 0:
            return None
        text = figure.text
        vague = figure.root.lower_ in VAGUE or text.lower().startswith("tens of")
        parsed = None if vague else parse_number(text)
        value = None if parsed == VAGUE_COUNT else parsed
        if not vague and value is None or skip_figure(figure, value, self.ctx):
            return None
        qualifier = "vague" if vague else inner_qual or qualifier_before(figure[0])
        counted = counted_noun(figure)
        unit = unit_of(ent, counted) or self.last_unit.get(ent.sent.start)
        if unit and unit not in {"percent"} and unit.isalpha():
            self.last_unit[ent.sent.start] = unit
        start = ent.start - 1 if ent.start > 0 and ent.doc[ent.start - 1].text in CURRENCIES else ent.start
        if qualifier and qualifier != "vague" and not inner_qual:
            start = figure.start - len(qualifier.split())
        span = self.ctx.span_of(
            ent.doc[start : ent.end] if inner_qual else ent.doc[min(start, figure.start) : figure.end]
        )
        return Claim(
            id=self.ctx.new_id("cl", index),
            span=span,
            quantity=value,
            quantity_text=text,
            qualifier=qualifier,
            unit=unit,
            about=about_phrase(figure, counted, unit),
            attribution_id=self.attribution(span),
            date=self.date(figure),
        )

    def attribution(self, span: Span) -> str | None:
        """The attribution whose content contains the figure (None: the outlet's own voice)."""
        for att in self.ctx.record.attributions:
            if any(c.start <= span.start < c.end for c in att.content):
                return att.id
        return None

    def date(self, figure: SpacySpan) -> str | None:
        """The time expression of the figure's clause, else the nearest one in its sentence."""
        sent = self.ctx.span_of(figure.sent)
        here = self.ctx.span_of(figure).start
        times = [t for t in self.ctx.record.times if t.value and t.value[:1].isdigit()]
        times = [t for t in times if sent.start <= t.span.start < sent.end]
        verb = next((a for a in figure.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is not None:
            clause = self.ctx.span(verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
            inside = [t for t in times if clause.start <= t.span.start < clause.end]
            times = inside or times
        return min(times, key=lambda t: abs(t.span.start - here)).value if times else None


def figures(ctx: Context) -> list[SpacySpan]:
    """Number entities of the parse, plus vague count words the NER left out ("dozens of")."""
    ents = [e for e in ctx.doc.ents if e.label_ in NUMBER_LABELS]
    covered = {t.i for e in ents for t in e}
    extra = [ctx.doc[t.i : t.i + 1] for t in ctx.doc if t.lower_ in VAGUE and t.i not in covered]
    return sorted(ents + extra, key=lambda s: s.start)


@register(
    "claims", field="claims", requires=("times", "attributions", "token.lemma", "token.dep", "doc.ents")
)
def extract_claims(ctx: Context) -> list[Claim]:
    """Numeric claims of the article, in text order."""
    claims: list[Claim] = []
    for window in windows(ctx):  # one window for all but very long texts
        builder = ClaimBuilder(window)
        for ent in figures(window):
            claim = builder.build(ent, len(claims))
            if claim is not None:
                claims.append(claim)
    return claims
