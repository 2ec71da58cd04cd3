"""Property-based tests: random ledgers, valid and hostile, never break the plugin or the reports.

``ledgers()`` writes small Beancount files (at most 40 directives). Each part is
mostly what a careful user writes and sometimes what a careless or hostile one
does:

- a ``plugin "beancount_timeroi"`` line whose inline config is valid, absent or
  hostile (unknown keys, wrong types, a missing file, YAML anchors, 200 nested
  lists), sometimes listed twice;
- ``custom "time"`` entries with random channels (slugs, wrong case, empty,
  unicode, 300 characters, ``=1+1``, ``<script>``, non-strings), durations
  (hours, minutes, strings, 0, negatives, 10^30, ``"1:75"``, ``2 DAYS``, dates,
  accounts, booleans, the unparsable ``1.5 h`` and ``1:30``), values in the
  wrong order, and ``who:``/``activity:`` metadata;
- ``custom "hourly-rate"`` (zero, negative, other currencies, strings, wrong
  order) and ``custom "touch"`` directives, and the plugin's directives
  written with no values at all;
- transactions with hostile payees and narrations, channel tags, ``channel:``
  metadata (weights, zero weights, garbage) on transactions and postings,
  ``client:`` metadata, income and refunds in CAD or USD (with an ``@`` price,
  a price directive or neither), cash marketing costs and time logged as a
  commodity (``1.5 HR``);
- ``open`` directives for most accounts, so some postings hit unopened ones.

Invariants, for every ledger:

1. Loading never raises, gives no ``LoadError`` (a plugin crash) and no
   "stopped on an unexpected problem" error (a crash the plugin caught).
2. The user's entries come back unchanged: the entries loaded with the plugin,
   minus the generated ones (meta key ``__timeroi__``), equal those loaded with
   the plugin line turned off, except that the plugin's own directive types
   written without values come back with ``values == []`` (SPEC 2.4).
3. Every generated transaction balances per currency, and its
   ``filename``/``lineno`` point at the ``custom "time"`` line it values (or at
   the time-unit posting, SPEC 8), written on its date.
4. The JSON report parses; its money has two decimals; ``total_revenue ==
   totals.revenue + unattributed_revenue``; when no income posting is
   unconverted, the ``revenue-reconciles`` check is ok.
5. ``bean-timeroi report`` exits 0 or 1 with no traceback, in every format
   (CSV cells never start a formula, HTML never carries the ledger's markup);
   run as a real process, it prints the JSON the engine gives in this one.
6. Building and rendering a report twice gives identical JSON.

Bugs these properties found (huge amounts and rates, errors in hash-seed order)
keep a small property of their own, so they stay fixed.

``HYPOTHESIS_PROFILE`` picks the profile: ``default`` (about 200 examples in
all, derandomized for CI) or ``fuzz`` (15 times more, random).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"

from beancount import loader
from beancount.core import data
from click.testing import CliRunner
from hypothesis import Phase, event, given, note, settings
from hypothesis import strategies as st

from beancount_timeroi.cli import main
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.render import json_report

loader.initialize(use_cache=False)


def share(fraction: float) -> settings:
    """``fraction`` of the profile's examples, for the slower properties."""
    return settings(max_examples=max(1, round(settings().max_examples * fraction)))


REGRESSION = settings(
    share(0.05),
    report_multiple_bugs=False,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
)
"""For the properties of bugs found before: stop at the first failure, no explanation phase."""


T = TypeVar("T")


def mostly(valid: st.SearchStrategy[T], hostile: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``valid`` three times in four, else ``hostile``."""
    return st.one_of(valid, valid, valid, hostile)


def quoted(text: str) -> str:
    """``text`` as a Beancount string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def decimals(low: str, high: str) -> st.SearchStrategy[str]:
    """Numbers with two decimals in [low, high], written plainly."""
    return st.decimals(Decimal(low), Decimal(high), places=2).map(lambda number: f"{number:f}")


GENERATED = "__timeroi__"
OWN_TYPES = frozenset({"time", "hourly-rate", "touch"})
PLUGIN_CRASH = "stopped on an unexpected problem"
TWO_DECIMALS = re.compile(r"-?\d+\.\d\d")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
FORMATS = ("text", "md", "csv", "html", "json")
PERIODS = (
    (),
    ("--year", "2025"),
    ("--year", "2024"),
    ("--from", "2025-01-10", "--to", "2025-01-31"),
    ("--from", "2025-02-15", "--to", "2025-02-15"),
)
MAIN = "main.beancount"
HEADER = (
    'option "operating_currency" "CAD"',
    'plugin "beancount_timeroi" "{rate: 85}"',
    "2020-01-01 open Assets:Bank",
    "2020-01-01 open Income:Design",
)
"""A ledger that works, for the properties about one kind of directive."""


# -- the parts of a ledger ----------------------------------------------------


HOSTILE_TEXTS = (
    "",
    " ",
    *MARKUP,
    '=HYPERLINK("x")',
    "@SUM(1)",
    "-2+3",
    "+1",
    "=1+1",
    "\t=1",
    "\r=1",
    "Café Ünïcode 日本 🎉",
    "x" * 300,
    "a\\b",
    'say "hi"',
    "{{ 7*7 }}",
    "%s%n",
    "a\nb",
    "a | b",
    "**bold**",
    "../../etc/passwd",
)
hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=30))
texts = st.one_of(
    st.sampled_from(("Replied to comments", "Website redesign", "Logo")), hostile_text
)
"""Payees, narrations, descriptions, activities: any text is valid there."""
NON_STRINGS = ("12", "-1", "TRUE", "FALSE", "Assets:Bank", "2025-01-01", "1.50 CAD")
non_string = st.sampled_from(NON_STRINGS)
tags = st.lists(
    st.sampled_from(("linkedin", "blog", "article", "timeroi", "LinkedIn", "x", "unrelated")),
    max_size=3,
    unique=True,
)

SLUGS = ("linkedin", "blog", "x", "newsletter", "article")
BAD_CHANNELS = (
    "LinkedIn",
    "BLOG",
    "linkdin",
    "My Blog",
    "日本",
    "-blog",
    "_x",
    "timeroi",
    "a" * 300,
    "=1+1",
    "<script>",
    "",
)
CHANNEL_SPECS = ("linkedin", "linkedin blog", "linkedin, blog", "linkedin=60 blog=40", "blog")
BAD_CHANNEL_SPECS = (
    "linkedin=0 blog=0",
    "linkedin=-5 blog=105",
    "linkedin=60 blog",
    "=60 blog=40",
    "blog article",
    "blog blog",
    "linkedin=1e400",
    "linkedin=0.0000000000000000000000000001 blog=1",
    "",
    "LinkedIn",
    "linkedin=NaN",
    "linkedin==1",
)
DURATIONS = (
    "1.5",
    "0.25",
    "2",
    "1.5 H",
    "2 HR",
    "1 HOUR",
    "90 MIN",
    "20 MINUTES",
    '"1h30"',
    '"1h 30m"',
    '"45m"',
    '"90min"',
    '"1:30"',
    '"1.5"',
    '"2 hours"',
    '"20 min"',
)
BAD_DURATIONS = (
    "0",
    "-2",
    "24.01",
    "0.0001",
    "1000000000000000000000000000000",
    '"1:75"',
    '"1h75"',
    '"24h01"',
    '"25"',
    '""',
    '"abc"',
    '"-1h"',
    "2 DAYS",
    "0 HR",
    "-1 HR",
    "1.5 CAD",
    "2025-01-01",
    "Assets:Bank",
    "TRUE",
    "FALSE",
    "1.5 h",
    "1:30",
    "1e3",
)
RATES = ("85.00 CAD", "95 CAD", "32.50 CAD")
BAD_RATES = ("0 CAD", "-5.00 CAD", "60.00 USD", "85", '"eighty"', "123456789012 CAD", "0.001 CAD")
ACCOUNTS = (
    "Assets:Bank",
    "Income:Design",
    "Income:Consulting",
    "Expenses:Marketing:Ads",
    "Expenses:Time:Linkedin",
    "Expenses:Time:Blog",
    "Expenses:Time:Clients",
    "Equity:Time",
    "Income:Personal:Salary",
    "Income:Personal:Vacation",
    "Assets:Vacation",
    "Expenses:Personal:Food",
)


def only_valid(valid: st.SearchStrategy[T], hostile: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``valid``, always."""
    return valid


@dataclass(frozen=True)
class Parts:
    """Strategies for the parts of a ledger that decide whether its time is valued."""

    text: st.SearchStrategy[str]
    channel: st.SearchStrategy[str]
    channel_meta: st.SearchStrategy[str]
    person: st.SearchStrategy[str]
    client: st.SearchStrategy[str]
    date: st.SearchStrategy[datetime.date]
    amount: st.SearchStrategy[str]
    currency: st.SearchStrategy[str]
    duration: st.SearchStrategy[str]
    rate: st.SearchStrategy[str]
    hours: st.SearchStrategy[str]
    time_unit: st.SearchStrategy[str]
    price: st.SearchStrategy[str]
    income_accounts: st.SearchStrategy[list[str]]
    opened: st.SearchStrategy[tuple[str, ...]]
    operating_currency: st.SearchStrategy[str | None]
    config: st.SearchStrategy[str | None]
    order: Callable[[list[str]], st.SearchStrategy[list[str]]]  # a directive's values as written
    hostile: bool

    @classmethod
    def build(cls, hostile: bool) -> Parts:
        """Valid parts only (``hostile`` false), or each valid three times in four."""
        pick = mostly if hostile else only_valid
        channel = pick(
            st.sampled_from(SLUGS).map(quoted),
            st.one_of(
                st.sampled_from(BAD_CHANNELS).map(quoted), hostile_text.map(quoted), non_string
            ),
        )
        return cls(
            text=pick(texts.map(quoted), non_string),
            channel=channel,
            channel_meta=pick(
                st.sampled_from(CHANNEL_SPECS).map(quoted),
                st.one_of(st.sampled_from(BAD_CHANNEL_SPECS).map(quoted), channel),
            ),
            person=pick(
                st.sampled_from(("alex", "Alex", "owner")).map(quoted),
                st.one_of(
                    st.sampled_from(("zoe", "", "ALEX ")).map(quoted),
                    hostile_text.map(quoted),
                    non_string,
                ),
            ),
            client=pick(
                st.sampled_from(("Acme Inc", "ACME  inc", "Atelier Boréal", "Meta")), hostile_text
            ),
            date=pick(
                st.dates(datetime.date(2025, 1, 1), datetime.date(2025, 2, 15)),
                st.sampled_from(
                    (
                        datetime.date(2019, 12, 31),
                        datetime.date(2024, 12, 31),
                        datetime.date(2099, 12, 31),
                    )
                ),
            ),
            amount=pick(
                decimals("1", "9000"),
                st.one_of(
                    decimals("-500", "0"),
                    st.sampled_from(("0", "0.001", "-0.01", "123456789012.34")),
                ),
            ),
            currency=pick(st.just("CAD"), st.just("USD")),
            duration=pick(
                st.one_of(st.sampled_from(DURATIONS), decimals("0.01", "8")),
                st.one_of(st.sampled_from(BAD_DURATIONS), decimals("-3", "30")),
            ),
            rate=pick(
                st.sampled_from(RATES),
                st.one_of(
                    decimals("-10", "200").map(lambda number: f"{number} CAD"),
                    st.sampled_from(BAD_RATES),
                ),
            ),
            hours=pick(decimals("0.25", "8"), decimals("-2", "30")),
            time_unit=pick(st.sampled_from(("HR", "H", "HOURS")), st.sampled_from(("MIN", "DAYS"))),
            price=pick(st.just(""), st.sampled_from((" @ 1.35 CAD", " @ 0 CAD", " @ 1.10 EUR"))),
            income_accounts=pick(  # two postings without amounts is a Beancount error
                st.sampled_from(("Income:Design", "Income:Consulting")).map(lambda a: [a]),
                st.just(["Income:Design", "Income:Consulting"]),
            ),
            opened=pick(
                st.just(ACCOUNTS), st.lists(st.sampled_from(ACCOUNTS), unique=True).map(tuple)
            ),
            operating_currency=pick(st.just("CAD"), st.sampled_from((None, "USD"))),
            config=pick(valid_config(), st.one_of(st.none(), st.sampled_from(HOSTILE_CONFIGS))),
            order=lambda values: pick(
                st.just(values), st.one_of(st.permutations(values), st.just(values[:1]))
            ),
            hostile=hostile,
        )


def optional_meta(
    draw: st.DrawFn, indent: str, fields: dict[str, st.SearchStrategy[str]]
) -> list[str]:
    """Some of ``fields`` (key: strategy of written values) as metadata lines."""
    return [
        f"{indent}{key}: {draw(values)}" for key, values in fields.items() if draw(st.booleans())
    ]


# -- the configuration --------------------------------------------------------


@st.composite
def valid_config(draw: st.DrawFn) -> str:
    """An inline YAML config built from valid pieces, usually with a currency and a rate."""
    usually = st.sampled_from((True, True, True, False))
    sometimes = st.booleans()
    pieces = {
        "currency": (usually, st.just("CAD")),
        "rate": (usually, st.sampled_from(("85", "85.10", "0.01", "123456.789"))),
        "people": (
            sometimes,
            st.sampled_from(
                (
                    "{alex: 32}",
                    "{alex: [{since: 2025-01-10, rate: 34}]}",
                    "{sam: 40, alex: [{rate: 30}, {since: 2025-02-01, rate: 31}]}",
                )
            ),
        ),
        "channels": (
            sometimes,
            st.sampled_from(
                (
                    "{linkedin: {name: LinkedIn}, blog: {aliases: [article]}}",
                    "[linkedin, blog, x]",
                    "{newsletter: {account: 'Expenses:Marketing:Time:News'}, linkedin: {}}",
                    "{linkedin: {name: '=1+1'}, blog: {name: '<b>Blog</b>'}}",
                )
            ),
        ),
        "generate": (sometimes, st.sampled_from(("true", "false"))),
        "attribution": (
            sometimes,
            st.sampled_from(
                (
                    "{model: linear}",
                    "{model: last-touch}",
                    "{model: position-based}",
                    "{model: time-decay, half_life_days: 3, window_days: 30}",
                )
            ),
        ),
        "accounts": (
            sometimes,
            st.sampled_from(("{time: 'Expenses:Social'}", "{offset: 'Equity:Imputed'}")),
        ),
        "tag": (sometimes, st.sampled_from(("roi", "timeroi"))),
        "income": (
            sometimes,
            st.sampled_from(
                (  # the business's income alone (SPEC 11)
                    "[Income:Design]",
                    "Income:Consulting",
                    "[Income:Design, Income:Consulting]",
                    "[Income]",
                )
            ),
        ),
        "costs": (sometimes, st.sampled_from(("[Expenses:Marketing]", "Expenses"))),
    }
    chosen = [
        f"{key}: {draw(values)}" for key, (present, values) in pieces.items() if draw(present)
    ]
    return "{" + ", ".join(chosen) + "}"


HOSTILE_CONFIGS = (
    "",
    "missing.yaml",
    "{currency: USD, rate: 85}",
    "{colour: blue}",
    "{currency: CAD, rate: eighty}",
    "{rate: -85}",
    "{rate: 1e-400}",
    "{rate: .nan}",
    "{rate: .inf}",
    "{channels: 12}",
    "{channels: {'日本': {}}}",
    "{channels: {jp: {name: 日本}}}",
    "{channels: [linkedin, LinkedIn]}",
    "{channels: {blog: {}, blog2: {name: Blog}}}",
    "{channels: {linkedin: {aliases: [blog]}, blog: {}}}",
    "{people: {alex: [{since: yesterday, rate: 32}]}}",
    "{people: {alex: [{since: 2025-01-01, rate: 32}, {since: 2025-01-01, rate: 33}]}}",
    "{rate: 85, people: {owner: 90}}",
    "{generate: maybe}",
    "{attribution: {model: random, half_life_days: 0}}",
    "{accounts: {time: 'not an account'}}",
    "{accounts: {offset: 'Income:Design'}}",
    "{tag: 'two words'}",
    "{time_units: H}",
    "[1, 2, 3]",
    "{unclosed",
    "{a: &x 1, b: *x}",
    "{currency: CAD, currency: USD}",
    "{language: klingon}",
    "{timezone: Mars/Olympus}",
    "{import: 3}",
    "{currency: cad}",
    "{income: []}",
    "{income: [Assets:Bank]}",
    "{costs: Income:Design}",
    "{import: {date_order: DDMMYY}}",
    "[" * 200 + "]" * 200,
)


# -- the directives -----------------------------------------------------------


@st.composite
def time_entry(draw: st.DrawFn, parts: Parts) -> list[str]:
    values = [draw(parts.channel), draw(parts.duration)]
    if draw(st.booleans()):
        values.append(draw(parts.text))
    head = f'{draw(parts.date)} custom "time" ' + " ".join(draw(parts.order(values)))
    return [head, *optional_meta(draw, "  ", {"who": parts.person, "activity": parts.text})]


@st.composite
def hourly_rate(draw: st.DrawFn, parts: Parts) -> list[str]:
    values = [draw(parts.rate)]
    if draw(st.booleans()):
        values.append(draw(parts.person))
    return [f'{draw(parts.date)} custom "hourly-rate" ' + " ".join(draw(parts.order(values)))]


@st.composite
def touch(draw: st.DrawFn, parts: Parts) -> list[str]:
    values = [quoted(draw(parts.client)), draw(parts.channel)]
    if parts.hostile and draw(st.booleans()):
        values = draw(st.lists(st.one_of(parts.client.map(quoted), parts.channel), max_size=3))
    return [f'{draw(parts.date)} custom "touch" ' + " ".join(values)]


@st.composite
def without_values(draw: st.DrawFn, parts: Parts) -> list[str]:
    return [f"{draw(parts.date)} custom {quoted(draw(st.sampled_from(sorted(OWN_TYPES))))}"]


@st.composite
def transaction_head(draw: st.DrawFn, parts: Parts) -> list[str]:
    """A transaction's first line and metadata."""
    flag = draw(st.sampled_from(("*", "!", "txn")))
    strings = [quoted(draw(texts)) for _ in range(draw(st.integers(1, 2)))]
    line = " ".join(
        [draw(parts.date).isoformat(), flag, *strings, *("#" + tag for tag in draw(tags))]
    )
    return [
        line,
        *optional_meta(
            draw,
            "  ",
            {
                "channel": parts.channel_meta,
                "client": st.one_of(parts.client.map(quoted), parts.text),
            },
        ),
    ]


@st.composite
def income(draw: st.DrawFn, parts: Parts) -> list[str]:
    lines = [
        *draw(transaction_head(parts)),
        f"  Assets:Bank  {draw(parts.amount)} {draw(parts.currency)}{draw(parts.price)}",
    ]
    for account in draw(parts.income_accounts):
        lines += [f"  {account}", *optional_meta(draw, "    ", {"channel": parts.channel_meta})]
    return lines


@st.composite
def income_split(draw: st.DrawFn, parts: Parts) -> list[str]:
    """Two income postings with their own amounts, the bank balancing them."""
    currency = draw(parts.currency)
    lines = draw(transaction_head(parts))
    for account in ("Income:Design", "Income:Consulting"):
        lines += [
            f"  {account}  -{draw(parts.amount)} {currency}",
            *optional_meta(draw, "    ", {"channel": parts.channel_meta}),
        ]
    return [*lines, "  Assets:Bank"]


@st.composite
def cash_cost(draw: st.DrawFn, parts: Parts) -> list[str]:
    return [
        *draw(transaction_head(parts)),
        f"  Expenses:Marketing:Ads  {draw(parts.amount)} {draw(parts.currency)}",
        *optional_meta(draw, "    ", {"channel": parts.channel_meta}),
        "  Assets:Bank",
    ]


@st.composite
def personal(draw: st.DrawFn, parts: Parts) -> list[str]:
    """The owner's personal books in the same ledger: a salary with vacation hours, a lunch
    tagged like a channel (SPEC 11)."""
    if draw(st.booleans()):
        return [
            *draw(transaction_head(parts)),
            f"  Assets:Bank  {draw(parts.amount)} {draw(parts.currency)}",
            "  Income:Personal:Salary",
            f"  Assets:Vacation  {draw(st.sampled_from(('5', '4.5', '0.25')))} VACHR",
            "  Income:Personal:Vacation",
        ]
    return [
        *draw(transaction_head(parts)),
        f"  Expenses:Personal:Food  {draw(parts.amount)} "
        f"{draw(st.sampled_from(('CAD', 'USD', 'VACHR')))}",
        "  Assets:Bank",
    ]


@st.composite
def logged_hours(draw: st.DrawFn, parts: Parts) -> list[str]:
    """Time kept as a commodity (SPEC 8)."""
    account = draw(
        st.sampled_from(("Expenses:Time:Linkedin", "Expenses:Time:Blog", "Expenses:Time:Clients"))
    )
    return [
        *draw(transaction_head(parts)),
        f"  {account}  {draw(parts.hours)} {draw(parts.time_unit)}",
        *optional_meta(draw, "    ", {"channel": parts.channel_meta, "who": parts.person}),
        "  Equity:Time",
    ]


@st.composite
def price(draw: st.DrawFn, parts: Parts) -> list[str]:
    rate = draw(st.sampled_from(("1.35", "0.74", "0", "0.000001", "1000000000000")))
    return [f"{draw(parts.date)} price USD {rate} CAD"]


def directives(parts: Parts) -> st.SearchStrategy[list[str]]:
    """One directive's lines; the plugin's directives written empty only in hostile ledgers."""
    kinds = [
        time_entry,
        time_entry,
        time_entry,
        hourly_rate,
        touch,
        income,
        income,
        income_split,
        cash_cost,
        logged_hours,
        price,
        personal,
    ]
    if parts.hostile:
        kinds.append(without_values)
    return st.one_of(*(kind(parts) for kind in kinds))


TIDY, MIXED = Parts.build(hostile=False), Parts.build(hostile=True)
DIRECTIVES = {parts.hostile: directives(parts) for parts in (TIDY, MIXED)}


# -- the ledger ---------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedLedger:
    """A ledger's text and the (0-based) indices of its plugin lines."""

    text: str
    plugin_lines: tuple[int, ...]

    def write(self, folder: str) -> Path:
        path = Path(folder) / MAIN
        path.write_text(self.text, encoding="utf-8")
        return path

    def without_plugin(self) -> str:
        """The same text with the plugin off and every line number kept.

        Beancount's default pipeline crashes in its pad step on a custom
        directive without values (what the plugin fixes first), so the
        plugin line becomes ``plugin_processing_mode "raw"``, which leaves out
        Beancount's own documents, pad and balance steps: these ledgers have
        no document, pad or balance directive, so nothing else changes.
        """
        lines = self.text.split("\n")
        for number, index in enumerate(self.plugin_lines):
            lines[index] = 'option "plugin_processing_mode" "raw"' if number == 0 else ";"
        return "\n".join(lines)


@st.composite
def ledgers(draw: st.DrawFn) -> GeneratedLedger:
    """A tidy ledger (every part valid but the texts) or a mixed one, half of the time each."""
    parts = draw(st.sampled_from((TIDY, MIXED)))
    header = []
    currency = draw(parts.operating_currency)
    if currency:
        header.append(f'option "operating_currency" "{currency}"')
    config = draw(parts.config)
    plugin = 'plugin "beancount_timeroi"' + ("" if config is None else " " + quoted(config))
    plugin_lines = [len(header)]
    header.append(plugin)
    if draw(st.integers(0, 9)) == 0:  # listed twice, the same way or not
        plugin_lines.append(len(header))
        header.append(draw(st.sampled_from((plugin, 'plugin "beancount_timeroi" "{rate: 1}"'))))
    opened = draw(parts.opened)
    header += [f"2020-01-01 open {account}" for account in opened]
    body = [draw(DIRECTIVES[parts.hostile]) for _ in range(draw(st.integers(0, 40 - len(opened))))]
    lines = header + [line for block in body for line in block]
    return GeneratedLedger("\n".join(lines) + "\n", tuple(plugin_lines))


# -- checks -------------------------------------------------------------------


def own_values_filled(entry: data.Directive) -> data.Directive:
    """``entry`` as the plugin returns it: its own directive types never have values None."""
    if isinstance(entry, data.Custom) and entry.values is None and entry.type in OWN_TYPES:
        return entry._replace(values=[])
    return entry


def is_generated(entry: data.Directive) -> bool:
    return bool(entry.meta) and GENERATED in entry.meta


def crashes(errors: list[Any]) -> list[str]:
    """The messages of plugin crashes, caught or not."""
    return [
        error.message
        for error in errors
        if type(error).__name__ == "LoadError" or PLUGIN_CRASH in error.message
    ]


def assert_points_at_its_time_entry(txn: data.Transaction, lines: list[str], path: Path) -> None:
    assert txn.meta["filename"] == str(path)
    index = txn.meta["lineno"] - 1
    assert 0 <= index < len(lines), txn.meta
    line = lines[index]
    if line.startswith(" "):  # time kept as a commodity: the posting's line (SPEC 8)
        assert re.match(r"\s+Expenses:\S+\s+\d", line), line
        # Up to the transaction's first line (a narration may hold a line break).
        while not re.match(r"\d{4}-\d\d-\d\d ", lines[index]):
            index -= 1
    else:
        assert 'custom "time"' in line, line
    assert lines[index].startswith(txn.date.isoformat()), (lines[index], txn.date)


def assert_balanced(txn: data.Transaction) -> None:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for posting in txn.postings:
        units = posting.units
        assert units is not None and units.number is not None, posting
        sums[units.currency] += units.number
    assert all(total == 0 for total in sums.values()), (txn, dict(sums))


def assert_report_json(text: str) -> None:
    report = json.loads(text)
    assert report["schema"] == "timeroi-report/1"
    for row in [*report["channels"], report["totals"]]:
        for key in ("hours", "time_cost", "cash_cost", "cost", "revenue", "net"):
            assert TWO_DECIMALS.fullmatch(row[key]), (key, row)
    for key in ("total_revenue", "unattributed_revenue"):
        assert TWO_DECIMALS.fullmatch(report[key]), (key, report[key])
    assert Decimal(report["total_revenue"]) == (
        Decimal(report["totals"]["revenue"]) + Decimal(report["unattributed_revenue"])
    )
    checks = {check["name"]: check for check in report["checks"]}
    assert {"books-match", "revenue-reconciles"} <= set(checks)  # always, empty or not
    if not report["unconverted"]:
        assert checks["revenue-reconciles"]["ok"], checks["revenue-reconciles"]
    # Vacation hours are never money: listed, never an error, never revenue (SPEC 11).
    assert "VACHR" not in json.dumps(report["unconverted"] + report["errors"])
    for row in report["not_money"]:
        assert row["commodity"] not in (report["currency"], "CAD", "USD"), row
        assert row["postings"] >= 1


def assert_safe_output(output_format: str, text: str) -> None:
    """No formula in a CSV cell, none of the ledger's markup in the HTML."""
    if output_format == "csv":
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell), cell
    if output_format == "html":
        for markup in MARKUP:
            assert markup not in text


def cli_json(path: Path, hash_seed: str | None = None) -> subprocess.CompletedProcess[str]:
    """``bean-timeroi report PATH --format json`` in a new Python process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from beancount_timeroi.cli import run; run()",
            "report",
            str(path),
            "--format",
            "json",
        ],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        cwd=path.parent,
        env=env,
        check=False,
    )


def errors_sorted(text: str) -> dict[str, Any]:
    """The JSON report with its errors in one order (see the byte-stability property)."""
    report: dict[str, Any] = json.loads(text)
    report["errors"].sort(key=lambda error: (error["file"], error["line"], error["message"]))
    return report


def with_ledger_file(
    test: Callable[[GeneratedLedger, Path], None], ledger: GeneratedLedger
) -> None:
    """Run ``test`` with the ledger written to a fresh folder, noting its text on failure."""
    note(ledger.text)
    with tempfile.TemporaryDirectory() as folder:
        test(ledger, ledger.write(folder))


# -- the properties -----------------------------------------------------------


@given(ledgers())
def test_loading_keeps_user_entries_and_adds_balanced_transactions(ledger: GeneratedLedger) -> None:
    """Invariants 1, 2 and 3."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        entries, errors, _options = loader.load_file(str(path))
        assert not crashes(errors)
        path.write_text(ledger.without_plugin(), encoding="utf-8")  # same name, same metadata
        expected, _errors, _options = loader.load_file(str(path))
        assert [entry for entry in entries if not is_generated(entry)] == [
            own_values_filled(entry) for entry in expected
        ]
        lines = ledger.text.split("\n")
        generated = [
            entry
            for entry in entries
            if is_generated(entry) and isinstance(entry, data.Transaction)
        ]
        event("adds transactions" if generated else "adds no transaction")
        for txn in generated:
            assert_balanced(txn)
            assert_points_at_its_time_entry(txn, lines, path)

    with_ledger_file(check, ledger)


@share(0.75)
@given(ledgers())
def test_json_report_reconciles_and_is_deterministic(ledger: GeneratedLedger) -> None:
    """Invariants 4 and 6."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        loaded = Ledger.load(str(path))
        first = json_report.render(build_report(loaded))
        report = build_report(loaded)
        assert json_report.render(report) == json_report.render(report) == first
        assert_report_json(first)
        if 'option "operating_currency"' in ledger.text:  # empty or not (SPEC 11)
            assert report.currency is not None

    with_ledger_file(check, ledger)


@share(0.5)
@given(ledgers(), st.sampled_from(FORMATS), st.sampled_from(PERIODS))
def test_cli_report_in_every_format(
    ledger: GeneratedLedger, output_format: str, period: tuple[str, ...]
) -> None:
    """Invariant 5 through click, for any period: exit 0 or 1, no exception, safe output."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        result = CliRunner().invoke(main, ["report", str(path), "--format", output_format, *period])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if output_format == "json":
            assert_report_json(result.stdout)
        assert_safe_output(output_format, result.stdout)

    with_ledger_file(check, ledger)


@share(0.2)
@given(ledgers())
def test_cli_process_prints_the_engines_json(ledger: GeneratedLedger) -> None:
    """Invariant 5 in a real process, under another hash seed: no traceback, the same report."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        process = cli_json(path)
        assert process.returncode in (0, 1), process.stderr
        assert "Traceback" not in process.stdout + process.stderr
        in_process = json_report.render(build_report(Ledger.load(str(path))))
        assert errors_sorted(process.stdout) == errors_sorted(in_process)

    with_ledger_file(check, ledger)


# -- known bugs ---------------------------------------------------------------

huge_integers = st.integers(10**26, 10**40).map(str)
huge_numbers = st.one_of(huge_integers, st.integers(26, 400).map(lambda power: f"1e{power}"))


@st.composite
def ledgers_with_a_huge_amount(draw: st.DrawFn) -> GeneratedLedger:
    """A working ledger plus a huge income posting or hourly rate (Beancount reads both)."""
    number = draw(huge_integers)
    body = draw(
        st.sampled_from(
            (
                [
                    '2025-01-02 * "Acme" "Invoice"',
                    f"  Income:Design  -{number} CAD",
                    "  Assets:Bank",
                ],
                [
                    f'2025-01-01 custom "hourly-rate" {number} CAD',
                    '2025-01-02 custom "time" "blog" 1',
                ],
            )
        )
    )
    return GeneratedLedger("\n".join([*HEADER, *body]) + "\n", (1,))


@REGRESSION
@given(ledgers_with_a_huge_amount())
def test_report_on_huge_amounts_does_not_crash(ledger: GeneratedLedger) -> None:
    """A report is written (exit 0 or 1), perhaps with errors, whatever the amounts."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        result = CliRunner().invoke(main, ["report", str(path), "--format", "json"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1), result.output
        assert_report_json(result.stdout)

    with_ledger_file(check, ledger)


@REGRESSION
@given(huge_numbers)
def test_a_huge_config_rate_is_an_error_not_a_crash(number: str) -> None:
    """A config the plugin cannot use is reported, never a crash (SPEC 2.2, 7)."""
    text = (
        f'plugin "beancount_timeroi" "{{currency: CAD, rate: {number}}}"\n'
        '2025-01-02 custom "time" "blog" 1\n'
    )
    note(text)
    _entries, errors, _options = loader.load_string(text)
    assert not crashes(errors)


@st.composite
def ledgers_with_unopened_accounts(draw: st.DrawFn) -> GeneratedLedger:
    """One transaction on three or more accounts that are not opened."""
    accounts = draw(st.lists(st.sampled_from(ACCOUNTS), min_size=3, max_size=5, unique=True))
    postings = [
        f"  {account}  {-len(accounts) + 1 if index == 0 else 1} CAD"
        for index, account in enumerate(accounts)
    ]
    return GeneratedLedger(
        "\n".join([*HEADER[:2], '2025-01-02 * "Acme" "Invoice"', *postings]) + "\n", (1,)
    )


@REGRESSION
@given(ledgers_with_unopened_accounts())
def test_report_is_byte_stable_across_processes(ledger: GeneratedLedger) -> None:
    """The same ledger gives the same JSON bytes whatever the process (PYTHONHASHSEED)."""

    def check(ledger: GeneratedLedger, path: Path) -> None:
        outputs = {cli_json(path, seed).stdout for seed in ("1", "2", "3")}
        assert len(outputs) == 1, outputs

    with_ledger_file(check, ledger)
