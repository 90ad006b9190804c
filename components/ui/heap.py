"""Keep Python's cycle collector off the long-lived heap: freeze it after a page's first run.

A page view allocates many short-lived objects (frames, figures, protobuf messages), so the collector
runs often, and every few views a full collection walks the whole heap: Streamlit, Plotly, pandas, the
cached data and figures, about 175,000 objects, which took 140–250 ms a time on the benchmark machine
(measured with gc.callbacks), more than the script itself. Those objects live as long as the process,
so after the first run of each page in each language (when that page's modules, data and figures are
loaded) gc.freeze() moves everything alive to the permanent generation, which collections skip.

What is alive at that moment also includes that run's own objects; they are kept for good, a bounded
cost (one run per page and language, per process). Later runs are never frozen, so garbage that
sessions leave behind is still collected.
"""

from __future__ import annotations

import gc

_SETTLED: set[tuple[str, str]] = set()  # (page, language) whose first run has been frozen


def settle_after_first_run(page: str, lang: str) -> bool:
    """Freeze the heap once per (page, language) per process; True when this call froze it."""
    if (page, lang) in _SETTLED:
        return False
    _SETTLED.add((page, lang))
    gc.freeze()
    return True
