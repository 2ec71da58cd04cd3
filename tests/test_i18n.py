"""SPEC 10: English and Canadian French.

The catalog covers every text of the code; the language comes from --lang,
else the config's, else the environment (Fava: its own setting); numbers,
money and dates follow the language; JSON and CSV are the same bytes in
both; a French report has the English report's figures.
"""

from __future__ import annotations

import ast
import gettext
import html
import importlib.util
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from beancount_timeroi import errors, i18n
from beancount_timeroi.cli import asked_language, main
from beancount_timeroi.errors import Figure, english_text, msg, msgn
from beancount_timeroi.i18n import _, figure, n_, translate, use_language
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import year_period
from beancount_timeroi.render.formatting import Formatter

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "beancount_timeroi"
CATALOG = ROOT / "beancount_timeroi" / "locale" / "fr" / "LC_MESSAGES" / "beancount_timeroi.po"
DEMO = ROOT / "ledgers" / "demo.beancount"


def _tools_catalog() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tools_catalog()
with open(CATALOG, "rb") as _file:
    FRENCH = read_po(_file, locale="fr_CA")


def french_of(text: str) -> str:
    """The catalog's French for a text (not a plural: read_po gives it as one text)."""
    message = FRENCH.get(text)
    assert message is not None and isinstance(message.string, str), text
    return message.string


def french_plurals_of(singular: str) -> tuple[str, ...]:
    """The catalog's French forms of a plural message (read_po gives them as a tuple)."""
    message = FRENCH.get(singular)
    assert message is not None and isinstance(message.string, tuple), singular
    return message.string


def placeholders(text: str) -> list[str]:
    """The fields str.format fills in (``{name}``, ``{name!r}``) and %-style ones."""
    return sorted(re.findall(r"\{[a-z_]+(?:![rsa])?\}|%\([a-z_]+\)s", text))


# -- the catalog ----------------------------------------------------------------


def test_the_catalog_finds_every_text_of_the_code() -> None:
    """Each text the code marks (``msg``, ``msgn``, ``_``, ``n_``, ``N_``), however deep in
    an expression, is one the catalog's extractor finds: none escapes the check below."""
    marked: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("msg", "msgn", "_", "n_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                marked[node.args[0].value] = f"{path.name}:{node.lineno}"
    extracted = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in TOOL.package_messages()
        if message.id
    }
    assert {text: where for text, where in marked.items() if text not in extracted} == {}


def test_every_text_of_the_code_has_a_french_translation() -> None:
    """A text marked for translation with no French (or a fuzzy one) fails here:
    run `make messages` and translate the new entries."""
    missing = []
    for message in TOOL.package_messages():
        if not message.id:
            continue
        french = FRENCH.get(message.id)
        strings = (
            ()
            if french is None
            else (french.string if isinstance(french.string, tuple) else (french.string,))
        )
        if french is None or french.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


def test_the_click_words_in_the_catalog_are_translated() -> None:
    """Click's own words (Usage:, Options, its errors) that the catalog holds."""
    click_ids = {message.id for message in TOOL.click_messages() if message.id}
    held = [message for message in FRENCH if message.id in click_ids]
    assert len(held) >= 40
    assert [
        message.id
        for message in held
        if message.fuzzy
        or not all(message.string if isinstance(message.string, tuple) else (message.string,))
    ] == []


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for message in FRENCH:
        if not message.id or not message.string:
            continue
        # read_po gives a text, or a tuple of texts for a plural: never a list.
        assert not isinstance(message.id, list) and not isinstance(message.string, list)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if placeholders(text) not in (placeholders(ids[0]), placeholders(ids[-1])):
                wrong.append((ids[0], text))
    assert wrong == []


def test_french_typography_before_colons_and_percent_signs() -> None:
    """OQLF: a no-break space (U+00A0) before ':' and '%' in French prose, never a
    plain space that could break the line before them."""
    wrong = [
        message.string
        for message in FRENCH
        if isinstance(message.string, str) and re.search(r" (?:[:»]|%(?!\())|« ", message.string)
    ]
    assert wrong == []


def test_the_compiled_catalog_is_what_gettext_reads(tmp_path: Path) -> None:
    compiled = tmp_path / "fr" / "LC_MESSAGES" / "beancount_timeroi.mo"
    compiled.parent.mkdir(parents=True)
    compiled.write_bytes(i18n.compile_po(CATALOG))
    translations = gettext.translation("beancount_timeroi", str(tmp_path), ["fr"])
    entry = FRENCH.get("Cost and return")
    assert entry is not None and entry.string
    assert translations.gettext("Cost and return") == entry.string
    # French plural rule: 0 and 1 are singular.
    singular = "{count} posting could not be converted to {currency} and is left out"
    plural = "{count} postings could not be converted to {currency} and are left out"
    assert translations.ngettext(singular, plural, 0) == french_plurals_of(singular)[0]


# -- messages keep their English --------------------------------------------------


def test_a_message_keeps_its_english_through_parameters_and_join() -> None:
    heading = msg("Cost and return")
    text = msg("{name}: {detail}", name="books-match", detail=heading)
    both = errors.join([heading, text])
    assert translate(heading, "fr") == french_of("Cost and return")
    assert english_text(heading) == "Cost and return"
    assert english_text(text) == "books-match: Cost and return"
    assert english_text(both) == "Cost and return; books-match: Cost and return"
    assert translate(text, "fr") != english_text(text)


def test_plural_forms_follow_each_language() -> None:
    singular = "{count} posting could not be converted to {currency} and is left out"
    plural = "{count} postings could not be converted to {currency} and are left out"
    with use_language("en"):
        assert n_(singular, plural, 0) == plural  # English: 0 is plural
        assert n_(singular, plural, 1) == singular
    with use_language("fr"):
        french = french_plurals_of(singular)
        assert n_(singular, plural, 0) == french[0]  # French: 0 is singular
        assert n_(singular, plural, 2) == french[1]
        assert english_text(msgn(singular, plural, 0)) == plural


def test_figures_in_messages_follow_the_language_and_stay_plain_in_english() -> None:
    with use_language("en"):
        assert figure(Decimal("-3733.33")) == "-3,733.33"
    with use_language("fr"):
        value = Figure(Decimal("-3733.33"))
        assert translate(value) == "-3\u00a0733,33"
        assert english_text(value) == "-3733.33"


# -- numbers, money, dates (Babel) --------------------------------------------------


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        ("en", "CAD", ("1,234.56", "$1,234.56", "77.36%", "-$50.00")),
        ("en", "USD", ("1,234.56", "$1,234.56", "77.36%", "-$50.00")),
        ("fr", "CAD", ("1\u00a0234,56", "1\u00a0234,56\u00a0$", "77,36\u00a0%", "-50,00\u00a0$")),
        ("fr", "EUR", ("1\u00a0234,56", "1\u00a0234,56\u00a0€", "77,36\u00a0%", "-50,00\u00a0€")),
    ],
)
def test_numbers_and_money_follow_the_language(
    language: str, currency: str, expected: tuple[str, ...]
) -> None:
    with use_language(language):
        fmt = Formatter(currency=currency)
        assert (
            fmt.money(Decimal("1234.56")),
            fmt.amount(Decimal("1234.56"), currency),
            fmt.percent(Decimal("0.7736")),
            fmt.amount(Decimal("-50.00"), currency),
        ) == expected
        assert fmt.date(year_period(2025).start) == "2025-01-01"  # ISO in both


def test_a_commodity_without_a_currency_sign_is_written_after_the_number() -> None:
    with use_language("en"):
        assert Formatter(currency="HOURS").amount(Decimal("12.5"), "HOURS") == "12.50 HOURS"


# -- which language -------------------------------------------------------------------


LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{{rate: 80, channels: {{linkedin: {{name: LinkedIn}}}}{language}}}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-03-01 custom "time" "linkedin" "1h30"
2025-03-02 custom "time" "linkdin" 1
2025-03-03 * "Client A" "Logo" #linkedin
  Assets:Bank   1500.00 CAD
  Income:Design
"""


def books(tmp_path: Path, language: str | None = None) -> Path:
    path = tmp_path / f"books-{language}.beancount"
    path.write_text(
        LEDGER.format(language=f", language: {language}" if language else ""), encoding="utf-8"
    )
    return path


def report_text(path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["report", str(path), "--year", "2025", *args], env=env)
    assert result.exit_code == 1, result.output  # the misspelt channel is an error
    return result.stdout


HEADING_FR = french_of("Cost and return")


@pytest.mark.parametrize(
    ("language", "args", "env", "french"),
    [
        (None, (), None, False),  # nothing: English
        (None, (), {"LANG": "fr_CA.UTF-8"}, True),  # the environment
        (None, (), {"LANGUAGE": "fr:en", "LANG": "C"}, True),  # LANGUAGE first
        ("en", (), {"LANG": "fr_CA.UTF-8"}, False),  # the config beats the environment
        ("fr", (), None, True),
        ("fr", ("--lang", "en"), None, False),  # --lang beats the config
        ("en", ("--lang", "fr"), {"LANG": "en_CA.UTF-8"}, True),
        ("en", ("--lang=fr",), None, True),
    ],
)
def test_the_language_comes_from_lang_then_config_then_environment(
    tmp_path: Path,
    language: str | None,
    args: tuple[str, ...],
    env: dict[str, str] | None,
    french: bool,
) -> None:
    out = report_text(books(tmp_path, language), *args, env=env)
    assert (HEADING_FR in out) is french
    assert ("Cost and return" in out) is not french
    # The plugin's error (the misspelt channel) is in the report's language too.
    unknown = french_of("unknown channel '{ref}'{hint}").format(ref="linkdin", hint="")
    assert (unknown in out) is french
    assert ("unknown channel 'linkdin'" in out) is not french


def test_the_language_option_is_read_before_the_command_line_is_parsed() -> None:
    assert asked_language(["report", "x", "--lang", "fr"]) == "fr"
    assert asked_language(["--lang=en", "report"]) == "en"
    assert asked_language(["report", "--", "--lang", "fr"]) is None
    assert asked_language(["report", "--lang"]) is None


def test_plugin_messages_follow_the_config_language(tmp_path: Path) -> None:
    english_errors = Ledger.load(str(books(tmp_path, "en"))).errors
    french_ledger = Ledger.load(str(books(tmp_path, "fr")))
    french_errors = french_ledger.errors
    assert len(english_errors) == len(french_errors) == 1
    (en,), (fr,) = english_errors, french_errors
    assert fr.message != en.message
    # The plugin keeps its messages untranslated: the same message, in English.
    assert french_ledger.run is not None
    (untranslated,) = french_ledger.run.errors
    assert translate(untranslated.message, "en") == en.message
    assert translate(untranslated.message, "fr") == fr.message
    # Default (no language in the config, bean-check): English.
    (default,) = Ledger.load(str(books(tmp_path))).errors
    assert default.message == en.message


def test_library_messages_leave_the_process_as_they_found_it() -> None:
    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    with use_language("fr"), i18n.library_messages():
        assert gettext.gettext("Show this message and exit.") == french_of(
            "Show this message and exit."
        )
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before
    assert gettext.gettext("Show this message and exit.") == "Show this message and exit."


# -- machine formats are the same bytes in both languages ----------------------------


@pytest.mark.parametrize("ledger", ["demo", "errors"])
def test_json_and_csv_are_identical_in_english_and_french(tmp_path: Path, ledger: str) -> None:
    path = DEMO if ledger == "demo" else books(tmp_path)
    outputs = {}
    for language in ("en", "fr"):
        runner = CliRunner()
        json_out = runner.invoke(
            main, ["report", str(path), "--year", "2025", "--format", "json", "--lang", language]
        ).stdout
        folder = tmp_path / f"csv-{language}"
        runner.invoke(
            main,
            [
                "report",
                str(path),
                "--year",
                "2025",
                "--format",
                "csv",
                "--output",
                str(folder),
                "--lang",
                language,
            ],
        )
        outputs[language] = (
            json_out,
            {file.name: file.read_bytes() for file in sorted(folder.iterdir())},
        )
    assert outputs["en"] == outputs["fr"]
    data = json.loads(outputs["fr"][0])
    if ledger == "errors":
        assert data["errors"][0]["message"].startswith("unknown channel 'linkdin'")


# -- the French report has the English report's figures ----------------------------------


def numbers(text: str, language: str) -> list[Decimal]:
    """Every figure of a report, read back as a Decimal."""
    if language == "fr":
        pattern = r"-?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?"
        found = re.findall(pattern, text)
        return [Decimal(item.replace("\u00a0", "").replace(",", ".")) for item in found]
    found = re.findall(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?", text)
    return [Decimal(item.replace(",", "")) for item in found]


@pytest.mark.parametrize("output_format", ["text", "md", "html"])
def test_a_french_report_has_the_english_figures(output_format: str) -> None:
    texts = {}
    for language in ("en", "fr"):
        result = CliRunner().invoke(
            main,
            ["report", str(DEMO), "--year", "2025", "--format", output_format, "--lang", language],
        )
        assert result.exit_code == 0, result.output
        # What a reader sees: no style sheet, no tag (the charts' coordinates are code).
        shown = re.sub(r"<style>.*?</style>", "", result.stdout, flags=re.DOTALL)
        texts[language] = html.unescape(re.sub(r"<[^>]*>", " ", shown))
    english_figures = numbers(texts["en"], "en")
    french_figures = numbers(texts["fr"], "fr")
    assert len(english_figures) > 200
    assert french_figures == english_figures
    # The demo's totals, worked out in the SPEC's arithmetic: 29,427.71 of time,
    # 66,625.00 attributed revenue, ROI 77.36%.
    assert "29\u00a0427,71" in texts["fr"] and "77,36\u00a0%" in texts["fr"]
    assert "29,427.71" in texts["en"] and "77.36%" in texts["en"]


# -- help and click's words in French ----------------------------------------------------


def test_help_is_in_french_with_lang_or_the_environment() -> None:
    for args, env in (
        (["--lang", "fr", "report", "--help"], None),
        (["report", "--help"], {"LANG": "fr_CA.UTF-8"}),
    ):
        out = CliRunner().invoke(main, args, env=env).stdout
        for msgid in (
            "Usage:",
            "Options",
            "Show this message and exit.",
            "Report this calendar year.",
        ):
            assert french_of(msgid) in out, msgid
        assert "Show this message" not in out and "Report this calendar year" not in out


def test_argument_errors_are_in_french() -> None:
    result = CliRunner().invoke(main, ["report", "--lang", "fr"])
    assert result.exit_code == 2
    assert "Error:" not in result.stderr and "Missing argument" not in result.stderr
    assert french_of("Error: {message}").split("{")[0].strip() in result.stderr


def test_plan_in_french() -> None:
    out = (
        CliRunner()
        .invoke(
            main,
            [
                "plan",
                "--hours-per-day",
                "1",
                "--days-per-week",
                "5",
                "--rate",
                "85",
                "--currency",
                "CAD",
                "--lang",
                "fr",
            ],
        )
        .stdout
    )
    # 1 h x 5 days x 52/12 = 21.67 h a month; x 85 = 1,841.67 a month, 22,100.00 a year.
    assert "21,67" in out and "1\u00a0841,67\u00a0$" in out and "22\u00a0100,00\u00a0$" in out


def test_a_source_tree_without_compiled_catalogs_still_speaks_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog is compiled in memory (no .mo is written beside it), and for click
    into a temporary folder."""
    locale = tmp_path / "fr" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "beancount_timeroi.po").write_bytes(CATALOG.read_bytes())
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._compiled.cache_clear()
    i18n._catalog.cache_clear()
    try:
        with use_language("fr"):
            assert _("Cost and return") == HEADING_FR
            with i18n.library_messages():
                assert gettext.gettext("Usage:") == french_of("Usage:")
        assert not (locale / "beancount_timeroi.mo").exists()
    finally:
        i18n._compiled.cache_clear()
        i18n._catalog.cache_clear()


def test_messages_survive_pickling_with_their_english() -> None:
    import pickle

    message = msg("Cost and return")  # as the plugin's errors are, in Beancount's cache
    copy = pickle.loads(pickle.dumps(message))
    assert (translate(copy, "fr"), english_text(copy)) == (
        translate(message, "fr"),
        "Cost and return",
    )


def test_numbers_helper_reads_both_formats() -> None:
    assert numbers("a 1\u00a0234,56 b -7,5", "fr") == [Decimal("1234.56"), Decimal("-7.5")]
    assert numbers("a 1,234.56 b -7.5", "en") == [Decimal("1234.56"), Decimal("-7.5")]


def test_the_year_end_pack_in_french_keeps_its_machine_files(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    packs = {}
    for language in ("en", "fr"):
        folder = tmp_path / language
        result = CliRunner().invoke(
            main,
            ["yearend", str(DEMO), "--year", "2025", "--output", str(folder), "--lang", language],
        )
        assert result.exit_code == 0, result.output
        packs[language] = folder
    # The JSON and CSV files are the same bytes; the workbook's words are French, its
    # sheets keep the SPEC's names, its numbers are numbers.
    for name in ["roi-2025.json", *(f"csv/{p.name}" for p in (packs["en"] / "csv").iterdir())]:
        assert (packs["fr"] / name).read_bytes() == (packs["en"] / name).read_bytes(), name
    book = load_workbook(packs["fr"] / "roi-2025.xlsx")
    assert book.sheetnames[0] == "Summary"
    summary = book["Summary"]
    assert summary["A1"].value == french_of("Channel")
    assert "# " + french_of("Year-end pack of beancount-timeroi {version}").split("{")[0] in (
        packs["fr"] / "MANIFEST.txt"
    ).read_text(encoding="utf-8")


def test_the_html_report_names_its_language() -> None:
    """For screen readers, hyphenation and spelling tools."""
    for language, attribute in (("en", '<html lang="en">'), ("fr", '<html lang="fr-CA">')):
        out = (
            CliRunner()
            .invoke(
                main,
                ["report", str(DEMO), "--year", "2025", "--format", "html", "--lang", language],
            )
            .stdout
        )
        assert attribute in out.splitlines()[1]
