"""Progress on stderr: the rate and time left shown are averages over the run, not the last burst."""

from __future__ import annotations

from rich.progress import Progress

from according.progress import RateColumn, RemainingColumn, average_rate


def test_a_burst_of_finished_articles_does_not_inflate_the_rate(monkeypatch):
    clock = iter([0.0, 0.0, 10.0, 10.0, 10.001, 10.001, 10.001, 10.001])
    progress = Progress(get_time=lambda: next(clock, 10.001))
    task_id = progress.add_task("x", total=40)
    progress.start_task(task_id)
    progress.update(task_id, advance=1)  # one article after 10 s…
    progress.update(task_id, advance=19)  # …then 19 of a batch a millisecond later
    task = progress.tasks[0]
    rate = average_rate(task)
    assert rate is not None and 1.9 < rate < 2.1
    assert str(RateColumn().render(task)) == "2.0/s"
    assert str(RemainingColumn().render(task)) == "0:00:10"
