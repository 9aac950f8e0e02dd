"""The report in a real browser: Debian's chromium, headless, driven by Playwright (never a downloaded browser).

It loads with no console error and no request beyond its own file, every chart is drawn (an SVG with a size and
shapes in it), and the page is saved as a screenshot (report.png in the test's folder, named in the output)."""

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pipeline.cli import main

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
# The flags the project starts Chromium with: no sandbox (root in CI), no GPU, nothing phoning home.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
# Per chart: its size on the page and how many shapes its SVG draws.
CHARTS = """[...document.querySelectorAll('figure.chart')].map(figure => {
    const svg = figure.querySelector('svg'), box = svg.getBoundingClientRect();
    return {caption: figure.querySelector('figcaption').textContent, width: box.width, height: box.height,
            shapes: svg.querySelectorAll('path, rect, use').length,
            drawn: svg.getBBox().width > 0 && svg.getBBox().height > 0};
})"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"no chromium at {CHROMIUM}: .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1100, "height": 900})
        yield context
        context.close()


def opened(browser, path):
    """(page, console errors and uncaught exceptions, requested urls) of a file opened in the browser."""
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


def test_the_report_of_a_second_run_opens_without_errors_its_charts_drawn(two_runs, tmp_path, browser, capsys):
    assert main(["report", "--output", str(two_runs), "--to", str(tmp_path / "report.html")]) == 0
    path = tmp_path / "report.html"
    page, errors, requests = opened(browser, path)
    charts = page.evaluate(CHARTS)
    screenshot = tmp_path / "report.png"
    page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    print(f"screenshot: {screenshot}")

    assert errors == [] and requests == [path.as_uri()]
    assert [chart["caption"] for chart in charts] == [
        "Speakers with the most statements (at most 10)", "Sources and statements per outlet (the 10 largest at most)",
        "How many stories have each number of statements", "How many clusters have each number of statements",
        "How many sources have each number of statements",
        "Entities by type", "How many sources report each clustered statement",
        "Rows added, removed and changed per table"]
    for chart in charts:
        assert chart["drawn"] and chart["width"] > 300 and chart["height"] > 150 and chart["shapes"] > 10, chart
    image = Image.open(screenshot).convert("L")
    assert image.width == 1100 and image.height > 2500
    dark = sum(1 for value in image.getdata() if value < 128)
    assert dark > image.width * image.height * 0.01  # text and bars, not a blank page


def test_the_browser_check_hears_console_errors_and_failing_scripts(tmp_path, browser):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>console.error('bad data'); undefinedFunction()</script></body></html>")
    page, errors, _ = opened(browser, broken)
    page.close()
    assert errors[0] == "bad data" and "undefinedFunction is not defined" in errors[1]
