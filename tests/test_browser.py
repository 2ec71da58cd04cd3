"""The Fava page in a real headless Chromium, served by a real Fava server.

Needs Debian's ``chromium`` (``make test`` installs it). Playwright drives it
through ``executable_path``; Playwright's own browser download is not used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail(
            "Chromium is needed for the browser tests: install Debian's 'chromium' "
            "package (make test does)"
        )
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def fava_url() -> Iterator[str]:
    port = free_port()
    fava = Path(sys.executable).with_name("fava")
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    server = subprocess.Popen(
        [str(fava), "--host", "127.0.0.1", "--port", str(port), str(DEMO)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/studio-camille/income_statement/"):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"Fava did not start:\n{output}")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_page(
    browser: Browser, url: str, scheme: Literal["light", "dark"] = "light", locale: str = "en-US"
) -> tuple[Page, list[str]]:
    page = browser.new_page(
        viewport={"width": 1000, "height": 3300}, color_scheme=scheme, locale=locale
    )
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.goto(url)
    page.wait_for_selector(".timeroi svg rect")
    return page, problems


def test_page_renders_charts_without_script_errors(
    browser: Browser, fava_url: str, tmp_path: Path
) -> None:
    page, problems = open_page(browser, fava_url + "/studio-camille/extension/TimeRoi/?time=2025")
    charts = page.locator(".timeroi figure svg")
    assert charts.count() == 2
    # Cost and revenue for each of the demo's 5 channels, and one net bar per month.
    assert page.locator(".timeroi figure[data-chart='1'] rect").count() == 10
    assert page.locator(".timeroi figure[data-chart='2'] rect").count() == 12
    for index in range(2):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 150
    # Bars are drawn with a colour from the page's style, not left black or invisible.
    fill = page.locator(".timeroi .series-revenue").first.evaluate(
        "el => getComputedStyle(el).fill"
    )
    assert fill not in ("", "none", "rgb(0, 0, 0)")
    # At 1,000 px the channel tables fit without scrolling sideways.
    widths = page.locator(".timeroi-scroll").first.evaluate(
        "el => [el.scrollWidth, el.clientWidth]"
    )
    assert widths[0] <= widths[1]
    assert page.locator("text=Social-media ROI").first.is_visible()
    page.screenshot(path=str(tmp_path / "timeroi-2025.png"), full_page=True)
    assert (tmp_path / "timeroi-2025.png").stat().st_size > 50_000
    assert problems == []


def test_page_follows_fava_navigation_and_dark_mode(
    browser: Browser, fava_url: str, tmp_path: Path
) -> None:
    page, problems = open_page(
        browser, fava_url + "/studio-camille/extension/TimeRoi/", scheme="dark"
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in background[4:-1].split(",")[:3])
    assert red + green + blue < 3 * 80, background  # Fava's dark theme
    # A channel link leads to Fava's journal filtered on the channel's tag...
    page.get_by_role("link", name="LinkedIn", exact=True).first.click()
    page.wait_for_url("**/journal/?filter=%23linkedin*")
    # ...and coming back through Fava's own navigation draws the page again.
    page.go_back()
    page.wait_for_selector(".timeroi svg rect")
    page.screenshot(path=str(tmp_path / "timeroi-dark.png"), full_page=True)
    assert problems == []


def test_page_in_french_in_a_french_browser(
    browser: Browser, fava_url: str, tmp_path: Path
) -> None:
    """Every word of the page is French: none of the page's English texts shows."""
    from beancount_timeroi.fava.page import page_text
    from beancount_timeroi.i18n import _, use_language

    page, problems = open_page(
        browser, fava_url + "/studio-camille/extension/TimeRoi/?time=2025", locale="fr-CA"
    )
    shown = page.locator(".timeroi").inner_text()
    headings = (
        "Cost and return",
        "Per hour and per client",
        "What does my time cost?",
        "New clients",
        "Attribution models",
        "Checks",
        "Hours by activity",
    )
    with use_language("en"):
        english = [*page_text().values(), *(_(text) for text in headings)]
    with use_language("fr"):
        french = [*page_text().values(), *(_(text) for text in headings)]
    assert [en for en, fr in zip(english, french, strict=True) if en != fr and en in shown] == []
    assert [fr for fr in french[-len(headings) :] if fr not in shown] == []
    # The demo's 2025 totals the French way: 29,427.71 of time, ROI 77.36%.
    assert "29\u00a0427,71" in shown and "77,36\u00a0%" in shown
    with use_language("fr"):
        assert page.get_by_role("link", name=_("Social-media ROI")).first.is_visible()
    page.screenshot(path=str(tmp_path / "timeroi-fr.png"), full_page=True)
    assert problems == []


def test_a_content_links_to_its_journal(browser: Browser, fava_url: str, tmp_path: Path) -> None:
    """SPEC 13: a row of the content table opens Fava's journal filtered on the content."""
    page, problems = open_page(browser, fava_url + "/studio-camille/extension/TimeRoi/?time=2025")
    row = (
        page.locator(".timeroi table")
        .filter(has_text="Share of revenue")
        .locator("tr", has_text="Les formulaires de dons pour les OBNL")
    )
    # Its figures: the invoice that names it, 2,400.00 of revenue.
    assert "2,400.00" in row.inner_text()
    page.screenshot(path=str(tmp_path / "timeroi-contents.png"), full_page=True)
    row.get_by_role("link").click()
    page.wait_for_url("**/journal/**")
    journal = page.locator("ol.journal.show-transaction")
    journal.get_by_text("Campagne de dons des Fêtes").first.wait_for()
    shown = journal.inner_text()
    # The invoice, the article's production and the carousel that spread it; not the
    # other articles' entries, nor the invoices that name no content.
    assert "Visuels du carrousel : Les formulaires de dons pour les OBNL" in shown
    assert "Article: Les formulaires de dons pour les OBNL – recherche" in shown
    assert "Article: Des témoignages clients qui rassurent" not in shown
    assert "Refonte du site" not in shown
    page.screenshot(path=str(tmp_path / "journal.png"), full_page=True)
    assert problems == []


def test_budget_bars_and_the_comparison(browser: Browser, fava_url: str, tmp_path: Path) -> None:
    """SPEC 14: a bar per budget, red when over; the page compares with the previous
    period when asked, from a link on the page."""
    page, problems = open_page(browser, fava_url + "/studio-camille/extension/TimeRoi/?time=2025")
    bars = page.locator(".timeroi-budgets li")
    # The demo's 2025 budgets: hours of Facebook (ended in April), LinkedIn and all
    # channels; money of Instagram and the newsletter. Facebook and Instagram are over.
    assert bars.count() == 5
    over = page.locator(".timeroi-budgets li.timeroi-over .timeroi-budget-label")
    assert over.all_inner_texts() == ["Facebook !", "Instagram !"]
    filled = page.locator(".timeroi-budgets li.timeroi-over .timeroi-bar span").first
    red = filled.evaluate("element => getComputedStyle(element).backgroundColor")
    fine = page.locator(".timeroi-budgets li:not(.timeroi-over) .timeroi-bar span").first
    assert red != fine.evaluate("element => getComputedStyle(element).backgroundColor")
    page.locator(".timeroi-budgets").screenshot(path=str(tmp_path / "budgets.png"))
    page.get_by_role("link", name="Compare with the previous period").click()
    page.wait_for_url("**compare=previous**")
    page.wait_for_selector(".timeroi svg rect")
    heading = page.locator(".timeroi h3", has_text="compared with")
    # As many days just before: 365, so 2024 from January 2 (a leap year).
    assert heading.inner_text() == "2025 compared with 2024-01-02 to 2024-12-31"
    # One table per figure, each with both years and the change, channels then totals.
    hours = page.locator(".timeroi section", has=page.locator("h4", has_text="Hours")).first
    header = hours.locator("th").all_inner_texts()
    assert header == ["Channel", "2025", "2024-01-02 to 2024-12-31", "Change"]
    assert hours.locator("tr.timeroi-total td").first.inner_text() == "Total"
    page.screenshot(path=str(tmp_path / "compared.png"), full_page=True)
    assert problems == []
