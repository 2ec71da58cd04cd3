"""SPEC 5.1 checks, and what counts as income: hand edits, generate: false,
the offset account, time units, invalid channel values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import year_period
from beancount_timeroi.render.json_report import as_dict

BASE = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-01-01 open Equity:Time
2025-03-01 custom "time" "blog" 2          ; 2 h x 50.00 = 100.00
2025-03-02 * "Acme" "Site" #blog
  Assets:Bank   300.00 CAD
  Income:Design
"""


def report_for(tmp_path: Path, text: str, config: str = "{rate: 50}") -> dict[str, Any]:
    path = tmp_path / "books.beancount"
    path.write_text(BASE.replace("{config}", config) + text, encoding="utf-8")
    return as_dict(build_report(Ledger.load(str(path)), year_period(2025)))


def checks(data: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    return {check["name"]: (check["ok"], check["detail"]) for check in data["checks"]}


def test_clean_books_pass_both_checks(tmp_path: Path) -> None:
    data = report_for(tmp_path, "")
    assert checks(data) == {
        "books-match": (
            True,
            "each channel's time account moved by its time cost (1 channel) "
            "and Income:Imputed:Time by -100.00",
        ),
        "revenue-reconciles": (True, "attributed 300.00 + unattributed 0.00 = income 300.00"),
    }
    assert data["errors"] == []


def test_a_hand_edit_to_a_generated_account_fails_books_match(tmp_path: Path) -> None:
    data = report_for(
        tmp_path,
        """
2025-03-05 * "Fix" "hand edit"
  Expenses:Marketing:Time:Blog   10.00 CAD
  Assets:Bank
""",
    )
    ok, detail = checks(data)["books-match"]
    assert not ok
    assert detail == (
        "Expenses:Marketing:Time:Blog moved 110.00 but the time entries of 'blog' are worth 100.00"
    )


def test_generate_false_is_not_applicable_and_time_is_still_valued(tmp_path: Path) -> None:
    data = report_for(tmp_path, "", "{rate: 50, generate: false}")
    assert checks(data)["books-match"] == (
        True,
        "not applicable: generate is false, no entries are written",
    )
    assert data["channels"][0]["time_cost"] == "100.00"


def test_offset_account_generated_entries_and_time_units_are_not_revenue(tmp_path: Path) -> None:
    # The offset under Income (default Income:Imputed:Time) is not revenue; a hand
    # posting in hours (time units) is neither revenue nor cash cost.
    data = report_for(
        tmp_path,
        """
2025-01-01 open Expenses:Time:Blog
2025-03-03 * "Me" "Logged in hours" #blog
  Expenses:Time:Blog     1.5 HR
  Equity:Time           -1.5 HR
2025-03-04 * "Shop" "Hours sold back?" #blog
  Income:Design         -2 HR
  Equity:Time            2 HR
""",
    )
    blog = data["channels"][0]
    assert (blog["revenue"], blog["cash_cost"]) == ("300.00", "0.00")
    assert checks(data)["revenue-reconciles"][0] is True


def test_a_users_timeroi_tagged_transaction_counts_like_any_other(tmp_path: Path) -> None:
    data = report_for(
        tmp_path,
        """
2025-03-06 * "Beta" "Tagged by the user" #timeroi #blog
  Assets:Bank   50.00 CAD
  Income:Design
""",
    )
    assert data["channels"][0]["revenue"] == "350.00"


def test_an_invalid_channel_value_skips_its_rule(tmp_path: Path) -> None:
    # The transaction's channel: value is invalid (reported by the plugin), so rule 2
    # is skipped and the tag (rule 3) decides.
    data = report_for(
        tmp_path,
        """
2025-03-07 * "Gamma" "Bad channel value" #blog
  channel: "blog=0"
  Assets:Bank   40.00 CAD
  Income:Design
""",
    )
    line = next(item for item in data["attribution"] if item["payee"] == "Gamma")
    assert (line["rule"], line["shares"]) == ("tags", [{"channel": "blog", "amount": "40.00"}])
    assert [error["message"] for error in data["errors"]] == [
        "channel: the weight of 'blog' must be a number greater than zero, got '0'"
    ]


def test_errors_name_the_file_relative_to_the_ledger(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "time.beancount").write_text('2025-03-09 custom "time" "blog" "1h75"\n')
    data = report_for(tmp_path, 'include "sub/time.beancount"\n')
    assert data["errors"] == [
        {
            "file": "sub/time.beancount",
            "line": 1,
            "message": '"1h75" is not a duration: the minutes must be two digits under '
            '60 (write "2h15")',
        }
    ]
    assert [source["file"] for source in data["sources"]] == [
        "books.beancount",
        "sub/time.beancount",
    ]
