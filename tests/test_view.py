"""The one selection function: which frameworks and phases a view shows, and their rows."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components import editorial, state, view
from components.data.frames import build_frames
from components.data.loader import DATA_DIR, load_dataset_strict
from components.data.safe_yaml import read_yaml_file


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_dataset_strict(DATA_DIR))


def raw_starts() -> dict[str, str]:
    out = {}
    for path in (DATA_DIR / "frameworks").glob("*.yaml"):
        data = read_yaml_file(path, path.name).data
        out[data["id"]] = data["start"]
    return out


def test_frameworks_are_ordered_by_start_date(frames):
    starts = raw_starts()
    assert list(frames.frameworks["framework_id"]) == sorted(starts, key=lambda f: (starts[f], f))
    assert list(frames.frameworks["order"]) == list(range(len(starts)))


def test_first_visit_compares_the_editorial_default(frames):
    selected = view.select_view(frames, state.Filters())
    assert selected.framework_ids == editorial.DEFAULT_COMPARE
    for framework_id, phase_id in editorial.DEFAULT_PHASES.items():
        assert selected.phase_of(framework_id) == phase_id
    assert selected.consecutive
    assert set(selected.pillars["phase_id"]) == set(selected.phase_ids)
    assert set(selected.objectives["phase_id"]) == set(selected.phase_ids)
    assert set(selected.commitments["framework_id"]) <= set(selected.framework_ids)


def test_pairs_come_back_in_start_date_order(frames):
    order = list(frames.frameworks["framework_id"])
    later_first = (order[1], order[0])
    selected = view.select_view(frames, state.Filters(compare=later_first))
    assert selected.framework_ids == (order[0], order[1])


def test_a_picked_phase_replaces_the_default_for_its_framework_only(frames):
    multi = frames.phases.groupby("framework_id").filter(lambda rows: len(rows) > 1)
    assert not multi.empty, "the shipped data has a framework with several phases"
    framework_id = str(multi["framework_id"].iloc[0])
    defaults = view.default_phases(frames)
    other = next(p for p in multi["phase_id"] if p != defaults[framework_id])
    order = list(frames.frameworks["framework_id"])
    neighbour = order[order.index(framework_id) + 1]
    selected = view.select_view(frames, state.Filters(compare=(framework_id, neighbour), phases=(other,)))
    assert selected.phase_of(framework_id) == other
    assert selected.phase_of(neighbour) == defaults[neighbour]
    assert set(selected.pillars.loc[selected.pillars["framework_id"] == framework_id, "phase_id"]) == {other}


@pytest.mark.parametrize("position", [0, 1])
def test_consecutive_pairs_have_their_own_crosswalk(frames, position):
    order = list(frames.frameworks["framework_id"])
    if position + 1 >= len(order):
        pytest.skip("fewer frameworks than this pair needs")
    pair = (order[position], order[position + 1])
    selected = view.select_view(frames, state.Filters(compare=pair))
    assert selected.consecutive
    links = selected.crosswalk
    assert not links.empty, f"no crosswalk links from {pair[0]} to {pair[1]}"
    assert set(links["from_framework_id"]) == {pair[0]}
    assert set(links["to_framework_id"]) == {pair[1]}
    assert set(links["from_phase_id"]) <= {selected.phase_ids[0], ""}
    assert set(links["to_phase_id"]) <= {selected.phase_ids[1], ""}


def test_every_crosswalk_link_is_shown_in_some_view(frames):
    shown: set[str] = set()
    order = list(frames.frameworks["framework_id"])
    for earlier, later in zip(order, order[1:], strict=False):
        for phase in frames.phases.loc[frames.phases["framework_id"] == earlier, "phase_id"]:
            selected = view.select_view(frames, state.Filters(compare=(earlier, later), phases=(phase,)))
            shown |= set(selected.crosswalk["link_id"])
    assert shown == set(frames.crosswalk["link_id"])


def test_frameworks_that_are_not_neighbours_have_no_crosswalk(frames):
    order = list(frames.frameworks["framework_id"])
    if len(order) < 3:
        pytest.skip("needs three frameworks")
    selected = view.select_view(frames, state.Filters(compare=(order[0], order[2])))
    assert not selected.consecutive
    assert selected.crosswalk.empty
    assert set(selected.pillars["framework_id"]) == {order[0], order[2]}


def test_unknown_compare_ids_fall_back_to_the_default(frames):
    selected = view.select_view(frames, state.Filters(compare=("nonsense", "other")))
    assert selected.framework_ids == view.default_compare(frames)


def test_without_editorial_ids_the_first_two_frameworks_and_last_phases_are_shown(frames, monkeypatch):
    monkeypatch.setattr(editorial, "DEFAULT_COMPARE", ("absent-a", "absent-b"))
    monkeypatch.setattr(editorial, "DEFAULT_PHASES", {})
    order = list(frames.frameworks["framework_id"])
    assert view.default_compare(frames) == tuple(order[:2])
    last = frames.phases.groupby("framework_id", sort=False)["phase_id"].last()
    assert view.default_phases(frames) == {str(k): v for k, v in last.items()}


def test_choices_reach_the_latest_year_in_the_data(frames):
    choices = view.choices(frames)
    latest_event = int(pd.to_datetime(frames.events["date"]).dt.year.max())
    assert choices.year_max >= latest_event
    assert choices.year_max >= int(frames.indicators["year"].max())
    assert choices.frameworks == tuple(frames.frameworks["framework_id"])
    assert choices.default_compare == view.default_compare(frames)


def test_url_round_trip_through_the_view(frames):
    choices = view.choices(frames)
    order = list(frames.frameworks["framework_id"])
    pair = (order[-2], order[-1])
    params = {"compare": list(pair)}
    filters, ignored = state.from_query_params(params, choices)
    assert ignored == []
    expected = () if pair == choices.default_compare else pair
    assert filters.compare == expected
    assert view.select_view(frames, filters).framework_ids == pair
    again, _ = state.from_query_params(state.to_query_params(filters), choices)
    assert dataclasses.astuple(again) == dataclasses.astuple(filters)
