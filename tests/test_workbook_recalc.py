"""SPEC 10: the year-end workbook, recalculated by a real spreadsheet program.

The workbook's totals are formulas, each stored with the value the report
says it computes, so that a reader that does not recalculate shows the same
figure as one that does. Here LibreOffice Calc (headless) opens the demo's
2025 workbook, recalculates every formula and saves it again; then, read
with openpyxl:

- every formula's recalculated value equals the value stored beside it;
- every figure of every sheet, recalculated, equals the pack's JSON report.

LibreOffice keeps an ``.xlsx`` file's stored values by default (its "Recalculation
on file load" setting for Excel 2007 and newer is "Never recalculate"). The run
uses a private user profile whose ``registrymodifications.xcu`` sets
``/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode`` to 0, "Always
recalculate". To prove that it did, a control copy of the workbook, every
stored formula value replaced by -999999, goes through the same run and must
come back with the right figures. A small ledger whose ratios are undefined
(no hours, no cost) checks the formulas that give an empty text.

One ``soffice --convert-to xlsx`` run converts the three files, once per
test session (a module fixture): about two seconds.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from beancount_timeroi.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
SENTINEL = -999999
"""What the control copy stores as every formula's value before LibreOffice recalculates it."""

PROFILE = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
"""LibreOffice's user settings: recalculate every formula when a file is loaded (0 = always)."""

UNDEFINED = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, channels: {linkedin: {name: LinkedIn}}}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-03-03 * "Acme" "Website" #linkedin
  client: "Acme"
  Assets:Bank   500.00 CAD
  Income:Design
"""
"""Revenue without hours or costs: ROI, revenue/hour and average rate are undefined."""


def find_soffice(path: str | None = None) -> str:
    """LibreOffice's ``soffice`` on ``path`` (default: PATH); the test fails without it."""
    found = shutil.which("soffice", path=path)
    if found is None:
        pytest.fail(
            "LibreOffice Calc is needed to recalculate the workbook: install Debian's "
            "'libreoffice-calc-nogui' package (make test does)"
        )
    return found


def yearend(ledger: Path, folder: Path) -> Path:
    result = CliRunner().invoke(
        main, ["yearend", str(ledger), "--year", "2025", "--output", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return folder


def corrupt(source: Path, target: Path) -> int:
    """A copy of the workbook whose every formula's stored value is ``SENTINEL``; the
    number of formulas changed."""
    cell = re.compile(rb'(<c r="[A-Z]+[0-9]+")([^>]*)><f>([^<]*)</f>(?:<v>[^<]*</v>|<v\s*/>)</c>')
    count = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        attributes = match.group(2).replace(b' t="str"', b"")
        return (
            match.group(1)
            + attributes
            + b"><f>"
            + match.group(3)
            + b"</f><v>"
            + str(SENTINEL).encode()
            + b"</v></c>"
        )

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content = cell.sub(replace, content)
            new.writestr(info, content)
    return count


def recalculate(soffice: str, files: list[Path], folder: Path) -> list[Path]:
    """The files opened, recalculated and saved as ``.xlsx`` by LibreOffice, in one run."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out = folder / "recalculated"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *(str(file) for file in files),
    ]
    environment = {**os.environ, "HOME": str(folder), "SAL_USE_VCLPLUGIN": "svp"}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, env=environment, check=False
    )
    results = [out / file.name for file in files]
    missing = [path.name for path in results if not path.is_file()]
    if missing and "source file could not be loaded" in done.stderr:
        pytest.fail(
            "LibreOffice is there but cannot open a workbook: Calc is missing; install "
            "Debian's 'libreoffice-calc-nogui' package (make test does)"
        )
    assert done.returncode == 0 and not missing, (
        done.returncode,
        missing,
        done.stdout,
        done.stderr,
    )
    return results


@dataclass
class Workbooks:
    """One workbook as written (formulas, and stored values), and as recalculated."""

    formulas: Any
    stored: Any
    recalculated: Any
    report: dict[str, Any]


@dataclass
class Recalculated:
    demo: Workbooks
    undefined: Workbooks
    control_before: Any
    control_after: Any
    corrupted: int


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Recalculated:
    soffice = find_soffice()
    folder = tmp_path_factory.mktemp("recalc")
    demo_pack = yearend(DEMO, folder / "demo")
    ledger = folder / "undefined.beancount"
    ledger.write_text(UNDEFINED, encoding="utf-8")
    undefined_pack = yearend(ledger, folder / "undefined")
    (folder / "in").mkdir()
    demo = folder / "in" / "demo.xlsx"
    undefined = folder / "in" / "undefined.xlsx"
    control = folder / "in" / "control.xlsx"
    shutil.copyfile(demo_pack / "roi-2025.xlsx", demo)
    shutil.copyfile(undefined_pack / "roi-2025.xlsx", undefined)
    corrupted = corrupt(demo, control)
    demo_after, undefined_after, control_after = recalculate(
        soffice, [demo, undefined, control], folder
    )

    def workbooks(written: Path, after: Path, pack: Path) -> Workbooks:
        return Workbooks(
            formulas=openpyxl.load_workbook(written),
            stored=openpyxl.load_workbook(written, data_only=True),
            recalculated=openpyxl.load_workbook(after, data_only=True),
            report=json.loads((pack / "roi-2025.json").read_text(encoding="utf-8")),
        )

    return Recalculated(
        demo=workbooks(demo, demo_after, demo_pack),
        undefined=workbooks(undefined, undefined_after, undefined_pack),
        control_before=openpyxl.load_workbook(control, data_only=True),
        control_after=openpyxl.load_workbook(control_after, data_only=True),
        corrupted=corrupted,
    )


# -- comparing ----------------------------------------------------------------


def formula_cells(book: Any) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula of the workbook."""
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def decimals(number_format: str) -> int:
    """Decimals a number format shows: ``#,##0.00 "CAD"`` 2, ``0.00%`` 4, ``0.00##`` 4."""
    match = re.search(r"0\.([0#]+)", number_format)
    shown = len(match.group(1)) if match else 0
    return shown + 2 if number_format.endswith("%") else shown


def number(value: Any) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def rounded(value: Any, places: int) -> str | None:
    """A cell's figure as the JSON writes it: ``places`` decimals, halves up."""
    if value is None or value == "":
        return None
    return str(number(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


@dataclass
class Comparison:
    """Cells compared with what they must be; the differences, to show all at once."""

    book: Any
    count: int = 0
    wrong: list[tuple[Any, ...]] = field(default_factory=list)

    def cell(self, sheet: str, row: int, column: int, expected: Any, kind: str = "text") -> None:
        value = self.book[sheet].cell(row=row, column=column).value
        got: Any
        if kind == "money":
            got = rounded(value, 2)
        elif kind == "4":
            got = rounded(value, 4)
        elif kind == "date":
            got = value.date().isoformat() if isinstance(value, datetime.datetime) else value
        elif kind == "no commas":  # a text for people: amounts with thousands separators
            got, expected = value.replace(",", ""), expected.replace(",", "")
        elif kind == "month":
            got = f"{value:%Y-%m}" if isinstance(value, datetime.datetime) else value
        else:
            got = value
        self.count += 1
        if got != expected:
            self.wrong.append((sheet, row, column, value, expected))

    def row(self, sheet: str, row: int, expected: list[tuple[Any, str]]) -> None:
        for column, (value, kind) in enumerate(expected, start=1):
            self.cell(sheet, row, column, value, kind)


SUMMARY = [
    ("channel", "text"),
    ("name", "text"),
    ("hours", "money"),
    ("time_cost", "money"),
    ("cash_cost", "money"),
    ("cost", "money"),
    ("revenue", "money"),
    ("net", "money"),
    ("roi", "4"),
    ("revenue_per_hour", "money"),
    ("avg_rate", "money"),
    ("contracts", "text"),
    ("clients", "text"),
    ("new_clients", "text"),
    ("cost_per_new_client", "money"),
]
"""The Summary columns: the JSON key of each and how the JSON writes it."""


def summary_row(now: dict[str, Any], then: dict[str, Any]) -> list[tuple[Any, str]]:
    """A Summary row of the year-end pack: the channel, then each figure of 2025 with
    2024's beside it (the prior year's, from the JSON's ``comparison``)."""
    cells: list[tuple[Any, str]] = [(now["channel"], "text"), (now["name"], "text")]
    for key, kind in SUMMARY[2:]:
        cells += [(now[key], kind), (then[key], kind)]
    return cells


REVENUE, PRIOR_REVENUE = 11, 12
"""Summary's columns of revenue, 2025 then 2024 (K and L)."""


def postings(
    report: dict[str, Any], line: dict[str, Any], rule: str | None, channels: bool
) -> list[tuple[Any, str]]:
    """A row of Attribution, Unattributed or Cash costs as the JSON gives it."""
    cells: list[tuple[Any, str]] = [
        (line["date"], "date"),
        (line["client"], "text"),
        (line["payee"], "text"),
        (line["narration"], "text"),
        (line["account"], "text"),
        (line["amount"], "money"),
        (line["original"], "text"),
    ]
    if channels:
        cells.append((rule, "text"))
        shares = {share["channel"]: share["amount"] for share in line["shares"]}
        cells += [(shares.get(row["channel"]), "money") for row in report["channels"]]
    return [*cells, (line["file"], "text"), (line["line"], "text")]


def compare_with_json(book: Any, report: dict[str, Any]) -> Comparison:
    """Every figure of every sheet of ``book`` against the JSON report."""
    check = Comparison(book)
    channels, totals = report["channels"], report["totals"]

    # Summary: a row per channel, the Total row, unattributed and total revenue, the
    # period and the prior year's; each figure of 2025 with 2024's beside it.
    prior = report["comparison"]
    before = {row["channel"]: row for row in prior["channels"]}
    for row, channel in enumerate(channels, start=2):
        check.row("Summary", row, summary_row(channel, before[channel["channel"]]))
    total = max(len(channels) + 1, 2) + 1
    for column, (value, kind) in enumerate(summary_row(totals, prior["totals"]), start=1):
        if column > 2:  # the Total row has no channel, and its name is "Total"
            check.cell("Summary", total, column, value, kind)
    check.cell("Summary", total + 2, REVENUE, report["unattributed_revenue"], "money")
    check.cell("Summary", total + 3, REVENUE, report["total_revenue"], "money")
    check.cell("Summary", total + 2, PRIOR_REVENUE, prior["unattributed_revenue"], "money")
    check.cell("Summary", total + 3, PRIOR_REVENUE, prior["total_revenue"], "money")
    check.cell("Summary", total + 5, 3, report["period"]["start"], "date")
    check.cell("Summary", total + 5, 5, report["period"]["end"], "date")
    check.cell("Summary", total + 6, 3, prior["period"]["start"], "date")
    check.cell("Summary", total + 6, 5, prior["period"]["end"], "date")
    check.cell("Summary", total + 7, 3, report["currency"])
    check.cell("Summary", total + 8, 3, report["model"])

    def total_row(rows: int) -> int:
        return max(rows + 1, 2) + 2

    # Months: Net is Revenue - Cost.
    names = {row["channel"]: row["name"] for row in channels}
    for row, month in enumerate(report["months"], start=2):
        net = str(Decimal(month["revenue"]) - Decimal(month["cost"]))
        check.row(
            "Months",
            row,
            [
                (month["month"], "month"),
                (month["channel"], "text"),
                (names.get(month["channel"]), "text"),
                (month["hours"], "money"),
                (month["cost"], "money"),
                (month["revenue"], "money"),
                (net, "money"),
            ],
        )
    row = total_row(len(report["months"]))
    for column, key in ((4, "hours"), (5, "cost"), (6, "revenue"), (7, "net")):
        check.cell("Months", row, column, totals[key], "money")

    for row, entry in enumerate(report["time_log"], start=2):
        check.row(
            "Time log",
            row,
            [
                (entry["date"], "date"),
                (entry["person"], "text"),
                (entry["channel"], "text"),
                (entry["activity"], "text"),
                (entry["description"], "text"),
                (entry["hours"], "4"),
                (entry["rate"], "money"),
                (entry["value"], "money"),
                (entry["file"], "text"),
                (entry["line"], "text"),
            ],
        )
    row = total_row(len(report["time_log"]))
    check.cell("Time log", row, 6, totals["hours"], "money")
    check.cell("Time log", row, 8, totals["time_cost"], "money")

    for row, rate in enumerate(report["rates"], start=2):
        since = rate["since"] or "the beginning"  # a rate from the config has no date
        check.row(
            "Rates",
            row,
            [
                (rate["person"], "text"),
                (since, "date"),
                (rate["rate"], "money"),
                (rate["currency"], "text"),
                (rate["file"], "text"),
                (rate["line"], "text"),
            ],
        )

    income = [(line, line["rule"]) for line in report["attribution"]] + [
        (line, "unattributed") for line in report["unattributed"]
    ]
    income.sort(key=lambda pair: (pair[0]["date"], pair[0]["file"], pair[0]["line"]))
    for row, (line, rule) in enumerate(income, start=2):
        check.row("Attribution", row, postings(report, line, rule, channels=True))
    row = total_row(len(income))
    check.cell("Attribution", row, 6, report["total_revenue"], "money")
    for column, channel in enumerate(channels, start=9):
        check.cell("Attribution", row, column, channel["revenue"], "money")

    for row, line in enumerate(report["unattributed"], start=2):
        check.row("Unattributed", row, postings(report, line, None, channels=False))
    check.cell(
        "Unattributed",
        total_row(len(report["unattributed"])),
        6,
        report["unattributed_revenue"],
        "money",
    )

    for row, line in enumerate(report["cash_costs"], start=2):
        check.row("Cash costs", row, postings(report, line, line["rule"], channels=True))
    row = total_row(len(report["cash_costs"]))
    check.cell("Cash costs", row, 6, totals["cash_cost"], "money")
    for column, channel in enumerate(channels, start=9):
        check.cell("Cash costs", row, column, channel["cash_cost"], "money")

    for row, item in enumerate(report["checks"], start=2):
        check.cell("Checks", row, 1, item["name"])
        check.cell("Checks", row, 2, "ok" if item["ok"] else "FAILED")
        check.cell("Checks", row, 3, item["detail"], "no commas")
    return check


def compare_formulas(books: Workbooks) -> Comparison:
    """Each formula's recalculated value against its stored value: the same number to
    1e-9 (a spreadsheet sums in binary floating point) and the same figure shown, or
    both empty."""
    check = Comparison(books.recalculated)
    for title, coordinate, formula in formula_cells(books.formulas):
        stored = books.stored[title][coordinate].value
        recalculated = books.recalculated[title][coordinate].value
        places = decimals(books.formulas[title][coordinate].number_format)
        check.count += 1
        if stored in ("", None) or recalculated in ("", None):
            same = stored in ("", None) and recalculated in ("", None)
        else:
            same = abs(number(stored) - number(recalculated)) <= Decimal("1e-9") and rounded(
                stored, places
            ) == rounded(recalculated, places)
        if not same:
            check.wrong.append((title, coordinate, formula, stored, recalculated))
    return check


# -- the tests ----------------------------------------------------------------


def test_libreoffice_recalculated_the_control_copy(books: Recalculated) -> None:
    """The control copy stored -999999 for every formula; LibreOffice computed them all
    again, so its figures are the workbook's, and none of them is -999999."""
    formulas = formula_cells(books.demo.formulas)
    assert books.corrupted == len(formulas) >= 30
    before = [books.control_before[title][coordinate].value for title, coordinate, _f in formulas]
    assert before == [SENTINEL] * len(formulas)
    after = [books.control_after[title][coordinate].value for title, coordinate, _f in formulas]
    assert SENTINEL not in after
    assert after == [
        books.demo.recalculated[title][coordinate].value for title, coordinate, _f in formulas
    ]
    # And the one-line formulas give the figures, not text: Summary's total revenue.
    summary = [(c, f) for title, c, f in formulas if title == "Summary"]
    assert ("K10", "=K7+K9") in summary and ("L10", "=L7+L9") in summary
    total_revenue = books.control_after["Summary"]["K10"].value
    assert rounded(total_revenue, 2) == books.demo.report["total_revenue"]
    prior_revenue = books.control_after["Summary"]["L10"].value
    assert rounded(prior_revenue, 2) == books.demo.report["comparison"]["total_revenue"]


def test_every_formula_computes_its_stored_value(books: Recalculated) -> None:
    check = compare_formulas(books.demo)
    assert check.wrong == []
    # 11 on Summary for each year, 4 Months, 2 Time log, 6 + 1 + 6 on the postings; on
    # Content, 6 for the money and hours and 8 for the demo's activities.
    assert check.count == 55


def test_formulas_that_give_nothing_are_stored_empty(books: Recalculated) -> None:
    """No hours and no cost: ROI, revenue/hour and average rate are "" in LibreOffice
    too; the cost per new client is 0 / 1 = 0."""
    check = compare_formulas(books.undefined)
    assert check.wrong == []
    summary = books.undefined.recalculated["Summary"]
    # ROI, revenue/hour, average rate and cost per new client of 2025: O, Q, S and AA.
    assert [summary[f"{column}3"].value in ("", None) for column in ("O", "Q", "S", "AA")] == [
        True,
        True,
        True,
        False,
    ]
    assert summary["AA3"].value == 0


def test_recalculated_workbook_is_the_json_report(books: Recalculated) -> None:
    """Every figure of every sheet, after LibreOffice recalculated the totals."""
    check = compare_with_json(books.demo.recalculated, books.demo.report)
    assert check.wrong == []
    # Summary: 5 channels x (2 + 13 x 2) + 26 totals + 10 below (unattributed and total
    # revenue of both years, both periods, currency, model); 60 months x 7 + 4; 526
    # entries x 10 + 2; 4 rates x 6; 59 incomes x 15 + 6; 9 x 9 + 1; 51 costs x 15 + 6; 2
    # checks x 3.
    assert (
        check.count
        == (140 + 26 + 10) + (420 + 4) + (5260 + 2) + 24 + (885 + 6) + (81 + 1) + (765 + 6) + 6
    )


def test_recalculated_undefined_ratios_are_the_json_reports(books: Recalculated) -> None:
    check = compare_with_json(books.undefined.recalculated, books.undefined.report)
    assert check.wrong == []
    assert books.undefined.report["totals"]["roi"] is None


def test_libreoffice_read_every_cell_as_written(books: Recalculated) -> None:
    """Besides the formulas, LibreOffice's copy holds the same values as the workbook:
    the figures it summed are the ones written."""
    written, copy = books.demo.stored, books.demo.recalculated
    formulas = {(title, coordinate) for title, coordinate, _f in formula_cells(books.demo.formulas)}
    assert copy.sheetnames == written.sheetnames
    different = []
    for sheet in written.worksheets:
        other = copy[sheet.title]
        assert (other.max_row, other.max_column) == (sheet.max_row, sheet.max_column)
        for row in sheet.iter_rows():
            for cell in row:
                if (sheet.title, cell.coordinate) in formulas:
                    continue
                value = other[cell.coordinate].value
                if isinstance(cell.value, (int, float)) and isinstance(value, (int, float)):
                    if abs(number(cell.value) - number(value)) > Decimal("1e-12"):
                        different.append((sheet.title, cell.coordinate, cell.value, value))
                elif cell.value != value:
                    different.append((sheet.title, cell.coordinate, cell.value, value))
    assert different == []


def test_without_soffice_the_test_fails_and_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="install Debian's 'libreoffice-calc-nogui'"):
        find_soffice(str(tmp_path))
