"""Reliability and security: hostile configs fail fast and clearly, YAML is only
read safely, outputs are deterministic, and the plugin gets along with
Beancount's own plugins."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from beancount_timeroi.cli import main
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.render.json_report import as_dict

PACKAGE = Path(__file__).resolve().parent.parent / "beancount_timeroi"

LEDGER = """\
option "operating_currency" "CAD"
{before}plugin "beancount_timeroi" "{{rate: 80, people: {{alex: 30}}}}"
{after}2025-01-01 open Assets:Bank
2025-01-01 open Assets:Broker
2025-01-01 open Income:Design
2025-01-01 open Expenses:Ads
2025-02-01 custom "time" "linkedin" "1h30"
2025-02-01 custom "time" "blog" 2
  who: "alex"
2025-02-03 * "Acme" "Site" #linkedin
  Assets:Bank   1000.00 CAD
  Income:Design
2025-02-04 * "US Shop" "Logo" #blog
  Assets:Broker   100.00 USD @ 1.40 CAD
  Income:Design  -140.00 CAD
2025-02-05 * "Meta" "Boost" #linkedin
  Expenses:Ads    25.00 CAD
  Assets:Bank
"""


def write(tmp_path: Path, text: str, name: str = "books.beancount") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- hostile configs --------------------------------------------------------------


def load_with_config(tmp_path: Path, config: bytes) -> list[str]:
    (tmp_path / "timeroi.yaml").write_bytes(config)
    path = write(
        tmp_path, 'plugin "beancount_timeroi" "timeroi.yaml"\n2025-02-01 custom "time" "blog" 1\n'
    )
    ledger = Ledger.load(str(path))
    return [error.message for error in ledger.errors]


def test_a_50_mb_config_is_refused_without_being_read(tmp_path: Path) -> None:
    config = tmp_path / "timeroi.yaml"
    with open(config, "wb") as file:
        file.write(b"rate: 85\n")
        file.truncate(50 * 1024 * 1024)  # 50 MB (sparse): only the first megabyte is read
    path = write(tmp_path, 'plugin "beancount_timeroi" "timeroi.yaml"\n')
    assert [error.message for error in Ledger.load(str(path)).errors] == [
        "In timeroi.yaml: the file is over 1 MB, and a timeroi config is a few lines; check that "
        "the plugin line names the right file"
    ]


def test_exponential_yaml_anchors_are_refused(tmp_path: Path) -> None:
    # "Billion laughs": nine levels of nine aliases would expand to 10^9 strings.
    lines = ['a0: &a0 "lol"']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    messages = load_with_config(tmp_path, ("\n".join(lines) + "\n").encode())
    assert messages == [
        "In timeroi.yaml: YAML anchors and aliases (&name, *name) are not "
        "supported in the config; write the value out"
    ]


def test_deeply_nested_yaml_is_refused(tmp_path: Path) -> None:
    messages = load_with_config(tmp_path, b"rate: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    assert len(messages) == 1
    assert messages[0] == "In timeroi.yaml: the config is nested too deeply to be a timeroi config"


def test_yaml_tags_that_would_run_code_are_refused(tmp_path: Path) -> None:
    messages = load_with_config(
        tmp_path, b"rate: !!python/object/apply:os.system ['touch pwned']\n"
    )
    assert messages == [
        "In timeroi.yaml: the YAML tag !!python/object/apply:os.system is not "
        "supported in the config; write a plain value"
    ]
    assert not (tmp_path / "pwned").exists()


def test_yaml_is_only_read_with_the_safe_loader() -> None:
    """No yaml.load/unsafe_load/full_load or unsafe Loader class anywhere in the package."""
    unsafe = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
                and node.attr
                in (
                    "load",
                    "load_all",
                    "unsafe_load",
                    "full_load",
                    "Loader",
                    "UnsafeLoader",
                    "FullLoader",
                    "add_constructor",
                )
            ):
                unsafe.append(f"{path.name}: yaml.{node.attr}")
    assert unsafe == []


# -- determinism ---------------------------------------------------------------------


def run_cli(args: list[str], seed: str, cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", "from beancount_timeroi.cli import run; run()", *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("output_format", ["json", "md", "csv"])
def test_reports_are_byte_identical_across_hash_seeds(tmp_path: Path, output_format: str) -> None:
    # Errors too: Beancount reports some in set order (unknown accounts here).
    path = write(
        tmp_path,
        LEDGER.format(before="", after="")
        + """
2025-03-01 * "Someone" "Unknown accounts"
  Assets:Nowhere   10.00 CAD
  Income:Nothing  -5.00 CAD
  Income:Elsewhere
""",
    )
    outputs = {
        run_cli(["report", str(path), "--format", output_format], seed, tmp_path)
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_csv_tables_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    path = write(tmp_path, LEDGER.format(before="", after=""))
    tables = []
    for seed in ("1", "7"):
        folder = tmp_path / f"csv-{seed}"
        run_cli(["report", str(path), "--format", "csv", "--output", str(folder)], seed, tmp_path)
        tables.append({file.name: file.read_bytes() for file in sorted(folder.iterdir())})
    assert tables[0] == tables[1]
    assert len(tables[0]) == 9


# -- next to Beancount's own plugins ---------------------------------------------------


def figures(path: Path) -> tuple[Any, ...]:
    data = as_dict(build_report(Ledger.load(str(path))))
    return (
        data["channels"],
        data["totals"],
        data["unattributed_revenue"],
        [check["ok"] for check in data["checks"]],
    )


@pytest.mark.parametrize(
    "other",
    [
        "beancount.plugins.auto_accounts",
        "beancount.plugins.implicit_prices",
        "beancount.plugins.check_commodity",
    ],
)
def test_beancounts_own_plugins_before_or_after_give_the_same_numbers(
    tmp_path: Path, other: str
) -> None:
    alone = figures(write(tmp_path, LEDGER.format(before="", after=""), "alone.beancount"))
    line = f'plugin "{other}"\n'
    before = write(tmp_path, LEDGER.format(before=line, after=""), "before.beancount")
    after = write(tmp_path, LEDGER.format(before="", after=line), "after.beancount")
    assert figures(before) == alone
    assert figures(after) == alone
    for path in (before, after):
        ledger = Ledger.load(str(path))
        # The only errors are the other plugin's own (check_commodity: no commodity
        # directives), never a crash.
        assert not [e for e in ledger.errors if type(e).__name__ == "LoadError"]
        assert all(type(e).__name__ != "TimeRoiError" for e in ledger.errors)
    # LinkedIn: 1.5 h x 80 = 120.00 + 25.00 of ads; 1000.00 of income.
    channels = {row["channel"]: row for row in alone[0]}
    assert (channels["linkedin"]["cost"], channels["linkedin"]["revenue"]) == ("145.00", "1000.00")
    # blog: alex 2 h x 30 = 60.00; 100 USD at its @ price of 1.40 = 140.00.
    assert (channels["blog"]["cost"], channels["blog"]["revenue"]) == ("60.00", "140.00")


def test_includes_with_the_plugin_line_in_the_top_file(tmp_path: Path) -> None:
    (tmp_path / "2025").mkdir()
    write(
        tmp_path / "2025",
        '2025-02-01 custom "time" "linkedin" "1h30"\n'
        '2025-02-03 * "Acme" "Site" #linkedin\n'
        "  Assets:Bank   1000.00 CAD\n  Income:Design\n",
        "q1.beancount",
    )
    top = write(
        tmp_path,
        'option "operating_currency" "CAD"\n'
        'plugin "beancount_timeroi" "{rate: 80}"\n'
        "2025-01-01 open Assets:Bank\n2025-01-01 open Income:Design\n"
        'include "2025/q1.beancount"\n',
    )
    result = CliRunner().invoke(main, ["report", str(top), "--format", "json"])
    assert result.exit_code == 0, result.output
    ledger = Ledger.load(str(top))
    generated = [
        e
        for e in ledger.entries
        if "__timeroi__" in (e.meta or {}) and type(e).__name__ == "Transaction"
    ]
    assert [(Path(e.meta["filename"]).name, e.meta["lineno"]) for e in generated] == [
        ("q1.beancount", 1)
    ]
    assert [s["file"] for s in as_dict(build_report(ledger))["sources"]] == [
        "books.beancount",
        "2025/q1.beancount",
    ]


def test_a_plugin_line_in_an_included_file_is_ignored_by_beancount(tmp_path: Path) -> None:
    write(
        tmp_path,
        'plugin "beancount_timeroi" "{rate: 80}"\n2025-02-01 custom "time" "linkedin" 1\n',
        "inner.beancount",
    )
    top = write(tmp_path, 'option "operating_currency" "CAD"\ninclude "inner.beancount"\n')
    ledger = Ledger.load(str(top))
    assert not [e for e in ledger.entries if "__timeroi__" in (e.meta or {})]
