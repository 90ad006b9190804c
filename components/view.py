"""What a view compares: the one pure function that picks frameworks and phases for every page.

Pages call `select_view(frames, filters)` once and hand the selected frames to the figure builders,
which never choose frameworks or phases themselves. Editorial defaults come from components/editorial.py;
without them (another dataset), the first two frameworks by start date and each framework's last phase.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import editorial
from components.data.frames import Frames
from components.state import COMPARED, Choices, Filters


def default_phases(frames: Frames) -> dict[str, str]:
    """framework id -> the phase shown unless the URL picks another (editorial choice, else the last)."""
    out: dict[str, str] = {}
    for framework_id, rows in frames.phases.groupby("framework_id", sort=False):
        ids = list(rows.sort_values("phase_number")["phase_id"])
        wanted = editorial.DEFAULT_PHASES.get(str(framework_id))
        out[str(framework_id)] = wanted if wanted in ids else ids[-1]
    return out


def default_compare(frames: Frames) -> tuple[str, ...]:
    """The pair a first visit compares: the editorial default where the data has it, else the first two."""
    known = list(frames.frameworks["framework_id"])
    if all(f in known for f in editorial.DEFAULT_COMPARE):
        return tuple(f for f in known if f in editorial.DEFAULT_COMPARE)
    return tuple(known[:COMPARED])


def choices(frames: Frames) -> Choices:
    """The values a URL may name, taken from the data."""
    # to_datetime: a frame without rows (broken data) has an object column, which has no .dt.
    years = [
        *frames.events["year"],
        *frames.indicators["year"],
        *pd.to_datetime(frames.spans["start"]).dt.year,
    ]
    return Choices(
        themes=tuple(frames.themes["theme_id"]),
        frameworks=tuple(frames.frameworks["framework_id"]),
        phases=tuple(zip(frames.phases["phase_id"], frames.phases["framework_id"], strict=True)),
        default_compare=default_compare(frames),
        default_phases=tuple(default_phases(frames).values()),
        events=tuple(frames.events["event_id"]),
        indicators=tuple(frames.indicators["indicator_id"].unique()),
        year_max=max([editorial.DEFAULT_YEARS[1], *(int(y) for y in years)]),
    )


@dataclass(frozen=True)
class View:
    """The frameworks a view compares (start-date order), the phase shown for each, and their rows.

    `linked` says whether the crosswalk has links from the earlier framework to the later one (it maps
    each shipped framework onto the next shipped one only, so an uploaded framework, or a pair with
    another framework between them, has none). crosswalk holds those links at the shown phases (empty
    when not linked). Frames keep their documented columns; rows are in framework order.
    """

    framework_ids: tuple[str, ...]
    phase_ids: tuple[str, ...]
    frameworks: pd.DataFrame
    phases: pd.DataFrame
    pillars: pd.DataFrame
    objectives: pd.DataFrame
    crosswalk: pd.DataFrame
    commitments: pd.DataFrame
    linked: bool

    @property
    def consecutive(self) -> bool:
        """The older name of `linked`, from when only adjacent frameworks could be linked."""
        return self.linked

    def phase_of(self, framework_id: str) -> str:
        return dict(zip(self.framework_ids, self.phase_ids, strict=True)).get(framework_id, "")


def compared_frameworks(frames: Frames, filters: Filters) -> tuple[str, ...]:
    """The two framework ids the filters compare, in start-date order."""
    known = list(frames.frameworks["framework_id"])
    wanted = [f for f in filters.compare if f in known]
    if len(wanted) != COMPARED:
        wanted = list(default_compare(frames))
    return tuple(f for f in known if f in wanted)


def shown_phases(frames: Frames, framework_ids: tuple[str, ...], filters: Filters) -> tuple[str, ...]:
    """The phase shown for each framework: the one the filters pick, else its default phase."""
    defaults = default_phases(frames)
    owner = dict(zip(frames.phases["phase_id"], frames.phases["framework_id"], strict=True))
    picked = {owner[p]: p for p in filters.phases if p in owner}
    return tuple(picked.get(f, defaults.get(f, "")) for f in framework_ids)


def select_view(frames: Frames, filters: Filters) -> View:
    """Frames narrowed to the compared frameworks at their shown phases (themes are filtered by pages)."""
    framework_ids = compared_frameworks(frames, filters)
    phase_ids = shown_phases(frames, framework_ids, filters)
    in_pair = frames.frameworks["framework_id"].isin(framework_ids)
    # Sankey or side by side follows the links that exist, not the pair's places in the start-date
    # order: an upload dated between two shipped frameworks leaves their crosswalk in place.
    links = frames.crosswalk.iloc[0:0]
    if len(framework_ids) == COMPARED:
        links = frames.crosswalk[
            (frames.crosswalk["from_framework_id"] == framework_ids[0])
            & (frames.crosswalk["to_framework_id"] == framework_ids[1])
        ]
    linked = not links.empty
    crosswalk = links
    if linked:
        crosswalk = links[
            links["from_phase_id"].isin([phase_ids[0], ""]) & links["to_phase_id"].isin([phase_ids[1], ""])
        ]
    return View(
        framework_ids=framework_ids,
        phase_ids=phase_ids,
        frameworks=frames.frameworks[in_pair],
        phases=frames.phases[frames.phases["phase_id"].isin(phase_ids)],
        pillars=frames.pillars[frames.pillars["phase_id"].isin(phase_ids)],
        objectives=frames.objectives[frames.objectives["phase_id"].isin(phase_ids)],
        crosswalk=crosswalk,
        commitments=frames.commitments[frames.commitments["framework_id"].isin(framework_ids)],
        linked=linked,
    )
