"""SPEC 11: which income and costs count.

A freelancer's ledger often holds their personal books too. ``income`` and
``costs`` scope what is revenue and what can be a cash cost; a commodity that
is never money (vacation hours, a 401k allowance, stock units never priced)
is listed under ``not_money`` and is no error; an empty ledger still has its
currency, its period and both checks. Every expected figure is worked out by
hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from beancount_timeroi.cli import main
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.render.json_report import as_dict

MIXED = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"

2025-01-01 open Assets:Bank
2025-01-01 open Income:Business:Design
2025-01-01 open Income:Personal:Salary
2025-01-01 open Income:Personal:Interest
2025-01-01 open Expenses:Business:Ads
2025-01-01 open Expenses:Personal:Food

2025-02-01 custom "time" "linkedin" 2                 ; 2 h x 100.00 = 200.00

2025-02-03 * "Acme" "Logo" #linkedin                  ; business: 1000.00 to linkedin
  Assets:Bank      1000.00 CAD
  Income:Business:Design

2025-02-15 * "Employer" "Salary" #linkedin            ; personal, even with a channel tag
  Assets:Bank      3000.00 CAD
  Income:Personal:Salary

2025-02-28 * "Bank" "Interest"                        ; personal, no channel
  Assets:Bank         1.23 CAD
  Income:Personal:Interest

2025-03-01 * "Meta" "Boost" #linkedin                 ; business ad: 50.00 cash to linkedin
  Expenses:Business:Ads  50.00 CAD
  Assets:Bank

2025-03-02 * "Bistro" "Lunch" #linkedin               ; personal, even with a channel tag
  Expenses:Personal:Food 30.00 CAD
  Assets:Bank
"""


def report_of(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "books.beancount"
    path.write_text(text, encoding="utf-8")
    return as_dict(build_report(Ledger.load(str(path))))


def test_income_and_costs_count_only_under_their_prefixes(tmp_path: Path) -> None:
    report = report_of(
        tmp_path,
        MIXED.replace(
            "{config}", "{rate: 100, income: [Income:Business], costs: [Expenses:Business]}"
        ),
    )
    (linkedin,) = report["channels"]
    # time 200.00 + cash 50.00 = 250.00; revenue 1000.00; net 750.00; ROI 750/250 = 3.
    assert (linkedin["time_cost"], linkedin["cash_cost"], linkedin["cost"]) == (
        "200.00",
        "50.00",
        "250.00",
    )
    assert (linkedin["revenue"], linkedin["net"], linkedin["roi"]) == (
        "1000.00",
        "750.00",
        "3.0000",
    )
    assert linkedin["contracts"] == 1 and linkedin["clients"] == 1
    # The salary and the interest are not revenue at all: neither attributed nor not.
    assert report["unattributed_revenue"] == "0.00"
    assert report["total_revenue"] == "1000.00"
    assert [line["account"] for line in report["attribution"]] == ["Income:Business:Design"]
    assert [line["account"] for line in report["cash_costs"]] == ["Expenses:Business:Ads"]
    # revenue-reconciles sums the same scope: 1000.00 + 0.00 = 1000.00.
    checks = {check["name"]: check for check in report["checks"]}
    assert checks["revenue-reconciles"] == {
        "name": "revenue-reconciles",
        "ok": True,
        "detail": "attributed 1000.00 + unattributed 0.00 = income 1000.00",
    }
    assert report["errors"] == []


def test_without_scope_the_whole_income_and_expenses_roots_count(tmp_path: Path) -> None:
    report = report_of(tmp_path, MIXED.replace("{config}", "{rate: 100}"))
    (linkedin,) = report["channels"]
    # Tagged #linkedin: 1000.00 + 3000.00 revenue; 50.00 + 30.00 cash.
    assert (linkedin["revenue"], linkedin["cash_cost"]) == ("4000.00", "80.00")
    # The interest has no channel: unattributed; 4000.00 + 1.23 = 4001.23.
    assert (report["unattributed_revenue"], report["total_revenue"]) == ("1.23", "4001.23")


def test_a_prefix_may_be_the_root_itself_or_a_single_account(tmp_path: Path) -> None:
    report = report_of(
        tmp_path,
        MIXED.replace(
            "{config}", "{rate: 100, income: Income:Personal:Interest, costs: [Expenses]}"
        ),
    )
    # Only the interest is income (unattributed), and every expense can be a cost.
    assert (report["unattributed_revenue"], report["total_revenue"]) == ("1.23", "1.23")
    assert report["totals"]["cash_cost"] == "80.00"
    assert report["totals"]["revenue"] == "0.00"


NOT_MONEY = """\
option "operating_currency" "USD"
plugin "beancount_timeroi" "{rate: 85}"

2025-01-01 open Assets:Bank          USD
2025-01-01 open Assets:Vacation      VACHR
2025-01-01 open Assets:Retirement    IRAUSD
2025-01-01 open Assets:Broker
2025-01-01 open Income:Salary        USD
2025-01-01 open Income:Vacation      VACHR
2025-01-01 open Income:PreTax401k    IRAUSD
2025-01-01 open Income:Stock
2025-01-01 open Expenses:Ads

2025-01-10 custom "time" "linkedin" 1                 ; makes linkedin a channel

2025-01-15 * "Employer" "Pay"
  Assets:Bank          2000.00 USD
  Income:Salary       -2000.00 USD
  Assets:Vacation         5 VACHR
  Income:Vacation        -5 VACHR

2025-01-29 * "Employer" "Pay"
  Assets:Bank          2000.00 USD
  Income:Salary       -2000.00 USD
  Assets:Vacation       4.5 VACHR
  Income:Vacation      -4.5 VACHR

2025-02-01 * "Employer" "401k allowance"
  Assets:Retirement   18500 IRAUSD
  Income:PreTax401k  -18500 IRAUSD

2025-02-02 * "Employer" "Shares granted" #linkedin
  Assets:Broker          10 RSU
  Income:Stock          -10 RSU

2025-02-03 * "Agency" "Ad paid in points" #linkedin
  Expenses:Ads            3 POINTS
  Assets:Broker          -3 POINTS
"""


def test_commodities_that_are_never_money_are_listed_not_errors(tmp_path: Path) -> None:
    report = report_of(tmp_path, NOT_MONEY)
    assert report["errors"] == []
    # Sorted by commodity; units summed as the postings wrote them:
    # IRAUSD -18500 (1 posting); POINTS 3 (1, a cost); RSU -10 (1); VACHR -5 - 4.5 = -9.5 (2).
    assert [(row["commodity"], row["postings"], row["units"]) for row in report["not_money"]] == [
        ("IRAUSD", 1, "-18500.00"),
        ("POINTS", 1, "3.00"),
        ("RSU", 1, "-10.00"),
        ("VACHR", 2, "-9.50"),
    ]
    # The salary alone is revenue: 2000.00 x 2, unattributed.
    assert (report["total_revenue"], report["unattributed_revenue"]) == ("4000.00", "4000.00")
    assert report["unconverted"] == []
    assert all(check["ok"] for check in report["checks"])


def test_the_cli_says_in_one_line_what_was_left_out_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(NOT_MONEY, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert (
        "Left out as not money (no price to USD anywhere in the ledger): IRAUSD "
        "(1 posting), POINTS (1 posting), RSU (1 posting), VACHR (2 postings).\n"
    ) in result.output
    french = CliRunner().invoke(main, ["report", str(path), "--lang", "fr"])
    assert "VACHR (2 lignes d'écriture)" in french.output


def test_a_commodity_priced_only_later_stays_an_error(tmp_path: Path) -> None:
    text = (
        NOT_MONEY
        + """\
2025-03-01 * "Client" "Paid in coins"
  Assets:Broker           2 COIN
  Income:Stock           -2 COIN

2025-06-01 price COIN 40.00 USD
"""
    )
    report = report_of(tmp_path, text)
    (error,) = report["errors"]
    assert error["message"].startswith(
        "no price to convert this income posting of -2 COIN to USD on 2025-03-01"
    )
    assert len(report["unconverted"]) == 1
    assert "COIN" not in [row["commodity"] for row in report["not_money"]]


def test_a_currency_of_iso_4217_without_a_price_is_an_error_not_left_out(tmp_path: Path) -> None:
    """An invoice in euros is revenue waiting for its price, never "not money"."""
    text = (
        NOT_MONEY
        + """\
2025-03-01 * "Client in Europe" "Logo"
  Assets:Broker         500.00 EUR
  Income:Stock
"""
    )
    report = report_of(tmp_path, text)
    (error,) = report["errors"]
    assert "-500.00 EUR to USD on 2025-03-01" in error["message"]
    assert "EUR" not in [row["commodity"] for row in report["not_money"]]


def cli_json(path: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["report", str(path), "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


NOTHING = [
    {"name": "books-match", "ok": True, "detail": "nothing to check"},
    {"name": "revenue-reconciles", "ok": True, "detail": "nothing to check"},
]


def test_an_empty_ledger_has_its_currency_and_both_checks(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        'option "operating_currency" "CAD"\nplugin "beancount_timeroi"\n', encoding="utf-8"
    )
    status, report = cli_json(path)
    assert status == 0
    assert report["currency"] == "CAD"
    assert report["period"] == {"start": None, "end": None}
    assert report["checks"] == NOTHING
    assert (report["channels"], report["total_revenue"]) == ([], "0.00")


def test_the_config_currency_wins_in_an_empty_ledger(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        'option "operating_currency" "CAD"\nplugin "beancount_timeroi" "{currency: EUR}"\n',
        encoding="utf-8",
    )
    assert cli_json(path)[1]["currency"] == "EUR"


def test_a_ledger_without_time_or_income_has_nothing_to_check(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        """\
option "operating_currency" "CAD"
plugin "beancount_timeroi"
2025-01-01 open Assets:Bank
2025-01-01 open Expenses:Food
2025-01-05 * "Shop" "Food"
  Expenses:Food   10.00 CAD
  Assets:Bank
""",
        encoding="utf-8",
    )
    status, report = cli_json(path)
    assert status == 0
    assert report["period"] == {"start": "2025-01-05", "end": "2025-01-05"}
    assert (report["currency"], report["checks"]) == ("CAD", NOTHING)


def test_a_config_with_errors_still_reports_its_currency_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        'option "operating_currency" "CAD"\nplugin "beancount_timeroi" "{rate: -5}"\n',
        encoding="utf-8",
    )
    status, report = cli_json(path)
    assert status == 1  # the config's error
    assert report["currency"] == "CAD"
    assert [check["name"] for check in report["checks"]] == ["books-match", "revenue-reconciles"]
    assert report["checks"][0]["detail"] == (
        "nothing to check: the config has errors, so nothing was computed"
    )
