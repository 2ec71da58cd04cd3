"""SPEC 7: one error per bad directive, at the line the user wrote; never a crash."""

from __future__ import annotations

from decimal import Decimal

import pytest
from beancount.core import data
from conftest import LoadLedger, line_of, number

CONFIG = """\
currency: CAD
rate: 85
channels:
  linkedin: {name: LinkedIn}
  instagram: {}
  blog: {aliases: [article]}
"""

MISTAKES = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "timeroi.yaml"

2025-01-01 open Assets:Bank
2025-01-01 open Income:Design

2025-03-01 custom "time" "linkedin" 1 "fine"
2025-03-01 custom "time" "linkdin" 1 "typo in the channel"
2025-03-01 custom "time" "blog" 0
2025-03-01 custom "time" "blog" -1.5
2025-03-01 custom "time" "blog" 25
2025-03-01 custom "time" "blog" "soon"
2025-03-01 custom "time" "blog" 2 DAYS
2025-03-01 custom "time" 1.5 "blog"
2025-03-01 custom "time" "blog"
2025-03-01 custom "time"
2025-03-01 custom "time" "blog" 1 "too" "many"
2025-03-01 custom "time" "blog" 1 42
2025-03-01 custom "time" "blog" 1
  who: "nobody"
2025-03-01 custom "time" "blog" 1
  who: 12
2025-03-01 custom "time" "blog" 1
  activity: TRUE
2025-03-01 custom "time" "Article" "1:30" "alias, any case: fine"
2025-03-01 custom "touch" "Acme Inc" "linkdin"
2025-03-01 custom "touch" "linkedin" "Acme Inc"
2025-03-01 custom "touch" "Acme Inc"
2025-03-01 custom "touch"
2025-03-01 custom "hourly-rate"

2025-03-02 * "Acme Inc" "Invoice" #linkedin
  channel: "instagarm"
  Assets:Bank    100.00 CAD
  Income:Design
    channel: "linkedin=60 blog"

2025-03-03 * "Acme Inc" "Invoice"
  channel: "linkedin=0 blog=0"
  Assets:Bank    100.00 CAD
  Income:Design
    channel: 12

2025-03-04 custom "time" "blog" 1 "still fine after all that"
"""

EXPECTED = [
    ('2025-03-01 custom "time" "linkdin"', "unknown channel 'linkdin'; did you mean 'linkedin'?"),
    ('"blog" 0', "a duration must be more than zero, got 0"),
    ('"blog" -1.5', "a duration must be more than zero, got -1.5"),
    ('"blog" 25', "a duration can be at most 24 hours, got 25"),
    ('"blog" "soon"', '"soon" is not a duration'),
    ("2 DAYS", "unknown time unit DAYS"),
    ('custom "time" 1.5 "blog"', "the values are in the wrong order"),
    ('custom "time" "blog"\n', "incomplete time entry: no duration after the channel"),
    ('custom "time"\n', "incomplete time entry: it has no values"),
    ('"too" "many"', "too many values"),
    ('"blog" 1 42', "the third value, the description, must be quoted text"),
    ('who: "nobody"', "unknown person 'nobody'"),
    ("who: 12", "who: must be a person's name in quotes"),
    ("activity: TRUE", "activity: must be text in quotes"),
    ('"Acme Inc" "linkdin"', "unknown channel 'linkdin'; did you mean 'linkedin'?"),
    ('"linkedin" "Acme Inc"', "the values are in the wrong order: the client comes first"),
    ('custom "touch" "Acme Inc"\n', "incomplete touch entry: it needs a client and a channel"),
    ('custom "touch"\n', "incomplete touch entry: it has no values"),
    ('custom "hourly-rate"\n', "incomplete hourly-rate entry: it has no values"),
    ('channel: "instagarm"', "channel: unknown channel 'instagarm'; did you mean 'instagram'?"),
    ('channel: "linkedin=60 blog"', "channel: give every channel a weight or none of them"),
    (
        'channel: "linkedin=0 blog=0"',
        "channel: the weight of 'linkedin' must be a number greater than zero",
    ),
    ("channel: 12", "channel: must be channel names in quotes"),
]


def find_line(fragment: str) -> int:
    if fragment.endswith("\n"):
        lines = MISTAKES.splitlines()
        return next(i for i, line in enumerate(lines, 1) if line.endswith(fragment[:-1]))
    if fragment.split(":")[0] in ("who", "activity", "channel"):
        # Metadata has no line of its own: the error is at its directive's or posting's line.
        return line_of(MISTAKES, fragment) - 1
    return line_of(MISTAKES, fragment)


def test_a_file_full_of_mistakes(ledger: LoadLedger) -> None:
    loaded = ledger(MISTAKES, files={"timeroi.yaml": CONFIG})
    got = sorted(zip(loaded.error_lines(), loaded.messages(), strict=True))
    expected = sorted(
        (("main.beancount", find_line(fragment)), message) for fragment, message in EXPECTED
    )
    assert len(got) == len(expected)
    for (where, message), (expected_where, expected_message) in zip(got, expected, strict=True):
        assert where == expected_where
        assert message.startswith(expected_message), (where, message)
    # The valid entries are still valued: 1 h + 1.5 h + 1 h at 85.00.
    assert sorted(number(t.postings[0]) for t in loaded.transactions) == [
        Decimal("85.00"),
        Decimal("85.00"),
        Decimal("127.50"),
    ]
    # Every error names the directive it is about, for bean-check to print.
    assert all(error.entry is not None for error in loaded.errors)


def test_incomplete_directives_no_longer_crash_the_load(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-03-01 custom "time"
        2025-03-01 custom "touch"
        2025-03-01 custom "hourly-rate"
        """)
    assert [type(e).__name__ for e in loaded.errors] == ["TimeRoiError"] * 3
    customs = [e for e in loaded.entries if isinstance(e, data.Custom)]
    assert [c.values for c in customs] == [[], [], []]


def test_more_than_24_hours_a_day_for_one_person(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85, people: {alex: 30}}"
        2025-03-01 custom "time" "blog" 10
        2025-03-01 custom "time" "blog" "10h"
        2025-03-01 custom "time" "linkedin" 5 "over 24 h for the owner"
        2025-03-01 custom "time" "linkedin" 4
        2025-03-01 custom "time" "linkedin" 8
          who: "alex"
        2025-03-02 custom "time" "linkedin" 5
        """
    loaded = ledger(text)
    assert loaded.error_lines() == [("main.beancount", line_of(text, "over 24 h"))]
    assert loaded.messages() == [
        "owner would have logged 25.00 hours on 2025-03-01 with this entry, more than 24; "
        "check that day's durations"
    ]
    # 10 + 10 + 4 = 24 for the owner is fine, alex's 8 hours are separate.
    assert len(loaded.transactions) == 5


def test_unknown_channel_in_time_entry_without_suggestion(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85, channels: {linkedin: {}}}"
        2025-03-01 custom "time" "podcast" 1
        2025-03-01 custom "time" "My Blog" 1
        """)
    assert loaded.messages() == [
        "unknown channel 'podcast': declare it under 'channels:' in the config",
        "'My Blog' is not a channel name: use lowercase letters, digits, '-' and '_', like my-blog",
    ]


def test_channel_names_that_cannot_make_an_account(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-03-01 custom "time" "jp" 1
        """
    config = "currency: CAD\nrate: 85\nchannels:\n  jp: {name: 日本}\n  ok: {name: Fine}\n"
    loaded = ledger(text, files={"timeroi.yaml": config})
    assert loaded.error_lines() == [("main.beancount", 2), ("timeroi.yaml", 4)]
    assert loaded.messages()[0].startswith("unknown channel 'jp'")
    assert loaded.messages()[1].startswith(
        "the channel name '日本' cannot make a Beancount account; give the channel an explicit "
        "account in the config"
    )


def test_the_plugin_never_raises(ledger: LoadLedger, monkeypatch: pytest.MonkeyPatch) -> None:
    import beancount_timeroi.plugin as plugin

    def broken(*args: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(plugin, "read_ledger", broken)
    text = """\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-03-01 custom "time" "blog" 1
        2025-03-01 custom "time"
        """
    loaded = ledger(text)
    assert loaded.generated == []
    assert len(loaded.entries) == 2
    assert loaded.error_lines() == [("main.beancount", 1), ("main.beancount", 3)]
    assert loaded.messages()[0] == (
        "beancount_timeroi stopped on an unexpected problem and added nothing "
        "(ZeroDivisionError: boom); your entries are unchanged. Please report this with the "
        "lines that cause it"
    )
    assert not any(type(e).__name__ == "LoadError" for e in loaded.errors)
