"""Bring your own framework in a real browser: upload, compare, read the problems, stay safe."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from components.data.safe_yaml import read_yaml_file
from tests.browser.conftest import ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.browser
TEMPLATE = ROOT / "docs" / "framework-template.yaml"
UPLOADS = ROOT / "tests" / "fixtures" / "upload"
JOINER = "\u2060"  # md_escape breaks autolink triggers with invisible word joiners


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def open_uploader(page, server_url: str) -> None:
    page.goto(f"{server_url}/compare")
    wait_for_app(page, charts=1)
    page.get_by_text("Bring your own framework").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached")


def upload(page, path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.locator('[data-testid="stFileChipName"]').wait_for()
    wait_for_app(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace(JOINER, "")


def test_the_template_uploads_and_is_compared(page, server_url):
    """The downloadable template, uploaded, joins the comparison marked "(uploaded)"."""
    template = read_yaml_file(TEMPLATE, "framework-template.yaml").data
    marked = f"{template['short_name']['en']} (uploaded)"
    open_uploader(page, server_url)
    upload(page, TEMPLATE)
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
    page.wait_for_function(
        f"() => location.search.includes('compare=') && location.search.includes({template['id']!r})"
    )
    assert template["id"] in query(page)["compare"]
    headings = [h.replace(JOINER, "") for h in page.locator('[data-testid="stMain"] h3').all_inner_texts()]
    assert marked in headings
    assert marked in page.locator('[data-testid="stSidebar"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "upload-valid")
    page.locator('[data-testid="stMain"] h3', has_text="(uploaded)").first.scroll_into_view_if_needed()
    screenshot(page, "upload-valid-columns")

    # The uploader's × removes it: the shipped frameworks come back, the link falls back with a notice.
    page.locator(
        '[data-testid="stFileChipDeleteBtn"] button, button[data-testid="stFileChipDeleteBtn"]'
    ).first.click()
    page.wait_for_function("() => !location.search.includes('compare=')")
    wait_for_app(page, charts=1)
    assert marked not in page.locator('[data-testid="stSidebar"]').inner_text()
    assert "compare=" in page.locator('[data-testid="stAlertContentWarning"]').inner_text().replace(
        JOINER, ""
    )


def test_a_broken_upload_names_file_and_line(page, server_url):
    """Each problem is one plain-text line with the file name and the line; the shipped view stays."""
    open_uploader(page, server_url)
    upload(page, UPLOADS / "broken-framework.yaml")
    code = page.locator('[data-testid="stCode"]').filter(has_text="broken-framework.yaml")
    code.first.wait_for()
    lines = code.first.inner_text()
    assert "broken-framework.yaml:31:22" in lines and "[unknown-theme]" in lines
    assert "broken-framework.yaml:36:19" in lines and "[unknown-source]" in lines
    assert (
        page.locator('[data-testid="stAlertContentError"]').filter(has_text="broken-framework.yaml").count()
        == 1
    )
    assert page.locator(".js-plotly-plot").count() >= 1  # the default pair's Sankey is still drawn
    screenshot(page, "upload-broken")


def assert_nothing_injected(page, dialogs: list[str]) -> None:
    """No payload became an element or a link, none ran (window.__xss unset), no dialog opened."""
    page.wait_for_timeout(500)  # an onerror would fire once a broken image fails to load
    app = page.locator('[data-testid="stApp"]')
    assert app.locator('img[src="x"], script, [onerror], svg[onload]').count() == 0
    assert app.locator('a[href^="javascript:" i]').count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert dialogs == []


def test_hostile_names_stay_literal_text(page, server_url):
    """HTML, script and Markdown in an upload's names show as typed: no dialog, no element, no link."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_uploader(page, server_url)
    upload(page, UPLOADS / "hostile-names.yaml")
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
    wait_for_app(page)  # compared with an upload: side by side, no Sankey
    text = main_text(page)
    for literal in (
        "<script>window.__xss=2;alert(1)</script>**bold** (uploaded)",  # column heading
        '<img src=x onerror="window.__xss=6;alert(1)">Axis [x](javascript:alert(1))',  # pillar card
        "**bold** <script>window.__xss=7</script>",  # objective label
    ):
        assert literal in text, literal
    page.locator('[data-testid="stMain"] h3', has_text="(uploaded)").first.scroll_into_view_if_needed()
    screenshot(page, "upload-hostile-compare")

    # The same names in a figure: the comparison figure, drawn on request.
    page.get_by_text("Show the comparison as one figure").click()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 1")
    wait_for_app(page, charts=1)
    assert "(uploaded)" in page.locator(".js-plotly-plot").first.inner_text()
    assert_nothing_injected(page, dialogs)

    # And on the Goals page's charts, in the same session.
    page.locator('[data-testid="stSidebarNav"] a', has_text=re.compile("Goals")).click()
    page.wait_for_url(re.compile(r"/goals"))
    wait_for_app(page, charts=2)
    assert "(uploaded)" in page.locator(".js-plotly-plot").first.inner_text()
    assert_nothing_injected(page, dialogs)
    screenshot(page, "upload-hostile-goals")

    # A file whose name is the payload: named literally in the error and in the problem lines.
    page.locator('[data-testid="stSidebarNav"] a', has_text=re.compile("Compare")).click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    name = "<img src=x onerror=window.__xss=11>[x](javascript:alert(1)).yaml"  # quotes arrive as %22
    broken = (UPLOADS / "broken-framework.yaml").read_bytes()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "application/yaml", "buffer": broken}
    )
    page.locator('[data-testid="stAlertContentError"]').first.wait_for()
    wait_for_app(page)
    assert name in page.locator('[data-testid="stAlertContentError"]').first.inner_text().replace(JOINER, "")
    assert f"{name}:31:22" in page.locator('[data-testid="stCode"]').first.inner_text()
    assert_nothing_injected(page, dialogs)


def test_the_template_and_the_guide_download_whole(page, server_url, tmp_path):
    """Both files are read only when their button is clicked, and arrive byte for byte."""
    open_uploader(page, server_url)
    for label, source in (
        ("Download the template", TEMPLATE),
        ("Download the contributor guide", ROOT / "docs" / "contributing.md"),
    ):
        with page.expect_download(timeout=30_000) as download_info:
            page.get_by_role("button", name=re.compile(label)).click()
        path = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(path)
        assert download_info.value.suggested_filename == source.name
        assert path.read_bytes() == source.read_bytes()
