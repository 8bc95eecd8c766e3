"""The command line as people run it: under a real pseudo-terminal, redirected, piped, with stdin."""

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARTICLE_COUNT = len(list(EXAMPLES.rglob("*.txt"))) + sum(
    len(p.read_text("utf-8").splitlines()) for p in EXAMPLES.rglob("*.jsonl")
)
ACCORDING = [sys.executable, "-m", "according.cli"]
runner = CliRunner()


def run_in_terminal(shell_command: str, cwd: Path) -> str:
    """Run a shell command with stdin, stdout and stderr on a pseudo-terminal; return what the screen saw."""
    pid, fd = pty.fork()
    if pid == 0:  # child: the terminal is ours
        os.chdir(cwd)
        os.execvp("sh", ["sh", "-c", shell_command])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    return seen.decode("utf-8", "replace")


def according_line(args: str) -> str:
    """The shell words that run this checkout's `according` with the test's interpreter."""
    return f"{sys.executable} -m according.cli {args}"


@pytest.mark.slow
def test_redirected_output_reaches_the_file_under_a_terminal(tmp_path):
    screen = run_in_terminal(according_line(f"extract {EXAMPLES} > out.jsonl"), tmp_path)
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == ARTICLE_COUNT
    assert all("article" in json.loads(line) for line in lines)
    assert "inputs" in screen and '"article"' not in screen  # summary on the terminal, no records


@pytest.mark.slow
def test_piped_output_reaches_the_next_program_under_a_terminal(tmp_path):
    script = 'import sys,json; [print("TITLE", json.loads(l)["article"]["title"]) for l in sys.stdin]'
    jq = "jq -r '\"TITLE \" + .article.title'"
    reader = jq if shutil.which("jq") else f"{sys.executable} -c '{script}'"
    screen = run_in_terminal(according_line(f"extract {EXAMPLES}") + " | " + reader, tmp_path)
    titles = [line for line in screen.splitlines() if "TITLE " in line]
    assert len(titles) == ARTICLE_COUNT


def test_output_file_is_written_whole_and_never_read_as_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((EXAMPLES / "council-budget-vote.txt").read_text("utf-8"))
    target = folder / "out.jsonl"
    target.write_text("old contents that must not be read as an article\n")
    result = runner.invoke(app, ["extract", str(folder), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    (record,) = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert record["article"]["source"].endswith("a.txt")
    assert not list(folder.glob(".out.jsonl.*"))  # no temporary file left behind


def test_output_file_gets_the_permissions_of_a_file_written_in_place(tmp_path):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        fresh, kept = tmp_path / "fresh.jsonl", tmp_path / "kept.jsonl"
        kept.write_text("")
        kept.chmod(0o640)
        for target in (fresh, kept):
            result = runner.invoke(
                app, ["extract", str(EXAMPLES / "council-budget-vote.txt"), "-o", str(target)]
            )
            assert result.exit_code == 0, result.output
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not the temporary file's 0600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_work(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text((EXAMPLES / "council-budget-vote.txt").read_text("utf-8"))
    cases = {
        str(source): "is also an input",  # -o naming the input would overwrite what it reads
        str(tmp_path / "no" / "out.jsonl"): "does not exist",
        str(tmp_path): "is a folder",
    }
    for target, reason in cases.items():
        result = runner.invoke(app, ["extract", str(source), "-o", target])
        assert result.exit_code == 2, result.output
        message = " ".join(result.stderr.translate(str.maketrans("│╭╮╰╯─", "      ")).split())  # unboxed
        assert reason in message and "Traceback" not in result.output
        assert result.stdout == ""
    assert source.read_text("utf-8") == (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")


def test_an_interrupted_run_leaves_no_half_file(tmp_path, monkeypatch):
    import according.files

    def boom(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(according.files, "extract_files", boom)
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code != 0
    assert not target.exists() and not list(tmp_path.iterdir())


def test_stdin_jsonl_is_read_as_rows():
    rows = "".join(
        json.dumps({"text": (EXAMPLES / name).read_text("utf-8"), "title": name}) + "\n"
        for name in ("council-budget-vote.txt", "harbour-ferry-strike.txt")
    )
    result = runner.invoke(app, ["extract", "-"], input=rows)
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["article"]["title"] for line in result.stdout.splitlines()]
    assert titles == ["council-budget-vote.txt", "harbour-ferry-strike.txt"]


def test_stdin_csv_is_read_as_rows_and_input_format_forces_text():
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["title", "text"])
    writer.writerow(["Budget", (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")])
    result = runner.invoke(app, ["extract", "-"], input=buffer.getvalue())
    assert json.loads(result.stdout)["article"]["title"] == "Budget"
    forced = runner.invoke(app, ["extract", "-", "--input-format", "text"], input=buffer.getvalue())
    assert json.loads(forced.stdout)["article"]["text"].startswith("title,text")


def test_json_format_is_always_an_array():
    one = runner.invoke(app, ["extract", str(EXAMPLES / "council-budget-vote.txt"), "-f", "json"])
    assert isinstance(json.loads(one.stdout), list) and len(json.loads(one.stdout)) == 1


def test_csv_has_readable_speaker_and_chain_columns_and_a_fixed_header():
    from according.tables import COLUMNS

    result = runner.invoke(app, ["extract", str(EXAMPLES), "-f", "csv"])
    assert result.exit_code == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0].keys()) == list(COLUMNS["attributions"])
    assert any(row["speaker_name"] == "Marta Ilves" for row in rows)
    claims = runner.invoke(app, ["extract", str(EXAMPLES), "-f", "csv", "--table", "claims"])
    assert claims.stdout.splitlines()[0] == ",".join(COLUMNS["claims"])


@pytest.mark.parametrize("date", ["2025-02-30", "yesterday", "15/08/2025"])
def test_impossible_or_non_iso_published_is_a_usage_error(date):
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--published", date])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0
    assert version.stdout.startswith("according ")
    assert "schema" in version.stdout and "spaCy" in version.stdout
    helped = runner.invoke(app, ["extract", "-h"])
    assert helped.exit_code == 0 and "--output" in helped.stdout


def test_a_path_with_markup_brackets_is_printed_as_it_is(tmp_path):
    (tmp_path / "[bold red]x[").mkdir()
    odd = tmp_path / "[bold red]x[" / "].txt"  # the path reads "[bold red]x[/].txt"
    odd.write_text("")
    result = runner.invoke(app, ["extract", str(odd)])
    assert result.exit_code == 1
    assert "[bold red]x[/].txt" in result.stderr


def test_plain_progress_lines_only_when_asked(monkeypatch):
    import according.progress as progress

    monkeypatch.setattr(progress, "PLAIN_INTERVAL", 0.0)
    quiet = runner.invoke(app, ["extract", str(EXAMPLES)])
    assert "progress:" not in quiet.stderr
    loud = runner.invoke(app, ["extract", str(EXAMPLES), "--progress"])
    assert f"progress: 1/{ARTICLE_COUNT} articles" in loud.stderr and "ETA" in loud.stderr


def test_module_runs_as_a_program():
    done = subprocess.run(ACCORDING + ["--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("according ")


def test_output_through_a_link_or_into_a_pipe_keeps_the_link_and_the_pipe(tmp_path):
    import stat
    import threading

    article = str(EXAMPLES / "council-budget-vote.txt")
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    real.write_text("")
    link.symlink_to(real)
    assert runner.invoke(app, ["extract", article, "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["article"]["source"].endswith(".txt")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")))
    reader.start()
    result = runner.invoke(app, ["extract", article, "-o", str(fifo)])
    reader.join(60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode) and '"article"' in received[0]


def test_show_no_color_at_a_terminal_writes_no_escape_codes(tmp_path):
    screen = run_in_terminal(
        according_line(f"show {EXAMPLES / 'council-budget-vote.txt'} --no-color"), tmp_path
    )
    assert "marks: [[n: what was said]]" in screen and "\x1b[" not in screen


@pytest.mark.slow
def test_a_reader_that_stops_early_ends_the_run_like_cat_not_with_a_failure(tmp_path):
    line = according_line(f"extract {EXAMPLES}") + " | head -c 10 > /dev/null; echo status=${PIPESTATUS[0]}"
    done = subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert "status=141" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "error" not in done.stderr
