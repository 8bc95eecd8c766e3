"""How much of the DATE value gap is notation? Scores the product strictly (as `according eval timex` does)
and again with both sides' values rewritten to one notation, so the issue author can see what is a wrong
date and what is a different way of writing the same one.

    python scripts/timex_notation_gap.py FILE.jsonl [FILE.jsonl ...]

The rewrites (gold and prediction alike): trailing unknown parts dropped (`1949-XX` -> `1949`,
`1994-XX-XX` -> `1994`), ISO weeks zero-padded (`2000-W7` -> `2000-W07`), decades and centuries without
their X (`199X` -> `199`, `19XX` -> `19`). Nothing else: a week valued as a month, or a day a week off,
stays wrong. The product and `according eval timex` keep the strict comparison.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from according.eval.timex import Timex3, document_counts, figures, gold_of, predict, read_documents


def one_notation(value: str | None) -> str | None:
    """The value written the way TIMEX3's own examples write it."""
    if value is None:
        return None
    value = re.sub(r"(?:-XX)+$", "", value)
    value = re.sub(r"-W(\d)(?=$|-)", r"-W0\1", value)
    return re.sub(r"^(\d{2,3})X+$", r"\1", value)


def rewritten(timexes: list[Timex3]) -> list[Timex3]:
    """The same expressions with values in one notation."""
    return [replace(t, value=one_notation(t.value)) for t in timexes]


def main(paths: list[str]) -> None:
    """Print strict and notation-normalised DATE value F1 (and all-type value F1) as one JSON object."""
    strict: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    for path in paths:
        for doc in read_documents(Path(path)):
            gold, pred = gold_of(doc), predict(doc)
            strict += document_counts(gold, pred)
            lenient += document_counts(rewritten(gold), rewritten(pred))
    keys = ("all.value_f1", "DATE.value_f1", "DATE.value_tp", "DATE.value_fp", "DATE.value_fn")
    report = {f"strict.{k}": figures(strict)[k] for k in keys}
    report |= {f"one_notation.{k}": figures(lenient)[k] for k in keys}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/corpora/timex/timebank.jsonl", "../shared/corpora/timex/aquaint.jsonl"])
