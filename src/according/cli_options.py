"""Command-line options shared by several commands (`extract`, `show`, `ingest`, `query`): one definition."""

from __future__ import annotations

import functools
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape

from according.dates import real_date


def check_published(value: str | None) -> str | None:
    """A date option (--published, --since, --until) must be a real ISO date (YYYY-MM-DD); else exit 2."""
    if value is None:
        return None
    try:
        return real_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def check_output(value: str | None) -> str | None:
    """-o must name a file that can be made: not a folder, in a folder that exists (else exit 2)."""
    if value in (None, "-"):
        return value
    path = Path(value)
    if path.is_dir():
        raise typer.BadParameter(f"{value!r} is a folder; give a file name")
    if not path.parent.is_dir():
        raise typer.BadParameter(f"{value!r}: the folder {str(path.parent)!r} does not exist")
    return value


def check_not_an_input(output: str | None, inputs: list[str]) -> None:
    """-o naming a file that is also one of the inputs would overwrite it with what was read from it."""
    if output in (None, "-") or not Path(output).exists():
        return
    target = Path(output).resolve()
    if any(name != "-" and Path(name).is_file() and Path(name).resolve() == target for name in inputs):
        raise typer.BadParameter(
            f"{output!r} is also an input: writing there would destroy it", param_hint="'--output' / '-o'"
        )


Published = Annotated[
    str | None,
    typer.Option(callback=check_published, help="Publication date (YYYY-MM-DD) for all inputs."),
]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for all inputs.")]

Workers = Annotated[int, typer.Option("--workers", "-w", min=0, help="Worker processes (0 = every core).")]
ProgressLines = Annotated[
    bool,
    typer.Option("--progress", help="Print a progress line every 10 s when stderr is not a terminal."),
]


def fail(message: str) -> typer.Exit:
    """Print one error line on stderr; the Exit (2, a usage error) to raise."""
    Console(stderr=True).print(f"[red]error[/red]: {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def usage_error_line(error: click.ClickException) -> None:
    """A usage error (bad option value, missing argument, unknown command) as one ``error:`` line on
    stderr naming where help is, like every other refusal of the command line, not Rich's framed box.
    A command run bare has printed its help already (Click's NoArgsIsHelpError): nothing more to say."""
    if type(error).__name__ == "NoArgsIsHelpError":
        return
    context = getattr(error, "ctx", None)
    hint = f" (see '{context.command_path} -h')" if context is not None and context.command_path else ""
    message = " ".join(error.format_message().replace("Value error, ", "").split())
    line = f"[red]error[/red]: {escape(message)}{escape(hint)}"
    Console(stderr=True).print(line, highlight=False, soft_wrap=True)


def setup_or_fail() -> None:
    """``check_setup()`` before a command reads any article: a wrong ``ACCORDING_*`` setting is one error
    line and exit 2."""
    from according.pipeline import check_setup
    from according.settings import SettingsProblem

    try:
        check_setup()
    except SettingsProblem as exc:
        raise fail(str(exc)) from None


def reader_may_stop(command: Callable[..., None]) -> Callable[..., None]:
    """A command whose records go to stdout ends as ``cat`` does when its reader stops early (``| head``):
    killed by SIGPIPE, exit 141 in the shell, nothing printed (Click would say exit 1, which here means
    that an input failed). The default handling of SIGPIPE holds only while the command runs."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        if not hasattr(signal, "SIGPIPE") or threading.current_thread() is not threading.main_thread():
            command(*args, **kwargs)
            return
        before = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        try:
            command(*args, **kwargs)
        finally:
            signal.signal(signal.SIGPIPE, before)

    return run
