"""The `according` command line: a thin Typer shell over the library calls.

Standard output carries data only (records, tables, JSON); progress, warnings, errors and the summary go
to stderr.
"""

from __future__ import annotations

import functools
import importlib
import json
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.rich_utils
from rich.console import Console
from rich.text import Text

from according.cli_options import (
    Outlet,
    ProgressLines,
    Published,
    Workers,
    check_not_an_input,
    check_output,
    fail,
    reader_may_stop,
    setup_or_fail,
    usage_error_line,
)
from according.records import ErrorRecord, Record, json_schema
from according.wording import batch_summary

if TYPE_CHECKING:
    pass

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    help="Who said what, according to whom: sourced records from news articles.",
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)
typer.rich_utils.rich_format_error = usage_error_line  # Typer's hook for usage errors: one line, not a box
eval_app = typer.Typer(
    help="Score the pipeline against gold data; --json prints one JSON object.",
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True)

# eval sub-commands live beside their scorers: name -> "module:function"
EVAL_COMMANDS = {
    "gold": "according.eval.gold:command",
    "timex": "according.eval.timex:command",
    "polnear": "according.eval.polnear:command",
    "entities": "according.eval.entities:command",
    "plover": "according.eval.plover:command",
    "html": "according.eval.html:command",
}

# top-level commands that live beside their library code: name -> "module:function" (registered when present)
COMMANDS: dict[str, str] = {
    "ingest": "according.store.cli:ingest",
    "query": "according.store.cli:query",
    "export": "according.store.cli:export",
    "serve": "according.serve.cli:serve",
    "spark": "according.scale.cli:spark",
}


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


class TableName(str, Enum):
    attributions = "attributions"
    claims = "claims"
    events = "events"
    entities = "entities"
    times = "times"
    articles = "articles"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    pdf = "pdf"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    tsv = "tsv"


def version_text() -> str:
    """Package, record schema, spaCy and model versions, on one line."""
    from importlib.metadata import PackageNotFoundError, version

    from according import __version__
    from according.records import SCHEMA_VERSION
    from according.settings import get_settings

    model = get_settings().spacy_model
    try:
        model_version = version(model.replace("_", "-"))
    except PackageNotFoundError:
        model_version = "(not installed)"
    return (
        f"according {__version__} (record schema {SCHEMA_VERSION}; spaCy {version('spacy')}; "
        f"model {model} {model_version})"
    )


def show_version(value: bool) -> None:
    """--version: print the versions and stop."""
    if value:
        sys.stdout.write(version_text() + "\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_version,
            is_eager=True,
            help="Print the versions of according, its record schema and spaCy model.",
        ),
    ] = False,
) -> None:
    """Who said what, according to whom: sourced records from news articles."""


InputFormatOption = Annotated[
    InputFormat,
    typer.Option("--input-format", help="Read every input as this format (default: by name, then content)."),
]


def report_error(result: ErrorRecord) -> None:
    """``error: INPUT: reason`` on stderr, the input printed as it is (never read as markup)."""
    line = Text("error", style="red")
    line.append(f": {result.input}: {result.reason}")
    err.print(line, highlight=False, soft_wrap=True)


def report_skipped(result: Record) -> None:
    """``warning: INPUT: not extracted: reason`` on stderr."""
    line = Text("warning", style="yellow")
    line.append(f": {result.article.source or result.article.id}: not extracted: {result.skipped}")
    err.print(line, highlight=False, soft_wrap=True)


def tally(result: Record | ErrorRecord, counts: Counter) -> None:
    """Count one result and report it on stderr when it failed or was not extracted."""
    counts["inputs"] += 1
    if isinstance(result, ErrorRecord):
        counts["errors"] += 1
        report_error(result)
    elif result.skipped:
        counts["skipped"] += 1
        report_skipped(result)


def finish(counts: Counter) -> None:
    """Print the summary ``N inputs, M articles, K errors`` and exit 1 when anything failed."""
    inputs, errors = counts["inputs"], counts["errors"]
    line = batch_summary(inputs, errors)
    if counts["skipped"]:
        line += f", {counts['skipped']} not extracted"
    err.print(line, highlight=False, markup=False)
    if errors:
        raise typer.Exit(1)


@app.command()
@reader_may_stop
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or globs to read; - reads stdin.")],
    published: Published = None,
    outlet: Outlet = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
    table: Annotated[
        TableName | None,
        typer.Option("--table", help="Record type shown by --format csv and table (default: attributions)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            callback=check_output,
            help="Write records to this file (atomically) instead of stdout.",
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat.auto,
    workers: Workers = 1,
    progress: ProgressLines = False,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV text field(s), a|b.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV title field(s), a|b.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV date field(s), a|b.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV URL field(s), a|b.")] = None,
) -> None:
    """Extract records from articles. Bad inputs become error lines on stderr; exit 1 if any failed.

    Metadata precedence: these options > the document's own metadata (HTML, JSONL/CSV fields) > inferred.
    Standard output carries records only; progress and messages go to stderr.
    """
    from according.files import extract_files
    from according.ingest.batch import Fields, stdout_file
    from according.output import make_writer, open_output
    from according.progress import make_reporter

    check_not_an_input(output, inputs)
    setup_or_fail()
    if table is not None and format in (OutputFormat.jsonl, OutputFormat.json):
        err.print(f"warning: --table is for --format csv and table; {format.value} holds whole Records")
    table = table or TableName.attributions
    fields = Fields.from_options(text=text_field, title=title_field, published=date_field, url=url_field)
    own = [Path(output)] if output not in (None, "-") else [p for p in [stdout_file()] if p]
    on_screen = output in (None, "-") and sys.stdout.isatty()
    live = err.is_terminal and not on_screen  # a live bar only where it cannot mix with the records
    counts: Counter = Counter()
    with open_output(output) as out:
        writer = make_writer(format.value, out, table.value)
        reporter = make_reporter(
            err, inputs, live=live, plain=progress and not err.is_terminal, label="extracting"
        )
        try:
            results = extract_files(
                inputs,
                published=published,
                outlet=outlet,
                workers=workers,
                input_format=None if input_format is InputFormat.auto else input_format.value,
                fields=fields,
                exclude=own,
            )
            for result in results:
                tally(result, counts)
                writer.write(result)
                reporter.advance(isinstance(result, ErrorRecord))
            writer.close()
        finally:
            reporter.close()
    finish(counts)


@app.command()
@reader_may_stop
def show(
    inputs: Annotated[list[str], typer.Argument(help="Article file(s) to show; - reads stdin.")],
    published: Published = None,
    outlet: Outlet = None,
    input_format: InputFormatOption = InputFormat.auto,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain text with bracketed marks instead of colours.")
    ] = False,
) -> None:
    """Show an article in the terminal with its records drawn on it, then who said what.

    Colours per speaker, cues underlined, speakers bold, figures and dates marked; with --no-color or when
    piped, plain text with marks: \\[\\[n: what was said]] *speaker* _cue_ {figure} <date|value>.
    """
    from according.files import extract_files
    from according.marks import LEGEND, coloured_text, plain_marked
    from according.render import attribution_table, print_header

    setup_or_fail()
    plain = no_color or not sys.stdout.isatty()
    # plain: no escape codes at all (not even bold), at the terminal's width when there is one
    console = (
        Console(force_terminal=False, highlight=False, width=shutil.get_terminal_size().columns)
        if plain
        else Console(highlight=False)
    )
    counts: Counter = Counter()
    fmt = None if input_format is InputFormat.auto else input_format.value
    for result in extract_files(inputs, published=published, outlet=outlet, input_format=fmt):
        tally(result, counts)
        if isinstance(result, ErrorRecord):
            continue
        print_header(result, console)
        if plain:
            console.print(LEGEND, markup=False)
            console.print(plain_marked(result), markup=False)
        else:
            console.print(coloured_text(result))
        console.print(attribution_table(result, console.width))
    finish(counts)


@app.command()
@reader_may_stop
def schema() -> None:
    """Print the JSON Schema of a Record (generated from the code, every field described)."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def unreadable_gold_is_a_usage_error(command: Callable[..., None]) -> Callable[..., None]:
    """A scorer whose gold data is missing, unreadable or not JSON ends with one error line (exit 2), not
    a traceback."""

    from according.eval import GoldFormatError

    @functools.wraps(command)
    def scored(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except OSError as exc:
            raise fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise fail(f"the file given is not UTF-8 JSON: {exc}") from None
        except GoldFormatError as exc:
            raise fail(str(exc)) from None

    return scored


def register_commands() -> None:
    """Attach each scorer's command to `according eval`, and each library command to `according`."""
    for name, target in EVAL_COMMANDS.items():
        module, func = target.split(":")
        eval_app.command(name)(
            unreadable_gold_is_a_usage_error(getattr(importlib.import_module(module), func))
        )
    for name, target in COMMANDS.items():
        module, func = target.split(":")
        command = getattr(importlib.import_module(module), func)
        app.command(name)(reader_may_stop(command) if name in ("query", "export") else command)


register_commands()

if __name__ == "__main__":
    app()
