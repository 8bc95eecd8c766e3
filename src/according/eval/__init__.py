"""Scorers: each module reads one kind of gold data and returns a flat dict of figures."""


class GoldFormatError(ValueError):
    """The data file parses as JSON but is not the shape this scorer reads (said in one line)."""
