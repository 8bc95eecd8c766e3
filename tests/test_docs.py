"""The docs list every command and option of the CLI (sqlite-utils style), and the README its commands."""

from pathlib import Path

import typer

from according.cli import app

ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = (ROOT / "docs" / "cli.md").read_text("utf-8")


def commands(group, prefix: str = "according"):
    """Every (command path, click command) of the app, nested groups included."""
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            yield from commands(command, path)
        else:
            yield path, command


def section(path: str) -> str:
    """The part of docs/cli.md under the heading for one command."""
    head = f"## {path}\n"
    assert head in CLI_DOC, f"docs/cli.md has no section for `{path}`"
    rest = CLI_DOC.split(head, 1)[1]
    return rest.split("\n## ", 1)[0]


def test_every_command_and_option_is_documented():
    root = typer.main.get_command(app)
    found = list(commands(root))
    assert len(found) >= 4
    for path, command in found:
        text = section(path)
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in text, f"`{path}` option {opt} is not in docs/cli.md"


def test_top_level_options_are_documented():
    text = section("according")
    for param in typer.main.get_command(app).params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert opt in text, f"`according` option {opt} is not in docs/cli.md"


def test_readme_names_the_two_commands_and_every_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    first_screen = "\n".join(readme.splitlines()[:20])
    assert "make demo" in first_screen and "make test" in first_screen
    for path, _ in commands(typer.main.get_command(app)):
        assert path in readme, f"README does not mention `{path}`"
