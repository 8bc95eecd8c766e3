"""Throw generated texts at ``extract_text`` and count exceptions and slow articles.

    python scripts/fuzz_extract.py [--count 100000] [--start 1] [--seed 13] [--limit 60] [--failures FILE]

Texts are built from a seeded random mix of news sentences, quotation marks of every style, cue words,
figures, dates, brackets, line and paragraph breaks, control characters, lone surrogates and random
Unicode, mostly under 500 characters, a few up to 3,300. Text number N is the same for a given seed
however the run is cut into chunks (``--start``). Every text must give a Record whose spans reproduce
their text; an exception, a span that does not, or a text slower than ``--limit`` seconds (the default
per-article time limit) is a failure, written as JSONL to ``--failures``. Prints one progress line per
1,000 texts and a summary; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

SENTENCES = [
    "The minister said the talks would resume on Monday.",
    "Prices rose 4.5% in March, according to the statistics office.",
    "“We will not give up,” she told reporters in Geneva.",
    '"It is over," he said. "We lost."',
    "The company, which employs 30,000 people, declined to comment.",
    "KCNA reported that Kim Jong Un had inspected the site, state media said.",
    "Officials warned that up to 15 million euros could be lost by 2026.",
    "Asked whether he would resign, Ryan said no.",
    "According to a statement from the ministry, about 1,200 troops were deployed last week.",
    "Police arrested three men on Tuesday after clashes in the capital.",
    "« Nous sommes prêts », a déclaré le président.",
    "Mr Smith – who denies wrongdoing – said: 'I have nothing to hide.'",
    "He added that the deal was “a disaster” for farmers.",
    "Sources close to the negotiations told the BBC the plan had been dropped.",
]
PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "''",
    "``",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ";",
    ",",
    ".",
    "!",
    "?",
    "—",
    "–",
    "-",
    "/",
    "\\",
    "%",
    "$",
    "£",
    "€",
    "0",
    "1,000",
    "3.5",
    "12%",
    "said",
    "says",
    "according to",
    "told",
    "reported",
    "he",
    "she",
    "they",
    "It",
    "The",
    "Putin",
    "KCNA",
    "Reuters",
    "on Monday",
    "last year",
    "2019-01-04",
    "4 January 2019",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\x00",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ud800",
    "\udcff",
    "\u200b",
    "🙂",
    "\u0301",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "٣",
    "漢字",
    "עברית",
    "http://example.org/a?b=c",
]
HOSTILE = ['"He said: "', '"', "(", ")", "%", "0% 1% 2% ", "\n", "’", "—", ", he said, "]


def random_unicode(rng: random.Random, size: int) -> str:
    """``size`` code points drawn from the whole range (surrogates included)."""
    return "".join(chr(rng.randrange(0x110000)) for _ in range(size))


def generated_text(rng: random.Random) -> str:
    """One fuzzed text: a mix of sentences, pieces, runs of one hostile piece and random code points."""
    kind = rng.random()
    if kind < 0.1:
        return random_unicode(rng, rng.randrange(0, 300))
    if kind < 0.13:
        return rng.choice(HOSTILE) * rng.randrange(1, 300)
    parts: list[str] = []
    for _ in range(rng.randrange(1, 40 if kind > 0.95 else 10)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(SENTENCES))
        elif roll < 0.9:
            parts.append(rng.choice(PIECES))
        else:
            parts.append(random_unicode(rng, rng.randrange(1, 12)))
        parts.append(rng.choice([" ", " ", " ", "", "\n", "\n\n"]))
    return "".join(parts)


def span_errors(record) -> list[str]:  # noqa: ANN001 - a Record
    """Spans of the record whose text is not the article text at their offsets."""
    text = record.article.text
    bad = []
    for a in record.attributions:
        spans = [*a.content, a.cue, a.speaker.mention if a.speaker else None]
        bad += [f"attribution {a.id}" for s in spans if s is not None and text[s.start : s.end] != s.text]
    for e in record.entities:
        bad += [f"entity {e.id}" for m in e.mentions if text[m.start : m.end] != m.text]
    for c in record.claims:
        bad += [f"claim {c.id}"] if text[c.span.start : c.span.end] != c.span.text else []
    for t in record.times:
        bad += [f"time {t.id}"] if text[t.span.start : t.span.end] != t.span.text else []
    return bad


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz loop; print progress and a summary; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--start", type=int, default=1, help="number of the first text (to run in chunks)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds a text may take")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"))
    args = parser.parse_args(argv)
    from according.pipeline import extract_text

    failures = slowest = 0
    total_chars = 0
    started = time.perf_counter()
    with args.failures.open("w", encoding="utf-8") as out:
        for number in range(args.start, args.start + args.count):
            text = generated_text(random.Random(f"{args.seed}:{number}"))
            total_chars += len(text)
            begin = time.perf_counter()
            try:
                problems = span_errors(extract_text(text))
            except Exception:  # the point of the exercise: any exception is a finding
                problems = [traceback.format_exc(limit=6)]
            seconds = time.perf_counter() - begin
            slowest = max(slowest, seconds)
            if seconds > args.limit:
                problems.append(f"took {seconds:.1f} s, over the {args.limit:.0f} s limit")
            if problems:
                failures += 1
                row = {"number": number, "text": text, "problems": problems}
                out.write(json.dumps(row, ensure_ascii=True) + "\n")
                out.flush()
            if (number - args.start + 1) % 1000 == 0:
                elapsed = time.perf_counter() - started
                print(
                    f"{number} texts, {failures} failures, slowest {slowest:.2f} s, {elapsed:.0f} s",
                    flush=True,
                )
    elapsed = time.perf_counter() - started
    print(
        f"done: {args.count} texts (numbers {args.start}..{args.start + args.count - 1}, "
        f"{total_chars} characters), {failures} failures, "
        f"slowest {slowest:.2f} s, {elapsed:.0f} s in all; failures in {args.failures}",
        flush=True,
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
