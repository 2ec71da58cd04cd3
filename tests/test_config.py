"""SPEC 2.1-2.2: the config, from a file, inline or absent, and its validation."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from conftest import LoadLedger

from beancount_timeroi.config import AttributionConfig
from beancount_timeroi.ledger import load_config

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"
2025-03-01 custom "time" "blog" 1
"""


def with_config(config: str) -> str:
    return LEDGER.replace("{config}", config)


def test_file_config_relative_to_the_top_level_ledger(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("conf/timeroi.yaml"), files={"conf/timeroi.yaml": "rate: 90\n"})
    assert loaded.errors == []
    assert str(loaded.transactions[0].postings[0].units) == "90.00 CAD"


def test_inline_config(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("{currency: CAD, rate: 70.5}"))
    assert loaded.errors == []
    assert str(loaded.transactions[0].postings[0].units) == "70.50 CAD"


def test_no_config_uses_the_defaults(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        option "operating_currency" "CAD"
        plugin "beancount_timeroi"
        2025-01-01 custom "hourly-rate" 80.00 CAD
        2025-03-01 custom "time" "blog" 1
        """)
    assert loaded.errors == []
    (txn,) = loaded.transactions
    assert txn.tags == frozenset({"timeroi", "blog"})
    assert [p.account for p in txn.postings] == [
        "Expenses:Marketing:Time:Blog",
        "Income:Imputed:Time",
    ]


def test_empty_config_file_uses_the_defaults(ledger: LoadLedger) -> None:
    loaded = ledger(
        with_config("timeroi.yaml") + '2025-01-01 custom "hourly-rate" 80.00 CAD\n',
        files={"timeroi.yaml": "# nothing yet\n"},
    )
    assert loaded.errors == []
    assert len(loaded.transactions) == 1


def test_missing_config_file(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("timeroy.yaml"))
    assert loaded.error_lines() == [("main.beancount", 2)]
    (message,) = loaded.messages()
    assert message.startswith("config file ")
    assert message.endswith(
        "timeroy.yaml not found: create it, fix the path on the plugin line "
        "(it is relative to this ledger's folder), or remove the path to use "
        "the defaults"
    )
    # Nothing is generated under a config that could not be read; entries are kept.
    assert loaded.generated == []
    assert len(loaded.entries) == 1


def test_invalid_yaml_points_at_its_line(ledger: LoadLedger) -> None:
    config = "currency: CAD\nrate: 85\npeople:\n  alex: [{since: 2025-01-01, rate: 30}\n"
    loaded = ledger(with_config("timeroi.yaml"), files={"timeroi.yaml": config})
    assert len(loaded.errors) == 1
    assert loaded.error_lines()[0][0] == "timeroi.yaml"
    assert loaded.error_lines()[0][1] in (4, 5)  # PyYAML marks the end of the open list
    assert loaded.messages() == [
        "In timeroi.yaml: check the brackets: every [ needs its ], "
        "every { its }, and the items are separated by commas"
    ]


def test_unknown_keys_and_wrong_types_each_at_their_line(ledger: LoadLedger) -> None:
    config = """\
currency: cad
rate: -5
peple: {}
people:
  alex:
    - {since: 2025-13-01, rate: 30}
    - {rate: zero}
    - {since: 2025-01-01}
  sam: [12]
channels:
  LinkedIn: {name: LinkedIn, colour: blue}
  "my blog": {}
  x: {account: "Assets:Bank"}
  y: {account: "not an account"}
  news: {aliases: [linkedin]}
accounts: {time: "Income:Time", offset: 12}
tag: "#not a tag"
generate: "yes please"
time_units: [H, hours]
attribution: {model: last-click, half_life_days: 0, window_days: 1.5}
import:
  map: {"Social - Twitter": twiter}
  people: {"Alex B": 12}
timezone: Mars/Olympus
language: de
"""
    loaded = ledger(with_config("timeroi.yaml"), files={"timeroi.yaml": config})
    got = list(zip([line for _f, line in loaded.error_lines()], loaded.messages(), strict=True))
    assert {name for name, _line in loaded.error_lines()} == {"timeroi.yaml"}
    expected = [
        (
            1,
            "In timeroi.yaml, currency: expected a commodity like CAD or EUR (capital letters), got 'cad'",
        ),
        (2, "In timeroi.yaml, rate: expected an hourly rate greater than zero, got -5"),
        (3, "In timeroi.yaml, peple: unknown key 'peple'; did you mean 'people'?"),
        (
            6,
            "In timeroi.yaml, people > alex > item 1 > since: expected a date like 2025-01-01, got '2025-13-01'",
        ),
        (
            7,
            "In timeroi.yaml, people > alex > item 2 > rate: expected an hourly rate written as a plain number, like 85 or 85.50 (a dot for decimals, no currency or other text), got 'zero'",
        ),
        (
            8,
            "In timeroi.yaml, people > alex > item 3: this rate has no 'rate:'; write it like '{since: 2025-01-01, rate: 32}'",
        ),
        (
            9,
            "In timeroi.yaml, people > sam > item 1: write each rate from a date like '{since: 2025-01-01, rate: 32}' (or a single rate like 'sam: 32'), got 12",
        ),
        (
            11,
            "In timeroi.yaml, channels > LinkedIn > colour: unknown key 'colour' (the keys are: name, account, aliases)",
        ),
        (
            12,
            "In timeroi.yaml, channels > my blog: 'my blog' is not a channel name: use lowercase letters, digits, '-' and '_', starting with a letter or digit, like my-blog",
        ),
        (
            13,
            "In timeroi.yaml, channels > x > account: the account Assets:Bank must be under Expenses",
        ),
        (
            14,
            "In timeroi.yaml, channels > y > account: expected a Beancount account name like Expenses:Marketing:Time, got 'not an account'",
        ),
        (
            15,
            "In timeroi.yaml, channels > news: 'linkedin' names both channel 'linkedin' and channel 'news'",
        ),
        (16, "In timeroi.yaml, accounts > time: the account Income:Time must be under Expenses"),
        (
            16,
            "In timeroi.yaml, accounts > offset: expected a Beancount account name like Expenses:Marketing:Time, got 12",
        ),
        (
            17,
            "In timeroi.yaml, tag: expected a tag (letters, digits, '-', '_', '/', '.'), got '#not a tag'",
        ),
        (18, "In timeroi.yaml, generate: expected true or false, got 'yes please'"),
        (
            19,
            "In timeroi.yaml, time_units > item 2: expected a commodity like H or HOURS (capital letters), got 'hours'",
        ),
        (
            20,
            "In timeroi.yaml, attribution > model: expected one of first-touch, last-touch, linear, time-decay, position-based, got 'last-click'; did you mean 'last-touch'?",
        ),
        (
            20,
            "In timeroi.yaml, attribution > half_life_days: expected a number of days greater than zero, got 0",
        ),
        (
            20,
            "In timeroi.yaml, attribution > window_days: expected a whole number of days greater than zero, like 365, got 1.5",
        ),
        (
            22,
            "In timeroi.yaml, import > map > Social - Twitter: unknown channel 'twiter': declare it under 'channels:' in the config",
        ),
        (23, "In timeroi.yaml, import > people > Alex B: expected a person's name, got 12"),
        (
            24,
            "In timeroi.yaml, timezone: expected a time zone name like America/Toronto or Europe/Paris, got 'Mars/Olympus'",
        ),
        (25, "In timeroi.yaml, language: expected one of en, fr, got 'de'"),
    ]
    assert len(got) == len(expected), got
    for (line, message), (expected_line, expected_start) in zip(
        sorted(got), sorted(expected), strict=True
    ):
        assert (line, message[: len(expected_start)]) == (expected_line, expected_start)
    assert loaded.generated == []


def test_import_map_to_an_unknown_declared_channel(ledger: LoadLedger) -> None:
    config = "channels: {twitter: {}}\nimport:\n  map: {'Social - Twitter': twiter}\n"
    loaded = ledger(with_config("timeroi.yaml"), files={"timeroi.yaml": config})
    assert loaded.messages() == [
        "In timeroi.yaml, import > map > Social - Twitter: unknown channel 'twiter'; "
        "did you mean 'twitter'?"
    ]
    assert loaded.error_lines() == [("timeroi.yaml", 3)]


def test_inline_config_errors_are_at_the_plugin_line(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("{currency: CAD, rates: 85}"))
    assert loaded.error_lines() == [("main.beancount", 2)]
    assert loaded.messages() == [
        "In the plugin's inline config, rates: unknown key 'rates'; did you mean 'rate'?"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "each line must be a key, a colon, a space, then the value"),
        ("rate:85\n", "each line must be a key, a colon, a space, then the value"),
        ("people:\n\talex: 32\n", "this line is indented with a tab; indent with spaces"),
        ("offset: {a: b: c}\n", "check the brackets"),
        (
            "rate: &r 85\npeople: {alex: *r}\n",
            "YAML anchors and aliases (&name, *name) are not supported",
        ),
        ("a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n", "YAML anchors and aliases"),
        ("rate: 85\nrate: 90\n", "the key 'rate' appears twice; keep one"),
        ("base: &b {rate: 85}\n<<: *b\n", "YAML merge keys (<<) are not supported"),
        ("? [a, b]\n: 1\n", "a key in the config must be plain text"),
        ("x: " + "[" * 200 + "]" * 200 + "\n", "nested too deeply"),
        ("rate: 85\n---\nrate: 90\n", "not valid YAML"),
        (
            "rate: !!python/object:os.system ls\n",
            "the YAML tag !!python/object:os.system is not supported",
        ),
        ("rate: 85\n  people: 2\n", "indent it like the keys above it"),
        ('rate: "85\n', "not valid YAML: "),
    ],
)
def test_hostile_or_odd_yaml_is_refused_clearly(
    ledger: LoadLedger, text: str, message: str
) -> None:
    loaded = ledger(with_config("timeroi.yaml"), files={"timeroi.yaml": text})
    assert len(loaded.errors) == 1
    assert loaded.messages()[0].startswith("In timeroi.yaml: ")
    assert message in loaded.messages()[0]
    assert loaded.error_lines()[0][0] == "timeroi.yaml"


def test_huge_config_file_is_refused(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("timeroi.yaml"), files={"timeroi.yaml": "# x\n" * 300_000})
    assert len(loaded.errors) == 1
    assert loaded.messages() == [
        "In timeroi.yaml: the file is over 1 MB, and a timeroi config is a few lines; check that the "
        "plugin line names the right file"
    ]
    assert loaded.error_lines() == [("timeroi.yaml", 1)]


def test_config_file_that_is_not_utf8(ledger: LoadLedger, tmp_path: Path) -> None:
    (tmp_path / "timeroi.yaml").write_bytes("rate: 85\ntag: caf\xe9\n".encode("latin-1"))
    loaded = ledger(with_config("timeroi.yaml"))
    assert loaded.messages() == [
        "In timeroi.yaml: this line is not UTF-8 text; save the file as UTF-8"
    ]
    assert loaded.error_lines() == [("timeroi.yaml", 2)]


def test_config_path_that_is_a_folder(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("conf"), files={"conf/x.yaml": ""})
    (message,) = loaded.messages()
    assert message.startswith("config file ") and message.endswith(
        "/conf cannot be read (Is a directory)"
    )
    assert loaded.error_lines() == [("main.beancount", 2)]


def test_every_key_is_accepted_and_read() -> None:
    text = """{
        currency: CAD, rate: 85,
        people: {owner: [{since: 2025-01-01, rate: 95}], alex: 30},
        channels: {linkedin: {name: LinkedIn, aliases: [li]}, blog: {account: 'Expenses:Blog'}},
        accounts: {time: 'Expenses:Time', offset: 'Income:Imputed'},
        tag: social, generate: false, time_units: [H, HEURES],
        attribution: {model: time-decay, half_life_days: 10.5, window_days: 90},
        import: {map: {'Social - LinkedIn': li}, people: {'Alex B': alex}},
        timezone: America/Montreal, language: fr}"""
    config, errors, _language = load_config(text, {"filename": "<string>"})
    assert errors == []
    assert config is not None
    assert config.currency == "CAD"
    assert [(r.person, r.since, r.rate) for r in config.rates] == [
        ("owner", None, Decimal(85)),
        ("owner", datetime.date(2025, 1, 1), Decimal(95)),
        ("alex", None, Decimal(30)),
    ]
    assert [(c.slug, c.name, c.account, c.aliases) for c in config.channels or ()] == [
        ("linkedin", "LinkedIn", None, ("li",)),
        ("blog", None, "Expenses:Blog", ()),
    ]
    assert (config.time_account, config.offset_account) == ("Expenses:Time", "Income:Imputed")
    assert (config.tag, config.generate, config.time_units) == ("social", False, ("H", "HEURES"))
    assert config.attribution == AttributionConfig("time-decay", Decimal("10.5"), 90)
    assert dict(config.imports.channels) == {"Social - LinkedIn": "linkedin"}
    assert dict(config.imports.people) == {"Alex B": "alex"}
    assert (config.timezone, config.language) == ("America/Montreal", "fr")


def test_defaults() -> None:
    config, errors, _language = load_config(None, {"filename": "<string>"})
    assert errors == [] and config is not None
    assert config.currency is None and config.rates == () and config.channels is None
    assert (config.time_account, config.offset_account) == (
        "Expenses:Marketing:Time",
        "Income:Imputed:Time",
    )
    assert (config.tag, config.generate) == ("timeroi", True)
    assert config.time_units == ("H", "HR", "HRS", "HOUR", "HOURS")
    assert config.attribution == AttributionConfig("first-touch", Decimal(7), None)
    assert config.timezone is None and config.language is None


def test_channels_as_a_plain_list(ledger: LoadLedger) -> None:
    loaded = ledger(with_config("{currency: CAD, rate: 85, channels: [linkedin, blog]}"))
    assert loaded.errors == []
    assert loaded.transactions[0].postings[0].account == "Expenses:Marketing:Time:Blog"


def test_the_config_file_is_listed_with_the_included_files(ledger: LoadLedger) -> None:
    """So that Fava reloads when it changes (and its editor opens it), and Beancount's
    cache of the loaded ledger is refreshed."""
    loaded = ledger(with_config("conf/timeroi.yaml"), files={"conf/timeroi.yaml": "rate: 90\n"})
    config = loaded.path.parent / "conf" / "timeroi.yaml"
    assert loaded.options["include"] == [str(loaded.path), str(config)]
    assert not loader.needs_refresh(loaded.options)
    config.write_text("rate: 95\n", encoding="utf-8")  # same size: a newer time tells
    os.utime(config, (config.stat().st_atime, config.stat().st_mtime + 10))
    assert loader.needs_refresh(loaded.options)


def test_an_inline_or_missing_config_adds_no_file(ledger: LoadLedger) -> None:
    inline = ledger(with_config("{rate: 90}"))
    assert inline.options["include"] == [str(inline.path)]
    missing = ledger(with_config("nowhere.yaml"))
    assert missing.options["include"] == [str(missing.path)]
