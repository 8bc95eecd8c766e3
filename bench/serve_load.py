"""Load benchmark of the web workbench: 50 clients for 30 s against article, search and quote endpoints.

    python bench/serve_load.py --db bbc.db [--users 50] [--seconds 30] [--workers 1] [--spawn-rate 10]
        [--think 0.5,1.5]

Starts `according serve` on a free loopback port, runs locust headless (bench/serve_locustfile.py) against
it, and prints requests/s, p50 and p99 latency per endpoint and overall, failures and the count of 5xx
responses. Loopback only and bounded in time; the archive is opened read-only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sample(db: Path) -> dict[str, list[str]]:
    """Article ids, search words and speakers to ask for, read from the archive."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 300")]
    speakers = [
        r[0]
        for r in conn.execute(
            "SELECT coalesce(speaker_entity_id, speaker_name) AS s FROM attributions "
            "WHERE speaker_name IS NOT NULL GROUP BY s ORDER BY count(*) DESC LIMIT 50"
        )
    ]
    conn.close()
    words = ["government", "said", "market", "election", "profits", "minister", "growth", "film", "music",
             "Blair", "bank", "oil", "\"quoted", "NEAR(", "police", "China", "record", "deal"]  # fmt: skip
    return {"articles": articles, "speakers": speakers or ["x"], "words": words}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--spawn-rate", type=float, default=10, help="clients started per second")
    parser.add_argument(
        "--think", default="0.5,1.5", help="seconds each client waits between requests: MIN,MAX"
    )
    args = parser.parse_args()
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="serve-load-"))
    (tmp / "sample.json").write_text(json.dumps(sample(args.db)))
    env = {
        **os.environ,
        "SERVE_LOAD_SAMPLE": str(tmp / "sample.json"),
        "SERVE_LOAD_5XX": str(tmp / "5xx.json"),
        "SERVE_LOAD_THINK": args.think,
    }
    env.pop("ACCORDING_TOKEN", None)
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "according"),
            "serve",
            "--db",
            str(args.db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],  # fmt: skip
        env=env,
    )
    try:
        wait_up(host + "/api/v1/articles?limit=1")
        subprocess.run(
            [
                str(bin_dir / "locust"),
                "-f",
                str(HERE / "serve_locustfile.py"),
                "--headless",
                "--host",
                host,
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.seconds}s",
                "--csv",
                str(tmp / "run"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],  # fmt: skip
            env=env,
            check=False,
        )
    finally:
        server.terminate()
        server.wait(10)
    report(tmp, args)


def report(tmp: Path, args: argparse.Namespace) -> None:
    with open(tmp / "run_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    errors = json.loads((tmp / "5xx.json").read_text()) if (tmp / "5xx.json").exists() else {"count": "?"}
    print(
        f"\n{args.users} clients (started {args.spawn_rate:g}/s), {args.seconds} s, archive {args.db} "
        f"({args.workers} server worker(s), {args.think} s between a client's requests)"
    )
    print(f"{'endpoint':<20} {'requests':>9} {'failures':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"{name:<20} {row['Request Count']:>9} {row['Failure Count']:>9} "
            f"{float(row['Requests/s']):>8.1f} {row['50%']:>8} {row['99%']:>8}"
        )
    print(f"5xx responses: {errors['count']}")


if __name__ == "__main__":
    main()
