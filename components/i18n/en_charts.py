"""English strings of the figure builders (titles, axis labels, hover labels, summaries)."""

STRINGS: dict[str, str] = {}
