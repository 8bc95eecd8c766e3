"""Throughput of the full pipeline against bare spaCy parsing, side by side on the same articles.

    python bench/throughput.py [--articles 200] [--rounds 3] [--corpus ../shared/corpora/news/bbc2225.jsonl]

Each round times, one after the other on the same articles so machine noise hits all: bare
``en_core_web_sm`` parsing one text at a time (``nlp(text)``), bare parsing in batches (``nlp.pipe``), the
full pipeline as the runners call it (``extract_partition``: ingest, batched parse, every extractor) and
the full pipeline one article at a time (``extract_text``), and bare parsing one text at a time on the
matrix backend the product uses (numpy's BLAS on one thread instead of spaCy's default blis; the ratio to
it shows what the extractors cost beyond the parse). Ratios of medians are the figures to quote;
the CPU-time ratio (``process_time``) is the one to trust when other processes load the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
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


def bare_model():
    """The bare spaCy model named by settings, loaded once per process."""
    import spacy

    from according.settings import get_settings

    if "nlp" not in _CACHE:
        _CACHE["nlp"] = spacy.load(get_settings().spacy_model)
    return _CACHE["nlp"]


_CACHE: dict = {}


def bare_each(texts: list[str]) -> None:
    """Parse every text with the bare model, one at a time."""
    nlp = bare_model()
    for text in texts:
        nlp(text)


def bare_numpy_model():
    """The bare spaCy model with the product's matrix backend (numpy's BLAS, one thread; see
    ``according.nlp.use_numpy_ops``): what the parse alone costs inside the pipeline."""
    import spacy

    from according.nlp import use_numpy_ops
    from according.settings import get_settings

    if "nlp_numpy" not in _CACHE:
        _CACHE["nlp_numpy"] = spacy.load(get_settings().spacy_model)
        use_numpy_ops(_CACHE["nlp_numpy"])
    return _CACHE["nlp_numpy"]


def bare_each_numpy(texts: list[str]) -> None:
    """Parse every text one at a time with the bare model on the product's matrix backend."""
    from according.nlp import one_blas_thread

    nlp = bare_numpy_model()
    with one_blas_thread():
        for text in texts:
            nlp(text)


def bare_pipe(texts: list[str]) -> None:
    """Parse every text with the bare model, in batches."""
    for _ in bare_model().pipe(texts, batch_size=16):
        pass


def full_partition(texts: list[str]) -> None:
    """The full pipeline as every runner calls it (batched parse)."""
    from according.scale import extract_partition

    for _ in extract_partition({"text": t, "published": "2005-01-01"} for t in texts):
        pass


def full_each(texts: list[str]) -> None:
    """The full pipeline one article at a time (``extract_text``)."""
    from according.pipeline import extract_text

    for text in texts:
        extract_text(text, published="2005-01-01")


def timed(func: Callable[[list[str]], None], texts: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds one call takes (CPU time is less moved by other processes' load)."""
    start, cpu = time.perf_counter(), time.process_time()
    func(texts)
    return time.perf_counter() - start, time.process_time() - cpu


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
    runs = {
        "bare_each": bare_each,
        "bare_pipe": bare_pipe,
        "bare_each_numpy": bare_each_numpy,
        "full": full_partition,
        "full_each": full_each,
    }
    for func in runs.values():
        func(texts[:20])  # warm up: load models, registries, caches
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    cpu_seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, func in runs.items():
            wall, cpu = timed(func, texts)
            seconds[name].append(wall)
            cpu_seconds[name].append(cpu)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    cpu = {name: statistics.median(values) for name, values in cpu_seconds.items()}
    words = sum(len(t.split()) for t in texts)
    result = {
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        **{f"{name}_articles_per_second": round(len(texts) / value, 2) for name, value in median.items()},
        "ratio_full_to_bare_throughput": round(median["bare_each"] / median["full"], 3),
        "ratio_full_to_bare_pipe_throughput": round(median["bare_pipe"] / median["full"], 3),
        "ratio_full_each_to_bare_throughput": round(median["bare_each"] / median["full_each"], 3),
        "ratio_full_to_bare_cpu_time": round(cpu["bare_each"] / cpu["full"], 3),
        "ratio_full_to_bare_numpy_throughput": round(median["bare_each_numpy"] / median["full"], 3),
        "engine": os.environ.get("ACCORDING_ATTRIBUTION_ENGINE", "default"),
        "load_average_at_end": round(os.getloadavg()[0], 2),
        "bare_words_per_second": round(words / median["bare_each"]),
        "full_words_per_second": round(words / median["full"]),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
