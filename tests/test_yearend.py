"""SPEC 10: the accountant's year-end pack (``bean-timeroi yearend``).

The demo ledger's 2025 pack is checked as an accountant would: every file
is there and matches MANIFEST.txt, every figure of the workbook is the JSON
report's (the totals' formulas recomputed here, cell by cell), and the HTML
prints to a sane number of landscape pages with no table row cut in two.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from beancount_timeroi import yearend
from beancount_timeroi.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
CSV_FILES = [
    "attribution.csv",
    "budgets.csv",
    "cash_costs.csv",
    "checks.csv",
    "comparison.csv",
    "contents.csv",
    "months.csv",
    "rates.csv",
    "summary.csv",
    "time_log.csv",
    "unattributed.csv",
]
"""Every table of a pack: the demo and the books below have budgets, and a pack always
compares the year with the one before."""
PACK_FILES = sorted(
    [
        "MANIFEST.txt",
        "roi-2025.html",
        "roi-2025.json",
        "roi-2025.xlsx",
        *(f"csv/{name}" for name in CSV_FILES),
    ]
)
SHEETS = [
    "Summary",
    "Months",
    "Time log",
    "Rates",
    "Attribution",
    "Unattributed",
    "Cash costs",
    "Checks",
    "Content",
]

BOOKS = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, channels: {linkedin: {name: LinkedIn}, blog: {name: Blog}, video: {name: Video}}}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-01-01 open Expenses:Ads
2025-01-01 custom "time-budget" "*" 5 "weekly"
2025-03-01 custom "time" "linkedin" "20m"          ; 1/3 h x 80 = 26.67
2025-03-02 custom "time" "blog" "20m"              ; 26.67
2025-03-02 custom "time" "video" "20m"             ; 26.67
2025-03-03 * "=1+1" "=HYPERLINK(\\"http://x\\")" #linkedin
  client: "@SUM(A1:A9)"
  Assets:Bank   500.00 CAD
  Income:Design
2025-03-04 * "+cmd|' /C calc'!A0" "-2+3" #blog #linkedin
  Assets:Bank   100.01 CAD
  Income:Design
2025-03-05 * "Shop" "Boost" #blog
  Expenses:Ads   64.72 CAD
  Assets:Bank
2025-03-06 * "Walk-in" "cash sale"
  Assets:Bank   10.00 CAD
  Income:Design
"""


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def files_in(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("yearend") / "roi-2025"
    result = run("yearend", str(DEMO), "--year", "2025", "--output", str(folder))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def report(pack: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((pack / "roi-2025.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books" / "books.beancount"
    path.parent.mkdir()
    path.write_text(BOOKS, encoding="utf-8")
    return path


# -- the folder ---------------------------------------------------------------


def test_pack_holds_every_file_and_nothing_else(pack: Path) -> None:
    assert files_in(pack) == PACK_FILES
    # No temporary folder is left beside it.
    assert [path.name for path in pack.parent.iterdir()] == ["roi-2025"]


def test_pack_files_are_the_report_in_each_format(pack: Path, report: dict[str, Any]) -> None:
    assert report["schema"] == "timeroi-report/1"
    assert report["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert (
        (pack / "csv" / "summary.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[-1]
        .startswith(",Total,405.42,29427.71,")
    )
    html = (pack / "roi-2025.html").read_text(encoding="utf-8")
    assert "<h2>Time log</h2>" in html and "78,675.00" in html


def test_same_books_give_the_same_pack(pack: Path, tmp_path: Path) -> None:
    """The pack is reproducible: made again, its manifest is the same line for line."""
    again = tmp_path / "again"
    assert run("yearend", str(DEMO), "--year", "2025", "--output", str(again)).exit_code == 0
    assert (again / "MANIFEST.txt").read_bytes() == (pack / "MANIFEST.txt").read_bytes()


def test_refuses_a_folder_that_is_not_empty(books: Path, tmp_path: Path) -> None:
    target = tmp_path / "pack"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("yearend", str(books), "--year", "2025", "--output", str(target))
    assert result.exit_code == 2
    assert "is not empty" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.output
    assert files_in(target) == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books", "pack"]


def test_an_empty_folder_is_fine(books: Path, tmp_path: Path) -> None:
    target = tmp_path / "pack"
    target.mkdir()
    assert run("yearend", str(books), "--year", "2025", "--output", str(target)).exit_code == 0
    assert "MANIFEST.txt" in files_in(target)


def test_force_replaces_the_pack_and_keeps_other_files(books: Path, tmp_path: Path) -> None:
    target = tmp_path / "pack"
    assert run("yearend", str(books), "--year", "2025", "--output", str(target)).exit_code == 0
    # A file of an older pack (listed in its manifest) and a file of the user's.
    (target / "csv" / "models.csv").write_text("old", encoding="utf-8")
    with open(target / "MANIFEST.txt", "a", encoding="utf-8") as manifest:
        manifest.write(f"{'0' * 64}  csv/models.csv\n{'0' * 64}  ../outside.txt\n")
    (tmp_path / "outside.txt").write_text("not the pack's", encoding="utf-8")
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    (target / "roi-2025.html").write_text("old report", encoding="utf-8")
    result = run("yearend", str(books), "--year", "2025", "--output", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert files_in(target) == sorted([*PACK_FILES, "notes.txt"])
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "outside.txt").exists()
    assert "old report" not in (target / "roi-2025.html").read_text(encoding="utf-8")
    assert_manifest_matches(target)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books", "outside.txt", "pack"]


def test_a_file_in_the_way_or_an_unreadable_ledger_is_exit_2(books: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("yearend", str(books), "--year", "2025", "--output", str(tmp_path / "file"))
    assert result.exit_code == 2 and "is a file" in result.stderr
    result = run(
        "yearend",
        str(tmp_path / "missing.beancount"),
        "--year",
        "2025",
        "--output",
        str(tmp_path / "pack"),
    )
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert not (tmp_path / "pack").exists()
    result = run("yearend", str(books), "--output", str(tmp_path / "pack"))
    assert result.exit_code == 2 and "--year" in result.stderr


def test_ledger_errors_are_exit_1_and_the_pack_is_written(books: Path, tmp_path: Path) -> None:
    books.write_text(BOOKS + '2025-03-07 custom "time" "linkdin" 1\n', encoding="utf-8")
    target = tmp_path / "pack"
    result = run("yearend", str(books), "--year", "2025", "--output", str(target))
    assert result.exit_code == 1
    assert files_in(target) == PACK_FILES
    sheet = openpyxl.load_workbook(target / "roi-2025.xlsx")["Checks"]
    messages = [row[2] for row in sheet.iter_rows(values_only=True) if row[0] == "books.beancount"]
    assert any("linkdin" in str(message) for message in messages)
    assert "# Ledger errors: 1" in (target / "MANIFEST.txt").read_text(encoding="utf-8")


# -- never half a pack ----------------------------------------------------------


def failing_writer(report: Any, folder: str) -> list[str]:
    Path(folder, "roi-2025.json").write_text('{"half": ', encoding="utf-8")
    raise RuntimeError("disk on fire")


def test_a_failure_midway_leaves_nothing(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        yearend,
        "WRITERS",
        [yearend.write_html, yearend.write_workbook, failing_writer, yearend.write_csv],
    )
    target = tmp_path / "out" / "pack"
    result = run("yearend", str(books), "--year", "2025", "--output", str(target))
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert not target.exists()
    assert list((tmp_path / "out").iterdir()) == []  # no temporary folder either


def test_a_write_error_is_exit_2_and_leaves_nothing(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(report: Any, folder: str) -> list[str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(yearend, "WRITERS", [yearend.write_html, full_disk])
    result = run("yearend", str(books), "--year", "2025", "--output", str(tmp_path / "pack"))
    assert result.exit_code == 2
    assert "cannot write to" in result.stderr and "No space left" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books"]


def test_a_failure_with_force_keeps_the_previous_pack(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack"
    assert run("yearend", str(books), "--year", "2025", "--output", str(target)).exit_code == 0
    before = {name: (target / name).read_bytes() for name in files_in(target)}
    books.write_text(BOOKS.replace("500.00 CAD", "600.00 CAD"), encoding="utf-8")

    # Writing fails...
    monkeypatch.setattr(yearend, "WRITERS", [yearend.write_html, failing_writer])
    result = run("yearend", str(books), "--year", "2025", "--output", str(target), "--force")
    assert result.exit_code != 0
    assert {name: (target / name).read_bytes() for name in files_in(target)} == before
    monkeypatch.undo()

    # ...or moving the new files in fails after three of them: the old ones come back.
    real_replace, calls = os.replace, []

    def flaky_replace(source: Any, destination: Any) -> None:
        calls.append(source)
        if len(calls) == 7:
            raise OSError(5, "Input/output error")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", flaky_replace)
    result = run("yearend", str(books), "--year", "2025", "--output", str(target), "--force")
    assert result.exit_code == 2 and "Input/output error" in result.stderr
    assert {name: (target / name).read_bytes() for name in files_in(target)} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books", "pack"]


# -- the manifest ---------------------------------------------------------------


def manifest_lines(folder: Path) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The comment lines, the sources {path: sha256} and the files {path: sha256}."""
    comments, sources, files = [], {}, {}
    for line in (folder / "MANIFEST.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# source: "):
            digest, name = line.removeprefix("# source: ").split("  ", 1)
            sources[name] = digest
        elif line.startswith("#"):
            comments.append(line)
        else:
            digest, name = line.split("  ", 1)
            files[name] = digest
    return comments, sources, files


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_manifest_matches(folder: Path) -> None:
    _comments, _sources, files = manifest_lines(folder)
    assert sorted(files) == [
        name for name in files_in(folder) if name not in ("MANIFEST.txt", "notes.txt")
    ]
    for name, digest in files.items():
        assert re.fullmatch(r"[0-9a-f]{64}", digest)
        assert sha256(folder / name) == digest, name


def test_manifest_lists_every_file_with_its_sha256(pack: Path) -> None:
    comments, _sources, files = manifest_lines(pack)
    assert sorted(files) == [name for name in PACK_FILES if name != "MANIFEST.txt"]
    assert_manifest_matches(pack)
    header = "\n".join(comments)
    assert "beancount-timeroi 0.1.0" in header
    assert "# Period: 2025-01-01 to 2025-12-31" in header
    assert "sha256sum -c MANIFEST.txt" in header


def test_manifest_lists_every_ledger_source(pack: Path, report: dict[str, Any]) -> None:
    _comments, sources, _files = manifest_lines(pack)
    assert sources == {
        "demo.beancount": sha256(DEMO),
        "timeroi.yaml": sha256(DEMO.parent / "timeroi.yaml"),
    }
    assert sources == {source["file"]: source["sha256"] for source in report["sources"]}


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs GNU sha256sum")
def test_sha256sum_checks_the_pack_and_the_sources(pack: Path) -> None:
    """The two commands docs/accounting.md gives the accountant."""
    checked = subprocess.run(
        ["sha256sum", "--strict", "-c", "MANIFEST.txt"],
        cwd=pack,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(PACK_FILES) - 1
    sources = subprocess.run(
        f"sed -n 's/^# source: //p' '{pack}/MANIFEST.txt' | sha256sum --strict -c",
        shell=True,
        cwd=DEMO.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sources.returncode == 0, sources.stdout + sources.stderr
    assert sources.stdout.splitlines() == ["demo.beancount: OK", "timeroi.yaml: OK"]


def test_checksum_lines_escape_names_as_sha256sum_does() -> None:
    assert yearend.checksum_line("ab", "a b.beancount") == "ab  a b.beancount"
    assert yearend.checksum_line("ab", "odd\\name\n.beancount") == "\\ab  odd\\\\name\\n.beancount"
    listed = list(
        yearend.listed_files(
            "# x\nab  csv/a.csv\nab  ../up\nab  /etc/passwd\nab  MANIFEST.txt\nab  csv/../../x\n"
        )
    )
    assert listed == ["csv/a.csv"]


# -- the workbook ---------------------------------------------------------------


class Formulas:
    """Recomputes the workbook's formulas from its cells, in exact decimals.

    Knows what the pack writes: SUM over a range, IF(x=0,"",ROUND(a/b,n)),
    and a + b. An empty cell is 0 in a sum; ROUND rounds halves away from
    zero, as spreadsheets do.
    """

    TOKEN = re.compile(
        r"\s*(?:(?P<range>[A-Z]+[0-9]+:[A-Z]+[0-9]+)|(?P<ref>[A-Z]+[0-9]+)"
        r'|(?P<func>[A-Z]+)\(|(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<str>"[^"]*")'
        r"|(?P<op>[-+*/=(),]))"
    )

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet

    def value(self, coordinate: str) -> Decimal | str:
        cell = self.sheet[coordinate]
        if cell.data_type == "f":
            return Formulas(self.sheet).evaluate(cell.value)
        if cell.value is None:
            return Decimal(0)
        if isinstance(cell.value, (int, float)):
            return (
                Decimal(repr(cell.value)) if isinstance(cell.value, float) else Decimal(cell.value)
            )
        return str(cell.value)

    def evaluate(self, formula: str) -> Decimal | str:
        assert formula.startswith("=")
        matches = list(self.TOKEN.finditer(formula[1:]))
        assert "".join(match.group(0) for match in matches) == formula[1:], formula
        self.tokens = [(match.lastgroup, match.group(match.lastgroup or 0)) for match in matches]
        self.position = 0
        with localcontext() as context:
            context.prec = 60
            result: Decimal | str = self.expression()
        assert self.position == len(self.tokens), formula
        return result

    def peek(self) -> tuple[str | None, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else (None, "")

    def take(self, text: str | None = None) -> tuple[str | None, str]:
        token = self.peek()
        assert text is None or token[1] == text, (token, text)
        self.position += 1
        return token

    def expression(self) -> Any:
        left = self.term()
        while self.peek()[1] in ("+", "-", "="):
            operator = self.take()[1]
            right = self.term()
            left = (
                left == right
                if operator == "="
                else left + right
                if operator == "+"
                else left - right
            )
        return left

    def term(self) -> Any:
        left = self.factor()
        while self.peek()[1] in ("*", "/"):
            operator = self.take()[1]
            right = self.factor()
            left = left * right if operator == "*" else left / right
        return left

    def factor(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "str":
            return text[1:-1]
        if kind == "ref":
            return self.value(text)
        if kind == "op" and text == "(":
            inner = self.expression()
            self.take(")")
            return inner
        if kind == "op" and text == "-":
            return -self.factor()
        assert kind == "func", (kind, text)
        if text == "SUM":
            first, last = self.take()[1].split(":")
            self.take(")")
            return sum(
                (
                    value
                    for row in self.sheet[first:last]
                    for cell in row
                    if isinstance(value := self.value(cell.coordinate), Decimal)
                ),
                Decimal(0),
            )
        if text == "ROUND":
            number = self.expression()
            self.take(",")
            places = int(self.expression())
            self.take(")")
            return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if text == "IF":
            condition = self.expression()
            self.take(",")
            # Only the branch taken is computed (the other may divide by zero).
            if condition:
                taken = self.expression()
                self.take(",")
                self.skip()
            else:
                self.skip()
                self.take(",")
                taken = self.expression()
            self.take(")")
            return taken
        raise AssertionError(f"unknown function {text}")

    def skip(self) -> None:
        depth = 0
        while True:
            kind, text = self.peek()
            if depth == 0 and text in (",", ")"):
                return
            self.position += 1
            if kind == "func" or text == "(":
                depth += 1
            elif text == ")":
                depth -= 1


def money(value: Any) -> str | None:
    """A cell as the JSON writes a money figure."""
    if value is None or value == "":
        return None
    return str(
        Decimal(repr(value) if isinstance(value, float) else value).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    )


def places(value: Any, count: int) -> str | None:
    if value is None or value == "":
        return None
    return str(
        Decimal(repr(value) if isinstance(value, float) else value).quantize(
            Decimal(1).scaleb(-count), rounding=ROUND_HALF_UP
        )
    )


def rows(sheet: Any, first: int = 2) -> list[tuple[Any, ...]]:
    """The data rows: from ``first`` to the first empty row."""
    found = []
    for row in sheet.iter_rows(min_row=first, values_only=True):
        if all(value is None for value in row):
            break
        found.append(row)
    return found


def total_row(sheet: Any) -> int:
    found: int = next(
        row[0].row
        for row in sheet.iter_rows()
        if row[0].value == "Total" or (len(row) > 1 and row[1].value == "Total")
    )
    return found


@pytest.fixture(scope="module")
def book(pack: Path) -> Any:
    return openpyxl.load_workbook(pack / "roi-2025.xlsx")


def check_total(sheet: Any, coordinate: str, expected: str | None, decimals: int = 2) -> None:
    """The cell is a formula whose value, recomputed here, is the report's figure."""
    cell = sheet[coordinate]
    assert cell.data_type == "f", (sheet.title, coordinate, cell.value)
    value = Formulas(sheet).evaluate(cell.value)
    if expected is None:
        assert value == "", (sheet.title, coordinate, value)
    else:
        assert places(value, decimals) == expected, (sheet.title, coordinate, cell.value, value)


SUMMARY_KEYS = [
    "channel",
    "name",
    "hours",
    "time_cost",
    "cash_cost",
    "cost",
    "revenue",
    "net",
    "roi",
    "revenue_per_hour",
    "avg_rate",
    "contracts",
    "clients",
    "new_clients",
    "cost_per_new_client",
]
KINDS = {
    "hours": "hours",
    "roi": "roi",
    "contracts": "count",
    "clients": "count",
    "new_clients": "count",
    "channel": "text",
    "name": "text",
}


def json_cell(key: str, value: Any) -> Any:
    """A Summary cell as the JSON report writes the same figure."""
    kind = KINDS.get(key, "money")
    if kind == "roi":
        return places(value, 4)
    if kind in ("money", "hours"):
        return money(value)
    return value


def test_workbook_has_its_sheets_frozen_filtered_and_sized(book: Any) -> None:
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None), sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        header = [cell.value for cell in sheet[1] if cell.value is not None]
        for index, label in enumerate(header, start=1):
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width
            assert len(label) < width <= 60, (sheet.title, label, width)


TITLES = [
    "Hours",
    "Time cost",
    "Cash cost",
    "Cost",
    "Revenue",
    "Net",
    "ROI",
    "Revenue/hour",
    "Avg rate",
    "Contracts",
    "Clients",
    "New clients",
    "Cost/new client",
]


def summary_column(key: str, year: int = 2025) -> str:
    """The Summary column of a figure of 2025, or of 2024 beside it (the pack compares
    the year with the prior one): A channel, B name, then C 2025's hours, D 2024's..."""
    index = 2 + 2 * (SUMMARY_KEYS.index(key) - 2) + (1 if year == 2025 else 2)
    letter: str = openpyxl.utils.get_column_letter(index)
    return letter


def test_summary_matches_the_json_report(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Summary"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Channel",
        "Name",
        *(f"{title} {year}" for title in TITLES for year in (2025, 2024)),
        "Note",
    ]
    prior = {  # each channel's 2024 figures, without their change
        row["channel"]: {key: value for key, value in row.items() if key != "change"}
        for row in report["comparison"]["channels"]
    }
    channel_rows = rows(sheet)[:-1]
    assert len(channel_rows) == len(report["channels"]) == len(prior) == 5
    for row, expected in zip(channel_rows, report["channels"], strict=True):
        this_year = dict(zip(SUMMARY_KEYS, [row[0], row[1], *row[2:28:2]], strict=True))
        last_year = dict(zip(SUMMARY_KEYS, [row[0], row[1], *row[3:28:2]], strict=True))
        assert {key: json_cell(key, value) for key, value in this_year.items()} == expected
        assert {key: json_cell(key, value) for key, value in last_year.items()} == (
            prior[expected["channel"]]
        )
    # Instagram is flagged, and says why.
    assert "negative ROI" in channel_rows[2][28] and channel_rows[0][28] is None

    # Number formats, and numbers stored as numbers, in both years' columns.
    money_format = '#,##0.00 "CAD"'
    formats = {
        "hours": "0.00",
        "time_cost": money_format,
        "revenue": money_format,
        "net": money_format,
        "roi": "0.00%",
        "revenue_per_hour": money_format,
        "contracts": "0",
        "cost_per_new_client": money_format,
    }
    for key, number_format in formats.items():
        for year in (2025, 2024):
            cell = sheet[f"{summary_column(key, year)}2"]
            assert cell.number_format == number_format and cell.data_type == "n", (key, year)
    assert isinstance(sheet[f"{summary_column('contracts')}2"].value, int)

    # The Total row, for each year: sums and ratios as formulas that give the report's
    # totals.
    total = total_row(sheet)
    assert total == len(channel_rows) + 2
    for year, totals in ((2025, report["totals"]), (2024, report["comparison"]["totals"])):
        for key in ("hours", "time_cost", "cash_cost", "cost", "revenue", "net"):
            column = summary_column(key, year)
            assert sheet[f"{column}{total}"].value == f"=SUM({column}2:{column}{total - 1})"
            check_total(sheet, f"{column}{total}", totals[key])
        for key, decimals in (
            ("roi", 4),
            ("revenue_per_hour", 2),
            ("avg_rate", 2),
            ("cost_per_new_client", 2),
        ):
            column = summary_column(key, year)
            assert sheet[f"{column}{total}"].value.startswith("=IF(")
            check_total(sheet, f"{column}{total}", totals[key], decimals)
    # The counts are the report's own (a split transaction counts once), not sums.
    totals = report["totals"]
    counts = [sheet[f"{summary_column(key)}{total}"].value for key in _COUNT_KEYS]
    assert counts == [totals[key] for key in _COUNT_KEYS] == [50, 12, 3]
    clients = SUMMARY_KEYS.index("clients")
    assert sum(row[2 + 2 * (clients - 2)] for row in channel_rows) != totals["clients"]

    # Unattributed and total revenue, under each year's Revenue column.
    revenue, prior_revenue = summary_column("revenue"), summary_column("revenue", 2024)
    assert sheet[f"B{total + 2}"].value == "Unattributed revenue"
    assert money(sheet[f"{revenue}{total + 2}"].value) == report["unattributed_revenue"]
    assert (
        money(sheet[f"{prior_revenue}{total + 2}"].value)
        == (report["comparison"]["unattributed_revenue"])
    )
    assert sheet[f"B{total + 3}"].value == "Total revenue"
    check_total(sheet, f"{revenue}{total + 3}", report["total_revenue"])
    check_total(sheet, f"{prior_revenue}{total + 3}", report["comparison"]["total_revenue"])
    assert sheet[f"C{total + 5}"].value == datetime.datetime(2025, 1, 1)
    assert sheet[f"C{total + 5}"].number_format == "yyyy-mm-dd"
    assert sheet[f"B{total + 6}"].value == "Compared with"
    assert sheet[f"C{total + 6}"].value == datetime.datetime(2024, 1, 1)
    assert sheet[f"E{total + 6}"].value == datetime.datetime(2024, 12, 31)


_COUNT_KEYS = ("contracts", "clients", "new_clients")


def test_formulas_carry_the_reports_figures_as_computed_values(pack: Path, book: Any) -> None:
    """A reader that does not calculate (openpyxl's data_only, a preview) shows the totals."""
    computed = openpyxl.load_workbook(pack / "roi-2025.xlsx", data_only=True)
    count = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                count += 1
                expected = Formulas(sheet).evaluate(cell.value)
                cached = computed[sheet.title][cell.coordinate].value
                if expected == "":
                    assert cached in ("", None)
                else:
                    assert not isinstance(expected, str), expected  # a figure, not a text
                    assert abs(Decimal(repr(cached)) - expected) < Decimal("1e-9"), (
                        sheet.title,
                        cell.coordinate,
                    )
    assert count > 20


def test_months_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Months"]
    data = rows(sheet)
    assert len(data) == len(report["months"]) == 60
    for row, expected in zip(data, report["months"], strict=True):
        month, channel, _name, hours, cost, revenue, net = row
        assert isinstance(month, datetime.datetime)
        assert {
            "month": f"{month:%Y-%m}",
            "channel": channel,
            "hours": money(hours),
            "cost": money(cost),
            "revenue": money(revenue),
        } == expected
        assert money(net) == str(Decimal(expected["revenue"]) - Decimal(expected["cost"]))
    assert sheet["A2"].number_format == "yyyy-mm"
    total = total_row(sheet)
    totals = report["totals"]
    for column, key in (("D", "hours"), ("E", "cost"), ("F", "revenue"), ("G", "net")):
        check_total(sheet, f"{column}{total}", totals[key])


def test_time_log_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Time log"]
    data = rows(sheet)
    assert len(data) == len(report["time_log"]) == 526
    for row, expected in zip(data, report["time_log"], strict=True):
        date, person, channel, activity, description, hours, rate, value, file, line = row
        assert {
            "date": date.date().isoformat(),
            "person": person,
            "channel": channel,
            "activity": activity,
            "description": description,
            "hours": places(hours, 4),
            "rate": money(rate),
            "value": money(value),
            "file": file,
            "line": line,
        } == expected
    assert (sheet["A2"].number_format, sheet["F2"].number_format) == ("yyyy-mm-dd", "0.00##")
    total = total_row(sheet)
    check_total(sheet, f"F{total}", report["totals"]["hours"])
    check_total(sheet, f"H{total}", report["totals"]["time_cost"])


def test_rates_sheet(book: Any, report: dict[str, Any]) -> None:
    data = rows(book["Rates"])
    assert [
        {
            "person": person,
            "since": since.date().isoformat() if since else None,
            "rate": money(rate),
            "currency": currency,
            "file": file,
            "line": line,
        }
        for person, since, rate, currency, file, line in data
    ] == report["rates"]


def postings_from(
    sheet: Any, report: dict[str, Any], with_rule: bool, with_channels: bool
) -> list[dict[str, Any]]:
    slugs = [row["channel"] for row in report["channels"]] if with_channels else []
    found = []
    for row in rows(sheet):
        date, client, payee, narration, account, amount, original, *rest = row
        rule = rest.pop(0) if with_rule else None
        shares = [
            {"channel": slug, "amount": money(value)}
            for slug, value in zip(slugs, rest[: len(slugs)], strict=True)
            if value is not None
        ]
        file, line = rest[len(slugs) :]
        found.append(
            {
                "date": date.date().isoformat(),
                "client": client,
                "payee": payee,
                "narration": narration,
                "account": account,
                "amount": money(amount),
                "original": original,
                "shares": shares,
                "rule": rule,
                "file": file,
                "line": line,
            }
        )
    return found


def as_listed(line: dict[str, Any], rule: str | None) -> dict[str, Any]:
    shares = sorted(line["shares"], key=lambda share: share["channel"])
    return {
        **{key: value for key, value in line.items() if key not in ("kind", "contents")},
        "rule": rule,
        "shares": shares,
    }


def test_attribution_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Attribution"]
    lines = [as_listed(line, line["rule"]) for line in report["attribution"]] + [
        as_listed(line, "unattributed") for line in report["unattributed"]
    ]
    lines.sort(key=lambda line: (line["date"], line["file"], line["line"]))
    assert postings_from(sheet, report, True, True) == lines
    assert len(lines) == 59
    # The amounts add up to the year's revenue; each channel's column to its revenue.
    total = total_row(sheet)
    check_total(sheet, f"F{total}", report["total_revenue"])
    for index, channel in enumerate(report["channels"]):
        check_total(
            sheet, f"{openpyxl.utils.get_column_letter(9 + index)}{total}", channel["revenue"]
        )


def test_unattributed_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Unattributed"]
    assert postings_from(sheet, report, False, False) == [
        as_listed(line, None) for line in report["unattributed"]
    ]
    check_total(sheet, f"F{total_row(sheet)}", report["unattributed_revenue"])


def test_cash_costs_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Cash costs"]
    assert postings_from(sheet, report, True, True) == [
        as_listed(line, line["rule"]) for line in report["cash_costs"]
    ]
    total = total_row(sheet)
    check_total(sheet, f"F{total}", report["totals"]["cash_cost"])
    for index, channel in enumerate(report["channels"]):
        check_total(
            sheet, f"{openpyxl.utils.get_column_letter(9 + index)}{total}", channel["cash_cost"]
        )


def test_checks_sheet(book: Any, report: dict[str, Any]) -> None:
    sheet = book["Checks"]
    data = rows(sheet)
    # The details are for people (amounts with thousands separators); the JSON's for programs.
    assert [
        {"name": name, "ok": result == "ok", "detail": detail.replace(",", "")}
        for name, result, detail in data
    ] == [{**check, "detail": check["detail"].replace(",", "")} for check in report["checks"]]
    assert sheet.cell(row=len(data) + 3, column=1).value == "Error in"
    assert sheet.cell(row=len(data) + 4, column=1).value == "No error in the ledger."


def test_ledger_text_is_never_a_formula(books: Path, tmp_path: Path) -> None:
    """Payees, narrations and clients that look like formulas are stored as text."""
    target = tmp_path / "pack"
    assert run("yearend", str(books), "--year", "2025", "--output", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target / "roi-2025.xlsx")
    texts = {"=1+1", '=HYPERLINK("http://x")', "@SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3"}
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in texts:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    seen.add(cell.value)
                if cell.data_type == "f":  # only the totals are formulas
                    assert re.fullmatch(r'=(SUM|IF|[A-Z]+[0-9]+\+)[A-Z0-9:(),/="+]*', cell.value), (
                        cell.value
                    )
    assert seen == texts
    # Three 20-minute entries: 0.33 h each, but hours are kept exact, so their SUM is
    # the report's 1.00 h, not 0.99; the average rate is 80.01 / 1.
    summary = book["Summary"]
    total = total_row(summary)
    assert [places(summary[f"C{row}"].value, 2) for row in (2, 3, 4)] == ["0.33"] * 3
    check_total(summary, f"C{total}", "1.00")
    check_total(summary, f"{summary_column('avg_rate')}{total}", "80.01")
    # A split income counts once in the totals, though twice among the channels.
    contracts = summary_column("contracts")
    assert summary[f"{contracts}{total}"].value == 2
    assert summary[f"{contracts}2"].value + summary[f"{contracts}3"].value == 3


def test_workbook_is_reproducible(pack: Path, tmp_path: Path) -> None:
    from beancount_timeroi.engine import build_report
    from beancount_timeroi.ledger import Ledger
    from beancount_timeroi.periods import year_period
    from beancount_timeroi.render import xlsx_report

    report = build_report(Ledger.load(str(DEMO)), year_period(2025), compare=year_period(2024))
    made = xlsx_report.render(report)
    assert made == (pack / "roi-2025.xlsx").read_bytes()


# -- the printed report ---------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def test_html_prints_to_sane_pages_without_cutting_a_row(pack: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Chromium is needed: install Debian's 'chromium' package (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            # The printable area of a landscape Letter page, 12 mm margins: about 965 px wide.
            page = browser.new_page(viewport={"width": 965, "height": 700})
            page.goto((pack / "roi-2025.html").as_uri())
            page.emulate_media(media="print")
            layout = page.evaluate("""() => {
                const style = (el) => getComputedStyle(el);
                const rows = [...document.querySelectorAll('tr')];
                const headings = [...document.querySelectorAll('h2')];
                return {
                  rows: rows.length,
                  splittable: rows.filter(tr => style(tr).breakInside !== 'avoid').length,
                  tallest: Math.max(...rows.map(tr => tr.getBoundingClientRect().height)),
                  heads: [...document.querySelectorAll('thead')]
                    .map(el => style(el).display),
                  figures: [...document.querySelectorAll('figure')].map(el => [
                    style(el).breakInside, el.getBoundingClientRect().height]),
                  breaks: headings.map(h => [h.textContent, style(h).breakBefore]),
                  keep: headings.concat([...document.querySelectorAll('h3')])
                    .map(h => style(h).breakAfter),
                  wide: document.documentElement.scrollWidth,
                };
            }""")
            pdf = page.pdf(path=str(tmp_path / "roi-2025.pdf"), prefer_css_page_size=True)
        finally:
            browser.close()

    # No table row can be cut across two pages: each avoids breaks, and fits on a page.
    assert layout["rows"] > 600
    assert layout["splittable"] == 0
    assert layout["tallest"] < 600
    # Table headers are repeated on each page a table runs over.
    assert set(layout["heads"]) == {"table-header-group"}
    # The charts are never cut, and fit on a page.
    assert [figure[0] for figure in layout["figures"]] == ["avoid", "avoid"]
    assert all(figure[1] < 600 for figure in layout["figures"])
    # Each section (each schedule) starts on a new page, the first one aside;
    # no heading is left alone at the foot of a page.
    breaks = dict(layout["breaks"])
    assert breaks.pop("Channels") == "auto"
    assert set(breaks.values()) == {"page"}
    assert {
        "Time log",
        "Rates",
        "Attributed income",
        "Unattributed income",
        "Cash costs",
        "Sources",
    } <= set(breaks)
    assert set(layout["keep"]) == {"avoid"}
    # Nothing is wider than the page.
    assert layout["wide"] <= 965

    assert (tmp_path / "roi-2025.pdf").read_bytes() == pdf
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    # 526 time entries, about 40 a page, and each of the 9 sections on its own pages.
    assert len(layout["breaks"]) <= pages <= 60, pages
    assert b"/MediaBox [0 0 792 612]" in pdf  # landscape
