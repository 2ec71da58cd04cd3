"""SPEC 11 on ledgers nobody here wrote: Beancount's and Fava's example ledgers.

Both are a person's books (salary, a 401k, vacation hours, investments), the
kind a freelancer keeps beside the business. With the plugin turned on and a
few time entries logged, every report exits 0 with no error; the revenue is
the ledger's own income in the report currency, and what is left out as not
money is the income in other commodities, both summed by Beancount's own
query tool (bean-query), independently of this project's code.

- ``bean-example`` is run here, as its users do, for two years (seed 7).
- ``tests/data/fava/example.beancount`` is Fava's own example ledger
  (contrib/examples/example.beancount, MIT licence, see tests/data/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beanquery.query import run_query
from click.testing import CliRunner

from beancount_timeroi.cli import main

DATA = Path(__file__).resolve().parent / "data"

TIME = """\
{year}-03-02 custom "time" "linkedin" 1.5 "Replied to comments"
{year}-03-03 custom "time" "blog" "1h30" "Draft: a checklist"
{year}-03-10 custom "touch" "Hoogle" "linkedin"
"""


def books(folder: Path, example: Path, years: list[int], config: str = "{rate: 85}") -> Path:
    """A top-level file as a user writes it: options, the plugin, the example, time."""
    path = folder / "books.beancount"
    text = [
        'option "title" "Books with marketing time"',
        'option "operating_currency" "USD"',
        f'plugin "beancount_timeroi" "{config}"',
        f'include "{example}"',
        "",
        *(TIME.format(year=year) for year in years),
    ]
    path.write_text("\n".join(text), encoding="utf-8")
    return path


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    entries, errors, options = loader.load_file(str(path))
    assert errors == []
    return list(run_query(entries, options, sql)[1])


def income_in_usd(path: Path, year: int, prefix: str = "Income:") -> Decimal:
    """The year's income in USD by bean-query, as revenue (sign turned), outside the
    plugin's own offset account."""
    ((total,),) = query(
        path,
        f"""
        SELECT sum(number) WHERE account ~ '^{prefix}' AND account != 'Income:Imputed:Time'
        AND currency = 'USD' AND year = {year}""",
    )
    return -(total or Decimal(0))


def other_income(path: Path, year: int) -> list[tuple[str, int, Decimal]]:
    """The year's income postings in other commodities, per commodity, by bean-query."""
    rows = query(
        path,
        f"""
        SELECT currency, count(number), sum(number) WHERE account ~ '^Income:'
        AND currency != 'USD' AND year = {year} GROUP BY currency ORDER BY currency""",
    )
    return [(currency, count, total) for currency, count, total in rows]


def report(path: Path, year: int) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        main, ["report", str(path), "--year", str(year), "--format", "json"]
    )
    return result.exit_code, json.loads(result.stdout)


def assert_reports_cleanly(path: Path, year: int, prefix: str = "Income:") -> dict[str, Any]:
    status, data = report(path, year)
    assert data["errors"] == []
    assert status == 0
    assert all(check["ok"] for check in data["checks"]), data["checks"]
    assert Decimal(data["total_revenue"]) == income_in_usd(path, year, prefix)
    assert data["unconverted"] == []
    # 1.5 h + 1.5 h at 85.00 = 255.00 of time, whatever the rest of the books hold.
    assert (data["totals"]["hours"], data["totals"]["time_cost"]) == ("3.00", "255.00")
    return data


@pytest.fixture(scope="module")
def bean_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bean-example")
    example = folder / "example.beancount"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from beancount.scripts.example import main; main()",
            "--seed",
            "7",
            "--date-begin",
            "2024-01-01",
            "--date-end",
            "2025-12-31",
            "--output",
            str(example),
        ],
        check=True,
        capture_output=True,
    )
    return books(folder, example, [2024, 2025])


@pytest.mark.parametrize("year", [2024, 2025])
def test_beancounts_example_reports_with_no_error(bean_example: Path, year: int) -> None:
    data = assert_reports_cleanly(bean_example, year)
    # Vacation hours and the 401k allowance are listed, not errors: bean-query's count
    # and sum of each, income in another commodity than USD.
    assert [
        (row["commodity"], row["postings"], Decimal(row["units"])) for row in data["not_money"]
    ] == other_income(bean_example, year)
    assert {row["commodity"] for row in data["not_money"]} == {"IRAUSD", "VACHR"}


def test_beancounts_example_with_business_income_only(bean_example: Path, tmp_path: Path) -> None:
    """``income:`` keeps the brokerage's income alone (say the business invests)."""
    path = books(
        tmp_path,
        bean_example.parent / "example.beancount",
        [2025],
        "{rate: 85, income: [Income:US:ETrade]}",
    )
    data = assert_reports_cleanly(path, 2025, "Income:US:ETrade")
    assert data["not_money"] == []  # the vacation hours are not under the prefix


@pytest.mark.parametrize("year", [2015, 2016, 2017])
def test_favas_example_reports_with_no_error(tmp_path: Path, year: int) -> None:
    path = books(tmp_path, DATA / "fava" / "example.beancount", [year])
    data = assert_reports_cleanly(path, year)
    assert [
        (row["commodity"], row["postings"], Decimal(row["units"])) for row in data["not_money"]
    ] == other_income(path, year)


def test_favas_example_checks_and_reports_in_every_format(tmp_path: Path) -> None:
    path = books(tmp_path, DATA / "fava" / "example.beancount", [2016])
    for output_format in ("text", "md", "html", "csv"):
        result = CliRunner().invoke(main, ["report", str(path), "--format", output_format])
        assert result.exit_code == 0, result.output
    text = CliRunner().invoke(main, ["report", str(path), "--year", "2016"]).output
    assert "Left out as not money (no price to USD anywhere in the ledger): " in text
