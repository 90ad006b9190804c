"""What only a browser shows: charts actually drawn, no console errors, URL state, timeline selection."""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, quote, urlencode, urlparse

import pytest

from components.data.safe_yaml import read_yaml_file
from tests.browser.conftest import ROOT, SCREENSHOTS, screenshot, wait_for_app

pytestmark = pytest.mark.browser
DATA_DIR = ROOT / "data"

# Streamlit's frontend probes /_stcore/* relative to a deep link before falling back to the root;
# those 404s are the framework's own and say nothing about the app.
BENIGN_CONSOLE = re.compile(r"status of 404 \(Not Found\)")
PAGES = [
    ("", "overview", 1),
    ("compare", "compare", 1),
    ("timeline", "timeline", 1),
    ("goals", "goals", 2),
    ("outcomes", "outcomes", 1),
    ("sources", "sources", 0),
]


def app_errors(page) -> list[str]:
    return [e for e in page.console_errors if not BENIGN_CONSOLE.search(e)]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def charts(page):
    """The charts a reader sees (one variant per chart is sent: wide, or phone-width at ≤ 640 px)."""
    return page.locator(".js-plotly-plot").filter(visible=True)


def chart_titles(page) -> list[str]:
    return [chart.locator(".gtitle").inner_text() for chart in charts(page).all()]


@pytest.mark.parametrize(("path", "name", "n_charts"), PAGES)
def test_page_draws_all_charts_without_console_errors(page, server_url, path, name, n_charts):
    """Every page draws its Plotly charts and logs no console error."""
    page.goto(f"{server_url}/{path}")
    wait_for_app(page, charts=n_charts)
    assert charts(page).count() == n_charts
    assert page.locator("h1").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"{name}-default")
    for index in range(n_charts):  # each chart alone, as a reader would crop it
        chart = charts(page).nth(index)
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(SCREENSHOTS / f"{name}-chart-{index + 1}.png"))
    assert app_errors(page) == []


def test_picking_a_theme_updates_url_and_charts(page, server_url):
    """Choosing a theme in the sidebar writes ?theme= and redraws the figure with the filter in its subtitle."""
    page.goto(f"{server_url}/goals")
    wait_for_app(page, charts=2)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Arms trafficking").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('theme=arms-trafficking')", timeout=20_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle, .js-plotly-plot .gtitle')]"
        ".some(n => n.textContent.includes('Arms trafficking'))",
        timeout=20_000,
    )
    assert query(page)["theme"] == ["arms-trafficking"]
    screenshot(page, "goals-theme-arms")
    assert app_errors(page) == []


def test_shared_url_restores_the_view_in_a_fresh_browser(browser, server_url):
    """A link opened in a new context restores themes, years and phase in widgets and figures."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server_url}/timeline?theme=human-rights&from=2010&to=2015&phase=merida-2007")
    wait_for_app(page, charts=1)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Human rights" in sidebar.inner_text()
    subtitle = charts(page).first.inner_text()
    assert "Human rights" in subtitle and "2010–2015" in subtitle
    params = query(page)
    assert params["theme"] == ["human-rights"] and params["phase"] == ["merida-2007"]
    context.close()


def test_filters_survive_moving_between_pages(page, server_url):
    """Filters picked on one page are still set, and still in the URL, after using the navigation."""
    page.goto(f"{server_url}/?theme=illicit-finance&from=2009")
    wait_for_app(page, charts=1)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Compare").click()
    page.wait_for_url(re.compile(r"/compare"), timeout=20_000)
    wait_for_app(page, charts=1)
    page.wait_for_function("() => location.search.includes('theme=illicit-finance')", timeout=20_000)
    assert query(page)["theme"] == ["illicit-finance"]
    assert "Illicit finance" in page.locator('[data-testid="stSidebar"]').inner_text()


# Payloads that set window.__xss if the browser ever ran them: as an image's onerror, as a script, as a
# javascript: link (clicked below if it were rendered as one), and as an unknown parameter's name.
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_LINK = "[x](javascript:window.__xss=1)"
XSS_SVG = '<svg onload="window.__xss=1">'


def test_malformed_url_shows_one_notice_and_defaults(page, server_url):
    """Nonsense and script in the URL give one notice naming it as text, the default view, no exception."""
    query = urlencode(
        {"theme": XSS_IMG, "from": XSS_SCRIPT, "to": "99999", "event": XSS_LINK, XSS_SVG: "1"},
        quote_via=quote,
    )
    page.goto(f"{server_url}/timeline?{query}")
    wait_for_app(page, charts=1)
    alerts = page.locator('[data-testid="stAlertContentWarning"]')
    assert alerts.count() == 1
    text = alerts.first.inner_text().replace("\u2060", "")  # invisible joiners break autolinks
    for named in (f"theme={XSS_IMG}", f"from={XSS_SCRIPT}", "to=99999", f"event={XSS_LINK}", f"{XSS_SVG}=1"):
        assert named in text
    assert page.locator('[data-testid="stException"]').count() == 0
    app = page.locator('[data-testid="stApp"]')
    assert app.locator('img[src="x"], script, svg[onload], [onerror]').count() == 0
    javascript_links = app.locator('a[href^="javascript:" i]')
    assert javascript_links.count() == 0
    page.wait_for_timeout(500)  # an onerror fires once the broken image fails to load
    assert page.evaluate("() => window.__xss") is None
    screenshot(page, "timeline-bad-url")


def timeline_event(event_id: str) -> dict:
    """One event of data/timeline.yaml, read through the safe reader (not the app's loader or frames)."""
    read = read_yaml_file(DATA_DIR / "timeline.yaml", "data/timeline.yaml")
    return next(event for event in read.data["events"] if event["id"] == event_id)


def source_shorts() -> dict[str, str]:
    read = read_yaml_file(DATA_DIR / "sources.yaml", "data/sources.yaml")
    return {source["id"]: source["short"] for source in read.data["sources"]}


def test_selecting_a_timeline_event_shows_details_and_writes_url(page, server_url):
    """Clicking an event marker puts ?event= in the URL and opens that event's card: title and sources."""
    page.goto(f"{server_url}/timeline?from=2021&to=2021")
    wait_for_app(page, charts=1)
    assert page.locator("h4").count() == 0  # no event card before a click
    marker = charts(page).first.locator(".scatterlayer .point").first
    marker.click(force=True)
    page.wait_for_function("() => location.search.includes('event=')", timeout=20_000)
    wait_for_app(page, charts=1)
    event = timeline_event(query(page)["event"][0])
    title = page.locator('[data-testid="stMarkdownContainer"] h4')
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stMarkdownContainer] h4').length > 0"
    )
    assert title.count() == 1
    assert title.first.inner_text().strip() == event["title"]["en"]
    card = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has=title)
        .filter(has=page.locator('[data-testid="stCaptionContainer"]'))
    )
    sources_line = card.last.locator('[data-testid="stCaptionContainer"]').last.inner_text()
    shorts = source_shorts()
    assert sources_line.startswith("Sources:")
    for source_id in event["sources"]:
        assert shorts[source_id] in sources_line, source_id
    screenshot(page, "timeline-event-selected")


def test_event_link_highlights_the_event(page, server_url):
    """Opening ?event=ID shows that event's details and names it on the chart."""
    page.goto(f"{server_url}/timeline?event=hlsd-2021-bicentennial-launch")
    wait_for_app(page, charts=1)
    title = page.locator('[data-testid="stMarkdownContainer"] h4')
    assert title.count() == 1
    event = timeline_event("hlsd-2021-bicentennial-launch")
    assert title.first.inner_text().strip() == event["title"]["en"]
    callout = charts(page).first.locator(".annotation-text").filter(has_text=event["short"]["en"])
    assert callout.count() >= 1
    screenshot(page, "timeline-event-link")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_chart_png_download_is_named_and_scaled(page, server_url, tmp_path):
    """The modebar camera downloads a descriptive PNG at scale 2 with the title and footer baked in."""
    page.goto(f"{server_url}/timeline?theme=arms-trafficking")
    wait_for_app(page, charts=1)
    chart = charts(page).first
    chart.hover()
    box = chart.bounding_box()
    with page.expect_download(timeout=30_000) as download_info:
        chart.locator('.modebar-btn[data-title*="png" i]').click()
    download = download_info.value
    assert download.suggested_filename == "us-mx-security_timeline_2007-2021_arms-trafficking.png"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    width, height = png_size(data)
    assert width >= 2 * box["width"] - 4 and height >= 2 * 300
    assert len(data) > 20_000
    (SCREENSHOTS / download.suggested_filename).write_bytes(data)


def test_share_link_reopens_the_same_view_in_a_new_browser(browser, page, server_url):
    """The copyable link on a page, opened in a fresh context, restores page, filters and event."""
    page.goto(
        f"{server_url}/timeline?theme=illicit-finance&from=2009&to=2020&event=cienfuegos-arrested&lanes=country"
    )
    wait_for_app(page, charts=1)
    page.get_by_role("button", name="Copy link").click()
    link = page.locator('[data-testid="stPopoverBody"] code').first.inner_text().strip()
    assert link.startswith(server_url + "/timeline?")
    assert "theme=illicit-finance" in link and "event=cienfuegos-arrested" in link and "lanes=country" in link
    subtitle = charts(page).first.locator(".gtitle-subtitle").text_content()
    assert page.get_by_text("Cienfuegos", exact=False).count() >= 1
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fresh = context.new_page()
    fresh.goto(link)
    wait_for_app(fresh, charts=1)
    assert charts(fresh).first.locator(".gtitle-subtitle").text_content() == subtitle
    assert fresh.get_by_text("Cienfuegos", exact=False).count() >= 1
    assert parse_qs(urlparse(fresh.url).query) == parse_qs(urlparse(link).query)
    context.close()


def test_present_mode_hides_the_sidebar_and_survives_page_switches(page, server_url):
    """?present=1 hides sidebar and controls, keeps titles and footers, and stays on after a page link."""
    page.goto(f"{server_url}/?present=1&theme=arms-trafficking")
    wait_for_app(page, charts=1)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    # No way back to the controls: Streamlit 1.67 names the button that reopens a collapsed sidebar
    # stExpandSidebarButton (stSidebarCollapsedControl, tested before, no longer exists).
    assert page.locator('[data-testid="stExpandSidebarButton"]').count() == 0
    assert page.locator('[data-testid="stMultiSelect"]').count() == 0
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0
    assert "data as of" in charts(page).first.inner_text()
    screenshot(page, "overview-present")
    page.get_by_role("link", name="Walk the timeline").click()
    page.wait_for_url(re.compile(r"/timeline"), timeout=20_000)
    wait_for_app(page, charts=1)
    assert query(page).get("present") == ["1"]
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.locator('[data-testid="stRadio"]').count() == 0
    screenshot(page, "timeline-present")


def test_csv_download_matches_the_filtered_view(page, server_url, tmp_path):
    """The timeline CSV holds exactly the events drawn under the current filters."""
    # data/timeline.yaml: the events tagged arms-trafficking dated 2010-2015, in date order (read by hand,
    # not computed with the app's own filter functions).
    expected = ["brian-terry-killed", "dodson-cbs-interview", "dodson-testifies", "fast-furious-ig-report"]
    page.goto(f"{server_url}/timeline?theme=arms-trafficking&from=2010&to=2015")
    wait_for_app(page, charts=1)
    with page.expect_download(timeout=30_000) as download_info:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    path = tmp_path / "events.csv"
    download_info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert download_info.value.suggested_filename == "us-mx-security_timeline_2010-2015.csv"
    assert [row["event_id"] for row in rows] == expected


def test_comparison_figure_on_request(page, server_url):
    """The two frameworks side by side are also one exportable figure, drawn when asked for."""
    page.goto(f"{server_url}/compare")
    wait_for_app(page, charts=1)
    page.get_by_text("Show the comparison as one figure").click()
    # One Plotly chart holds several .main-svg layers, so counting them can stop before the second
    # chart is drawn: wait for the comparison figure's own title instead.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(c => c.textContent.includes('side by side'))",
        timeout=45_000,
    )
    wait_for_app(page, charts=2)
    chart = charts(page).nth(0)
    assert "side by side" in chart.text_content()
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(SCREENSHOTS / "compare-comparison-figure.png"))


def test_switching_to_spanish_keeps_the_view_and_exports_in_spanish(page, server_url, tmp_path):
    """On a filtered timeline with an event selected, Español keeps filters and event; the PNG is Spanish."""
    page.goto(f"{server_url}/timeline?theme=arms-trafficking&from=2009&to=2020&event=brian-terry-killed")
    wait_for_app(page, charts=1)
    page.locator('[data-testid="stSidebar"]').get_by_text("Español", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=es')", timeout=20_000)
    wait_for_app(page, charts=1)
    page.wait_for_function(
        "() => [...document.querySelectorAll('h1')].some(h => h.textContent.includes('Línea de tiempo'))",
        timeout=20_000,
    )
    params = query(page)
    assert params["theme"] == ["arms-trafficking"] and params["from"] == ["2009"] and params["to"] == ["2020"]
    assert params["event"] == ["brian-terry-killed"] and params["lang"] == ["es"]
    title = page.locator('[data-testid="stMarkdownContainer"] h4')  # the selected event's card stays
    assert [h.inner_text().strip() for h in title.all()] == [
        timeline_event("brian-terry-killed")["title"]["es"]
    ]
    chart = charts(page).first
    footer = chart.locator(".annotation-text").filter(has_text="datos al").first.text_content()
    assert "Fuentes" in footer and "data as of" not in footer
    chart.hover()
    with page.expect_download(timeout=30_000) as download_info:
        chart.locator('.modebar-btn[data-title*="png" i]').click()
    download = download_info.value
    assert (
        download.suggested_filename == "seguridad-eeuu-mexico_linea-de-tiempo_2009-2020_arms-trafficking.png"
    )
    download.save_as(tmp_path / download.suggested_filename)
    assert png_size((tmp_path / download.suggested_filename).read_bytes())[0] > 0
    screenshot(page, "timeline-es")
    assert app_errors(page) == []


def test_whole_dataset_downloads_are_built_on_click(page, server_url, tmp_path):
    """The Sources page builds its ZIP and JSON only when clicked; both arrive complete and named."""
    import json
    import zipfile

    page.goto(f"{server_url}/sources")
    wait_for_app(page, charts=0)
    with page.expect_download(timeout=60_000) as zip_info:
        page.get_by_role("button", name="All tables as CSV (ZIP)").click()
    zip_path = tmp_path / zip_info.value.suggested_filename
    zip_info.value.save_as(zip_path)
    assert zip_path.name.startswith("us-mx-security-data_") and zip_path.suffix == ".zip"
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        assert {"events.csv", "frameworks.csv", "sources.csv", "themes.csv"} <= names
        assert len(names) == 12  # one CSV per table, as listed in tests/test_data.py's zip test
        assert (
            archive.read("sources.csv").count(b"\n") >= 231
        )  # header + 231 sources (quoted newlines may add)
    with page.expect_download(timeout=60_000) as json_info:
        page.get_by_role("button", name="Everything as JSON").click()
    json_path = tmp_path / json_info.value.suggested_filename
    json_info.value.save_as(json_path)
    payload = json.loads(json_path.read_text(encoding="utf-8"))
    assert len(payload["sources"]) == 231 and len(payload["frameworks"]) == 3
