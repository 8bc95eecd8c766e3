"""Shared fixtures: paths to the shared corpora (tests skip when absent) and a cached extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
REFERENCE = SHARED / "examples" / "kcna-putin-letter.txt"
REFERENCE_GOLD = SHARED / "examples" / "kcna-putin-letter.gold.json"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def reference_text() -> str:
    """The shared reference article, or a skip when shared/ is not beside the repository."""
    if not REFERENCE.is_file():
        pytest.skip("../shared/examples is absent")
    return REFERENCE.read_text("utf-8")


@pytest.fixture(scope="session")
def reference_record(reference_text):
    """The full pipeline's record of the reference article (published 2025-08-15)."""
    from according.pipeline import extract_text

    return extract_text(reference_text, published="2025-08-15", source=str(REFERENCE))
