"""Locust users for bench/serve_load.py: article pages, search and quotes (pages and API).

Each user picks an article id, a search word and a speaker from the archive (read once at start, passed in
the environment by serve_load.py) and waits 0.5–1.5 s between requests, like a person clicking through
(``--think`` changes it; 0,0 measures capacity).
Every response with status >= 500 is counted and written to $SERVE_LOAD_5XX at the end.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, events, task

SAMPLE = json.loads(Path(os.environ["SERVE_LOAD_SAMPLE"]).read_text("utf-8"))
SERVER_ERRORS = {"count": 0}


@events.request.add_listener
def count_5xx(response=None, **_: object) -> None:
    if response is not None and getattr(response, "status_code", 0) >= 500:
        SERVER_ERRORS["count"] += 1


@events.quitting.add_listener
def write_5xx(**_: object) -> None:
    Path(os.environ["SERVE_LOAD_5XX"]).write_text(json.dumps(SERVER_ERRORS))


THINK = [float(x) for x in os.environ.get("SERVE_LOAD_THINK", "0.5,1.5").split(",")]


class Analyst(HttpUser):
    wait_time = between(THINK[0], THINK[1])

    @task(4)
    def article(self) -> None:
        self.client.get(f"/articles/{random.choice(SAMPLE['articles'])}", name="/articles/{id}")

    @task(2)
    def search(self) -> None:
        self.client.get("/", params={"q": random.choice(SAMPLE["words"])}, name="/?q=")

    @task(1)
    def search_api(self) -> None:
        self.client.get("/api/v1/search", params={"q": random.choice(SAMPLE["words"])}, name="/api/v1/search")

    @task(2)
    def quotes(self) -> None:
        params = {"speaker": random.choice(SAMPLE["speakers"])} if random.random() < 0.5 else {}
        self.client.get("/quotes", params=params, name="/quotes")

    @task(1)
    def quotes_api(self) -> None:
        self.client.get("/api/v1/quotes", params={"q": random.choice(SAMPLE["words"])}, name="/api/v1/quotes")
