"""A trained tagger for attribution spans (cue, source, content) and a parse-based linker into relations.

Two linear-chain CRFs (python-crfsuite) read features of the spaCy parse the product already makes
(words, lemmas, tags, dependency arcs, the verb that governs each token, quote state, a cue lexicon
learned from the training data): one tags CUE and SOURCE tokens, one tags CONTENT tokens (a separate
layer, because a content usually holds other spans). Tokens whose marginal probability of CUE or
CONTENT passes a threshold below 0.5 are added as new spans (recall). The linker joins each content to
the cue that governs or neighbours it (or, with no tagged cue near, to the verb the parse hangs it on),
gives each cue the source its parse points at (a tagged source where the two agree), and snaps a content
to the clause the cue governs when they nearly coincide. The CRFs are trained on PolNeAR train by
``scripts/train_attribution.py`` and shipped in ``according/models/attribution/``; without that folder
``predict_relations`` returns []. Nothing is added to the spaCy pipeline: the model reads a parsed Doc.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "attribution"
ROLE_FILE, CONTENT_FILE, META_FILE = "roles.crfsuite", "content.crfsuite", "meta.json"
LEXICON_FILE = "cue_lemmas.txt"
OPEN_QUOTES, CLOSE_QUOTES, BOTH_QUOTES = "“«", "”»", '"'
CLAUSE_POS = ("VERB", "AUX")
Offsets = tuple[int, int]


@dataclass
class PredictedRelation:
    """One predicted attribution in character offsets of the Doc's text."""

    cue: Offsets | None
    source: Offsets | None
    content: list[Offsets] = field(default_factory=list)
    score: float = 1.0


# --- features ----------------------------------------------------------------------------------------


def quote_states(doc: Doc) -> list[int]:
    """1 for tokens inside double quotes, else 0; the state resets at every paragraph break."""
    return quote_states_of(token.text for token in doc)


def quote_states_of(texts: Iterable[str]) -> list[int]:
    """``quote_states`` over token texts (shared with the array-based features)."""
    states: list[int] = []
    inside = False
    for text in texts:
        if "\n" in text:
            inside = False
        opens = any(c in OPEN_QUOTES for c in text) or (text == BOTH_QUOTES and not inside)
        closes = any(c in CLOSE_QUOTES for c in text) or (text == BOTH_QUOTES and inside and not opens)
        if opens:
            inside = True
        states.append(int(inside))
        if closes:
            inside = False
    return states


def governor(token: Token) -> tuple[str, Token]:
    """The arc by which the token's branch hangs off its nearest verb, and that verb."""
    child = token
    while child.head.i != child.i and child.head.pos_ not in CLAUSE_POS:
        child = child.head
    return child.dep_, child.head


def sentence_info(doc: Doc) -> list[tuple[int, Token]]:
    """For every token: the index of its sentence's last token and the sentence root."""
    info: list[tuple[int, Token]] = []
    for sent in doc.sents:
        info.extend([(sent.end - 1, sent.root)] * len(sent))
    return info


def local_features(token: Token, quoted: int, last: int, root: Token) -> list[str]:
    """Features of one token by itself and its place in the parse."""
    arc, verb = governor(token)
    head = token.head
    feats = [
        f"w={token.lower_}",
        f"l={token.lemma_.lower()}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"sh={token.shape_[:4]}",
        f"suf={token.lower_[-3:]}",
        f"e={token.ent_iob_}{token.ent_type_}",
        f"hl={head.lemma_.lower()}",
        f"dhl={token.dep_}|{head.lemma_.lower()}",
        f"hp={head.pos_}",
        f"gv={arc}|{verb.lemma_.lower()}",
        f"gvd={verb.dep_}|{verb.head.lemma_.lower()}",
        f"gvp={arc}|{verb.dep_}",
        f"q={quoted}",
        f"side={'L' if token.i < root.i else 'R' if token.i > root.i else 'H'}",
        f"root={root.lemma_.lower()}",
        f"nk={min(token.n_lefts + token.n_rights, 4)}",
    ]
    if token.is_sent_start:
        feats.append("bos")
    if token.i == last:
        feats.append("eos")
    return feats


def cue_features(doc: Doc, lexicon: frozenset[str]) -> list[list[str]]:
    """Features from the learned cue lexicon: is the token, its head or an ancestor a likely cue word,
    by which arc does its branch hang off that ancestor, and where do cue words lie in its sentence."""
    if not lexicon:
        return [[] for _ in doc]
    is_cue = [t.lemma_.lower() in lexicon for t in doc]
    out: list[list[str]] = []
    for sent in doc.sents:
        marks = [t.i for t in sent if is_cue[t.i]]
        for token in sent:
            feats = ["cl"] if is_cue[token.i] else []
            if is_cue[token.head.i] and token.head.i != token.i:
                feats.append(f"hcl={token.dep_}")
            feats.append(f"anc={cue_branch(token, is_cue)}")
            left, right = any(m < token.i for m in marks), any(m > token.i for m in marks)
            feats.append(f"scl={'B' if left and right else 'L' if left else 'R' if right else 'N'}")
            out.append(feats)
    return out


def cue_branch(token: Token, is_cue: list[bool]) -> str:
    """The arc of the token's branch under its nearest cue-word ancestor, with the depth; "none" if none."""
    child, depth = token, 0
    while child.head.i != child.i and depth < 12:
        if is_cue[child.head.i]:
            return f"{child.dep_}|{min(depth, 2)}"
        child, depth = child.head, depth + 1
    return "none"


WINDOW_KEYS = ("w=", "l=", "p=", "d=", "q=", "gv=", "cl", "anc=")


def doc_features(doc: Doc, lexicon: frozenset[str] = frozenset()) -> list[list[str]]:
    """CRF features for every token: its own features plus a ±2 window of the main ones."""
    quotes = quote_states(doc)
    sents = sentence_info(doc)
    extra = cue_features(doc, lexicon)
    local = [local_features(token, quotes[token.i], *sents[token.i]) + extra[token.i] for token in doc]
    main = [[f for f in feats if f.startswith(WINDOW_KEYS)] for feats in local]
    out: list[list[str]] = []
    for i, feats in enumerate(local):
        row = list(feats)
        for off in (-2, -1, 1, 2):
            j = i + off
            row.extend(f"{off}:{f}" for f in main[j]) if 0 <= j < len(doc) else row.append(f"{off}:pad")
        out.append(row)
    return out


# --- tags to spans -----------------------------------------------------------------------------------


def tag_spans(tags: list[str], label: str) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of ``label`` in a BIO sequence (a stray I- starts a span)."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag == f"I-{label}" and start is not None
        if start is not None and not inside:
            spans.append((start, i))
            start = None
        if tag in (f"B-{label}", f"I-{label}") and start is None:
            start = i
    return spans


def char_span(doc: Doc, start: int, end: int) -> Offsets:
    """Character offsets of tokens ``[start, end)``, without whitespace tokens at either end."""
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


# --- linker ------------------------------------------------------------------------------------------

TokSpan = tuple[int, int]
Spans = list[TokSpan]
SUBJECT_DEPS = ("nsubj",)
CLIMB_DEPS = ("conj", "xcomp", "advcl", "relcl", "acl")
CONTENT_DEPS = ("ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj")
SOURCE_GAP = 5  # tokens: a tagged source further from its cue, with no arc to it, is not taken
SNAP_JACCARD = 0.5  # token overlap at which a content snaps to the clause its cue governs


def sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    index: list[int] = []
    for number, sent in enumerate(doc.sents):
        index.extend([number] * len(sent))
    return index


def governs(doc: Doc, cue: TokSpan, span: TokSpan) -> bool:
    """Some token of ``span`` hangs directly off a cue token, or the cue off a token of the span."""
    inside = range(*span)
    return any(cue[0] <= doc[i].head.i < cue[1] for i in inside if not cue[0] <= i < cue[1]) or any(
        doc[i].head.i in inside for i in range(*cue) if i not in inside
    )


def link_cost(doc: Doc, sents: list[int], cue: TokSpan, span: TokSpan) -> float | None:
    """How badly a content or source span fits a cue: token gap, plus penalties; None when too far."""
    first, last = sents[span[0]], sents[span[1] - 1]
    if min(abs(sents[cue[0]] - first), abs(sents[cue[0]] - last)) > 1:
        return None
    gap = max(span[0] - cue[1], cue[0] - span[1], 0)
    same = sents[cue[0]] in (first, last) or span[0] <= cue[0] < span[1]
    return gap + (0 if same else 25) - (30 if governs(doc, cue, span) else 0)


def cue_root(doc: Doc, cue: TokSpan) -> Token:
    """The cue token whose head lies outside the cue (its syntactic head)."""
    for i in range(*cue):
        if not cue[0] <= doc[i].head.i < cue[1] or doc[i].head.i == i:
            return doc[i]
    return doc[cue[0]]


def subtree_span(token: Token) -> TokSpan:
    """Token range of a token's subtree, without punctuation at either edge."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    doc = token.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def parse_source(doc: Doc, cue: TokSpan) -> TokSpan | None:
    """The speaker the parse gives a cue: the agent of a passive ("reported by X"), the object of
    "according to", or the subject of the cue verb (or of the verb it hangs off)."""
    token = cue_root(doc, cue)
    for _ in range(3):
        outside = [c for c in token.children if not cue[0] <= c.i < cue[1]]
        for child in (c for c in outside if c.dep_ == "agent"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return subtree_span(objects[0])
        if token.lower_ in ("to", "according"):
            objects = [c for c in token.children if c.dep_ == "pobj"] or [
                c for t in token.children for c in t.children if c.dep_ == "pobj"
            ]
            if objects:
                return subtree_span(objects[0])
        subjects = [c for c in outside if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subtree_span(subjects[0])
        if token.dep_ not in CLIMB_DEPS:
            return None
        token = token.head
    return None


def parse_cue(doc: Doc, content: TokSpan) -> TokSpan | None:
    """A verb outside the content that governs it (ccomp head) or hangs off it (a parenthetical "he said")."""
    inside = range(*content)
    for i in inside:
        head = doc[i].head
        if head.i not in inside and doc[i].dep_ in CONTENT_DEPS and head.pos_ in CLAUSE_POS:
            return head.i, head.i + 1
        for child in doc[i].children:
            if child.i not in inside and child.dep_ in ("parataxis", "advcl") and child.pos_ == "VERB":
                return child.i, child.i + 1
    return None


def pick_source(doc: Doc, sents: list[int], cue: TokSpan, sources: Spans, taken: Spans) -> TokSpan | None:
    """A tagged source the parse confirms or ties to the cue, else the parse's subject, else the nearest
    tagged source of the cue's sentence."""
    found = parse_source(doc, cue)
    same = [s for s in sources if sents[s[0]] == sents[cue[0]]]
    free = [s for s in same if not any(c[0] <= s[0] < c[1] for c in taken)]
    if found:
        confirmed = [s for s in sources if s[0] < found[1] and found[0] < s[1]]
        if confirmed:
            return confirmed[0]
    tied = [s for s in free if governs(doc, cue, s)]
    if tied:
        return min(tied, key=lambda s: (link_cost(doc, sents, cue, s) or 0, s))
    if found:
        return found
    costs = [(link_cost(doc, sents, cue, s), s) for s in free]
    scored = [(c, s) for c, s in costs if c is not None and c <= SOURCE_GAP]
    return min(scored)[1] if scored else None


def best_cue(doc: Doc, sents: list[int], cues: list[TokSpan], content: TokSpan) -> TokSpan | None:
    """The tagged cue (or, failing one, the parse's governing verb) that fits a content best."""
    outside = [cue for cue in cues if not content[0] <= cue[0] < content[1]]
    costs = [(link_cost(doc, sents, cue, content), cue) for cue in outside]
    scored = [(c, cue) for c, cue in costs if c is not None]
    if scored:
        return min(scored)[1]
    return parse_cue(doc, content)


def join_pieces(doc: Doc, spans: Spans) -> Spans:
    """Content pieces with only punctuation or spaces between them become one piece."""
    joined: Spans = []
    for span in sorted(spans):
        if joined and all(doc[i].is_punct or doc[i].is_space for i in range(joined[-1][1], span[0])):
            joined[-1] = (joined[-1][0], max(joined[-1][1], span[1]))
        else:
            joined.append(span)
    return joined


def clause_of(doc: Doc, cue: TokSpan) -> TokSpan | None:
    """The clause the cue verb governs (its ccomp or xcomp subtree), if any."""
    for child in cue_root(doc, cue).children:
        if child.dep_ in ("ccomp", "xcomp") and not cue[0] <= child.i < cue[1]:
            return subtree_span(child)
    return None


def snap(doc: Doc, cue: TokSpan, spans: Spans) -> Spans:
    """Snap a one-piece content to the cue's governed clause when the two nearly coincide."""
    clause = clause_of(doc, cue)
    if clause is None or len(spans) != 1:
        return spans
    (start, end), (c_start, c_end) = spans[0], clause
    shared = min(end, c_end) - max(start, c_start)
    union = max(end, c_end) - min(start, c_start)
    return [clause] if shared / union >= SNAP_JACCARD else spans


def link(
    doc: Doc, cues: Spans, sources: Spans, contents: Spans, snap_clauses: bool = True
) -> list[PredictedRelation]:
    """Join tagged spans into relations: each content to its best cue, each such cue to its source; a
    content close to the parse's clause is snapped to it unless ``snap_clauses`` is off (the transformer
    tagger's limits are kept as tagged)."""
    sents = sentence_index(doc)
    by_cue: dict[TokSpan, list[TokSpan]] = {}
    for content in contents:
        cue = best_cue(doc, sents, cues, content)
        if cue:
            by_cue.setdefault(cue, []).append(content)
    relations: list[PredictedRelation] = []
    for cue, spans in sorted(by_cue.items()):
        source = pick_source(doc, sents, cue, sources, spans)
        joined = join_pieces(doc, spans)
        relations.append(relation(doc, cue, source, snap(doc, cue, joined) if snap_clauses else joined))
    return relations


def relation(doc: Doc, cue: TokSpan, source: TokSpan | None, contents: list[TokSpan]) -> PredictedRelation:
    """A PredictedRelation in character offsets from token ranges."""
    return PredictedRelation(
        cue=char_span(doc, *cue),
        source=char_span(doc, *source) if source else None,
        content=[char_span(doc, *s) for s in contents],
    )


# --- model -------------------------------------------------------------------------------------------


CUE_THRESHOLD = 0.3
CONTENT_THRESHOLD = 0.3


def label_probs(tagger, size: int, label: str) -> list[float]:  # noqa: ANN001 - a pycrfsuite Tagger
    """Marginal probability (B + I) of ``label`` at every position of the sequence just tagged."""
    return [tagger.marginal(f"B-{label}", i) + tagger.marginal(f"I-{label}", i) for i in range(size)]


def relax(tags: list[str], probs: list[float], label: str, threshold: float) -> list[str]:
    """Add spans of ``label`` where its marginal reaches the threshold though Viterbi said O; runs
    touching a Viterbi span of that label are left alone, so its boundaries stay as decoded."""
    out = list(tags)
    for start, end in runs([t == "O" and p >= threshold for t, p in zip(tags, probs, strict=True)]):
        before = start > 0 and tags[start - 1].endswith(label)
        after = end < len(tags) and tags[end].endswith(label)
        if not before and not after:
            out[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return out


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Ranges ``[start, end)`` of consecutive True values."""
    found: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            found.append((start, i))
            start = None
    return found


class AttributionTagger:
    """The two CRFs loaded from a model folder."""

    def __init__(self, folder: Path) -> None:
        import pycrfsuite

        self.roles = pycrfsuite.Tagger()
        self.roles.open(str(folder / ROLE_FILE))
        self.content = pycrfsuite.Tagger()
        self.content.open(str(folder / CONTENT_FILE))
        self.meta = json.loads((folder / META_FILE).read_text()) if (folder / META_FILE).exists() else {}
        lexicon = folder / LEXICON_FILE
        words = lexicon.read_text(encoding="utf-8").split() if lexicon.exists() else []
        self.lexicon = frozenset(words)
        self.lock = threading.Lock()  # a crfsuite Tagger holds the last sequence: one caller at a time

    def tag(self, doc: Doc) -> tuple[list[str], list[str], list[float]]:
        """BIO tags of the role layer (CUE/SOURCE) and the content layer, and each token's cue probability.
        A token whose marginal probability of CUE or CONTENT reaches that label's threshold gets the label
        even where Viterbi says O (recall matters more than the CRF's own balance here)."""
        import pycrfsuite

        from according.extract.attribution.features import doc_features as fast_features  # same, faster

        feats = pycrfsuite.ItemSequence(fast_features(doc, self.lexicon))  # converted once for both layers
        with self.lock:
            roles = self.roles.tag(feats)
            cue_probs = label_probs(self.roles, len(feats), "CUE")
            content = self.content.tag(feats)
            content_probs = label_probs(self.content, len(feats), "CONTENT")
        roles = relax(roles, cue_probs, "CUE", CUE_THRESHOLD)
        content = relax(content, content_probs, "CONTENT", CONTENT_THRESHOLD)
        return roles, content, cue_probs

    def relations(self, doc: Doc) -> list[PredictedRelation]:
        """Tag the Doc and link the spans into relations; a relation's score is its cue's probability."""
        if len(doc) == 0:
            return []
        roles, content, cue_probs = self.tag(doc)
        cues, sources = tag_spans(roles, "CUE"), tag_spans(roles, "SOURCE")
        relations = link(doc, cues, sources, tag_spans(content, "CONTENT"))
        for rel in relations:
            tokens = [t.i for t in doc.char_span(*rel.cue, alignment_mode="expand") or []] if rel.cue else []
            rel.score = round(sum(cue_probs[i] for i in tokens) / len(tokens), 3) if tokens else 0.0
        return relations


@lru_cache(maxsize=2)
def load_tagger(folder: Path = MODEL_DIR) -> AttributionTagger | None:
    """The shipped tagger, loaded once; None when the model folder (or python-crfsuite) is missing."""
    if not (folder / ROLE_FILE).exists() or not (folder / CONTENT_FILE).exists():
        return None
    try:
        return AttributionTagger(folder)
    except ImportError:
        return None


def predict_relations(doc: Doc) -> list[PredictedRelation]:
    """Attribution relations in ``doc`` (character offsets of ``doc.text``); [] when no model is shipped."""
    tagger = load_tagger()
    return tagger.relations(doc) if tagger else []
