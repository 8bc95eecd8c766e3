"""PLOVER dev figures per event layer and per part of the file (all, tune, heldout), in one table.

    python scripts/plover_layers.py ../shared/corpora/plover/gsr_dev.json [--layers both,dictionary,lists]

Each layer setting is ``ACCORDING_EVENT_LAYERS`` (``both`` = the default, dictionary and lists); the parts
are those of ``according eval plover --split`` (a stable hash of the record id). Only the aggregate figures
are printed: the held-out records' errors are not listed here (``--misses --split tune`` lists tuning ones).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from according.eval.plover import read_gold, score_one, split_of, summarise

KEYS = ("type.accuracy", "actor.accuracy", "recipient.accuracy", "type.no_event")
LAYERS = {"both": None, "dictionary": '["dictionary"]', "lists": '["lists"]'}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--layers", default="both,dictionary,lists")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    golds = read_gold(args.gold)
    table: dict[str, dict[str, dict[str, float]]] = {}
    for name in args.layers.split(","):
        raw = LAYERS[name]
        if raw is None:
            os.environ.pop("ACCORDING_EVENT_LAYERS", None)
        else:
            os.environ["ACCORDING_EVENT_LAYERS"] = raw
        outcomes = [score_one(g) for g in golds]
        table[name] = {}
        for part in ("all", "tune", "heldout"):
            chosen = [o for o in outcomes if part == "all" or split_of(o.gold.id) == part]
            result = summarise(chosen)
            table[name][part] = {k: result[k] for k in KEYS} | {"records": result["records"]}
    if args.json:
        print(json.dumps(table))
        return
    print(f"{'layers':12} {'part':8} {'n':>4} {'type':>6} {'actor':>6} {'recip':>6} {'none':>5}")
    for name, parts in table.items():
        for part, f in parts.items():
            print(
                f"{name:12} {part:8} {f['records']:>4} {f['type.accuracy']:>6.3f} {f['actor.accuracy']:>6.3f}"
                f" {f['recipient.accuracy']:>6.3f} {f['type.no_event']:>5}"
            )


if __name__ == "__main__":
    main()
