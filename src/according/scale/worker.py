"""A worker process of the local runner: ``python -m according.scale.worker TASK OPTIONS_JSON``.

It reads batches of input texts from stdin and writes one result per article to its channel (the
original stdout; fd 1 is pointed at stderr so nothing printed by a library can break the framing).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from according.scale.local import READY


def resolve(target: str) -> Callable[..., Iterator[Any]]:
    """The function a "module:function" string names."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def serve(inbox: Connection, outbox: Connection, task: str, options: dict[str, Any]) -> None:
    """Load, say so, then receive batches and send back one result per article; ``None`` ends."""
    func = resolve(task)
    warm_up = getattr(importlib.import_module(task.split(":")[0]), "warm_up", None)
    if warm_up is not None:
        warm_up()
    outbox.send(READY)
    while True:
        try:
            batch = inbox.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if batch is None:
            return
        for result in func(batch, **options):
            outbox.send(result)


def main() -> None:
    """Set up the channel on stdin/stdout and serve the task named on the command line."""
    channel = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        serve(
            Connection(0, writable=False),
            Connection(channel, readable=False),
            sys.argv[1],
            json.loads(sys.argv[2]),
        )
    except (KeyboardInterrupt, BrokenPipeError):  # Ctrl-C reaches the whole process group; the parent is gone
        pass


if __name__ == "__main__":
    main()
