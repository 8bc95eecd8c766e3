"""Crash safety and concurrency with real processes: kill -9 mid-ingest then rerun, two ingests at once.

The subprocesses run ``Archive.ingest`` with a stand-in extractor (a few records per article, a short
sleep) so the test is about the store, not spaCy; the BBC run in the README does the same with the real
pipeline.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from according.store import Archive

SRC = Path(__file__).resolve().parent.parent / "src"
ARTICLES = 240

SCRIPT = '''
import sys, time
from according.records import Article, Attribution, Claim, EntityRef, Record, Span, article_id
from according.store import Archive

def fake(item, published, outlet):
    """A record with two quotations (one shared by every tenth article) and a claim."""
    time.sleep(float(sys.argv[3]))
    text, aid = item.text, article_id(item.text)
    first = text.index("said") + 5
    quote = text[first:]
    atts = [
        Attribution(id=f"{aid}-a1", kind="indirect", content=[Span(start=first, end=len(text), text=quote)],
                    speaker=EntityRef(name="Mayor Ines Duarte", entity_id="person:ines-duarte")),
        Attribution(id=f"{aid}-a2", kind="unattributed", content=[Span(start=0, end=4, text=text[:4])]),
    ]
    claim = Claim(id=f"{aid}-cl0", span=Span(start=0, end=3, text=text[:3]), quantity=float(len(text)),
                  quantity_text=str(len(text)), unit="boats", about="harbour ferry boats moored")
    article = Article(id=aid, text=text, source=item.source, published=item.meta.get("published"),
                      extractor_version="0.1.0")
    return Record(article=article, attributions=atts, claims=[claim])

with Archive(sys.argv[1]) as archive:
    summary = archive.ingest([sys.argv[2]], extract=fake)
print(summary.line(), flush=True)
'''


def article_text(n: int) -> str:
    """Article n: a unique quotation, except every tenth which shares one."""
    if n % 10 == 0:
        body = "the harbour ferry timetable will change from the first of June for every island route"
    else:
        body = f"council budget item number {n} covers road repairs, street lights and school roof work {n}"
    return f"Report {n}\n\nThe mayor said {body} (item {n})"


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A JSONL file of ARTICLES articles and one bad line."""
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"text": article_text(n), "date": f"2025-01-{1 + n % 28:02d}"}) for n in range(ARTICLES)
    ]
    path.write_text("\n".join([*lines[:5], "{not json", *lines[5:]]) + "\n", encoding="utf-8")
    return path


def start(db: Path, inputs: Path, sleep: float) -> subprocess.Popen:
    """An ingest subprocess with the stand-in extractor."""
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(db), str(inputs), str(sleep)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored(db: Path) -> int:
    """Articles committed so far (0 before the schema exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def counts(db: Path) -> dict[str, int]:
    """Rows per table."""
    with Archive(db, readonly=True) as archive:
        return archive.counts()


def reference(tmp_path: Path, inputs: Path) -> dict[str, int]:
    """Counts of an uninterrupted run."""
    proc = start(tmp_path / "ref.db", inputs, 0.0)
    out, errs = proc.communicate(timeout=120)
    assert proc.returncode == 0, errs
    assert f"{ARTICLES + 1} inputs, {ARTICLES} stored, 0 already stored, 1 error" in out
    return counts(tmp_path / "ref.db")


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_gives_the_counts_of_an_uninterrupted_run(tmp_path, inputs):
    expected = reference(tmp_path, inputs)
    assert expected["articles"] == ARTICLES and expected["trail_members"] >= 24
    db = tmp_path / "crash.db"
    proc = start(db, inputs, 0.02)
    deadline = time.monotonic() + 90
    while stored(db) < ARTICLES // 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = stored(db)
    assert proc.returncode == -signal.SIGKILL and 0 < before < ARTICLES
    rerun = start(db, inputs, 0.0)
    out, errs = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, errs
    assert f"{ARTICLES - before} stored, {before} already stored" in out
    assert counts(db) == expected


@pytest.mark.slow
def test_two_ingests_at_once_both_finish_and_store_each_article_once(tmp_path, inputs):
    expected = reference(tmp_path, inputs)
    db = tmp_path / "both.db"
    procs = [start(db, inputs, 0.005), start(db, inputs, 0.005)]
    outs = [proc.communicate(timeout=180) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _, err in outs]
    stored_by = [int(out.split(" stored")[0].split(", ")[-1]) for out, _ in outs]
    assert sum(stored_by) == ARTICLES
    assert counts(db) == expected
