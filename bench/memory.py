"""Peak memory of the local runner at two batch sizes (500 and all 2,225 BBC articles), side by side.

    python bench/memory.py [--small 500] [--large 2225] [--workers 1]

Each size runs in a fresh process: ``according.scale.run`` over the corpus file read as `according
extract` reads it, every record serialised and dropped as JSONL output would be; the peak resident set
size of that process (and of its worker processes, when there are any) is reported. Streaming means the
ratio stays near 1.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import DEFAULT_CORPUS


def measure(path: str, workers: int) -> None:
    """Run the whole file and print the peak RSS (MB) of this process and of its children."""
    from according.ingest.batch import iter_inputs
    from according.scale import run

    count = 0
    for result in run(iter_inputs([path]), workers=workers, timeout=0 if workers == 1 else 60):
        result.model_dump_json()
        count += 1
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {"results": count, "peak_rss_mb": round(self_mb, 1), "worker_peak_rss_mb": round(child_mb, 1)}
        )
    )


def run_size(corpus: Path, size: int, workers: int) -> dict:
    """Peak RSS for the first ``size`` articles, measured in a fresh process."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        with corpus.open(encoding="utf-8") as source:
            for number, line in enumerate(source):
                if number == size:
                    break
                handle.write(line)
    out = subprocess.run(
        [sys.executable, __file__, "--measure", handle.name, "--workers", str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(handle.name).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=2225)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.workers)
        return 0
    small = run_size(args.corpus, args.small, args.workers)
    large = run_size(args.corpus, args.large, args.workers)
    key = "peak_rss_mb" if args.workers == 1 else "worker_peak_rss_mb"
    result = {
        "workers": args.workers,
        "small": {"articles": args.small, **small},
        "large": {"articles": args.large, **large},
        "ratio_large_to_small_peak_rss": round(large[key] / small[key], 3),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
