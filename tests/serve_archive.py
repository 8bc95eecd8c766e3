"""One small archive for the workbench tests: the reference article, a hostile article and two articles in
which one quotation travels (a trail). Built once per test process; skipped when the archive is absent."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "serve"
REFERENCE = ROOT.parent / "shared" / "examples" / "kcna-putin-letter.txt"
_BUILT: dict[str, Path] = {}

# (file, publication date, outlet)
ARTICLES = (
    (FIXTURES / "hostile.txt", "2025-07-01", "The <i>Daily</i> & Co"),
    (FIXTURES / "relay-first.txt", "2025-06-02", "Valmora Post"),
    (FIXTURES / "relay-second.txt", "2025-06-04", "Harbour Times"),
)


def build_archive() -> Path:
    """The archive file (built on first use)."""
    if "db" in _BUILT:
        return _BUILT["db"]
    store = pytest.importorskip("according.store", reason="the archive (according.store) is not here yet")
    from according.pipeline import extract_text

    if not REFERENCE.is_file():
        pytest.skip("../shared/examples is absent")
    folder = Path(tempfile.mkdtemp(prefix="according-serve-"))
    db = folder / "archive.db"
    inputs = [(REFERENCE, "2025-08-15", "NK News"), *ARTICLES]
    with store.Archive(db) as archive:
        for path, published, outlet in inputs:
            record = extract_text(
                path.read_text("utf-8"), published=published, outlet=outlet, source=path.name
            )
            archive.add(record)
    _BUILT["db"] = db
    return db


def reference_id() -> str:
    from according.records import article_id

    return article_id(REFERENCE.read_text("utf-8"))


def hostile_id() -> str:
    from according.records import article_id

    return article_id((FIXTURES / "hostile.txt").read_text("utf-8"))
