"""The agency scenario of ``bean-timeroi example``: the same years and seed give the
same files, and its blog articles are contents (SPEC 13): one declared per article,
named by the blog entries that wrote it and by a few social entries and touches."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from datetime import date

import pytest
import yaml

from beancount_timeroi.example import agency, agency_books
from beancount_timeroi.example.agency_blog import (
    ENTRIES_PER_ARTICLE,
    SPREAD,
    SPREAD_SHARE,
    TOUCH_SHARE,
    TOUCH_WINDOW,
    Articles,
)
from beancount_timeroi.example.ledger_text import Books

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
HEAD = re.compile(r'(\d{4}-\d\d-\d\d) custom "(time|touch|content)" (.*)')
META = re.compile(r'  ([a-z][a-z0-9_-]*): "(.*)"')


class Entry:
    """A ``custom`` directive of the generated text: its day, type, string values
    (a time entry's channel, a touch's client and channel, a content's slug, channel
    and title) and metadata."""

    def __init__(self, match: re.Match[str]) -> None:
        self.day = date.fromisoformat(match[1])
        self.type = match[2]
        self.values = re.findall(r'"([^"]*)"', match[3])
        self.meta: dict[str, str] = {}


def custom_entries(text: str) -> list[Entry]:
    """The ``time``, ``touch`` and ``content`` directives, with their metadata."""
    entries: list[Entry] = []
    current: Entry | None = None
    for line in text.splitlines():
        head, meta = HEAD.fullmatch(line), META.fullmatch(line)
        if head:
            current = Entry(head)
            entries.append(current)
        elif meta and current is not None:
            current.meta[meta[1]] = meta[2]
        elif not line.startswith(" "):
            current = None
    return entries


@pytest.fixture(scope="module")
def ten_years() -> Books:
    return agency_books(10, 1)


def test_the_same_years_and_seed_give_the_same_files() -> None:
    assert agency_books(2, 7) == agency_books(2, 7)
    assert agency_books(2, 7).ledger != agency_books(2, 8).ledger


class NoArticles(Articles):
    """The agency's blog without contents: nothing names or declares an article."""

    def content(self, day: date, who: str, channel: str) -> str | None:
        return None

    def touch_content(self, day: date) -> str | None:
        return None

    def declarations(self) -> list[str]:
        return []


def test_contents_leave_every_other_line_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """The articles draw from their own generator: without the lines they add, the ledger
    is the one the agency writes with no contents at all (same hours, amounts, dates)."""
    with_contents = agency_books(3, 4).ledger
    monkeypatch.setattr(agency, "Articles", NoArticles)
    without = agency_books(3, 4).ledger
    added = re.compile(r'  (content|url): ".*"|\d{4}-\d\d-\d\d custom "content" .*')
    kept = [line for line in with_contents.splitlines() if not added.fullmatch(line)]
    assert kept == without.splitlines()
    assert len(kept) < len(with_contents.splitlines())


def test_ten_years_declare_one_content_per_blog_article(ten_years: Books) -> None:
    entries = custom_entries(ten_years.ledger)
    declared = {entry.values[0]: entry for entry in entries if entry.type == "content"}
    assert len(declared) == sum(entry.type == "content" for entry in entries)  # each once
    blog_words = {"blog", *agency.CHANNELS["blog"][1]}
    blog = [entry for entry in entries if entry.type == "time" and entry.values[0] in blog_words]
    articles: dict[str, list[Entry]] = defaultdict(list)
    for entry in blog:
        articles[entry.meta["content"]].append(entry)
    assert set(articles) == set(declared)
    # About one article for every two or three blog entries: some 1,500 in ten years.
    expected = len(blog) / statistics.mean(ENTRIES_PER_ARTICLE)
    assert len(declared) == pytest.approx(expected, rel=0.05)
    channels = set(yaml.safe_load(ten_years.config)["channels"])
    for name, written in articles.items():
        declaration = declared[name]
        assert SLUG.fullmatch(name)
        assert declaration.values[1] in channels
        assert declaration.day == max(entry.day for entry in written)  # published at the last
        assert len({entry.meta.get("who") for entry in written}) == 1  # by one person
        assert len(written) <= max(ENTRIES_PER_ARTICLE)


def test_a_few_social_entries_and_touches_name_a_recent_article(ten_years: Books) -> None:
    entries = custom_entries(ten_years.ledger)
    published = {entry.values[0]: entry.day for entry in entries if entry.type == "content"}
    blog_words = {"blog", *agency.CHANNELS["blog"][1]}
    social = [
        entry for entry in entries if entry.type == "time" and entry.values[0] not in blog_words
    ]
    touches = [entry for entry in entries if entry.type == "touch"]
    spreading = [entry for entry in social if "content" in entry.meta]
    naming = [entry for entry in touches if "content" in entry.meta]
    for entry in spreading:
        assert timedelta_days(entry.day, published[entry.meta["content"]]) <= SPREAD.days
    for entry in naming:
        assert timedelta_days(entry.day, published[entry.meta["content"]]) <= TOUCH_WINDOW.days
    assert 0 < len(spreading) < SPREAD_SHARE * len(social)
    assert 0 < len(naming) < 2 * TOUCH_SHARE * len(touches)


def timedelta_days(day: date, published: date) -> int:
    """Days from a publication to a day that names it; never before it."""
    days = (day - published).days
    assert days >= 0
    return days
