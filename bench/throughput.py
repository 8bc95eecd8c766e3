"""Throughput of the full pipeline against bare spaCy parsing, side by side on the same articles.

    python bench/throughput.py [--articles 200] [--rounds 3] [--corpus ../shared/corpora/news/bbc2225.jsonl]

Each round times bare ``en_core_web_sm`` parsing (``nlp(text)``) and the full ``extract_text`` on the same
articles, one after the other, so machine noise hits both; the ratio of medians is the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "news" / "bbc2225.jsonl"
)


def load_texts(path: Path, count: int) -> list[str]:
    """The first ``count`` article texts of a JSONL corpus (field ``text``)."""
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) == count:
                break
    return texts


def time_bare(texts: list[str]) -> float:
    """Seconds to parse every text with the bare spaCy model, no extraction."""
    import spacy

    from according.settings import get_settings

    nlp = bare_model(spacy, get_settings().spacy_model)
    start = time.perf_counter()
    for text in texts:
        nlp(text)
    return time.perf_counter() - start


def bare_model(spacy, name: str):
    """Load the bare model once per process."""
    if name not in _CACHE:
        _CACHE[name] = spacy.load(name)
    return _CACHE[name]


_CACHE: dict = {}


def time_full(texts: list[str]) -> float:
    """Seconds to run the full according pipeline (ingest, parse, every extractor) on every text."""
    from according.pipeline import extract_text

    start = time.perf_counter()
    for text in texts:
        extract_text(text, published="2005-01-01")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--engine",
        choices=("rules", "crf", "transformer"),
        default=None,
        help="attribution engine (ACCORDING_ATTRIBUTION_ENGINE); default: the settings'",
    )
    args = parser.parse_args()
    if args.engine:
        os.environ["ACCORDING_ATTRIBUTION_ENGINE"] = args.engine
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts = load_texts(args.corpus, args.articles)
    time_full(texts[:3])  # warm up: load models, registries, caches
    time_bare(texts[:3])
    bare, full = [], []
    for _ in range(args.rounds):
        bare.append(time_bare(texts))
        full.append(time_full(texts))
    words = sum(len(t.split()) for t in texts)
    result = {
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        "bare_seconds_median": round(statistics.median(bare), 3),
        "full_seconds_median": round(statistics.median(full), 3),
        "bare_articles_per_second": round(len(texts) / statistics.median(bare), 2),
        "full_articles_per_second": round(len(texts) / statistics.median(full), 2),
        "engine": os.environ.get("ACCORDING_ATTRIBUTION_ENGINE", "default"),
        "bare_words_per_second": round(words / statistics.median(bare)),
        "full_words_per_second": round(words / statistics.median(full)),
        "ratio_full_to_bare_throughput": round(statistics.median(bare) / statistics.median(full), 3),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
