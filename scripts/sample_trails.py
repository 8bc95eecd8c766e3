"""Print a random sample of an archive's trails for reading (trail precision is judged by a person).

    python scripts/sample_trails.py --db bbc.db [--n 20] [--seed 0] [--kind quote|claim]

Trails seen in two or more articles are drawn with a fixed seed, so a second reader sees the same sample;
each is printed with every appearance (outlet, date, speaker, relays, text) and its changes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kind", choices=("quote", "claim"), default=None)
    args = parser.parse_args()
    from according.store import Archive

    with Archive(args.db, readonly=True) as archive:
        everything = archive.trails(kind=args.kind, limit=1_000_000)
        counts = {kind: sum(t["kind"] == kind for t in everything) for kind in ("quote", "claim")}
        print(f"{len(everything)} trails ({counts['quote']} quote, {counts['claim']} claim)")
        for trail in random.Random(args.seed).sample(everything, min(args.n, len(everything))):
            print(f"\n=== trail {trail['id']} · {trail['kind']} · {len(trail['appearances'])} appearances")
            for app in trail["appearances"]:
                via = f" via {' → '.join(app['chain'])}" if app["chain"] else ""
                who = f"{app['speaker'] or '—'}{via}"
                print(f"  {app['published'] or '—'} {app['article_id']} {app['title']!s:.50} | {who}")
                print(f"      {' '.join(app['text'].split())[:300]}")
            for change in trail["changes"]:
                detail = change.get("diff") or f"{change['from']} → {change['to']}"
                print(f"  * {change['type']}: {detail[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
