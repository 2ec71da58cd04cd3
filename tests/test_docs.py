"""The docs are tested: every ledger in syntax.md loads clean, and every
message in errors.md is produced by its example."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data

from beancount_timeroi.engine import build_report
from beancount_timeroi.i18n import translate
from beancount_timeroi.ledger import Ledger, load_config
from beancount_timeroi.periods import year_period

DOCS = Path(__file__).resolve().parent.parent / "docs"
PACKAGE = Path(__file__).resolve().parent.parent / "beancount_timeroi"
# The modules whose messages are Beancount errors (the renderers' labels are not).
ERROR_MODULES = (
    "yamlsource",
    "config",
    "configvalues",
    "configchannels",
    "configimport",
    "ledger",
    "names",
    "channels",
    "timelog",
    "rates",
    "touches",
    "contents",
    "budgets",
    "plugin",
    "errors",
    "valuation",
    "directives",
    "engine",
    "postinglines",
)
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(text) if lang == language]


# -- syntax.md ----------------------------------------------------------------

SYNTAX = (DOCS / "syntax.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("snippet", blocks(SYNTAX, "beancount"))
def test_syntax_ledgers_load_without_errors(snippet: str, tmp_path: Path) -> None:
    path = tmp_path / "main.beancount"
    path.write_text(snippet, encoding="utf-8")
    _entries, errors, _options = loader.load_file(str(path))
    assert [error.message for error in errors] == []


@pytest.mark.parametrize("snippet", blocks(SYNTAX, "yaml"))
def test_syntax_config_is_valid(snippet: str) -> None:
    config, errors, _language = load_config(snippet, {"filename": "<string>"})
    assert errors == []
    assert config is not None


def test_syntax_shows_what_the_plugin_writes(tmp_path: Path) -> None:
    """The generated transaction shown in syntax.md is what the plugin writes."""
    from beancount.parser import printer

    section = SYNTAX.split("## What the plugin writes")[1]
    ledger_text, shown = blocks(section, "beancount")[0], blocks(section, "text")[0]
    path = tmp_path / "main.beancount"
    path.write_text(ledger_text, encoding="utf-8")
    entries, errors, _options = loader.load_file(str(path))
    assert errors == []
    (txn,) = [e for e in entries if type(e).__name__ == "Transaction"]
    assert normalise(printer.format_entry(txn)) == normalise(shown)


def normalise(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.strip().splitlines()]


# -- errors.md ----------------------------------------------------------------

ERRORS = (DOCS / "errors.md").read_text(encoding="utf-8")


@dataclass
class Example:
    message: str
    ledger: str
    files: dict[str, bytes] = field(default_factory=dict)

    def pattern(self) -> re.Pattern[str]:
        return re.compile(".*".join(re.escape(part) for part in self.message.split("…")))


def examples() -> list[Example]:
    found = []
    for section in re.split(r"^### ", ERRORS, flags=re.MULTILINE)[1:]:
        heading, _sep, body = section.partition("\n")
        if not heading.startswith("`"):
            continue
        body = re.split(r"^## ", body, flags=re.MULTILINE)[0]  # up to the next chapter
        files = {}
        for config in blocks(body, "yaml"):
            first, _sep, content = config.partition("\n")
            name = first.lstrip("# ").split(" ")[0]
            repeated = re.search(r"the last line repeated (\d+) times", first)
            if repeated:
                lines = content.splitlines()
                content = "\n".join(lines + lines[-1:] * int(repeated.group(1))) + "\n"
            if "with a control character, U+0007" in first:
                content = content.rstrip("\n") + "\x07\n"
            encoding = "latin-1" if "saved as Latin-1" in first else "utf-8"
            files[name] = content.encode(encoding)
        (ledger_text,) = blocks(body, "beancount")
        found.append(Example(heading.strip("`"), ledger_text, files))
    return found


EXAMPLES = examples()


def test_errors_md_documents_many_messages() -> None:
    assert len(EXAMPLES) >= 80


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.message[:60] for e in EXAMPLES])
def test_each_documented_message_comes_from_its_example(example: Example, tmp_path: Path) -> None:
    for name, content in example.files.items():
        (tmp_path / name).write_bytes(content)
    path = tmp_path / "main.beancount"
    path.write_text(example.ledger, encoding="utf-8")
    ledger = Ledger.load(str(path))
    report = build_report(ledger)
    messages = [str(error.message) for error in report.errors]  # in English
    assert any(example.pattern().fullmatch(message) for message in messages), messages
    # Every error points at a real line of a file the user wrote.
    for error in ledger.errors:
        assert Path(error.source["filename"]).parent == tmp_path
        assert error.source["lineno"] >= 1
    for reported in report.errors:
        assert reported.location.line >= 1


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.message[:60] for e in EXAMPLES])
def test_each_documented_message_has_its_french_version(example: Example, tmp_path: Path) -> None:
    """The same ledger's messages in French: each of the plugin's messages is translated,
    and its English version is the documented message."""
    for name, content in example.files.items():
        (tmp_path / name).write_bytes(content)
    path = tmp_path / "main.beancount"
    path.write_text(example.ledger, encoding="utf-8")
    errors = build_report(Ledger.load(str(path))).errors
    in_english = [translate(error.message, "en") for error in errors]
    assert any(example.pattern().fullmatch(message) for message in in_english), in_english
    ours = [error.message for error in errors if error.ours]
    assert ours and all(translate(message, "fr") != translate(message, "en") for message in ours)


def beancount_examples() -> list[tuple[str, str]]:
    """errors.md's examples of Beancount's own messages: (the message, the ledger)."""
    section = ERRORS.partition("## Beancount's own messages about these lines")[2]
    found = []
    for part in re.split(r"^#### Beancount: ", section, flags=re.MULTILINE)[1:]:
        heading, _sep, body = part.partition("\n")
        (ledger_text,) = blocks(body, "beancount")
        found.append((heading.strip("`"), ledger_text))
    return found


@pytest.mark.parametrize(("message", "ledger_text"), beancount_examples())
def test_each_beancount_message_comes_from_its_example(
    message: str, ledger_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "main.beancount"
    path.write_text(ledger_text, encoding="utf-8")
    messages = [str(error.message) for error in Ledger.load(str(path)).errors]
    assert any(message in text for text in messages), messages


def test_errors_md_shows_the_common_beancount_messages() -> None:
    assert len(beancount_examples()) == 4


def message_templates() -> list[str]:
    """Every message the plugin's modules make (``msg`` and ``msgn``): what users read."""
    templates: list[str] = []
    for path in (PACKAGE / f"{name}.py" for name in ERROR_MODULES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("msg", "msgn")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                template = node.args[0].value
                assert isinstance(template, str), template  # what is translated is text
                templates.append(template)
    return templates


def test_every_message_of_the_package_is_documented() -> None:
    """Each fixed part (between placeholders) of every message appears in errors.md."""
    documented = " ".join(ERRORS.split())
    missing = []
    for template in message_templates():
        for part in re.split(r"\{[^}]*\}", template.replace("{{", "{").replace("}}", "}")):
            part = " ".join(part.split())
            if len(part.strip(" ;:,.()'\"")) >= 4 and part not in documented:
                missing.append((template, part))
    assert missing == []


# -- accounting.md and README.md ---------------------------------------------

ACCOUNTING = (DOCS / "accounting.md").read_text(encoding="utf-8")
README = (DOCS.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "snippet",
    blocks(ACCOUNTING, "beancount")
    + blocks(README, "beancount")
    + blocks((DOCS / "report.md").read_text(encoding="utf-8"), "beancount")
    + blocks((DOCS / "fava.md").read_text(encoding="utf-8"), "beancount"),
)
def test_other_doc_ledgers_load_without_errors(snippet: str, tmp_path: Path) -> None:
    path = tmp_path / "main.beancount"
    path.write_text(snippet, encoding="utf-8")
    _entries, errors, _options = loader.load_file(str(path))
    assert [error.message for error in errors] == []


def test_accounting_shows_what_the_plugin_writes(tmp_path: Path) -> None:
    from beancount.parser import printer

    path = tmp_path / "main.beancount"
    path.write_text(blocks(ACCOUNTING, "beancount")[0], encoding="utf-8")
    entries, _errors, _options = loader.load_file(str(path))
    (txn,) = [e for e in entries if type(e).__name__ == "Transaction"]
    assert normalise(printer.format_entry(txn)) == normalise(blocks(ACCOUNTING, "text")[0])


# The demo ledger as loaded: its entries and options, what a query runs on.
Demo = tuple[list[data.Directive], dict[str, Any]]


@pytest.fixture(scope="module")
def demo() -> Demo:
    entries, errors, options = loader.load_file(str(DOCS.parent / "ledgers" / "demo.beancount"))
    assert errors == []
    return entries, options


def sql_blocks(text: str) -> list[str]:
    return [textwrap.dedent(body) for body in re.findall(r"```sql\n(.*?)```", text, re.DOTALL)]


@pytest.mark.parametrize("query", sql_blocks(ACCOUNTING))
def test_accounting_queries_run_on_the_demo(query: str, demo: Demo) -> None:
    from beanquery.query import run_query

    _types, rows = run_query(*demo, query)
    assert rows


def test_generated_entries_net_to_zero_on_the_demo(demo: Demo) -> None:
    from beanquery.query import run_query

    _types, rows = run_query(*demo, "SELECT sum(position) AS net WHERE 'timeroi' IN tags")
    (inventory,) = rows[0]
    assert inventory.is_empty()


# -- report.md ------------------------------------------------------------------

REPORT_DOC = (DOCS / "report.md").read_text(encoding="utf-8")


def test_report_worked_example(tmp_path: Path) -> None:
    """The figures worked out by hand in report.md are what the engine reports."""
    from beancount_timeroi.render.json_report import as_dict

    example = blocks(REPORT_DOC, "beancount")[0]
    path = tmp_path / "main.beancount"
    path.write_text(example, encoding="utf-8")
    data = as_dict(build_report(Ledger.load(str(path))))
    got = {row["channel"]: row for row in data["channels"]}
    fields = (
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
    )
    expected = {
        "linkedin": (
            "1.83",
            "165.00",
            "39.99",
            "204.99",
            "600.00",
            "395.01",
            "1.9270",
            "327.27",
            "90.00",
            1,
            1,
            1,
            "204.99",
        ),
        "blog": (
            "2.67",
            "240.00",
            "0.00",
            "240.00",
            "2400.00",
            "2160.00",
            "9.0000",
            "900.00",
            "90.00",
            2,
            2,
            2,
            "120.00",
        ),
        None: (
            "4.50",
            "405.00",
            "39.99",
            "444.99",
            "3000.00",
            "2555.01",
            "5.7417",
            "666.67",
            "90.00",
            2,
            2,
            2,
            "222.50",
        ),
    }
    for channel, values in expected.items():
        row = got[channel] if channel else data["totals"]
        assert tuple(row[name] for name in fields) == values
    assert (data["unattributed_revenue"], data["total_revenue"]) == ("150.00", "3150.00")
    assert all(check["ok"] for check in data["checks"])
    # The doc's own table says the same.
    assert "| cost per new client | 204.99 | 120.00 | 444.99 / 2 = 222.495 → 222.50 |" in REPORT_DOC


def test_report_content_worked_example(tmp_path: Path) -> None:
    """The content figures worked out by hand in report.md are what the engine reports."""
    from beancount_timeroi.render.json_report import as_dict

    example = blocks(REPORT_DOC, "beancount")[1]
    assert 'custom "content"' in example
    path = tmp_path / "main.beancount"
    path.write_text(example, encoding="utf-8")
    data = as_dict(build_report(Ledger.load(str(path))))
    fields = (
        "hours",
        "time_cost",
        "cash_cost",
        "cost",
        "revenue",
        "net",
        "roi",
        "revenue_share",
        "clients",
        "new_clients",
    )
    expected = {
        "accessible-forms": (
            "4.67", "420.00", "25.00", "445.00", "666.67", "221.67", "0.4981", "0.4444", 1, 1
        ),
        "color-contrast": (
            "0.00", "0.00", "0.00", "0.00", "500.00", "500.00", None, "0.3333", 1, 1
        ),
        None: ("1.00", "90.00", "0.00", "90.00", "333.33", "243.33", "2.7037", "0.2222", 1, 1),
    }  # fmt: skip
    got = {row["content"]: tuple(row[name] for name in fields) for row in data["contents"]}
    assert got == expected
    totals = data["contents_totals"]
    assert tuple(totals[name] for name in fields) == (
        "5.67", "510.00", "25.00", "535.00", "1500.00", "965.00", "1.8037", "1.0000", 2, 2
    )  # fmt: skip
    checklist = data["contents"][0]
    assert checklist["title"] == "Accessible forms: a checklist"
    assert (checklist["channel"], checklist["published"]) == ("blog", "2025-03-10")
    assert [(item["activity"], item["hours"]) for item in checklist["activities"]] == [
        ("diffusion", "0.67"),
        ("publishing", "1.00"),
        ("writing", "3.00"),
    ]
    revenue = {row["channel"]: row["revenue"] for row in data["channels"]}
    assert revenue == {"blog": "833.33", "linkedin": "666.67"}
    assert data["errors"] == []
    # The doc's own table says the same.
    assert "| revenue | 333.34 + 333.33 = 666.67 | 500.00 | 333.33 | 1,500.00 |" in REPORT_DOC


def test_report_budget_worked_example(tmp_path: Path) -> None:
    """The budgets and the comparison worked out by hand in report.md."""
    import datetime

    from beancount_timeroi.periods import compared_period
    from beancount_timeroi.render.json_report import as_dict
    from beancount_timeroi.report import Period

    (example,) = [block for block in blocks(REPORT_DOC, "beancount") if "time-budget" in block]
    path = tmp_path / "main.beancount"
    path.write_text(example, encoding="utf-8")
    quarter = Period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    other = compared_period("last-year", quarter)
    data = as_dict(build_report(Ledger.load(str(path)), quarter, compare=other))
    assert data["errors"] == []
    budgets = {
        row["channel"]: (
            row["budget_hours"],
            row["hours"],
            row["used"],
            row["remaining_hours"],
            row["budget_cost"],
            row["cost"],
            row["used_cost"],
            row["remaining_cost"],
            row["over"],
        )
        for row in data["budgets"]
    }
    assert budgets == {
        "blog": ("22.90", "24.00", "1.0480", "-1.10", None, "2160.00", None, None, True),
        "linkedin": ("32.14", "4.50", "0.1400", "27.64", None, "465.00", None, None, False),
        "*": (None, "28.50", None, None, "1500.00", "2625.00", "1.7500", "-1125.00", True),
    }
    compared = data["comparison"]
    assert compared["period"] == {"start": "2024-01-01", "end": "2024-03-31"}
    linkedin = next(row for row in compared["channels"] if row["channel"] == "linkedin")
    assert (linkedin["hours"], linkedin["cost"], linkedin["roi"]) == ("3.00", "270.00", "2.3333")
    assert linkedin["change"] == {
        "hours": "1.50",
        "cost": "195.00",
        "revenue": "300.00",
        "net": "105.00",
        "new_clients": -1,
        "roi": "-0.7527",
    }
    assert compared["totals"]["change"] == {
        "hours": "25.50",
        "cost": "2355.00",
        "revenue": "1100.00",
        "net": "-1255.00",
        "new_clients": 0,
        "roi": "-2.5714",
    }
    assert "| Total ROI | −625 / 2,625 = −0.2381 | 2.3333 | −2.5714 |" in REPORT_DOC


def test_report_md_plan_example_matches_plan() -> None:
    from decimal import Decimal

    from beancount_timeroi.plan import Plan

    plan = Plan.daily(Decimal(1), Decimal(5), Decimal(85))
    assert (plan.hours_per_month, plan.cost_per_month, plan.hours_per_year, plan.cost_per_year) == (
        Decimal("21.67"),
        Decimal("1841.67"),
        Decimal("260.00"),
        Decimal("22100.00"),
    )
    assert "21.67 hours and 1,841.67 a month, 260 hours and 22,100.00 a year" in REPORT_DOC


def test_year_end_queries_tie_to_the_demo_report(demo: Demo) -> None:
    """The two tie-out queries of the year-end procedure give the report's totals."""
    from beanquery.query import run_query

    from beancount_timeroi.render.json_report import as_dict

    section = ACCOUNTING.split("## Year-end procedure")[1].split("## Rates")[0]
    time_query, income_query = sql_blocks(section)
    ((imputed,),) = run_query(*demo, time_query)[1]
    ((income,),) = run_query(*demo, income_query)[1]
    entries, options = demo
    report = as_dict(build_report(Ledger(entries, [], options), year_period(2025)))
    assert str(imputed) == report["totals"]["time_cost"] == "29427.71"
    assert str(-income) == report["total_revenue"] == "78675.00"


# -- attribution.md -------------------------------------------------------------

ATTRIBUTION_DOC = (DOCS / "attribution.md").read_text(encoding="utf-8")


def test_attribution_worked_example(tmp_path: Path) -> None:
    """The shares worked out by hand in attribution.md are what each model gives."""
    from beancount_timeroi.render.json_report import as_dict

    (example,) = blocks(ATTRIBUTION_DOC, "beancount")
    path = tmp_path / "main.beancount"
    path.write_text(example, encoding="utf-8")
    ledger = Ledger.load(str(path))
    assert ledger.errors == []
    expected = {
        "first-touch": ("1000.00", "0.00", "0.00"),
        "last-touch": ("0.00", "0.00", "1000.00"),
        "linear": ("333.34", "333.33", "333.33"),
        "time-decay": ("130.01", "349.96", "520.03"),
        "position-based": ("400.00", "200.00", "400.00"),
    }
    for model, figures in expected.items():
        rows = {
            row["channel"]: row["revenue"]
            for row in as_dict(build_report(ledger, model=model))["channels"]
        }
        assert (rows["blog"], rows["linkedin"], rows["newsletter"]) == figures, model
        shown = " | ".join(f"{float(value):,.2f}" for value in figures)
        assert f"| {model} | {shown} |" in ATTRIBUTION_DOC


def test_attribution_config_block_is_valid() -> None:
    (config_text,) = blocks(ATTRIBUTION_DOC, "yaml")
    config, errors, _language = load_config(config_text, {"filename": "<string>"})
    assert errors == [] and config is not None
    assert (config.attribution.model, config.attribution.window_days) == ("first-touch", 365)
