"""Score attributions against PolNeAR (brat standoff): exact spans, content overlap, attribution F1.

Three layers, kept apart so each can be used alone:

* the brat reader (``read_ann``, ``read_corpus``) turns ``attributions/NAME_ANNOTATOR.ann`` into ``Rel``
  tuples of character spans into ``text/NAME.txt`` (read as UTF-8 with newlines untranslated);
* the scorer (``score_document``, ``Tally``) compares predicted and gold ``Rel`` tuples, nothing else;
* the engines (``product_relations``, ``model_relations``) and the ``command`` run the pipeline.

Scoring rules (identical on both sides):

* **Trimming.** Every span is trimmed before comparison: whitespace, quote marks (``"“”«»‘’'``), the
  punctuation ``.,;:!?``, dashes and ellipses (``—–…``) are stripped from both ends, repeatedly, and
  empty pieces are dropped.
* **Exact** source / cue / content: an element equals a gold element when its trimmed pieces are the
  same (a discontinuous content must match piece for piece). Elements are matched 1:1 as multisets per
  document, one element per relation; a relation without that element contributes nothing.
* **Content overlap**: a content is the union of the characters of its trimmed pieces. Pairs are
  matched greedily 1:1 by character Jaccard, best first, when Jaccard ≥ 0.5 or the prediction covers
  ≥ 0.8 of the gold content.
* **Attribution**: a predicted relation is right when its content matches a gold content (overlap rule)
  and its source overlaps the gold source by at least one character; a gold relation with no source is
  right only when the prediction has no source. Matched greedily 1:1, best Jaccard first.
* **Nested speech**: PolNeAR annotates only the outermost attribution, so a product attribution reported
  inside another one's quotation and linked to its speaker (``quoted_inside``) is left out; the outer one,
  which holds its words, is scored.
* **Kind** of a gold relation (for recall by kind): no source = unattributed; otherwise direct when every
  content piece lies inside double quotes (``"“”«»``, the marks inside the span or just outside it), mixed
  when the content holds some double quote marks, indirect when it holds none.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Annotated, NamedTuple

import typer

from according.records import Attribution

Piece = tuple[int, int]
TRIM_CHARS = " \t\r\n\u00a0\"“”«»‘’'.,;:!?—–…"
DOUBLE_QUOTES = '"“”«»'
KINDS = ("direct", "indirect", "mixed", "unattributed")


class Rel(NamedTuple):
    """One attribution relation as character pieces; an empty tuple means the element is absent."""

    source: tuple[Piece, ...]
    cue: tuple[Piece, ...]
    content: tuple[Piece, ...]


@dataclass
class GoldDocument:
    """One annotated document: its name, annotator, text, publication date and gold relations."""

    name: str
    annotator: str
    text: str
    published: str | None
    relations: list[Rel]


# --- brat reader -------------------------------------------------------------------------------------

ENTITY_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
EVENT_RE = re.compile(r"^(E\d+)\t(\S+)")


def parse_pieces(offsets: str) -> tuple[Piece, ...]:
    """``"10 20;25 40"`` -> ``((10, 20), (25, 40))``."""
    return tuple((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))


def read_ann(text: str) -> list[Rel]:
    """The Attribution events of one .ann file; other lines (notes, Discuss, text continuations) skipped."""
    spans: dict[str, tuple[Piece, ...]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if match := ENTITY_RE.match(line):
            spans[match.group(1)] = parse_pieces(match.group(3))
        elif (match := EVENT_RE.match(line)) and match.group(2).startswith("Attribution"):
            args = line.split("\t")[1].split()[1:]
            events.append([tuple(arg.split(":", 1)) for arg in args if ":" in arg])  # type: ignore[misc]
    return [event_relation(args, spans) for args in events]


def event_relation(args: list[tuple[str, str]], spans: dict[str, tuple[Piece, ...]]) -> Rel:
    """Join an event's Source / Cue / Content(2…) arguments into one Rel (content pieces sorted)."""
    found: dict[str, list[Piece]] = {"Source": [], "Cue": [], "Content": []}
    for role, ref in args:
        role = role.rstrip("0123456789")
        if role in found and ref in spans:
            found[role].extend(spans[ref])
    return Rel(*(tuple(sorted(set(found[r]))) for r in ("Source", "Cue", "Content")))


def read_metadata(path: Path) -> dict[str, str]:
    """Document name -> publication date, from PolNeAR's metadata.tsv (empty when absent)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(handle, delimiter="\t")}


def read_text(path: Path) -> str:
    """A PolNeAR text exactly as its offsets count it: UTF-8, newlines untranslated."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_corpus(folder: Path, limit: int | None = None) -> Iterator[GoldDocument]:
    """One GoldDocument per .ann file of ``folder`` (a text with several annotators comes once per each)."""
    dates = read_metadata(folder.parent / "metadata.tsv") or read_metadata(folder / "metadata.tsv")
    for count, ann in enumerate(sorted((folder / "attributions").glob("*.ann"))):
        if limit is not None and count >= limit:
            return
        name, _, annotator = ann.stem.rpartition("_")
        text = read_text(folder / "text" / f"{name}.txt")
        relations = read_ann(ann.read_text(encoding="utf-8"))
        yield GoldDocument(name, annotator, text, dates.get(name), relations)


# --- scorer ------------------------------------------------------------------------------------------


def trim(text: str, piece: Piece) -> Piece | None:
    """The piece without surrounding whitespace, quote marks and punctuation; None when nothing is left."""
    start, end = piece
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return (start, end) if start < end else None


def trimmed(text: str, pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """All non-empty trimmed pieces, sorted."""
    return tuple(sorted(p for p in (trim(text, piece) for piece in pieces) if p))


def chars(pieces: Iterable[Piece]) -> frozenset[int]:
    """The set of character positions covered by the pieces."""
    return frozenset(i for start, end in pieces for i in range(start, end))


def exact_counts(text: str, gold: list[tuple[Piece, ...]], pred: list[tuple[Piece, ...]]) -> Counter[str]:
    """tp/fp/fn of one element: trimmed elements matched 1:1 as multisets (absent elements ignored)."""
    gold_set = Counter(t for t in (trimmed(text, g) for g in gold) if t)
    pred_set = Counter(t for t in (trimmed(text, p) for p in pred) if t)
    tp = sum((gold_set & pred_set).values())
    return Counter(tp=tp, fp=sum(pred_set.values()) - tp, fn=sum(gold_set.values()) - tp)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Character Jaccard of two contents."""
    return len(a & b) / len(a | b) if a or b else 0.0


def content_match(pred: frozenset[int], gold: frozenset[int]) -> bool:
    """The overlap rule: Jaccard ≥ 0.5, or the prediction covers ≥ 0.8 of the gold content."""
    if not pred or not gold:
        return False
    return jaccard(pred, gold) >= 0.5 or len(pred & gold) / len(gold) >= 0.8


def source_ok(pred: Rel, gold: Rel) -> bool:
    """The source rule: overlapping sources, or neither side has one when the gold has none."""
    if not gold.source:
        return not pred.source
    return bool(pred.source) and bool(chars(pred.source) & chars(gold.source))


Accept = Callable[[Rel, Rel, frozenset[int], frozenset[int]], bool]


def greedy_match(gold: list[Rel], pred: list[Rel], text: str, accept: Accept) -> list[tuple[int, int]]:
    """1:1 (pred index, gold index) pairs accepted by ``accept``, taken best content Jaccard first."""
    gold_chars = [chars(trimmed(text, g.content)) for g in gold]
    pred_chars = [chars(trimmed(text, p.content)) for p in pred]
    pairs = [
        (jaccard(pc, gc), i, j)
        for i, pc in enumerate(pred_chars)
        for j, gc in enumerate(gold_chars)
        if pc & gc and accept(pred[i], gold[j], pc, gc)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((i, j))
    return matches


def gold_kind(text: str, rel: Rel) -> str:
    """direct / indirect / mixed / unattributed, from the source and the quote marks of the content."""
    if not rel.source:
        return "unattributed"
    pieces = trimmed(text, rel.content) or rel.content
    if pieces and all(quoted(text, p) for p in pieces):
        return "direct"
    if any(ch in DOUBLE_QUOTES for start, end in rel.content for ch in text[max(start - 1, 0) : end + 1]):
        return "mixed"
    return "indirect"


def quoted(text: str, piece: Piece) -> bool:
    """The trimmed piece starts right after a double quote mark and ends right before one."""
    start, end = piece
    before = text[max(start - 2, 0) : start].rstrip()
    after = text[end : end + 3].lstrip(".,;:!? ")
    opened = bool(before) and before[-1] in DOUBLE_QUOTES
    closed = bool(after) and after[0] in DOUBLE_QUOTES
    return opened and closed and not any(ch in DOUBLE_QUOTES for ch in text[start:end])


def score_document(text: str, gold: list[Rel], pred: list[Rel]) -> Counter[str]:
    """All counts for one document, as flat ``name.tp`` / ``name.fp`` / ``name.fn`` keys."""
    counts: Counter[str] = Counter()
    for element in ("source", "cue", "content"):
        got = exact_counts(text, [getattr(g, element) for g in gold], [getattr(p, element) for p in pred])
        counts.update({f"exact.{element}.{k}": v for k, v in got.items()})
    for name, accept in (("content_overlap", _content_only), ("attribution", _attribution)):
        matched = greedy_match(gold, pred, text, accept)
        counts.update({f"{name}.tp": len(matched), f"{name}.fp": len(pred) - len(matched)})
        counts[f"{name}.fn"] += len(gold) - len(matched)
        if name == "attribution":
            hit = {j for _, j in matched}
            for j, rel in enumerate(gold):
                kind = gold_kind(text, rel)
                counts[f"kind.{kind}.gold"] += 1
                counts[f"kind.{kind}.tp"] += j in hit
    return counts


def _content_only(p: Rel, g: Rel, pc: frozenset[int], gc: frozenset[int]) -> bool:
    """Accept a pair on content overlap alone."""
    return content_match(pc, gc)


def _attribution(p: Rel, g: Rel, pc: frozenset[int], gc: frozenset[int]) -> bool:
    """Accept a pair on content overlap and the source rule."""
    return content_match(pc, gc) and source_ok(p, g)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class Tally:
    """Counts summed over documents, turned into the flat figures of the report."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    seconds: float = 0.0

    def add(self, counts: Counter[str], seconds: float = 0.0) -> None:
        """Add one document's counts and the time its prediction took."""
        self.counts.update(counts)
        self.documents += 1
        self.seconds += seconds

    def figures(self) -> dict[str, float]:
        """Flat dotted keys: ``attribution.f1``, ``exact.cue.tp``, ``kind.direct.recall``…"""
        out: dict[str, float] = {}
        for name in ("attribution", "content_overlap", "exact.source", "exact.cue", "exact.content"):
            tp, fp, fn = (self.counts[f"{name}.{k}"] for k in ("tp", "fp", "fn"))
            out.update({f"{name}.{k}": v for k, v in prf(tp, fp, fn).items()})
            out.update({f"{name}.tp": tp, f"{name}.fp": fp, f"{name}.fn": fn})
        for kind in KINDS:
            gold = self.counts[f"kind.{kind}.gold"]
            out[f"kind.{kind}.gold"] = gold
            out[f"kind.{kind}.recall"] = self.counts[f"kind.{kind}.tp"] / gold if gold else 0.0
        out["documents"] = self.documents
        out["documents_per_second"] = self.documents / self.seconds if self.seconds else 0.0
        return out


# --- engines -----------------------------------------------------------------------------------------


def quoted_inside(att: Attribution, others: list[Attribution]) -> bool:
    """An attribution reported inside another's quotation ("“… Trump said X …” ― Padilla"), whose first
    chain link is that other speaker: PolNeAR annotates only the outermost attribution of nested speech,
    so the product's inner record is left out of the comparison (the outer one, holding its words, stays)."""
    if not att.chain or att.chain[0].source.mention is None:
        return False
    start, end = att.content[0].start, att.content[-1].end
    link = att.chain[0].source.mention
    return any(
        o is not att
        and o.speaker is not None
        and o.speaker.mention == link
        and o.content[0].start <= start
        and end <= o.content[-1].end
        for o in others
    )


def product_relations(doc: GoldDocument) -> list[Rel]:
    """Run the product pipeline on the text and read its Record's attributions as Rel tuples."""
    from according.pipeline import extract_text

    record = extract_text(doc.text, published=doc.published, source=doc.name)
    rels: list[Rel] = []
    for att in record.attributions:
        if quoted_inside(att, record.attributions):
            continue
        mention = att.speaker.mention if att.speaker else None
        source = ((mention.start, mention.end),) if mention else ()
        cue = ((att.cue.start, att.cue.end),) if att.cue else ()
        rels.append(Rel(source, cue, tuple((s.start, s.end) for s in att.content)))
    return rels


def model_relations(doc: GoldDocument, predict_relations: Callable | None = None) -> list[Rel]:
    """Run the CRF tagger (or ``predict_relations``) alone on the product's cleaned text; offsets mapped to
    the original."""
    from according.ingest.text import ingest_text
    from according.nlp import load

    if predict_relations is None:
        from according.extract.attribution.model import predict_relations
    mapped = ingest_text(doc.text).mapped
    parsed = load()(mapped.text)

    def back(piece: tuple[int, int] | None) -> tuple[Piece, ...]:
        return (mapped.to_original(*piece),) if piece else ()

    return [
        Rel(back(r.source), back(r.cue), tuple(p for c in r.content for p in back(c)))
        for r in predict_relations(parsed)
    ]


def transformer_relations(doc: GoldDocument) -> list[Rel]:
    """Run the transformer tagger alone (with the parse-based linker); offsets mapped to the original."""
    from according.extract.attribution.transformer import predict_relations

    return model_relations(doc, predict_relations)


def with_engine(name: str) -> Engine:
    """The product pipeline with ``ACCORDING_ATTRIBUTION_ENGINE`` set to ``name`` while it runs."""

    def run(doc: GoldDocument) -> list[Rel]:
        before = os.environ.get(ENGINE_VARIABLE)
        os.environ[ENGINE_VARIABLE] = name
        try:
            return product_relations(doc)
        finally:
            if before is None:
                os.environ.pop(ENGINE_VARIABLE, None)
            else:
                os.environ[ENGINE_VARIABLE] = before

    return run


Engine = Callable[[GoldDocument], list[Rel]]
ENGINE_VARIABLE = "ACCORDING_ATTRIBUTION_ENGINE"
ENGINES: dict[str, Engine] = {
    "product": product_relations,  # the engine the settings name (by default: transformer)
    "rules": with_engine("rules"),
    "crf": with_engine("crf"),
    "transformer": with_engine("transformer"),
    "model": model_relations,  # the CRF tagger alone
    "tagger": transformer_relations,  # the transformer tagger alone
}


Progress = Callable[[], None]


def evaluate(
    folder: Path,
    engine: str = "product",
    limit: int | None = None,
    progress: Progress | None = None,
    errors: IO[str] | None = None,
) -> Tally:
    """Score one engine on every annotated document of ``folder``; with ``errors``, write the misses."""
    predict = ENGINES[engine]
    tally = Tally()
    for doc in read_corpus(folder, limit):
        began = time.perf_counter()
        pred = predict(doc)
        tally.add(score_document(doc.text, doc.relations, pred), time.perf_counter() - began)
        for miss in misses(doc, pred) if errors else ():
            errors.write(json.dumps(miss, ensure_ascii=False) + "\n")
        if progress:
            progress()
    return tally


def misses(doc: GoldDocument, pred: list[Rel]) -> Iterator[dict[str, object]]:
    """Gold relations no prediction matched ("missed") and predictions matching no gold ("spurious"),
    under the attribution rule, with their texts."""
    matched = greedy_match(doc.relations, pred, doc.text, _attribution)
    hit_pred, hit_gold = {i for i, _ in matched}, {j for _, j in matched}
    for j, rel in enumerate(doc.relations):
        if j not in hit_gold:
            yield {"id": doc.name, "error": "missed", "gold": relation_texts(doc.text, rel)}
    for i, rel in enumerate(pred):
        if i not in hit_pred:
            yield {"id": doc.name, "error": "spurious", "pred": relation_texts(doc.text, rel)}


def relation_texts(text: str, rel: Rel) -> dict[str, list[str]]:
    """The source, cue and content pieces of a relation as text."""
    return {
        element: [text[start:end] for start, end in getattr(rel, element)]
        for element in ("source", "cue", "content")
    }


def command(
    folder: Annotated[Path, typer.Argument(help="A PolNeAR split: a folder with text/ and attributions/.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one flat JSON object.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N .ann files.")] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="product (the Record, engine from settings), rules, crf or transformer (the Record with "
            "that attribution engine), model (the CRF tagger alone) or tagger (the transformer alone)."
        ),
    ] = "product",
    errors: Annotated[Path | None, typer.Option(help="Write the misses (JSONL) to this file.")] = None,
) -> None:
    """Score attributions against PolNeAR brat annotations."""
    from rich.progress import Progress as Bar

    if engine not in ENGINES:
        raise typer.BadParameter(f"engine must be one of {sorted(ENGINES)}")
    if engine in ("transformer", "tagger"):
        from according.extract.attribution.transformer import available

        if not available():
            raise typer.BadParameter(
                "the transformer engine needs its model and `pip install according[transformer]`"
            )
    total = sum(1 for _ in (folder / "attributions").glob("*.ann"))
    if not total:
        from according.cli_options import fail

        raise fail(f"{folder}: no PolNeAR annotations (attributions/*.ann) there")
    total = min(total, limit) if limit is not None else total
    with Bar(transient=True, console=_stderr()) as bar, open_errors(errors) as sink:
        task = bar.add_task(f"polnear/{engine}", total=total)
        tally = evaluate(folder, engine, limit, progress=lambda: bar.advance(task), errors=sink)
    figures = tally.figures()
    if json_out:
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        print_table(figures)


def open_errors(path: Path | None) -> AbstractContextManager[IO[str] | None]:
    """The misses file opened for writing, or a stand-in yielding None when no file was asked for."""
    return path.open("w", encoding="utf-8") if path is not None else nullcontext()


def _stderr():  # noqa: ANN202 - rich Console, imported lazily
    """A Rich console on stderr for the progress bar."""
    from rich.console import Console

    return Console(stderr=True)


def print_table(figures: dict[str, float]) -> None:
    """The figures as a Rich table: P/R/F1 per measure, recall per kind, throughput."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="PolNeAR attribution scores")
    for column in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name in ("attribution", "content_overlap", "exact.source", "exact.cue", "exact.content"):
        cells = [f"{figures[f'{name}.{k}']:.3f}" for k in ("precision", "recall", "f1")]
        table.add_row(name, *cells, *(str(int(figures[f"{name}.{k}"])) for k in ("tp", "fp", "fn")))
    for kind in KINDS:
        table.add_row(f"kind.{kind} (recall)", "", f"{figures[f'kind.{kind}.recall']:.3f}", "", "", "", "")
    console = Console()
    console.print(table)
    docs, speed = int(figures["documents"]), figures["documents_per_second"]
    console.print(f"{docs} documents, {speed:.2f} documents/second")
