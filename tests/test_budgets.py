"""SPEC 14: budgets and comparisons, every figure worked out by hand.

Two years, 2024 a leap year: weekly, monthly, quarterly, yearly and daily budgets,
in hours and in money, per channel and for all channels ("*"), that change and end
mid-month. The report of a year and of a partial period, and comparisons with the
previous period, the same dates a year earlier and a named month.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from beancount_timeroi.budgets import prorated
from beancount_timeroi.cli import main
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import compared_period, year_period
from beancount_timeroi.render import text_report
from beancount_timeroi.render.json_report import as_dict
from beancount_timeroi.report import Period

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 60, channels: [blog, linkedin, newsletter]}"
2023-01-01 open Assets:Bank
2023-01-01 open Income:Design
2023-01-01 open Expenses:Ads

2024-01-01 custom "time-budget" "linkedin" 5 "weekly"
2024-02-15 custom "time-budget" "linkedin" 3 "weekly"
2025-03-10 custom "time-budget" "linkedin" 0 "weekly"
2024-01-01 custom "time-budget" "*" 600.00 CAD "monthly"
2024-02-20 custom "time-budget" "blog" 10 "quarterly"
2024-05-16 custom "time-budget" "blog" 0 "quarterly"
2024-11-01 custom "time-budget" "blog" 12 "quarterly"
2024-07-01 custom "time-budget" "newsletter" 2 "yearly"
2025-01-01 custom "time-budget" "*" 2 "daily"

2024-01-01 custom "time" "blog" "1h" "New year's post"
2024-02-12 custom "time" "linkedin" "2h" "Posts"
2024-02-25 custom "time" "blog" "1h20" "Article"
2024-03-05 custom "time" "linkedin" "1h30" "Comments"
2024-06-10 custom "time" "linkedin" "1h" "Posts"
2024-09-01 custom "time" "newsletter" "30m" "Issue"
2024-11-15 custom "time" "blog" "2h" "Article"
2025-01-15 custom "time" "linkedin" "1h" "Posts"
2025-03-10 custom "time" "linkedin" "2h" "Posts"
2025-05-05 custom "time" "blog" "45m" "Article"
2025-09-01 custom "time" "newsletter" "1h" "Issue"
2025-10-01 custom "time" "newsletter" "1h30" "Issue"

2024-02-15 * "LinkedIn" "Premium" #linkedin
  Expenses:Ads   30.00 CAD
  Assets:Bank
2025-02-01 * "Meta" "Ads" #blog
  Expenses:Ads   50.00 CAD
  Assets:Bank

2024-03-01 * "Acme" "Site" #linkedin
  Assets:Bank   1000.00 CAD
  Income:Design
2024-11-20 * "Gamma" "Newsletter design" #newsletter
  Assets:Bank    300.00 CAD
  Income:Design
2025-03-01 * "Acme" "Second site" #linkedin
  Assets:Bank   1200.00 CAD
  Income:Design
2025-04-01 * "Beta" "Logo" #blog
  Assets:Bank    400.00 CAD
  Income:Design
"""

# Figures at 60 an hour:
#   2024: blog 1 + 4/3 + 2 = 13/3 h (4.33), 260.00; linkedin 2 + 1.5 + 1 = 4.5 h, 270.00
#         + 30.00 cash; newsletter 0.5 h, 30.00. Revenue: linkedin 1,000.00 (Acme,
#         new), newsletter 300.00 (Gamma, new).
#   2025: linkedin 3 h, 180.00, revenue 1,200.00 (Acme again: not new); blog 0.75 h,
#         45.00 + 50.00 cash, revenue 400.00 (Beta, new); newsletter 2.5 h, 150.00.


def budget(
    channel: str,
    budget_hours: str | None,
    hours: str,
    used: str | None,
    remaining_hours: str | None,
    budget_cost: str | None,
    cost: str,
    used_cost: str | None,
    remaining_cost: str | None,
    over: bool = False,
) -> dict[str, Any]:
    return {
        "channel": channel,
        "name": "All channels" if channel == "*" else channel,
        "budget_hours": budget_hours,
        "hours": hours,
        "used": used,
        "remaining_hours": remaining_hours,
        "budget_cost": budget_cost,
        "cost": cost,
        "used_cost": used_cost,
        "remaining_cost": remaining_cost,
        "over": over,
    }


# 2024 has 366 days; Q1 and Q2 91 days each, Q4 92.
# blog: 10 a quarter from 02-20 to 05-15: 41 days of Q1 (02-20..03-31) and 45 of Q2
#   (04-01..05-15): 10 x 86 / 91 = 860/91; then 12 a quarter from 11-01: 61 days of Q4:
#   12 x 61 / 92 = 183/23. 860/91 + 183/23 = 36433/2093 = 17.4071 -> 17.41.
#   Used (13/3) / 17.41 = 0.24890 -> 0.2489; remaining 17.41 - 4.3333 = 13.0767 -> 13.08.
# linkedin: 5 a week for 01-01..02-14 (45 days) and 3 a week for the 321 days left:
#   (225 + 963) / 7 = 1188/7 = 169.714 -> 169.71. Used 4.5 / 169.71 = 0.02652 -> 0.0265.
# newsletter: 2 a year from 07-01: 184 days of 366: 368/366 = 1.0055 -> 1.01. Used
#   0.5 / 1.01 = 0.49505 -> 0.4950; remaining 0.51.
# *: 600 a month, twelve full months: 7,200.00; cost 260 + 270 + 30 + 30 = 590.00,
#   used 0.08194 -> 0.0819, remaining 6,610.00. Its hours budget starts in 2025: none.
YEAR_2024 = [
    budget("blog", "17.41", "4.33", "0.2489", "13.08", None, "260.00", None, None),
    budget("linkedin", "169.71", "4.50", "0.0265", "165.21", None, "300.00", None, None),
    budget("newsletter", "1.01", "0.50", "0.4950", "0.51", None, "30.00", None, None),
    budget("*", None, "9.33", None, None, "7200.00", "590.00", "0.0819", "6610.00"),
]
# 2025 has 365 days.
# blog: 12 a quarter, four full quarters: 48.00; used 0.75 / 48 = 0.015625 -> 0.0156.
# linkedin: 3 a week until 03-09 (the 0 on 03-10 ends it): 31 + 28 + 9 = 68 days:
#   204/7 = 29.1429 -> 29.14; used 3 / 29.14 = 0.10295 -> 0.1030 (the 03-10 hours count:
#   they are the period's).
# newsletter: 2.00 for the year; 2.5 h used: 1.2500, over.
# *: 2 a day: 730.00 h, used 6.25 / 730 = 0.00856 -> 0.0086; 7,200.00 of money, cost
#   180 + 95 + 150 = 425.00, used 0.05903 -> 0.0590.
YEAR_2025 = [
    budget("blog", "48.00", "0.75", "0.0156", "47.25", None, "95.00", None, None),
    budget("linkedin", "29.14", "3.00", "0.1030", "26.14", None, "180.00", None, None),
    budget("newsletter", "2.00", "2.50", "1.2500", "-0.50", None, "150.00", None, None, True),
    budget("*", "730.00", "6.25", "0.0086", "723.75", "7200.00", "425.00", "0.0590", "6775.00"),
]
# 2024-02-10..2024-03-20, across February 29:
# blog: 02-20..03-20 = 10 + 20 = 30 days of Q1: 300/91 = 3.2967 -> 3.30; the 02-25 hours,
#   4/3: used 0.40404 -> 0.4040; remaining 3.30 - 1.3333 = 1.9667 -> 1.97.
# linkedin: 02-10..02-14, 5 days at 5/7, and 02-15..03-20, 15 + 20 = 35 days at 3/7:
#   25/7 + 15 = 130/7 = 18.5714 -> 18.57; 2 + 1.5 hours: used 0.18848 -> 0.1885.
# *: 20 of February's 29 days and 20 of March's 31: 600 x (20/29 + 20/31) = 720000/899 =
#   800.890 -> 800.89; cost 120 + 80 + 90 + 30 = 320.00: used 0.39955 -> 0.3996.
# newsletter: no budget holds: no row.
PARTIAL = [
    budget("blog", "3.30", "1.33", "0.4040", "1.97", None, "80.00", None, None),
    budget("linkedin", "18.57", "3.50", "0.1885", "15.07", None, "240.00", None, None),
    budget("*", None, "4.83", None, None, "800.89", "320.00", "0.3996", "480.89"),
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "books.beancount"
    target.write_text(LEDGER, encoding="utf-8")
    return target


def report(path: Path, period: Period, compare: Period | None = None) -> dict[str, Any]:
    return as_dict(build_report(Ledger.load(str(path)), period, compare=compare))


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (year_period(2024), YEAR_2024),
        (year_period(2025), YEAR_2025),
        (Period(datetime.date(2024, 2, 10), datetime.date(2024, 3, 20)), PARTIAL),
    ],
    ids=["2024", "2025", "2024-02-10..03-20"],
)
def test_every_budget_row_by_hand(path: Path, period: Period, expected: list[Any]) -> None:
    assert report(path, period)["budgets"] == expected


def test_budgets_are_never_a_ledger_error(path: Path) -> None:
    ledger = Ledger.load(str(path))
    assert ledger.errors == []
    assert as_dict(build_report(ledger, year_period(2025)))["errors"] == []


def test_proration_by_the_days_of_each_month_quarter_and_year() -> None:
    from fractions import Fraction

    day = datetime.date
    # February 2024 has 29 days: 10 of them are 10/29 of a monthly budget.
    assert prorated(Fraction(29), "monthly", day(2024, 2, 1), day(2024, 2, 10)) == 10
    # A quarter: 91 days in Q1 2024, 90 in Q1 2025.
    assert prorated(Fraction(91), "quarterly", day(2024, 1, 1), day(2024, 1, 1)) == 1
    assert prorated(Fraction(90), "quarterly", day(2025, 3, 31), day(2025, 3, 31)) == 1
    # A year: 366 days in 2024; across the new year, each day is its own year's share.
    assert prorated(Fraction(366), "yearly", day(2024, 12, 31), day(2025, 1, 1)) == Fraction(
        1 + Fraction(366, 365)
    )
    assert prorated(Fraction(7), "weekly", day(2024, 2, 26), day(2024, 3, 3)) == 7
    assert prorated(Fraction(2), "daily", day(2024, 2, 28), day(2024, 3, 1)) == 6


def test_an_over_budget_is_flagged_in_the_text_report(path: Path) -> None:
    text = text_report.render(build_report(Ledger.load(str(path)), year_period(2025)))
    table = text.split("\nBudgets\n", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^newsletter !\s+2\.00\s+2\.50\s+125\.00%\s+-0\.50", table, re.MULTILINE)
    assert re.search(r"^linkedin\s+29\.14\s+3\.00\s+10\.30%\s+26\.14", table, re.MULTILINE)
    assert "! Over budget:\n  newsletter: 125.00% of its hours budget (2.50 of 2.00 hours)" in (
        text
    )


def change(hours: str, cost: str, revenue: str, net: str, new: int, roi: str | None) -> Any:
    return {
        "hours": hours,
        "cost": cost,
        "revenue": revenue,
        "net": net,
        "new_clients": new,
        "roi": roi,
    }


def summary(row: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("hours", "cost", "revenue", "net", "roi", "new_clients")
    return tuple(row[key] for key in keys)


def test_compared_with_the_previous_period(path: Path) -> None:
    """2025 has 365 days: the previous period is 2024-01-02..2024-12-31, without the
    blog hour of January 1."""
    data = report(path, year_period(2025), compared_period("previous", year_period(2025)))
    compared = data["comparison"]
    assert compared["period"] == {"start": "2024-01-02", "end": "2024-12-31"}
    rows = {row["channel"]: row for row in compared["channels"]}
    # The previous period: blog 10/3 h, 200.00; linkedin 4.5 h, 300.00, 1,000.00 (Acme,
    # new); newsletter 0.5 h, 30.00, 300.00 (Gamma, new). ROI 700/300, 270/30.
    assert summary(rows["blog"]) == ("3.33", "200.00", "0.00", "-200.00", "-1.0000", 0)
    assert summary(rows["linkedin"]) == ("4.50", "300.00", "1000.00", "700.00", "2.3333", 1)
    assert summary(rows["newsletter"]) == ("0.50", "30.00", "300.00", "270.00", "9.0000", 1)
    assert summary(compared["totals"]) == ("8.33", "530.00", "1300.00", "770.00", "1.4528", 2)
    # 2025 minus that: blog 0.75 - 3.33, 95 - 200, 400 - 0, 305 + 200, 3.2105 + 1.
    assert rows["blog"]["change"] == change("-2.58", "-105.00", "400.00", "505.00", 1, "4.2105")
    assert rows["linkedin"]["change"] == change(
        "-1.50", "-120.00", "200.00", "320.00", -1, "3.3334"
    )
    assert rows["newsletter"]["change"] == change(
        "2.00", "120.00", "-300.00", "-420.00", -1, "-10.0000"
    )
    # Totals: 6.25 - 8.33; 425 - 530; 1,600 - 1,300; 1,175 - 770; 2.7647 - 1.4528.
    assert compared["totals"]["change"] == change(
        "-2.08", "-105.00", "300.00", "405.00", -1, "1.3119"
    )


def test_compared_with_last_year(path: Path) -> None:
    data = report(path, year_period(2025), compared_period("last-year", year_period(2025)))
    compared = data["comparison"]
    assert compared["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    rows = {row["channel"]: row for row in compared["channels"]}
    # With January 1: blog 13/3 h, 260.00; totals 9.33 h, 590.00, net 710.00, ROI 1.2034.
    assert summary(rows["blog"]) == ("4.33", "260.00", "0.00", "-260.00", "-1.0000", 0)
    assert summary(compared["totals"]) == ("9.33", "590.00", "1300.00", "710.00", "1.2034", 2)
    assert rows["blog"]["change"] == change("-3.58", "-165.00", "400.00", "565.00", 1, "4.2105")
    assert compared["totals"]["change"] == change(
        "-3.08", "-165.00", "300.00", "465.00", -1, "1.5613"
    )
    assert (compared["unattributed_revenue"], compared["total_revenue"]) == ("0.00", "1300.00")


def test_a_month_compared_with_a_named_month(path: Path) -> None:
    march = Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    data = report(path, march, compared_period("2024-03", march))
    compared = data["comparison"]
    assert compared["period"] == {"start": "2024-03-01", "end": "2024-03-31"}
    rows = {row["channel"]: row for row in compared["channels"]}
    # March 2024: linkedin 1.5 h, 90.00, Acme's 1,000.00 (its first income), ROI 910/90.
    # March 2025: linkedin 2 h, 120.00, Acme's 1,200.00, ROI 9.0000.
    assert summary(rows["linkedin"]) == ("1.50", "90.00", "1000.00", "910.00", "10.1111", 1)
    assert rows["linkedin"]["change"] == change("0.50", "30.00", "200.00", "170.00", -1, "-1.1111")
    # Every channel of either month, even with nothing in it; no ROI without a cost.
    assert list(rows) == ["blog", "linkedin", "newsletter"]
    assert rows["blog"]["change"] == change("0.00", "0.00", "0.00", "0.00", 0, None)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("previous", ("2024-12-01", "2024-12-31")),
        ("last-year", ("2024-01-01", "2024-01-31")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024-12", ("2024-12-01", "2024-12-31")),
        ("2024-01-10..2024-02-09", ("2024-01-10", "2024-02-09")),
        ("2024-13", None),
        ("2024-02-10..2024-01-01", None),
        ("yesterday", None),
    ],
)
def test_the_periods_compare_takes(spec: str, expected: tuple[str, str] | None) -> None:
    january = Period(datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    found = compared_period(spec, january)
    got = None if found is None else (found.start.isoformat(), found.end.isoformat())
    assert got == expected


def test_last_year_of_february_29_is_february_28() -> None:
    leap = Period(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert compared_period("last-year", leap) == Period(
        datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)
    )


def test_the_cli_compares_and_shows_both_periods_side_by_side(path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", str(path), "--year", "2025", "--compare", "last-year"]
    )
    assert result.exit_code == 0, result.output
    text = result.output
    assert "2025 compared with 2024 (2024-01-01 to 2024-12-31)" in text
    # One table per figure of the channel tables: each channel, then the totals.
    hours = text.split("\nHours\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split() for line in hours] == [
        ["Channel", "2025", "2024", "Change"],
        ["----------", "----", "----", "------"],
        ["blog", "0.75", "4.33", "-3.58"],
        ["linkedin", "3.00", "4.50", "-1.50"],
        ["newsletter", "2.50", "0.50", "2.00"],
        ["----------", "----", "----", "------"],
        ["Total", "6.25", "9.33", "-3.08"],
    ]
    contracts = text.split("\nContracts\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # 2025: Acme's second site (linkedin), Beta's logo (blog); 2024: Acme, Gamma.
    assert [line.split() for line in contracts[2:]][-1] == ["Total", "2", "2", "0"]
    bad = CliRunner().invoke(main, ["report", str(path), "--year", "2025", "--compare", "lastyear"])
    assert bad.exit_code == 2
    assert "--compare: expected previous, last-year, 2024, 2024-03 or" in bad.output


def test_plan_prints_the_matching_budget_line() -> None:
    result = CliRunner().invoke(
        main,
        [
            "plan",
            "--hours-per-day",
            "1.5",
            "--days-per-week",
            "3",
            "--rate",
            "80",
            "--channel",
            "blog",
        ],
    )
    assert result.exit_code == 0, result.output
    today = datetime.date.today().isoformat()
    # 1.5 h a day, 3 days a week: 4.5 hours a week.
    assert result.output.endswith(f'  {today} custom "time-budget" "blog" 4.5 "weekly"\n')


def test_a_budget_in_an_hours_unit_is_hours_and_an_unknown_channel_an_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        'option "operating_currency" "CAD"\n'
        'plugin "beancount_timeroi" "{rate: 60}"\n'
        '2025-01-01 custom "time" "blog" "2h" "Post"\n'
        '2025-01-01 custom "time-budget" "blog" 7 H "weekly"\n'
        '2025-01-01 custom "time-budget" "blgo" 7 "weekly"\n',
        encoding="utf-8",
    )
    ledger = Ledger.load(str(path))
    # Without a channels: config the channels are those of the time entries: "blgo" is
    # a typo, not a new channel.
    assert [(error.source["lineno"], error.message) for error in ledger.errors] == [
        (5, "unknown channel 'blgo'; did you mean 'blog'?")
    ]
    week = Period(datetime.date(2025, 1, 1), datetime.date(2025, 1, 7))
    (row,) = as_dict(build_report(ledger, week))["budgets"]
    assert (row["channel"], row["budget_hours"], row["hours"]) == ("blog", "7.00", "2.00")
