"""The heap is frozen once per page and language, after that page's first run (components/ui/heap.py)."""

from __future__ import annotations

import gc

import pytest
from streamlit.testing.v1 import AppTest

from components.ui import heap
from tests.test_pages import APP, TIMEOUT, navigation_mode  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def fresh_heap_state(monkeypatch):
    monkeypatch.setattr(heap, "_SETTLED", set())
    yield
    gc.unfreeze()


def test_the_first_run_of_a_page_freezes_the_heap_and_later_runs_do_not():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    alive = [object() for _ in range(10)]  # noqa: F841  (tracked objects alive when the heap is frozen)
    assert heap.settle_after_first_run("overview", "en") is True
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    assert heap.settle_after_first_run("overview", "en") is False
    assert gc.get_freeze_count() == 0, "a second run of the same page freezes nothing"
    assert heap.settle_after_first_run("overview", "es") is True, "each language once"
    assert heap.settle_after_first_run("timeline", "es") is True, "each page once"


def test_a_page_run_settles_its_page_and_language():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "es"
    at.switch_page("pages/timeline.py")
    at.run()
    assert not at.exception, at.exception
    assert ("timeline", "es") in heap._SETTLED
    assert gc.get_freeze_count() > 0
