"""Stand-in partition functions for the pool runner's tests: instant, or misbehaving on a marker text."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable, Iterator

from according.ingest.batch import InputText
from according.records import Article, ErrorRecord, Record, article_id


def echo(item: InputText) -> Record:
    """A Record holding the item's text, made without any parsing."""
    return Record(article=Article(id=article_id(item.text), source=item.source, text=item.text))


def misbehaving(items: Iterable[InputText], **options: object) -> Iterator[Record | ErrorRecord]:
    """Echo each item; "KILL" kills this worker process, "HANG" blocks it for a minute."""
    for item in items:
        if "KILL" in item.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "HANG" in item.text:
            time.sleep(60)
        yield echo(item)
