"""Throughput of `ingest` (extract and store in the archive) against `extract --format jsonl > /dev/null`.

    python bench/ingest_throughput.py [--articles 60] [--rounds 3] [--corpus FILE.jsonl]

The corpus defaults to ../shared/corpora/news/bbc2225.jsonl. Each round runs both on the same articles,
one after the other (the order alternates between rounds), in one process with the model loaded once
(``ACCORDING_ARTICLE_TIMEOUT=0``: both through the local runner in this process, no worker start-up to time):
*extract* reads the inputs with ``iter_inputs``, runs them through ``according.scale.run`` as
``according extract`` does and writes each Record as a JSON line to /dev/null; *ingest* runs
``Archive.ingest`` into a fresh archive (the same runner, then rows, trails, one transaction per article).
The ratio of median articles/s is the figure to quote; the time
``Archive.add`` alone takes per article (records already extracted) is printed too, as the
load-independent cost of storing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "news" / "bbc2225.jsonl"
)


def sample(corpus: Path, count: int, folder: Path) -> Path:
    """The first ``count`` lines of a JSONL corpus, as a file of their own."""
    path = folder / "sample.jsonl"
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(src):
            if number == count:
                break
            out.write(line)
    return path


def time_extract(inputs: list[str]) -> tuple[float, int]:
    """Seconds to extract every input and write the JSONL stream to /dev/null; articles done."""
    from according.ingest.batch import iter_inputs
    from according.scale import run

    start = time.perf_counter()
    done = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for result in run(iter_inputs(inputs), workers=1):
            sink.write(result.model_dump_json() + "\n")
            done += 1
    return time.perf_counter() - start, done


def time_ingest(inputs: list[str], folder: Path, round_no: int) -> tuple[float, int]:
    """Seconds to ingest every input into a fresh archive; articles stored."""
    from according.store import Archive

    start = time.perf_counter()
    with Archive(folder / f"bench-{round_no}.db") as archive:
        summary = archive.ingest(inputs)
    return time.perf_counter() - start, summary.stored + summary.errors


def time_store_only(inputs: list[str], folder: Path) -> float:
    """Milliseconds per article for ``Archive.add`` alone, on records extracted beforehand."""
    from according.ingest.batch import iter_inputs
    from according.records import Record
    from according.store import Archive
    from according.store.sqlite import extract_one

    records = [r for item in iter_inputs(inputs) if isinstance(r := extract_one(item, None, None), Record)]
    with Archive(folder / "store-only.db") as archive:
        start = time.perf_counter()
        for record in records:
            archive.add(record)
        seconds = time.perf_counter() - start
    return 1000 * seconds / max(len(records), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    os.environ["ACCORDING_ARTICLE_TIMEOUT"] = "0"
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "warm").mkdir()
        time_extract([str(sample(args.corpus, 3, folder / "warm"))])  # load the model and registries first
        inputs = [str(sample(args.corpus, args.articles, folder))]
        extract_rates, ingest_rates = [], []
        for round_no in range(args.rounds):
            order = ("extract", "ingest") if round_no % 2 == 0 else ("ingest", "extract")
            for mode in order:
                if mode == "extract":
                    seconds, done = time_extract(inputs)
                    extract_rates.append(done / seconds)
                else:
                    seconds, done = time_ingest(inputs, folder, round_no)
                    ingest_rates.append(done / seconds)
            rates = f"extract {extract_rates[-1]:.2f} art/s, ingest {ingest_rates[-1]:.2f} art/s"
            print(f"round {round_no + 1}: {rates}", file=sys.stderr)
        store_ms = time_store_only(inputs, folder)
    extract_rate, ingest_rate = statistics.median(extract_rates), statistics.median(ingest_rates)
    result = {
        "articles": args.articles,
        "rounds": args.rounds,
        "extract_articles_per_s": round(extract_rate, 2),
        "ingest_articles_per_s": round(ingest_rate, 2),
        "ratio": round(ingest_rate / extract_rate, 3),
        "store_ms_per_article": round(store_ms, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
