"""The demo ledger: it checks clean with bean-check, is current with its
generator (the ``demo`` scenario of ``beancount_timeroi.example``), its
generated totals match the generator's own arithmetic, and its blog posts are
contents (SPEC 13) that what names them declares."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from beancount import loader
from beancount.core import data
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
