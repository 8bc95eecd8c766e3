"""Train the attribution tagger (two CRFs) on PolNeAR train and write it into the package.

    python scripts/train_attribution.py [--corpus ../shared/corpora/polnear/train] [--out DIR] [--cache FILE]

Reproducible: the texts are parsed by the product's own ingestion and spaCy pipeline, and crfsuite's
L-BFGS training is deterministic (no sampling, fixed iteration count). Only the train split is read.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, DocBin

from according.eval.polnear import GoldDocument, Piece, Rel, read_corpus
from according.extract.attribution.model import CONTENT_FILE, LEXICON_FILE, META_FILE, ROLE_FILE, doc_features
from according.ingest.text import ingest_text
from according.nlp import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear" / "train"
DEFAULT_OUT = ROOT / "src" / "according" / "models" / "attribution"
PARAMS = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}


def token_origins(text: str) -> tuple[Doc, list[int]]:
    """Parse a text as the product does; the original-text position of every token's first character."""
    mapped = ingest_text(text).mapped
    doc = load()(mapped.text)
    return doc, [mapped.offsets[t.idx] if t.idx < len(mapped.offsets) else len(text) for t in doc]


def bio(origins: list[int], pieces_list: list[tuple[Piece, ...]], label: str, tags: list[str]) -> None:
    """Write B-/I- ``label`` tags for each element's pieces onto still-untagged tokens."""
    for pieces in pieces_list:
        for start, end in pieces:
            first = True
            for i, pos in enumerate(origins):
                if start <= pos < end and tags[i] == "O":
                    tags[i] = f"{'B' if first else 'I'}-{label}"
                    first = False
                elif tags[i] != "O" and start <= pos < end:
                    first = False


def labels(origins: list[int], relations: list[Rel]) -> tuple[list[str], list[str]]:
    """Gold BIO tags of the role layer (cues before sources) and the content layer (outermost first)."""
    roles = ["O"] * len(origins)
    bio(origins, [r.cue for r in relations], "CUE", roles)
    bio(origins, [r.source for r in relations], "SOURCE", roles)
    content = ["O"] * len(origins)
    outer_first = sorted(relations, key=lambda r: -sum(e - s for s, e in r.content))
    bio(origins, [r.content for r in outer_first], "CONTENT", content)
    return roles, content


def parses(docs: list[GoldDocument], cache: Path | None) -> dict[str, tuple[Doc, list[int]]]:
    """Each distinct text parsed once (name -> Doc, token origins); optionally cached as a DocBin."""
    nlp = load()
    if cache and cache.exists():
        names, origins, data = pickle.loads(cache.read_bytes())
        loaded = DocBin().from_bytes(data).get_docs(nlp.vocab)
        return {n: (d, o) for n, o, d in zip(names, origins, loaded, strict=True)}
    parsed: dict[str, tuple[Doc, list[int]]] = {}
    for number, doc in enumerate(docs):
        if doc.name not in parsed:
            parsed[doc.name] = token_origins(doc.text)
        if number % 100 == 0:
            print(f"parsed {number}/{len(docs)}", file=sys.stderr)
    if cache:
        names = list(parsed)
        data = DocBin(docs=[parsed[n][0] for n in names]).to_bytes()
        cache.write_bytes(pickle.dumps((names, [parsed[n][1] for n in names], data)))
    return parsed


def cue_lexicon(docs: list[GoldDocument], parsed: dict[str, tuple[Doc, list[int]]]) -> list[str]:
    """Lemmas that are often a cue: tagged CUE at least 3 times and in at least 15% of their uses."""
    cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc in docs:
        spacy_doc, origins = parsed[doc.name]
        roles, _ = labels(origins, doc.relations)
        for token, tag in zip(spacy_doc, roles, strict=True):
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            cue[lemma] += tag.endswith("CUE")
    return sorted(lemma for lemma, n in cue.items() if n >= 3 and n / seen[lemma] >= 0.15 and lemma.strip())


def train(docs: list[GoldDocument], parsed: dict[str, tuple[Doc, list[int]]], out: Path) -> int:
    """Train the role and content CRFs on every annotated document; returns the token count."""
    lexicon = cue_lexicon(docs, parsed)
    (out / LEXICON_FILE).write_text("\n".join(lexicon) + "\n", encoding="utf-8")
    trainers = [pycrfsuite.Trainer(verbose=False) for _ in range(2)]
    tokens = 0
    for doc in docs:
        spacy_doc, origins = parsed[doc.name]
        feats = doc_features(spacy_doc, frozenset(lexicon))
        for trainer, tags in zip(trainers, labels(origins, doc.relations), strict=True):
            trainer.append(feats, tags)
        tokens += len(feats)
    jobs = [
        multiprocessing.get_context("fork").Process(target=fit, args=(trainer, out / name))
        for trainer, name in zip(trainers, (ROLE_FILE, CONTENT_FILE), strict=True)
    ]
    for job in jobs:  # the two layers train side by side (forked: the appended data is shared)
        job.start()
    for job in jobs:
        job.join()
        if job.exitcode:
            raise SystemExit(f"training failed with exit code {job.exitcode}")
    return tokens


def fit(trainer: pycrfsuite.Trainer, path: Path) -> None:
    """Train one CRF layer with the fixed parameters and save it."""
    trainer.set_params(PARAMS)
    trainer.train(str(path))
    print(f"trained {path.name}", file=sys.stderr)


def main() -> None:
    """Read PolNeAR train, prepare features, train both layers, write the model folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of parsed features (speeds re-runs)")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    began = time.perf_counter()
    docs = list(read_corpus(args.corpus, args.limit))
    parsed = parses(docs, args.cache)
    args.out.mkdir(parents=True, exist_ok=True)
    tokens = train(docs, parsed, args.out)
    meta = {
        "corpus": "PolNeAR v1.0 train",
        "documents": len(docs),
        "params": PARAMS,
        "tokens": tokens,
        "seconds": round(time.perf_counter() - began, 1),
    }
    (args.out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
