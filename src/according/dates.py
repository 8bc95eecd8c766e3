"""Dates a user gives (`--published`, `--since`, `--until`, the API's ``since``/``until``), checked here.

The command line, the Python API (``Archive.query``) and the web API read them with these functions, so a
value one of them refuses the others refuse too.
"""

from __future__ import annotations

import datetime as dt
import re

PARTIAL = re.compile(r"\d{4}(-\d{2}){0,2}")


def real_date(value: str) -> str:
    """A real day as ``YYYY-MM-DD`` (an ISO date-time gives its day); ValueError with the reason otherwise."""
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a real date in the form YYYY-MM-DD") from None


def partial_date(value: str) -> str:
    """A real year, month or day (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ValueError otherwise."""
    text = str(value).strip()
    padded = text + "-01" * (2 - text.count("-"))
    if PARTIAL.fullmatch(text):
        try:
            dt.date.fromisoformat(padded)
            return text
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a real date in the form YYYY, YYYY-MM or YYYY-MM-DD")
