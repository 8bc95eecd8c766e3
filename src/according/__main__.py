"""``python -m according`` runs the command line, as the ``according`` script does."""

from according.cli import app

app(prog_name="according")
