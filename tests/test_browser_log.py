"""SPEC 12.2 in a real headless Chromium: the Log time form and its timer, on a real
Fava server whose ledger is a copy the tests write to (never the demo)."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_browser import CHROMIUM_FLAGS, chromium, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

LEDGER = """\
option "title" "Log Books"
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, people: {alex: 40}, channels: {linkedin: {name: LinkedIn}, blog: {name: Blog}}}"
2020-01-01 custom "fava-extension" "beancount_timeroi.fava"
2020-01-01 open Assets:Bank

2025-02-01 custom "time" "linkedin" 2
  activity: "engagement"
"""
PAGE = "/log-books/extension/TimeRoi/"


@pytest.fixture
def books(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A Fava server on a fresh copy of the ledger: its address and the file."""
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER, encoding="utf-8")
    port = free_port()
    fava = Path(sys.executable).with_name("fava")
    server = subprocess.Popen(
        [str(fava), "--host", "127.0.0.1", "--port", str(port), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + PAGE):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"Fava did not start:\n{output}")
                time.sleep(0.3)
        yield base, path
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


def open_form(browser: Browser, url: str, locale: str = "en-US") -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": 1100, "height": 1400}, locale=locale)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.goto(url)
    page.wait_for_selector("#timeroi-log-form")
    page.wait_for_function("document.querySelector('[data-timer=start]') !== null")
    return page, problems


def tab_to(page: Page, name: str) -> None:
    """Press Tab until the field ``name`` has the focus (a date field has a stop for each
    of its parts and one for its calendar button)."""
    for _press in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    pytest.fail(f"Tab never reached {name}")


def hours_card(page: Page) -> str:
    return page.locator(".timeroi-card .value").first.inner_text()


def test_the_form_logs_time_with_the_keyboard_alone(
    browser: Browser, books: tuple[str, Path], tmp_path: Path
) -> None:
    base, path = books
    page, problems = open_form(browser, base + PAGE)
    assert hours_card(page) == "2.00"
    # The fields come in the order they are read, the date first (its day, month and
    # year take a Tab each, as in any date field), then the channel to the content.
    page.focus("select[name=channel]")
    order = []
    for _step in range(8):
        order.append(page.evaluate("document.activeElement.name || document.activeElement.type"))
        page.keyboard.press("Tab")
    assert order == [
        "channel",
        "duration",
        "description",
        "activity",
        "who",
        "content",
        "submit",
        "button",
    ]
    page.focus("input[name=date]")
    page.keyboard.type("03022025")  # the date field, as a keyboard fills it (mm/dd/yyyy)
    tab_to(page, "channel")
    page.keyboard.type("b")  # picks Blog in the list
    tab_to(page, "duration")
    page.keyboard.type("1h15")
    page.wait_for_function("document.querySelector('[data-hours]').textContent !== ''")
    assert page.locator("[data-hours]").inner_text() == "= 1.25 h"
    tab_to(page, "description")
    page.keyboard.type("Draft: accessible forms")
    page.keyboard.press("Enter")  # sends the form; the page comes back with it counted
    page.wait_for_selector(".timeroi-result:has-text('Logged in books.beancount')")
    # 2 h on LinkedIn, and now 1.25 h on the blog.
    assert hours_card(page) == "3.25"
    assert path.read_text(encoding="utf-8") == (
        LEDGER + '\n2025-03-02 custom "time" "blog" "1h15" "Draft: accessible forms"\n'
    )
    page.screenshot(path=str(tmp_path / "log-form.png"))
    assert problems == []


def test_a_bad_duration_is_shown_next_to_its_field_and_nothing_is_written(
    browser: Browser, books: tuple[str, Path]
) -> None:
    base, path = books
    page, problems = open_form(browser, base + PAGE)
    page.fill("input[name=duration]", "1h75")
    page.press("input[name=duration]", "Enter")
    error = page.locator(".timeroi-field-error[data-field=duration]")
    error.wait_for()
    page.wait_for_function(
        "document.querySelector('.timeroi-field-error[data-field=duration]').textContent !== ''"
    )
    assert (
        error.inner_text()
        == '"1h75" is not a duration: the minutes must be two digits under 60 (write "2h15")'
    )
    assert page.get_attribute("input[name=duration]", "aria-invalid") == "true"
    assert path.read_text(encoding="utf-8") == LEDGER
    assert problems == []


def test_the_timer_survives_a_reload_and_fills_the_duration(
    browser: Browser, books: tuple[str, Path]
) -> None:
    base, path = books
    page, problems = open_form(browser, base + PAGE)
    page.click("[data-timer=start]")
    running = page.locator("[data-timer=elapsed]")
    assert running.inner_text().startswith("Timer running since ")
    assert page.is_hidden("[data-timer=start]") and page.is_visible("[data-timer=stop]")
    page.reload()
    page.wait_for_selector("#timeroi-log-form")
    page.wait_for_function(
        "document.querySelector('[data-timer=elapsed]').textContent.startsWith('Timer running')"
    )
    page.click("[data-timer=stop]")
    # Less than a minute: one minute, dated today (the browser's day).
    assert page.input_value("input[name=duration]") == "0h01"
    assert page.input_value("input[name=date]") == page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + "
        "String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()"
    )
    assert page.is_visible("[data-timer=start]") and running.inner_text() == ""
    assert path.read_text(encoding="utf-8") == LEDGER  # stopping fills; sending writes
    assert problems == []


def test_a_request_from_another_site_is_refused(browser: Browser, books: tuple[str, Path]) -> None:
    base, path = books
    page, _problems = open_form(browser, base + PAGE)
    response = page.request.put(
        base + PAGE + "log",
        data=json.dumps({"channel": "blog", "duration": "1h"}),
        headers={"Content-Type": "application/json", "Origin": "http://evil.example"},
    )
    assert response.status == 403
    assert path.read_text(encoding="utf-8") == LEDGER


def test_the_form_in_french(browser: Browser, books: tuple[str, Path], tmp_path: Path) -> None:
    base, path = books
    page, problems = open_form(browser, base + PAGE, locale="fr-CA")
    form = page.locator("#timeroi-log").inner_text()
    for word in ("Noter du temps", "Durée", "Ce que vous avez fait", "Qui", "Contenu", "Noter"):
        assert word in form
    page.fill("input[name=duration]", "1h30")
    page.wait_for_function("document.querySelector('[data-hours]').textContent !== ''")
    assert page.locator("[data-hours]").inner_text() == "= 1,50\u00a0h"
    page.select_option("select[name=channel]", "linkedin")
    page.fill("input[name=who]", "zoe")
    page.press("input[name=who]", "Enter")
    page.wait_for_function(
        "document.querySelector('.timeroi-field-error[data-field=who]').textContent !== ''"
    )
    assert (
        page.locator(".timeroi-field-error[data-field=who]")
        .inner_text()
        .startswith("la personne 'zoe' est inconnue")
    )
    assert path.read_text(encoding="utf-8") == LEDGER
    page.screenshot(path=str(tmp_path / "log-form-fr.png"))
    assert problems == []


def test_a_date_typed_in_the_form_is_the_entrys(browser: Browser, books: tuple[str, Path]) -> None:
    """The date field defaults to the browser's today; the one sent is the one written."""
    base, path = books
    page, _problems = open_form(browser, base + PAGE)
    today = datetime.date.today()
    assert (
        abs((datetime.date.fromisoformat(page.input_value("input[name=date]")) - today).days) <= 1
    )
    page.fill("input[name=date]", "2024-12-31")
    page.fill("input[name=duration]", "30m")
    page.press("input[name=duration]", "Enter")
    page.wait_for_selector(".timeroi-result:has-text('Logged')")
    assert path.read_text(encoding="utf-8").endswith('\n2024-12-31 custom "time" "blog" "0h30"\n')
