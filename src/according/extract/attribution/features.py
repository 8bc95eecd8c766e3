"""The attribution tagger's CRF features computed from arrays of token attributes, not Token objects.

Same features, in the same order, as ``attribution.model.doc_features`` (the reference the tagger was
trained with; a test checks they are equal), about twice as fast: spaCy builds a new Token object on
every ``doc[i]``, and the reference walks heads and governors through them for every token.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SHAPE, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from according.extract.attribution.model import (
    CLAUSE_POS,
    WINDOW_KEYS,
    quote_states_of,
)

IOB = ("", "I", "O", "B")


class TokenTable:
    """Every token's strings, head and sentence facts as plain lists, read from the Doc once."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA, TAG, DEP, SHAPE, ENT_TYPE]).tolist()
        small = doc.to_array([POS, ENT_IOB, HEAD, SENT_START]).astype(numpy.int64)
        self.size = len(doc)
        self.text = [strings[r[0]] for r in rows]
        self.lower = [strings[r[1]] for r in rows]
        self.lemma = [strings[r[2]].lower() for r in rows]
        self.tag = [strings[r[3]] for r in rows]
        self.dep = [strings[r[4]] for r in rows]
        self.shape = [strings[r[5]][:4] for r in rows]
        self.ent = [IOB[iob] + strings[r[6]] for iob, r in zip(small[:, 1].tolist(), rows, strict=True)]
        self.pos = [POS_NAMES.get(p, "") if p else "" for p in small[:, 0].tolist()]
        self.head = (small[:, 2] + numpy.arange(self.size)).tolist()
        self.sent_start = (small[:, 3] > 0).tolist()
        self.kids = numpy.bincount(
            [h for i, h in enumerate(self.head) if h != i], minlength=self.size
        ).tolist()
        self.sents = [(sent.start, sent.end, sent.root.i) for sent in doc.sents]

    def governor(self, i: int) -> tuple[str, int]:
        """The arc by which token i's branch hangs off its nearest verb, and that verb's index."""
        head, pos = self.head, self.pos
        child = i
        while head[child] != child and pos[head[child]] not in CLAUSE_POS:
            child = head[child]
        return self.dep[child], head[child]


def local_features(t: TokenTable, i: int, quoted: int, last: int, root: int) -> list[str]:
    """Features of token i by itself and its place in the parse."""
    arc, verb = t.governor(i)
    head = t.head[i]
    feats = [
        f"w={t.lower[i]}",
        f"l={t.lemma[i]}",
        f"p={t.pos[i]}",
        f"t={t.tag[i]}",
        f"d={t.dep[i]}",
        f"sh={t.shape[i]}",
        f"suf={t.lower[i][-3:]}",
        f"e={t.ent[i]}",
        f"hl={t.lemma[head]}",
        f"dhl={t.dep[i]}|{t.lemma[head]}",
        f"hp={t.pos[head]}",
        f"gv={arc}|{t.lemma[verb]}",
        f"gvd={t.dep[verb]}|{t.lemma[t.head[verb]]}",
        f"gvp={arc}|{t.dep[verb]}",
        f"q={quoted}",
        f"side={'L' if i < root else 'R' if i > root else 'H'}",
        f"root={t.lemma[root]}",
        f"nk={min(t.kids[i], 4)}",
    ]
    if t.sent_start[i]:
        feats.append("bos")
    if i == last:
        feats.append("eos")
    return feats


def cue_features(t: TokenTable, lexicon: frozenset[str]) -> list[list[str]]:
    """Cue-lexicon features: the token, its head or an ancestor a likely cue word, and where cue words
    lie in its sentence."""
    if not lexicon:
        return [[] for _ in range(t.size)]
    is_cue = [lemma in lexicon for lemma in t.lemma]
    out: list[list[str]] = []
    for start, end, _ in t.sents:
        marks = [i for i in range(start, end) if is_cue[i]]
        for i in range(start, end):
            feats = ["cl"] if is_cue[i] else []
            if is_cue[t.head[i]] and t.head[i] != i:
                feats.append(f"hcl={t.dep[i]}")
            feats.append(f"anc={cue_branch(t, i, is_cue)}")
            left, right = bool(marks) and marks[0] < i, bool(marks) and marks[-1] > i
            feats.append(f"scl={'B' if left and right else 'L' if left else 'R' if right else 'N'}")
            out.append(feats)
    return out


def cue_branch(t: TokenTable, i: int, is_cue: list[bool]) -> str:
    """The arc of token i's branch under its nearest cue-word ancestor, with the depth; "none" if none."""
    child, depth = i, 0
    while t.head[child] != child and depth < 12:
        if is_cue[t.head[child]]:
            return f"{t.dep[child]}|{min(depth, 2)}"
        child, depth = t.head[child], depth + 1
    return "none"


def doc_features(doc: Doc, lexicon: frozenset[str] = frozenset()) -> list[list[str]]:
    """CRF features for every token: its own features plus a ±2 window of the main ones."""
    t = TokenTable(doc)
    quotes = quote_states_of(t.text)
    extra = cue_features(t, lexicon)
    local: list[list[str]] = []
    main: list[list[str]] = []
    for start, end, root in t.sents:
        for i in range(start, end):
            own = local_features(t, i, quotes[i], end - 1, root)
            local.append(own + extra[i])
            # the WINDOW_KEYS features, in order: w= l= p= d= gv= q= from ``own``, then cl and anc=
            main.append([own[k] for k in MAIN_AT] + [f for f in extra[i] if f == "cl" or f[:4] == "anc="])
    for i, row in enumerate(local):
        for off, prefix, pad in WINDOW:
            j = i + off
            if 0 <= j < t.size:
                row.extend([prefix + f for f in main[j]])
            else:
                row.append(pad)
    return local


MAIN_AT = (0, 1, 2, 4, 11, 14)  # positions of w= l= p= d= gv= q= in local_features
WINDOW = tuple((off, f"{off}:", f"{off}:pad") for off in (-2, -1, 1, 2))
assert WINDOW_KEYS == ("w=", "l=", "p=", "d=", "q=", "gv=", "cl", "anc="), "update MAIN_AT with WINDOW_KEYS"
