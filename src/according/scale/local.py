"""The local runner: the partition function in this process, or in a pool of worker processes.

Workers stream results back one article at a time; the parent puts them back in input order, keeps at
most a few batches in flight (bounded queues), and stops a worker that runs past the per-article time
limit or dies (segfault, OOM kill): that article becomes an error record, the rest of its batch is tried
again one article at a time, and a fresh worker takes over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from according.ingest.batch import InputText
from according.records import ErrorRecord, Record
from according.settings import get_settings

Result = Record | ErrorRecord
Job = tuple[int, InputText]
TASK = "according.scale.partition:extract_partition"
BATCH = 8  # articles sent to a worker at once
AHEAD = 4  # batches per worker that may wait, read or finished, before the output catches up
STARTUP = 600  # seconds a worker may take to load before its jobs are given up
READY = "ready"  # a worker's first message: loaded, the clock of its first article may start


def run(
    items: Iterable[InputText | ErrorRecord],
    *,
    workers: int = 1,
    timeout: float | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Result]:
    """One Record or ErrorRecord per item, in input order, whatever the number of workers.

    ``workers`` 0 means every core; ``timeout`` is the per-article limit in seconds (None: the
    ``ACCORDING_ARTICLE_TIMEOUT`` setting, 0: none). With a limit, or more than one worker, articles run
    in worker processes; with neither they run in this process.
    """
    if workers < 0:
        raise ValueError(f"workers must be 0 (every core) or more, not {workers}")
    limit = get_settings().article_timeout if timeout is None else timeout
    count = workers or os.cpu_count() or 1
    options = {"published": published, "outlet": outlet}
    if count == 1 and not limit:
        from according.scale.partition import extract_partition

        return extract_partition(items, **options)
    return run_pool(items, workers=count, timeout=limit or None, options=options)


def run_pool(
    items: Iterable[InputText | ErrorRecord],
    *,
    workers: int,
    timeout: float | None,
    options: dict[str, Any] | None = None,
    task: str = TASK,
    batch: int = BATCH,
) -> Iterator[Result]:
    """The pool runner; ``task`` ("module:function", called like extract_partition) runs in each worker."""
    pool = Pool(workers, timeout, options or {}, task, batch)
    try:
        yield from pool.results(iter(items))
    finally:
        pool.close()


@dataclass
class Worker:
    """One worker process, its two pipe ends, and the jobs it holds (first one in progress)."""

    process: subprocess.Popen[bytes]
    inbox: Connection  # we write batches here
    conn: Connection  # results come back here
    jobs: deque[Job] = field(default_factory=deque)
    deadline: float = float("inf")
    single: bool = False  # working on a job retried alone
    ready: bool = False  # loaded (its first message came); the clock runs only from then on


class Pool:
    """Worker processes fed with batches of jobs; results handed out in input order."""

    def __init__(self, size: int, timeout: float | None, options: dict[str, Any], task: str, batch: int):
        self.size, self.timeout, self.options, self.task, self.batch = size, timeout, options, task, batch
        self.workers: list[Worker] = []
        self.retry: deque[Job] = deque()
        self.done: dict[int, Result] = {}
        self.next_seq = 0
        self.exhausted = False

    def start(self) -> Worker:
        """A fresh worker process (``python -m according.scale.worker``) with this process's import path."""
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        command = [sys.executable, "-m", "according.scale.worker", self.task, json.dumps(self.options)]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert process.stdin is not None and process.stdout is not None
        inbox = Connection(os.dup(process.stdin.fileno()), readable=False)
        conn = Connection(os.dup(process.stdout.fileno()), writable=False)
        process.stdin.close()
        process.stdout.close()
        return Worker(process, inbox, conn)

    def results(self, items: Iterator[InputText | ErrorRecord]) -> Iterator[Result]:
        """Feed the workers and yield every result in input order."""
        self.workers = [self.start() for _ in range(self.size)]
        emitted = 0
        while True:
            self.dispatch(items)
            while emitted in self.done:
                yield self.done.pop(emitted)
                emitted += 1
            if self.exhausted and not self.retry and not any(w.jobs for w in self.workers):
                return
            self.collect()

    def dispatch(self, items: Iterator[InputText | ErrorRecord]) -> None:
        """Give every idle worker work: a retried job alone, else the next batch of new inputs."""
        for index, worker in enumerate(self.workers):
            if worker.jobs:
                continue
            if self.retry:
                self.send(index, [self.retry.popleft()], single=True)
                continue
            jobs = self.take(items)
            if jobs:
                self.send(index, jobs, single=False)

    def take(self, items: Iterator[InputText | ErrorRecord]) -> list[Job]:
        """Up to one batch of new jobs (read errors go straight to the output), within the bound."""
        jobs: list[Job] = []
        room = self.size * self.batch * AHEAD - len(self.done) - sum(len(w.jobs) for w in self.workers)
        while not self.exhausted and len(jobs) < self.batch and room > 0:
            item = next(items, None)
            if item is None:
                self.exhausted = True
                break
            seq, self.next_seq = self.next_seq, self.next_seq + 1
            room -= 1
            if isinstance(item, ErrorRecord):
                self.done[seq] = item
            else:
                jobs.append((seq, item))
        return jobs

    def send(self, index: int, jobs: list[Job], single: bool) -> None:
        """Hand jobs to a worker and start its clock."""
        worker = self.workers[index]
        try:
            worker.inbox.send([item for _, item in jobs])
        except (OSError, ValueError):  # a worker that died while idle: a fresh one takes the jobs
            self.replace(index)
            worker = self.workers[index]
            worker.inbox.send([item for _, item in jobs])
        worker.jobs.extend(jobs)
        worker.single = single
        worker.deadline = self.clock() if worker.ready else time.monotonic() + STARTUP

    def clock(self) -> float:
        """When the article now starting must be done."""
        return time.monotonic() + self.timeout if self.timeout else float("inf")

    def collect(self) -> None:
        """Wait for a result, a dead worker or a deadline, and deal with what happened."""
        busy = [w for w in self.workers if w.jobs]
        if not busy:
            return
        nearest = min(w.deadline for w in busy)
        wait_for = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        ready = wait([w.conn for w in busy], wait_for)
        for index, worker in enumerate(list(self.workers)):
            if not worker.jobs:
                continue
            if worker.conn in ready:
                self.receive(index)
            elif time.monotonic() >= worker.deadline and not worker.ready:
                self.lose(index, "worker", f"the worker process did not start within {STARTUP} s")
            elif time.monotonic() >= worker.deadline:
                reason = f"took longer than {self.timeout:g} s (ACCORDING_ARTICLE_TIMEOUT)"
                self.lose(index, "timeout", reason)

    def receive(self, index: int) -> None:
        """Take every result a worker has sent; a worker that died loses its current article."""
        worker = self.workers[index]
        try:
            while worker.jobs and worker.conn.poll():
                result = worker.conn.recv()
                worker.deadline = self.clock()
                if result == READY:
                    worker.ready = True
                    continue
                seq, _ = worker.jobs.popleft()
                self.done[seq] = result
        except (EOFError, OSError):  # the pipe closed: the process is on its way out
            end(worker.process, 5)
        if worker.jobs and worker.process.poll() is not None:
            code = worker.process.returncode
            how = f"killed by signal {-code}" if code and code < 0 else f"exit code {code}"
            self.lose(index, "worker", f"the worker process died ({how}) while extracting this article")

    def lose(self, index: int, stage: str, reason: str) -> None:
        """A worker stopped or died on its current job: that job (or, in a batch, retry each) and restart."""
        worker = self.workers[index]
        jobs = list(worker.jobs)
        worker.jobs.clear()
        if worker.single or len(jobs) == 1:
            seq, item = jobs[0]
            self.done[seq] = ErrorRecord(input=item.source, stage=stage, reason=reason)
            self.retry.extendleft(reversed(jobs[1:]))
        else:  # which article of the batch was to blame is not known: try each alone
            self.retry.extendleft(reversed(jobs))
        self.replace(index)

    def replace(self, index: int) -> None:
        """Stop a worker (if still running) and start a fresh one in its place."""
        stop(self.workers[index])
        self.workers[index] = self.start()

    def close(self) -> None:
        """Tell every worker to finish, and stop those that do not."""
        for worker in self.workers:
            try:
                worker.inbox.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            end(worker.process, 5)
            stop(worker)


def end(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait up to ``seconds`` for a process to exit."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass


def stop(worker: Worker) -> None:
    """Kill a worker process (if still running) and close its pipes."""
    if worker.process.poll() is None:
        worker.process.kill()
    worker.process.wait()
    worker.inbox.close()
    worker.conn.close()
