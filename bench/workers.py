"""Throughput of the local runner with 2 worker processes against 1, side by side on the same articles.

    python bench/workers.py [--articles 200] [--rounds 3] [--workers 2]

Each round runs ``according.scale.run`` over the articles with 1 worker and with N, the per-article time
limit on in both (so both run in worker processes, as `according extract` does), and serialises every
record as JSONL would; the ratio of medians is the figure to quote. Worker start-up (model loading) is
timed apart and left out of the throughput.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from throughput import DEFAULT_CORPUS


def rows(path: Path, count: int) -> list:
    """The first ``count`` articles of a JSONL corpus as input texts."""
    from according.ingest.batch import InputText

    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            row = json.loads(line)
            items.append(
                InputText(source=f"{path}:{number}", text=row["text"], meta={"published": row.get("date")})
            )
            if len(items) == count:
                break
    return items


def timed_run(items: list, workers: int) -> tuple[float, float]:
    """(seconds until the first result, seconds from then to the last) for one run."""
    from according.scale import run

    start = time.perf_counter()
    first = None
    for result in run(items, workers=workers, timeout=60):
        result.model_dump_json()
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    return (first or end) - start, end - (first or end)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    items = rows(args.corpus, args.articles)
    seconds: dict[int, list[float]] = {1: [], args.workers: []}
    startup: dict[int, list[float]] = {1: [], args.workers: []}
    for _ in range(args.rounds):
        for workers in seconds:
            first, rest = timed_run(items, workers)
            startup[workers].append(first)
            seconds[workers].append(rest)
    median = {w: statistics.median(v) for w, v in seconds.items()}
    result = {
        "articles": len(items),
        "rounds": args.rounds,
        "cpu_count": __import__("os").cpu_count(),
        **{f"workers_{w}_articles_per_second": round((len(items) - 1) / m, 2) for w, m in median.items()},
        **{f"workers_{w}_startup_seconds": round(statistics.median(v), 2) for w, v in startup.items()},
        "ratio_workers_to_one": round(median[1] / median[args.workers], 3),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
