"""A transformer tagger for attribution spans (source, cue, content), run with ONNX Runtime.

A fine-tuned all-MiniLM-L6-v2 encoder (BERT, 6 layers, uncased) tags word pieces with two BIO layers
read from one output: the role layer (SOURCE / CUE) and the content layer (CONTENT, a separate layer
because a content often holds other spans). The model lowercases, so every word piece also gets a case
id (lower / Capitalised / UPPER / other) added to its embedding: capitals that mark names come from the
text. Long segments are cut into windows of word pieces that overlap; each piece takes its labels from
the window where it lies furthest from an edge, and spans are mapped back to characters of the text.

The encoder runs only on sentences that can hold an attribution (a cue word, a quotation mark, a colon
or a dash), grouped in runs of consecutive sentences; the tagged spans are joined into relations by the
parse-based linker of ``attribution.model``. The model is trained by
``scripts/train_attribution_transformer.py`` and shipped in ``according/models/attribution_transformer/``
(``model.onnx``, ``tokenizer.json``, ``meta.json``, licence and model card). Its runtime needs
``onnxruntime`` and ``tokenizers`` (default dependencies; the ``transformer`` extra names them too); without
them or the model, ``load_transformer`` returns None, ``predict_relations`` returns [] and the engine falls
back to the CRF with a warning.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from according.extract.attribution.model import (
    PredictedRelation,
    link,
    tag_spans,
)
from according.extract.attribution.quotes import find_quotes

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "attribution_transformer"
ONNX_FILE, TOKENIZER_FILE, META_FILE = "model.onnx", "tokenizer.json", "meta.json"
ROLE_TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE")
CONTENT_TAGS = ("O", "B-CONTENT", "I-CONTENT")
MAX_PIECES = 256  # word pieces per window, [CLS] and [SEP] included
OVERLAP = 64  # word pieces two neighbouring windows share
# windows per ONNX Runtime call: one, because the int8 model quantizes its activations with one scale per
# input tensor, so a window's labels would depend on the other windows (and padding) of its batch; run
# alone, an article gets the same relations whether it is tagged alone, in a batch or in windows
BATCH = 1
CUE_ROWS = [ROLE_TAGS.index("B-CUE"), ROLE_TAGS.index("I-CUE")]
FUNCTION_POS = frozenset(("PUNCT", "PART", "ADP", "DET", "CCONJ", "SCONJ", "SPACE", "AUX"))
CANDIDATE_CHARS = frozenset('"“”«»:—–')
CACHE_KEY = "according_transformer_relations"
QUOTE_MARKS = frozenset('"“”«»')
Offsets = tuple[int, int]
TokSpan = tuple[int, int]


# --- shared by training and inference ----------------------------------------------------------------


def case_id(text: str) -> int:
    """1 lower, 2 Capitalised, 3 UPPER (two letters or more), 4 anything else; 0 is kept for padding."""
    if not text[:1].isalpha():
        return 4
    if text[0].islower():
        return 1
    return 3 if len(text) > 1 and text.isupper() else 2


def windows(count: int, max_pieces: int = MAX_PIECES, overlap: int = OVERLAP) -> list[tuple[int, int]]:
    """Ranges ``[start, end)`` over ``count`` word pieces, each at most ``max_pieces - 2`` long, with
    ``overlap`` pieces shared by neighbours; the last window ends at ``count``."""
    size = max_pieces - 2
    if count <= size:
        return [(0, count)]
    step = size - overlap
    out = []
    start = 0
    while True:
        end = min(start + size, count)
        out.append((start, end))
        if end == count:
            return out
        start += step


def owner_windows(spans: list[tuple[int, int]], count: int) -> list[int]:
    """For each piece, the window where it lies furthest from an edge."""
    best = [0] * count
    margin = [-1] * count
    for number, (start, end) in enumerate(spans):
        for i in range(start, end):
            room = min(i - start, end - 1 - i)
            if room > margin[i]:
                margin[i], best[i] = room, number
    return best


# --- inference ----------------------------------------------------------------------------------------


def candidate(sent: Span, lexicon: frozenset[str]) -> bool:
    """A sentence that can hold an attribution: a cue word, a quotation mark, a colon or a dash."""
    return any(t.lemma_.lower() in lexicon or any(c in CANDIDATE_CHARS for c in t.text) for t in sent)


def segments(doc: Doc, lexicon: frozenset[str]) -> list[Offsets]:
    """Character ranges of runs of consecutive candidate sentences; a run ends with its paragraph, so a
    paragraph is tagged the same whether the article is read whole or in windows (``according.windows``
    cuts only at paragraphs)."""
    out: list[Offsets] = []
    last_end = -1
    text = doc.text
    for sent in doc.sents:
        if not candidate(sent, lexicon):
            continue
        start, end = sent.start_char, sent.end_char
        if out and sent.start == last_end and text[start - 1 : start] != "\n":
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        last_end = sent.end
    return out


def bio_char_spans(tags: Sequence[str], offsets: Sequence[Offsets], label: str) -> list[Offsets]:
    """Character ranges of ``label`` spans in a BIO sequence over word pieces with these offsets."""
    return [(offsets[start][0], offsets[end - 1][1]) for start, end in tag_spans(list(tags), label)]


class TransformerTagger:
    """The ONNX model, its tokenizer and settings, loaded from a model folder."""

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        providers = [p for p in ("CUDAExecutionProvider",) if p in onnxruntime.get_available_providers()]
        self.session = onnxruntime.InferenceSession(
            str(folder / ONNX_FILE), options, providers=providers + ["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.meta = json.loads((folder / META_FILE).read_text())
        self.max_pieces = int(self.meta.get("max_pieces", MAX_PIECES))
        self.overlap = int(self.meta.get("overlap", OVERLAP))
        self.lexicon = frozenset(self.meta.get("cue_lemmas", []))
        self.cls = self.tokenizer.token_to_id("[CLS]")
        self.sep = self.tokenizer.token_to_id("[SEP]")
        self.lock = threading.Lock()

    def tag_texts(self, texts: list[str]) -> list[tuple[list[str], list[str], list[Offsets], list[float]]]:
        """Role tags, content tags, character offsets and CUE probability of the word pieces of every text."""
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        rows: list[tuple[int, int, int]] = []  # (text, start piece, end piece)
        plans = []
        for number, enc in enumerate(encodings):
            spans = windows(len(enc.ids), self.max_pieces, self.overlap)
            plans.append(spans)
            rows.extend((number, s, e) for s, e in spans)
        logits: list = [None] * len(rows)
        order = sorted(range(len(rows)), key=lambda k: rows[k][2] - rows[k][1])  # like lengths together
        for first in range(0, len(order), BATCH):
            batch = order[first : first + BATCH]
            width = max(rows[k][2] - rows[k][1] for k in batch) + 2
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            case = np.zeros_like(ids)
            for r, k in enumerate(batch):
                number, s, e = rows[k]
                enc, text = encodings[number], texts[number]
                ids[r, : e - s + 2] = [self.cls, *enc.ids[s:e], self.sep]
                mask[r, : e - s + 2] = 1
                case[r, 1 : e - s + 1] = [case_id(text[a:b]) for a, b in enc.offsets[s:e]]
            with self.lock:
                out = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "case_ids": case})[0]
            for r, k in enumerate(batch):
                logits[k] = out[r, 1 : rows[k][2] - rows[k][1] + 1]
        results = []
        at = 0
        for enc, spans in zip(encodings, plans, strict=True):
            count = len(enc.ids)
            owners = owner_windows(spans, count)
            roles, content, cue_probs = [], [], []
            for i in range(count):
                row = logits[at + owners[i]][i - spans[owners[i]][0]]
                role_row = row[: len(ROLE_TAGS)]
                roles.append(ROLE_TAGS[int(role_row.argmax())])
                content.append(CONTENT_TAGS[int(row[len(ROLE_TAGS) :].argmax())])
                odds = np.exp(role_row - role_row.max())
                cue_probs.append(float(odds[CUE_ROWS].sum() / odds.sum()))
            at += len(spans)
            results.append((roles, content, list(enc.offsets), cue_probs))
        return results

    def spans(self, doc: Doc, tagged: list | None = None) -> tuple:
        """Character ranges of tagged cues, sources and contents in the candidate sentences of ``doc``,
        and each cue's mean CUE probability (``tagged``: ``tag_texts`` of its segments, when done already)."""
        text = doc.text
        found: tuple[list[Offsets], list[Offsets], list[Offsets]] = ([], [], [])
        scores: dict[Offsets, float] = {}
        chunks = segments(doc, self.lexicon)
        if tagged is None:
            tagged = self.tag_texts([text[s:e] for s, e in chunks])
        for (start, _), (roles, content, offsets, cue_probs) in zip(chunks, tagged, strict=True):
            shifted = [(a + start, b + start) for a, b in offsets]
            for layer, tags, label in ((0, roles, "CUE"), (1, roles, "SOURCE"), (2, content, "CONTENT")):
                found[layer].extend(bio_char_spans(tags, shifted, label))
            for first, end in tag_spans(roles, "CUE"):
                scores[(shifted[first][0], shifted[end - 1][1])] = sum(cue_probs[first:end]) / (end - first)
        return (*found, scores)

    def prime(self, docs: list[Doc]) -> None:
        """Tag the candidate sentences of several Docs in one batch (windows of all articles sorted by
        length together) and keep each Doc's relations in its ``user_data`` for ``predict_relations``."""
        chunks = [segments(doc, self.lexicon) for doc in docs]
        texts = [doc.text[s:e] for doc, spans in zip(docs, chunks, strict=True) for s, e in spans]
        tagged = self.tag_texts(texts)
        at = 0
        for doc, spans in zip(docs, chunks, strict=True):
            doc.user_data[CACHE_KEY] = self.relations(doc, tagged[at : at + len(spans)])
            at += len(spans)

    def relations(self, doc: Doc, tagged: list | None = None) -> list[PredictedRelation]:
        """Tag the candidate sentences and link the spans into relations with the parse-based linker; a
        relation's score is its cue's mean CUE probability."""
        if len(doc) == 0:
            return []
        cue_chars, source_chars, content_chars, scores = self.spans(doc, tagged)
        cues = token_spans(doc, cue_chars)
        sources = [
            s
            for s in token_spans(doc, source_chars)
            if any(t.pos_ not in FUNCTION_POS for t in doc[s[0] : s[1]])
        ]
        contents = [
            c
            for c in token_spans(doc, content_chars)
            if any(not (t.is_stop or t.is_punct or t.is_space) for t in doc[c[0] : c[1]])
        ]
        by_token: dict[tuple[int, int], float] = {}
        for (start, end), score in scores.items():
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                by_token[(span.start, span.end)] = max(score, by_token.get((span.start, span.end), 0.0))
        relations = link(doc, cues, sources, contents, snap_clauses=False)
        for rel in relations:
            span = doc.char_span(*rel.cue, alignment_mode="expand") if rel.cue else None
            rel.score = round(by_token.get((span.start, span.end), 0.5), 3) if span is not None else 0.5
        return relations


# a tagged content shorter than REFINE_MIN_WORDS words must keep REFINE_MIN_COVER of the rule's content to
# replace it (a tagged noun at the end of the rule's object is no clause); tuned on two thirds of PolNeAR
# dev (docs/attribution-merge.md)
REFINE_MIN_COVER = 0.5
REFINE_MIN_WORDS = 5


def refine_contents(doc: Doc, drafts: list, relations: list[PredictedRelation]) -> None:
    """Give a rule draft the tagger's content where both read the same cue and the rule's content is
    unquoted: a quotation's limits are the rules' strength, a clause's limits are the tagger's.

    The rules keep their content where the draft carries a chain of relays ("quoted X as saying"), where
    the tagged content would take in the draft's speaker or another attribution's cue ("…, minister X was
    quoted as saying", "…, according to a statement"), or where it would drop a piece of the rule's
    content, or keep less than REFINE_MIN_COVER of it in fewer than REFINE_MIN_WORDS words (a tagged noun
    at the end of the rule's object)."""
    text = doc.text
    quotes = find_quotes(text)
    cues = [(d.cue.idx, d.cue.idx + len(d.cue)) for d in drafts if d.cue is not None]
    cues += [r.cue_span for d in drafts for r in d.relays if r.cue_span]
    for rel in relations:
        if not rel.content or rel.cue is None:
            continue
        cue = doc.char_span(*rel.cue, alignment_mode="expand")
        if cue is None:
            continue
        for draft in drafts:
            if draft.origin != "rule" or draft.cue is None or not cue.start <= draft.cue.i < cue.end:
                continue
            if draft.relays:
                continue
            pieces = [draft.content, *draft.more]
            if any(c in QUOTE_MARKS for s, e in pieces for c in text[max(s - 1, 0) : e + 1]):
                continue
            if any(overlap_any((q.start, q.end), pieces) for q in quotes):
                continue
            content, *more = sorted(rel.content)
            if "\n" in text[content[0] : max(e for _, e in rel.content)]:
                continue  # a tagged content running across a line break (headline into body) is not taken
            tagged = [content, *more]
            kept = all(overlap_any(piece, tagged) for piece in pieces)
            short = sum(len(text[a:b].split()) for a, b in tagged) < REFINE_MIN_WORDS
            if not kept or (short and cover(tagged, pieces) < REFINE_MIN_COVER):
                continue
            if draft.speaker and overlap_any(draft.speaker, tagged):
                continue
            own = (draft.cue.idx, draft.cue.idx + len(draft.cue))
            if any(c != own and overlap_any(c, tagged) for c in cues):
                continue
            draft.content, draft.more = content, more


def cover(spans: list[Offsets], pieces: list[Offsets]) -> float:
    """Share of the characters of ``pieces`` that ``spans`` cover."""
    total = sum(e - s for s, e in pieces)
    inside = sum(max(0, min(e, b) - max(s, a)) for s, e in pieces for a, b in spans)
    return inside / total if total else 0.0


def overlap_any(span: Offsets, pieces: list[Offsets]) -> bool:
    """The span shares a character with one of the pieces."""
    return any(min(span[1], e) > max(span[0], s) for s, e in pieces)


def token_spans(doc: Doc, spans: list[Offsets]) -> list[tuple[int, int]]:
    """Token ranges of character ranges (expanded to whole tokens), without duplicates."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and (span.start, span.end) not in out:
            out.append((span.start, span.end))
    return sorted(out)


@lru_cache(maxsize=2)
def load_transformer(folder: Path = MODEL_DIR) -> TransformerTagger | None:
    """The shipped transformer tagger, loaded once; None when the model or its runtime is missing."""
    if not (folder / ONNX_FILE).exists():
        return None
    try:
        return TransformerTagger(folder)
    except ImportError:
        return None


def available() -> bool:
    """The transformer engine can run here (model shipped, onnxruntime and tokenizers installed)."""
    return load_transformer() is not None


@lru_cache(maxsize=1)
def warn_unavailable() -> None:
    """Say once that the transformer engine was asked for but cannot run here."""
    import warnings

    warnings.warn(
        "the transformer attribution engine (the default) needs the shipped model and its runtime,"
        " onnxruntime and tokenizers (`pip install according[transformer]` installs them); using the CRF"
        " tagger (set ACCORDING_ATTRIBUTION_ENGINE=crf to silence this)",
        RuntimeWarning,
        stacklevel=3,
    )


def predict_relations(doc: Doc) -> list[PredictedRelation]:
    """Attribution relations in ``doc`` (character offsets of ``doc.text``); [] when the model is absent.
    Relations ``prime_batch`` computed with other Docs' are taken from the Doc, once."""
    cached = doc.user_data.pop(CACHE_KEY, None)
    if cached is not None:
        return cached
    tagger = load_transformer()
    return tagger.relations(doc) if tagger else []


def prime_batch(docs: list) -> None:
    """With the transformer engine selected and available, tag a batch of parsed Docs together (the
    scale-out path, ``extract_partition``); otherwise nothing. A Doc that is None is skipped."""
    from according.settings import get_settings

    if get_settings().attribution_engine != "transformer" or not available():
        return
    tagger = load_transformer()
    present = [doc for doc in docs if doc is not None and len(doc)]
    if tagger is not None and present:
        tagger.prime(present)
