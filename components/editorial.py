"""Editorial defaults: the one module that names frameworks, phases, events and indicators by id.

Everything else treats frameworks as data (ordered by start date). These are the project's choices of
what a first visit shows; a dataset without these ids still works, with the fallbacks in
components/view.py (the first two frameworks, each framework's last phase).
"""

from __future__ import annotations

# The comparison a first visit shows: Mérida against the Bicentennial Framework, as the seed article
# (Center for Binational Institutions, 2021) compares them.
DEFAULT_COMPARE: tuple[str, str] = ("merida", "bicentennial")

# The phase shown for a framework with several phases: Mérida's four pillars (2011–2021), the structure
# the seed article sets against the Bicentennial goals. Frameworks not listed show their last phase.
DEFAULT_PHASES: dict[str, str] = {"merida": "merida-2011"}

# The timeline's default range: the seed article's span. The range selector reaches the latest year.
DEFAULT_YEARS: tuple[int, int] = (2007, 2021)

# Outcomes page: indicators shown by default, events marked on the chart, and the output-versus-outcome
# critique as the sources state it (assessment ids). A missing id is simply not shown.
OUTCOME_DEFAULT_INDICATORS = ("mexico-homicides", "us-overdose-deaths")
OUTCOME_KEY_EVENTS = (
    "merida-initiative-announced",
    "beyond-merida-four-pillars",
    "hlsd-2021-bicentennial-launch",
    "program-2025-launch",
)
OUTCOME_CRITIQUE = (
    "gao-10-837-performance-measures",
    "gao-23-103795-overall-progress",
    "cbi-lack-of-evaluation",
)
