"""The demo ledger: it checks clean with bean-check, is current with its
generator (the ``demo`` scenario of ``beancount_timeroi.example``), its
generated totals match the generator's own arithmetic, its blog posts are
contents (SPEC 13) that what names them declares, and its time budgets
(SPEC 14) tell the story they were set for."""

from __future__ import annotations

import calendar
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from click.testing import CliRunner
from conftest import number

from beancount_timeroi.cli import main
from beancount_timeroi.example.demo import build_demo, demo_config, demo_ledger, rate_on
from beancount_timeroi.example.demo.habits import BLOG_POSTS
from beancount_timeroi.example.ledger_text import money, slug

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
CONFIG = ROOT / "ledgers" / "timeroi.yaml"


def test_bean_check_passes_on_the_demo() -> None:
    bean_check = Path(sys.executable).with_name("bean-check")
    result = subprocess.run(
        [str(bean_check), str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
        env={"BEANCOUNT_DISABLE_LOAD_CACHE": "1", "PATH": ""},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_demo_is_what_its_generator_writes() -> None:
    text = demo_ledger(build_demo())
    assert text == DEMO.read_text(encoding="utf-8")


def test_demo_config_is_what_its_generator_writes() -> None:
    """timeroi.yaml is written from the rates and channels the ledger uses."""
    assert demo_config() == CONFIG.read_text(encoding="utf-8")


def test_the_demo_scenario_writes_both_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["example", "--scenario", "demo", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["demo.beancount", "timeroi.yaml"]
    assert (tmp_path / "demo.beancount").read_bytes() == DEMO.read_bytes()
    assert (tmp_path / "timeroi.yaml").read_bytes() == CONFIG.read_bytes()


def test_demo_time_value_matches_the_generators_arithmetic() -> None:
    """The generator values each entry itself (minutes x rate / 60, to the cent);
    the plugin's generated postings must add up to the same per channel and year."""
    time_entries = build_demo().time_entries
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for entry in time_entries:
        value = money(entry.minutes * rate_on(entry.who, entry.day) / 60)
        expected[(entry.day.year, entry.channel)] += value

    entries, errors, _options = loader.load_file(str(DEMO))
    assert errors == []
    got: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for directive in entries:
        if isinstance(directive, data.Transaction) and "__timeroi__" in directive.meta:
            got[(directive.date.year, directive.meta["channel"])] += number(directive.postings[0])
    assert dict(got) == dict(expected)
    assert sum(got.values()) == Decimal("52869.23")  # 23,441.52 in 2024 + 29,427.71 in 2025
    assert len([e for e in entries if isinstance(e, data.Custom) and e.type == "time"]) == len(
        time_entries
    )


# -- contents (SPEC 13): the blog posts and what names them --------------------------------

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


@pytest.fixture(scope="module")
def demo_entries() -> list[data.Directive]:
    entries, errors, _options = loader.load_file(str(DEMO))
    assert errors == []
    return entries


def declarations(entries: list[data.Directive]) -> dict[str, data.Custom]:
    """The ``custom "content"`` declarations by slug; a slug declared twice fails."""
    declared: dict[str, data.Custom] = {}
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == "content":
            name = entry.values[0].value
            assert name not in declared, f"{name} declared twice"
            declared[name] = entry
    return declared


def named_contents(entries: list[data.Directive]) -> list[tuple[str, data.Directive]]:
    """Every ``content:`` value of the user's entries: on directives, transactions, postings."""
    named = []
    for entry in entries:
        if "__timeroi__" in entry.meta:
            continue
        metas = [entry.meta]
        if isinstance(entry, data.Transaction):
            metas += [posting.meta or {} for posting in entry.postings]
        named += [(meta["content"], entry) for meta in metas if "content" in meta]
    return named


def test_every_content_named_is_declared_once_with_a_valid_slug(
    demo_entries: list[data.Directive],
) -> None:
    declared = declarations(demo_entries)
    assert all(SLUG.fullmatch(name) for name in declared)
    named = named_contents(demo_entries)
    assert {name for name, _entry in named} <= set(declared)
    channels = set(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["channels"])
    for name, declaration in declared.items():
        channel, title = (value.value for value in declaration.values[1:])
        assert channel in channels, name
        assert declaration.meta["url"].startswith("https://"), name
        assert slug(title) == name


def test_every_post_published_in_the_two_years_is_declared_on_its_publication_day(
    demo_entries: list[data.Directive],
) -> None:
    declared = declarations(demo_entries)
    published = {  # a post's title -> the day of its publishing step
        post_title(entry.description): entry.day
        for entry in build_demo().time_entries
        if entry.channel == "blog" and entry.activity == "publishing" and entry.description
    }
    assert len(published) == len(declared) > 40
    by_title = {declaration.values[2].value: declaration for declaration in declared.values()}
    assert set(by_title) == set(published) <= {title for _language, title in BLOG_POSTS}
    for title, day in published.items():
        assert by_title[title].date == day


def post_title(description: str) -> str:
    """'Article: <title> – publication' -> '<title>'."""
    return description.split(": ", 1)[1].rsplit(" – ", 1)[0]


def test_each_blog_post_time_entries_name_its_content(demo_entries: list[data.Directive]) -> None:
    titles = {slug(title): title for _language, title in BLOG_POSTS}
    blog_entries = [
        entry
        for entry in demo_entries
        if isinstance(entry, data.Custom)
        and entry.type == "time"
        and entry.values[0].value == "blog"
    ]
    assert len(blog_entries) > 4 * len(declarations(demo_entries))
    for entry in blog_entries:
        description = entry.values[2].value
        assert titles[entry.meta["content"]] == post_title(description), (entry.date, description)


def test_the_diffusion_touches_income_and_costs_name_a_post_published_before_them(
    demo_entries: list[data.Directive],
) -> None:
    """After the publication: the LinkedIn, Instagram and newsletter work that spreads a
    post, the few touches of clients who came through one, one invoice line and one
    boosted post; each touch's channel has spread the post by then."""
    published = {name: entry.date for name, entry in declarations(demo_entries).items()}
    kinds: dict[str, int] = defaultdict(int)
    spread: set[tuple[str, str]] = set()
    for name, entry in named_contents(demo_entries):
        if isinstance(entry, data.Custom) and entry.type == "time":
            channel = entry.values[0].value
            if channel != "blog":
                assert entry.date >= published[name]
                spread.add((channel, name))
                kinds[channel] += 1
            continue
        assert entry.date >= published[name], (entry.date, name)
        if isinstance(entry, data.Custom):
            assert entry.type == "touch"
            assert (entry.values[1].value, name) in spread
            kinds["touch"] += 1
        else:
            assert isinstance(entry, data.Transaction)
            kinds["income" if "Receivable" in entry.postings[0].account else "cost"] += 1
    assert kinds["linkedin"] > 40 and kinds["instagram"] > 10 and kinds["newsletter"] > 3
    assert (kinds["touch"], kinds["income"], kinds["cost"]) == (3, 1, 1)


# -- time budgets (SPEC 14), read with Beancount's loader alone -----------------------------

BUDGET_PERIODS = {"daily", "weekly", "monthly", "quarterly", "yearly"}

Budgets = dict[tuple[str, str], list[tuple[date, Decimal, str]]]
"""(channel, "hours" or "money") -> its budgets by date: (day, amount, period)."""


def time_budgets(entries: list[data.Directive]) -> Budgets:
    """The ``custom "time-budget"`` entries, each checked: a channel of timeroi.yaml or
    "*", an amount of hours (a number) or money (CAD), zero or more, a known period."""
    channels = set(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["channels"]) | {"*"}
    budgets: Budgets = defaultdict(list)
    for entry in entries:
        if not (isinstance(entry, data.Custom) and entry.type == "time-budget"):
            continue
        channel, amount, period = (value.value for value in entry.values)
        assert channel in channels and period in BUDGET_PERIODS, entry
        if isinstance(amount, Amount):
            assert amount.currency == "CAD" and amount.number is not None, entry
            kind, number = "money", amount.number
        else:
            assert isinstance(amount, Decimal), entry
            kind, number = "hours", amount
        assert number >= 0, entry
        budgets[(channel, kind)].append((entry.date, number, period))
    return {key: sorted(timeline) for key, timeline in budgets.items()}


def test_the_time_budgets_are_the_ones_set_for_the_story(
    demo_entries: list[data.Directive],
) -> None:
    """Two over and three under in 2025; LinkedIn's changes on 2025-07-01, Facebook's ends."""
    assert time_budgets(demo_entries) == {
        ("*", "hours"): [(date(2024, 1, 1), Decimal(8), "weekly")],
        ("linkedin", "hours"): [
            (date(2024, 1, 1), Decimal(3), "weekly"),
            (date(2025, 7, 1), Decimal(2), "weekly"),
        ],
        ("instagram", "money"): [(date(2024, 1, 1), Decimal("300.00"), "monthly")],
        ("facebook", "hours"): [
            (date(2024, 9, 1), Decimal(6), "monthly"),
            (date(2025, 4, 1), Decimal(0), "monthly"),
        ],
        ("newsletter", "money"): [(date(2024, 1, 1), Decimal("200.00"), "monthly")],
    }


def period_days(period: str, day: date) -> int:
    """How many days the period holding ``day`` has: a budget's share of it is per day."""
    if period == "quarterly":
        first_month = 3 * ((day.month - 1) // 3) + 1
        months = range(first_month, first_month + 3)
        return sum(calendar.monthrange(day.year, month)[1] for month in months)
    lengths = {
        "daily": 1,
        "weekly": 7,
        "monthly": calendar.monthrange(day.year, day.month)[1],
        "yearly": 366 if calendar.isleap(day.year) else 365,
    }
    return lengths[period]


def held_on(timeline: list[tuple[date, Decimal, str]], day: date) -> Fraction:
    """The day's share of the budget that holds on ``day`` (0 when none does)."""
    held = [(amount, period) for since, amount, period in timeline if since <= day]
    if not held:
        return Fraction(0)
    amount, period = held[-1]
    return Fraction(amount) / period_days(period, day)


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


def test_each_time_budget_of_2025_is_over_or_under_as_the_story_says(
    demo_entries: list[data.Directive],
) -> None:
    budgets = time_budgets(demo_entries)
    in_2025 = {key: sum(held_on(t, day) for day in days_of(2025)) for key, t in budgets.items()}
    assert in_2025 == {  # by hand: 365 days, 181 to June 30, 184 from July 1
        ("*", "hours"): Fraction(365 * 8, 7),  # 417.14 h
        ("linkedin", "hours"): Fraction(181 * 3 + 184 * 2, 7),  # 77.57 + 52.57 = 130.14 h
        ("instagram", "money"): 12 * 300,  # CAD
        ("facebook", "hours"): 3 * 6,  # January to March, then none
        ("newsletter", "money"): 12 * 200,  # CAD
    }
    # Hours on the days a budget holds, from the generator's own time entries.
    minutes: dict[str, int] = defaultdict(int)
    for entry in build_demo().time_entries:
        for channel in (entry.channel, "*"):
            timeline = budgets.get((channel, "hours"))
            if entry.day.year == 2025 and timeline and held_on(timeline, entry.day):
                minutes[channel] += entry.minutes
    hours = {channel: round(Fraction(total, 60), 2) for channel, total in minutes.items()}
    assert hours == {  # the report's 405.42 h and 126.67 h, and Facebook until March 31
        "*": Fraction("405.42"),
        "linkedin": Fraction("126.67"),
        "facebook": Fraction("20.92"),
    }
    assert hours["*"] < in_2025[("*", "hours")]  # under
    assert hours["linkedin"] < in_2025[("linkedin", "hours")]  # under, though over after July
    assert hours["facebook"] > in_2025[("facebook", "hours")]  # over
    # Money: time cost + cash cost, from `bean-timeroi report ledgers/demo.beancount --year 2025`.
    assert Fraction("8447.64") > in_2025[("instagram", "money")]  # over
    assert Fraction("2254.93") < in_2025[("newsletter", "money")]  # under
