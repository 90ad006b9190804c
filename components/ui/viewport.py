"""Which variant of a chart this reader's screen needs: the wide one, or the phone-width one.

Every chart has a wide and a narrow (≤ NARROW_WIDTH_PX) variant. Sending both and letting CSS hide one
doubled the figure JSON and the browser's Plotly work on every page, so only one is sent. Streamlit does
not tell the server the viewport width, so a small script in the page (an st.components.v2 component
with no visible content) watches the CSS media query and reports only when its answer differs from the
variant the server drew; then the page reruns with the other variant. A desktop never reruns. Until a
browser has reported, a phone's User-Agent ("Mobi") is the first guess, so a phone usually gets the
narrow variant in its first run too.

The probe is mounted at the end of each run, at the foot of the sidebar (of the page in presentation
mode, which has no sidebar): its code (Streamlit's component bundle, about 0.2 MB of JavaScript) then
loads after the page's charts instead of before them, and at the foot its empty element leaves no
visible gap (no CSS is needed to hide it). Its report reaches the next run through a callback, which runs before the
script, so the charts of that run are already drawn in the reported variant.
"""

from __future__ import annotations

import streamlit as st

from components.charts.style import NARROW_WIDTH_PX

NARROW_KEY = "viewport_narrow"  # session state: draw the phone-width variants
PROBE_KEY = "viewport_probe"

# Static code (no data in it). `drawn` is what the server drew; the script reports a different answer once.
_PROBE_JS = f"""
export default function (component) {{
  const {{ data, setStateValue }} = component;
  const query = window.matchMedia("(max-width: {NARROW_WIDTH_PX}px)");
  let drawn = Boolean(data && data.narrow);
  const report = () => {{
    if (query.matches !== drawn) {{
      drawn = query.matches;
      setStateValue("narrow", drawn);
    }}
  }};
  report();
  query.addEventListener("change", report);
  return () => query.removeEventListener("change", report);
}}
"""
_probe = st.components.v2.component("dashboard_viewport_probe", js=_PROBE_JS)


def is_narrow() -> bool:
    """True when this session's charts are drawn in their phone-width variant."""
    if NARROW_KEY not in st.session_state:
        st.session_state[NARROW_KEY] = "Mobi" in st.context.headers.get("User-Agent", "")
    return bool(st.session_state[NARROW_KEY])


def _take_report() -> None:
    """The probe's callback: keep what it reported (called before the rerun it triggers)."""
    reported = (st.session_state.get(PROBE_KEY) or {}).get("narrow")
    if reported is not None:
        st.session_state[NARROW_KEY] = bool(reported)


def render_viewport_probe(*, in_sidebar: bool = True) -> None:
    """Mount the probe once per run, after the page has drawn its charts: at the foot of the sidebar, or
    (presentation mode, where any sidebar content would bring back the button that opens the sidebar)
    at the foot of the page."""
    drawn = is_narrow()
    with st.sidebar if in_sidebar else st.container():
        _probe(
            key=PROBE_KEY,
            data={"narrow": drawn},
            default={"narrow": drawn},
            on_narrow_change=_take_report,
        )
