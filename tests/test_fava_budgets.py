"""SPEC 14 on the Fava page: budget bars, and the comparison with the previous period,
both following Fava's filters; the same in French."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fava.application import create_app
from flask.testing import FlaskClient
from test_budgets import LEDGER

from beancount_timeroi.cli import main

BOOKS = 'option "title" "Budget Books"\n' + LEDGER.replace(
    "2023-01-01 open Assets:Bank",
    '2020-01-01 custom "fava-extension" "beancount_timeroi.fava"\n2023-01-01 open Assets:Bank',
    1,
)
PAGE = "/budget-books/extension/TimeRoi/"
ENDPOINT = "/budget-books/extension/TimeRoi/report"


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(BOOKS, encoding="utf-8")
    return path


@pytest.fixture
def client(books: Path) -> FlaskClient:
    app = create_app([str(books)], load=True)
    app.testing = True
    return app.test_client()


def page(client: FlaskClient, query: str, language: str = "en") -> str:
    response = client.get(f"{PAGE}?{query}", headers={"Accept-Language": language})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def bars(text: str) -> list[tuple[str, str, str, bool]]:
    """Each budget bar: its label, its text, its width and whether it is over."""
    found = re.findall(
        r'<li( class="timeroi-over")?><span class="timeroi-budget-label">([^<]*)</span>'
        r'<span class="timeroi-bar"[^>]*><span style="width: (\d+)%"></span></span>'
        r'<span class="timeroi-budget-text">([^<]*)</span></li>',
        text,
    )
    return [(label, info, width, bool(over)) for over, label, width, info in found]


def test_budget_bars_for_the_year(client: FlaskClient) -> None:
    # The budgets of 2025 worked out in test_budgets: newsletter over (2.50 of 2.00 h).
    assert bars(page(client, "time=2025")) == [
        ("blog", "0.75 of 48.00 hours (1.56%)", "1", False),
        ("linkedin", "3.00 of 29.14 hours (10.30%)", "10", False),
        ("newsletter !", "2.50 of 2.00 hours (125.00%)", "100", True),
        ("All channels", "6.25 of 730.00 hours (0.86%)", "0", False),
        ("All channels", "$425.00 of $7,200.00 (5.90%)", "5", False),
    ]


def test_budget_bars_follow_favas_filters(client: FlaskClient) -> None:
    # Only #newsletter: its 2.5 hours, and all channels' hours are the newsletter's too;
    # the cost of all channels: 150.00.
    shown = bars(page(client, "time=2025&filter=%23newsletter"))
    assert ("newsletter !", "2.50 of 2.00 hours (125.00%)", "100", True) in shown
    assert ("All channels", "2.50 of 730.00 hours (0.34%)", "0", False) in shown
    assert ("All channels", "$150.00 of $7,200.00 (2.08%)", "2", False) in shown


def test_the_page_compares_with_the_previous_period(client: FlaskClient) -> None:
    plain = page(client, "time=2025")
    assert "Compare with the previous period" in plain and "compared with" not in plain
    link = re.search(r'<a href="([^"]*compare=previous[^"]*)">Compare with', plain)
    assert link is not None and "time=2025" in link.group(1)
    compared = page(client, "time=2025&compare=previous")
    # 2025 has 365 days: the previous period starts on 2024-01-02.
    assert "2025 compared with 2024-01-02 to 2024-12-31</h3>" in compared
    assert "Stop comparing" in compared
    table = compared.split("<h4>Cost</h4>", 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", table)
    # blog: 95.00 of cost against 200.00 (10/3 h at 60), so -105.00.
    assert cells[:4] == ["blog", "95.00", "200.00", "-105.00"]


def test_the_endpoint_compares_like_the_cli(client: FlaskClient, books: Path) -> None:
    response = client.get(f"{ENDPOINT}?time=2025&compare=previous")
    assert response.status_code == 200
    endpoint = json.loads(response.get_data(as_text=True))
    result = CliRunner().invoke(
        main, ["report", str(books), "--year", "2025", "--compare", "previous", "--format", "json"]
    )
    cli = json.loads(result.stdout)
    assert endpoint["comparison"] == cli["comparison"]
    assert endpoint["budgets"] == cli["budgets"]
    bad = client.get(f"{ENDPOINT}?time=2025&compare=yesterday")
    assert bad.status_code == 400
    assert "unknown period to compare with 'yesterday'" in bad.get_data(as_text=True)


def test_budgets_and_comparison_in_french(client: FlaskClient) -> None:
    text = page(client, "time=2025&compare=previous", "fr-CA")
    assert "Comparer" not in text and "Ne plus comparer" in text
    assert "Budget dépassé" not in text  # the page marks bars, the notes are the reports'
    assert "2,50 sur 2,00 heures (125,00\u00a0%)" in text
    assert "<h4>Coût</h4>" in text and "Écart" in text


def test_the_comparison_follows_the_account_and_advanced_filters(client: FlaskClient) -> None:
    """Both periods pass the same filters: with #linkedin, March 2025 (2 h, Acme's
    1,200.00) beside March 2024 (1.5 h, Acme's 1,000.00)."""
    for narrow in ("filter=%23linkedin", "account=Income:Design"):
        response = client.get(f"{ENDPOINT}?time=2025-03&compare=2024-03&{narrow}")
        compared = json.loads(response.get_data(as_text=True))["comparison"]
        totals = compared["totals"]
        assert totals["revenue"] == "1000.00", narrow
        assert totals["change"]["revenue"] == "200.00", narrow
    tagged = client.get(f"{ENDPOINT}?time=2025-03&compare=2024-03&filter=%23linkedin")
    totals = json.loads(tagged.get_data(as_text=True))["comparison"]["totals"]
    # The tag filter keeps LinkedIn's time too; the account filter keeps income only.
    assert (totals["hours"], totals["change"]["hours"]) == ("1.50", "0.50")
