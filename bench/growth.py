"""How cost grows with text length: seconds per KB at 1x, 4x, 16x, 64x an article and on hostile texts.

    python bench/growth.py [--scales 1,4,16,64] [--steps] [--only NAME] [--corpus FILE] [--article N]

Each text goes through ``extract_text`` in this process, step by step (ingest, parse, then every configured
extractor), so each step's share is visible. The growth exponent of a series is the least-squares slope of
log(seconds) against log(characters): 1.0 is linear, 2.0 quadratic. Hostile texts are the inputs that once
stalled a batch; the per-article time limit (``ACCORDING_ARTICLE_TIMEOUT``, enforced by the worker pool) is
the backstop, this benchmark measures the steps themselves.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "news" / "bbc2225.jsonl"
)


def article_text(path: Path, index: int, words: int = 500) -> str:
    """The first article of the corpus with about ``words`` words or more, cut at a paragraph near that."""
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    long_enough = [t for t in texts if len(t.split()) >= words]
    text = long_enough[index % len(long_enough)]
    paragraphs, kept = text.split("\n\n"), []
    while paragraphs and sum(len(p.split()) for p in kept) < words:
        kept.append(paragraphs.pop(0))
    return "\n\n".join(kept)


def hostile_texts() -> dict[str, Callable[[int], str]]:
    """Hostile text makers by name; each takes a scale and returns a text growing with it."""
    return {
        "he-said": lambda k: '"He said: "' * (125 * k),
        "quotes": lambda k: '"' * (6250 * k),
        "parens": lambda k: "(" * (3125 * k) + ")" * (3125 * k),
        "percents": lambda k: " ".join(f"{i}%" for i in range(1600 * k)),
    }


def timed_steps(text: str, steps: tuple[str, ...]) -> dict[str, float]:
    """Seconds for each stage of ``extract_text`` on ``text``: ingest, parse, then each extractor."""
    from according.context import Context
    from according.ingest.text import ingest_text
    from according.pipeline import build_article, parse
    from according.records import Record
    from according.registry import get_extractor

    times: dict[str, float] = {}
    start = time.perf_counter()
    ingested = ingest_text(text)
    article = build_article(text, ingested)
    times["ingest"] = time.perf_counter() - start
    start = time.perf_counter()
    doc = parse(ingested.mapped.text)
    times["parse"] = time.perf_counter() - start
    ctx = Context(article=article, mapped=ingested.mapped, doc=doc, record=Record(article=article))
    for name in steps:
        step = get_extractor(name)
        start = time.perf_counter()
        setattr(ctx.record, step.field, step.func(ctx))
        times[name] = time.perf_counter() - start
    return times


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def run_series(name: str, make: Callable[[int], str], scales: list[int], steps: tuple[str, ...]) -> dict:
    """Time one text at each scale; print a row per scale and return the per-step timings."""
    sizes: list[int] = []
    rows: list[dict[str, float]] = []
    for scale in scales:
        text = make(scale)
        times = timed_steps(text, steps)
        sizes.append(len(text))
        rows.append(times)
        total = sum(times.values())
        detail = " ".join(f"{k}={v:.2f}" for k, v in times.items())
        kb = len(text) / 1000
        print(
            f"{name:10} x{scale:<3} {kb:8.1f} KB {total:8.2f} s {total / kb:.4f} s/KB  [{detail}]", flush=True
        )
    return {"sizes": sizes, "rows": rows}


def report(name: str, series: dict) -> None:
    """Growth exponent of the total and of each step for one series."""
    sizes, rows = series["sizes"], series["rows"]
    if len(sizes) < 2:
        return
    total = exponent(sizes, [sum(r.values()) for r in rows])
    per_step = " ".join(f"{k}={exponent(sizes, [r[k] for r in rows]):.2f}" for k in rows[0])
    without_events = exponent(sizes, [sum(v for k, v in r.items() if k != "events") for r in rows])
    line = f"{name:10} exponent total={total:.2f} without-events={without_events:.2f}  [{per_step}]"
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the article series and every hostile series; print rows and exponents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16,64", help="multiples of the base text, comma-separated")
    parser.add_argument("--hostile-scales", default="1,2,4,8", help="multiples of each hostile text")
    parser.add_argument("--only", default=None, help="run only this series (article, he-said, quotes, …)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--article", type=int, default=0, help="which 500-word article of the corpus")
    args = parser.parse_args(argv)
    from according.settings import get_settings

    steps = get_settings().pipeline
    base = article_text(args.corpus, args.article)
    timed_steps(base, steps)  # warm up: model load, registries
    series = {"article": (lambda k: "\n\n".join([base] * k), [int(s) for s in args.scales.split(",")])}
    hostile_scales = [int(s) for s in args.hostile_scales.split(",")]
    series.update({name: (make, hostile_scales) for name, make in hostile_texts().items()})
    results = {}
    for name, (make, scales) in series.items():
        if args.only and name != args.only:
            continue
        results[name] = run_series(name, make, scales, steps)
    for name, result in results.items():
        report(name, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
