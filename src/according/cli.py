"""The `according` command line: a thin Typer shell over the library calls."""

from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

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
}


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders to read; - reads stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for all inputs.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for all inputs.")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
) -> None:
    """Extract records from articles. Bad inputs become error lines on stderr; exit 1 if any failed."""
    from according.ingest.batch import iter_inputs
    from according.pipeline import extract_text

    results: list[Record | ErrorRecord] = []
    for item in iter_inputs(inputs):
        if isinstance(item, ErrorRecord):
            result: Record | ErrorRecord = item
        else:
            try:
                result = extract_text(item.text, published=published, outlet=outlet, source=item.source)
            except Exception as exc:  # a bad article must never stop the batch
                result = ErrorRecord(
                    input=item.source, stage="extract", reason=f"{type(exc).__name__}: {exc}"
                )
        if isinstance(result, ErrorRecord):
            err.print(f"[red]error[/red]: {result.input}: {result.reason}", highlight=False, soft_wrap=True)
        emit(result, format)
        results.append(result)
    finish(results, format)


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
    """Attach each scorer's command to `according eval`."""
    for name, target in EVAL_COMMANDS.items():
        module, func = target.split(":")
        eval_app.command(name)(getattr(importlib.import_module(module), func))


register_eval_commands()

if __name__ == "__main__":
    app()
