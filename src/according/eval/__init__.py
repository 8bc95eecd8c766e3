"""Scorers: each module reads one kind of gold data and returns a flat dict of figures."""
