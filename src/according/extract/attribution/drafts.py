"""Attribution drafts: the working form of an attribution (cleaned-text offsets) and span helpers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from according.nlp import text_of

Offsets = tuple[int, int]
PUNCT_EDGES = " ,;:—–―-\n"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
NP_POS = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON", "ADP", "CCONJ", "PART", "PUNCT", "AUX")


@dataclass
class Relay:
    """A relaying source found in text: who, by which cue, where."""

    source: Offsets
    cue: str
    cue_span: Offsets | None = None
    then: list[Relay] = field(default_factory=list)  # relays beyond this one ("according to X via Y")


@dataclass
class Draft:
    """An attribution under construction, in cleaned-text offsets."""

    cue: Token | None
    content: Offsets
    speaker: Offsets | None = None
    speaker_full: Offsets | None = None  # the whole subject phrase, appositions and modifiers included
    medium: str | None = None
    addressee: Offsets | None = None
    relays: list[Relay] = field(default_factory=list)
    date_tokens: list[Token] = field(default_factory=list)
    relay_only: bool = False
    more: list[Offsets] = field(default_factory=list)
    cue_extent: Offsets | None = None  # a cue longer than its first token ("according to")
    origin: str = (
        "rule"  # rule | model | quote (a quotation with no cue) | nested (speech inside a quotation)
    )
    score: float = 1.0

    def contains(self, offset: int) -> bool:
        """Whether a cleaned-text position lies inside the main content piece."""
        return self.content[0] <= offset < self.content[1]

    def covers(self, offset: int) -> bool:
        """Whether a cleaned-text position lies inside any content piece."""
        return any(start <= offset < end for start, end in [self.content, *self.more])

    def overlap(self, start: int, end: int) -> float:
        """Share of ``start:end`` that the content pieces cover."""
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in [self.content, *self.more])
        return inside / (end - start) if end > start else 0.0

    @property
    def end(self) -> int:
        """Where the last content piece ends."""
        return max(end for _, end in [self.content, *self.more])


def trim(text: str, start: int, end: int) -> Offsets | None:
    """Shrink a span past edge whitespace and punctuation (keeping closing quote marks)."""
    while start < end and text[start] in PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGES:
        end -= 1
    return (start, end) if end > start else None


def subtree_span(token: Token, skip: tuple[str, ...] = ()) -> Offsets:
    """Character span of a token's subtree, leaving out children whose dependency is in ``skip``."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in skip:
            tokens.extend(child.subtree)
    left = min(t.idx for t in tokens)
    right = max(t.idx + len(t) for t in tokens)
    return left, right


def noun_phrase(head: Token) -> Offsets:
    """A head noun with its modifiers and close appositions ("Speaker Vyacheslav Volodin"), no clauses."""
    skip = (
        ("relcl", "acl", "punct", "advmod", "prep", "cc", "conj")
        if head.pos_ == "PRON"
        else ("relcl", "acl", "punct", "advmod")
    )
    tokens = [head]
    for child in head.children:
        set_off = any(t.is_punct for t in head.doc[min(head.i, child.i) : max(head.i, child.i)])
        if child.dep_ == "appos" and set_off and child.pos_ != "PROPN":
            continue
        if child.dep_ == "appos" and set_off:
            tokens.extend(t for t in child.subtree if t.dep_ not in ("punct", "relcl", "acl"))
            continue
        if child.dep_ == "prep" and child.i > head.i and child.lower_ != "of":
            continue
        if child.dep_ not in skip:
            tokens.extend(child.subtree)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def reach(draft: Draft) -> Offsets:
    """The characters a draft spans: its content pieces and its cue."""
    cue = [draft.cue.idx] if draft.cue is not None else []
    starts = [start for start, _ in [draft.content, *draft.more]] + cue
    ends = [end for _, end in [draft.content, *draft.more]] + [at + 1 for at in cue]
    return min(starts), max(ends)


def overlap_ratio(a: Offsets, b: Offsets) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def cue_span(cue: Token | None) -> Offsets | None:
    """Character span of a cue token."""
    return (cue.idx, cue.idx + len(cue)) if cue is not None else None


def paragraph_index(text: str, offset: int) -> int:
    """Which paragraph (blank-line separated) of the cleaned text holds ``offset``."""
    return bisect_right(paragraph_breaks(text), offset - 2)


@lru_cache(maxsize=4)
def paragraph_breaks(text: str) -> list[int]:
    """Where each blank-line break ("\\n\\n", counted as ``str.count`` does) of the text starts."""
    return [match.start() for match in re.finditer("\n\n", text)]


def paragraph_end(doc, index: int) -> int:
    """Character offset where the paragraph holding token ``index`` ends."""
    end = text_of(doc).find("\n", doc[index].idx)
    return len(text_of(doc)) if end < 0 else end
