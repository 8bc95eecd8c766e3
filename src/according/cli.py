"""The `according` command line: a thin Typer shell over the library calls."""

from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from according.records import ErrorRecord, Record, json_schema

app = typer.Typer(
    help="Who said what, according to whom: sourced records from news articles.", no_args_is_help=True
)
eval_app = typer.Typer(
    help="Score the pipeline against gold data; --json prints one JSON object.", no_args_is_help=True
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
    "spark": "according.scale.cli:spark",
}


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or globs to read; - reads stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for all inputs.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for all inputs.")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV text field(s), a|b.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV title field(s), a|b.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV date field(s), a|b.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV URL field(s), a|b.")] = None,
) -> None:
    """Extract records from articles. Bad inputs become error lines on stderr; exit 1 if any failed.

    Metadata precedence: these options > the document's own metadata (HTML, JSONL/CSV fields) > inferred.
    """
    from according.ingest.batch import Fields, iter_inputs
    from according.pipeline import extract_text

    fields = Fields.from_options(text=text_field, title=title_field, published=date_field, url=url_field)
    results: list[Record | ErrorRecord] = []
    with progress_for(format) as progress:
        task = progress.add_task("extracting", total=None)
        for item in iter_inputs(inputs, fields):
            result = (
                item if isinstance(item, ErrorRecord) else extract_one(extract_text, item, published, outlet)
            )
            if isinstance(result, ErrorRecord):
                err.print(
                    f"[red]error[/red]: {result.input}: {result.reason}", highlight=False, soft_wrap=True
                )
            emit(result, format)
            results.append(result)
            progress.advance(task)
    finish(results, format)


def extract_one(extract_text, item, published: str | None, outlet: str | None) -> Record | ErrorRecord:
    """One article through the pipeline; an unexpected failure becomes an error record, never a crash."""
    from according.ingest.batch import article_kwargs

    try:
        return extract_text(item.text, **article_kwargs(item, published, outlet))
    except Exception as exc:  # a bad article must never stop the batch
        return ErrorRecord(input=item.source, stage="extract", reason=f"{type(exc).__name__}: {exc}")


def progress_for(fmt: OutputFormat) -> Progress:
    """A progress line on stderr (only on a terminal, and not over a table being printed)."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn())
    quiet = fmt is OutputFormat.table or not err.is_terminal
    return Progress(*columns, console=err, transient=True, disable=quiet)


def emit(result: Record | ErrorRecord, fmt: OutputFormat) -> None:
    """Stream one result in jsonl or table form (json is written at the end)."""
    if fmt is OutputFormat.jsonl:
        sys.stdout.write(result.model_dump_json() + "\n")
        sys.stdout.flush()
    elif fmt is OutputFormat.table and isinstance(result, Record):
        from according.render import print_record

        print_record(result, Console())


def finish(results: list[Record | ErrorRecord], fmt: OutputFormat) -> None:
    """Write the json array if asked, print the summary, and exit non-zero when anything failed."""
    if fmt is OutputFormat.json:
        payload = [r.model_dump(mode="json") for r in results]
        sys.stdout.write(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
        )
    errors = sum(isinstance(r, ErrorRecord) for r in results)
    err.print(f"{len(results)} inputs, {len(results) - errors} articles, {errors} errors", highlight=False)
    if errors:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a Record (generated from the code)."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def register_eval_commands() -> None:
    """Attach each scorer's command to `according eval`, and each library command to `according`."""
    for name, target in EVAL_COMMANDS.items():
        module, func = target.split(":")
        eval_app.command(name)(getattr(importlib.import_module(module), func))
    for name, target in COMMANDS.items():
        module, func = target.split(":")
        app.command(name)(getattr(importlib.import_module(module), func))


register_eval_commands()

if __name__ == "__main__":
    app()
