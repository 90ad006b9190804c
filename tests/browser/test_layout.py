"""What only a browser can measure: chart text never overlaps other chart text or leaves its chart.

Every page is opened at desktop (1440 px) and phone (390 px) width; in each visible Plotly chart the
bounding boxes of the SVG text elements are read from the browser and compared pairwise.
"""

from __future__ import annotations

import pytest

from components.charts.style import NARROW_WIDTH_PX
from tests.browser.conftest import screenshot, wait_for_app

PAGES = {
    "overview": ("/", 1),
    "compare": ("/compare", 1),
    "compare-figure": ("/compare?present=1&theme=arms-trafficking", 2),
    "compare-next": ("/compare?compare=bicentennial&compare=program-2025", 1),
    "timeline": ("/timeline", 1),
    "timeline-all": ("/timeline?from=2006&to=2026", 1),
    "goals": ("/goals?theme=arms-trafficking", 2),
    "outcomes": ("/outcomes", 1),
}
WIDTHS = (1440, 390)
NARROW_DRAWN = (
    '(charts) => document.querySelectorAll(\'[class*="st-key-"][class*="-narrow"] .js-plotly-plot .main-svg\')'
    ".length >= charts"
)
TOLERANCE = 1.5  # pixels: anti-aliasing and rounding of glyph boxes

# The visible charts' text boxes (hidden charts have no layout and are skipped).
TEXT_BOXES = """
() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(plot => plot.getBoundingClientRect().width > 0)
  .map(plot => {
    const box = plot.getBoundingClientRect();
    const texts = [...plot.querySelectorAll('svg text')].filter(text => {
      const style = getComputedStyle(text);
      const r = text.getBoundingClientRect();
      return text.textContent.trim() && r.width > 0 && r.height > 0
        && style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0'
        && !text.closest('.hoverlayer');
    });
    return {
      box: [box.left, box.top, box.right, box.bottom],
      texts: texts.map(text => {
        const r = text.getBoundingClientRect();
        return {text: text.textContent.slice(0, 60), box: [r.left, r.top, r.right, r.bottom]};
      }),
    };
  })
"""


def overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE


def outside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] < outer[0] - TOLERANCE
        or inner[1] < outer[1] - TOLERANCE
        or inner[2] > outer[2] + TOLERANCE
        or inner[3] > outer[3] + TOLERANCE
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_chart_text_never_overlaps_or_leaves_the_chart(browser, server_url, name, width):
    path, charts = PAGES[name]
    context = browser.new_context(viewport={"width": width, "height": 1200})
    page = context.new_page()
    try:
        page.goto(server_url + path)
        wait_for_app(page, charts=charts)
        if width <= NARROW_WIDTH_PX:
            # The server draws the phone-width variant once the page has reported its width
            # (components/ui/viewport.py); such a chart is keyed "<key>-narrow".
            page.wait_for_function(NARROW_DRAWN, arg=charts, timeout=45_000)
            wait_for_app(page, charts=charts)
        page.wait_for_timeout(1000)  # Plotly's responsive relayout after the first paint
        screenshot(page, f"layout-{name}-{width}")
        plots = page.evaluate(TEXT_BOXES)
        assert len(plots) >= charts, f"{len(plots)} visible charts on {path}"
        problems = []
        for number, plot in enumerate(plots):
            texts = plot["texts"]
            assert texts, f"chart {number} on {path} has no text"
            for text in texts:
                if outside(text["box"], plot["box"]):
                    problems.append(f"chart {number}: {text['text']!r} leaves the chart")
            for i, first in enumerate(texts):
                for second in texts[i + 1 :]:
                    if overlap(first["box"], second["box"]):
                        problems.append(f"chart {number}: {first['text']!r} overlaps {second['text']!r}")
        assert problems == [], "\n".join(problems[:40])
    finally:
        context.close()
