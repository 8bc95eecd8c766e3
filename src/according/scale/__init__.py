"""Scale-out: one partition function (``extract_partition``) run in-process, in a process pool
(``run``) or on Spark (``according spark``), so records are identical whichever runs them."""

from according.scale.local import run
from according.scale.partition import extract_partition

__all__ = ["extract_partition", "run"]
