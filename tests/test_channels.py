"""SPEC 2.5 and 3: channels, their accounts, and `channel:` values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from beancount.core import data
from conftest import LoadLedger

from beancount_timeroi.channels import (
    Channel,
    ChannelRegistry,
    ChannelShare,
    account_for,
)
from beancount_timeroi.config import Config
from beancount_timeroi.directives import read_ledger

REGISTRY = ChannelRegistry(
    [
        Channel("linkedin", "LinkedIn", "Expenses:Marketing:Time:LinkedIn", ("li",), True),
        Channel("blog", "Blog", "Expenses:Marketing:Time:Blog", ("article",), True),
        Channel("x", "X", "Expenses:Marketing:Time:X", (), True),
    ],
    declared=True,
)


@pytest.mark.parametrize(
    ("value", "shares"),
    [
        ("linkedin", [("linkedin", "1")]),
        ("LinkedIn", [("linkedin", "1")]),
        ("li", [("linkedin", "1")]),
        ("linkedin blog", [("linkedin", "1"), ("blog", "1")]),
        ("linkedin, blog", [("linkedin", "1"), ("blog", "1")]),
        ("linkedin,blog ,x", [("linkedin", "1"), ("blog", "1"), ("x", "1")]),
        ("linkedin=60 blog=40", [("linkedin", "60"), ("blog", "40")]),
        ("Article=1.5, x=0.5", [("blog", "1.5"), ("x", "0.5")]),
    ],
)
def test_channel_values(value: str, shares: list[tuple[str, str]]) -> None:
    parsed, problems = REGISTRY.parse_spec(value)
    assert problems == []
    assert list(parsed or ()) == [ChannelShare(c, Decimal(w)) for c, w in shares]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("linkdin", "unknown channel 'linkdin'; did you mean 'linkedin'?"),
        ("podcast", "unknown channel 'podcast': declare it under 'channels:' in the config"),
        ("linkedin=60 blog", "give every channel a weight or none of them"),
        (
            "linkedin=0 blog=0",
            "the weight of 'linkedin' must be a number greater than zero, got '0'",
        ),
        ("linkedin=-1 blog=2", "the weight of 'linkedin' must be a number greater than zero"),
        ("linkedin=abc", "the weight of 'linkedin' must be a number greater than zero, got 'abc'"),
        ("linkedin= blog=1", "the weight of 'linkedin' must be a number greater than zero, got ''"),
        ("linkedin li", "'li' is the channel 'linkedin' again: name each channel once"),
        ("blog Blog", "'Blog' is the channel 'blog' again: name each channel once"),
        ("", 'is empty; name a channel, like channel: "linkedin"'),
        (" , ", 'is empty; name a channel, like channel: "linkedin"'),
        (Decimal(12), 'must be channel names in quotes, like channel: "linkedin"'),
        ("=1+1", "'=1+1' has no channel name before '='"),
        ("<script>", "'<script>' is not a channel name"),
    ],
)
def test_invalid_channel_values(value: object, message: str) -> None:
    parsed, problems = REGISTRY.parse_spec(value)
    assert parsed is None
    assert message in str(problems[0])


def test_channel_tags_match_slugs_and_aliases_case_insensitively() -> None:
    assert REGISTRY.channel_tags({"Article", "LinkedIn", "li", "client-work"}) == [
        "blog",
        "linkedin",
    ]
    assert REGISTRY.channel_tags({"other"}) == []


@pytest.mark.parametrize(
    ("name", "account"),
    [
        ("linkedin", "Expenses:Marketing:Time:Linkedin"),
        ("LinkedIn", "Expenses:Marketing:Time:LinkedIn"),
        ("Blog & News", "Expenses:Marketing:Time:BlogNews"),
        ("X (Twitter)", "Expenses:Marketing:Time:XTwitter"),
        ("my-blog", "Expenses:Marketing:Time:My-blog"),
        ("my_blog", "Expenses:Marketing:Time:Myblog"),
        ("infolettre été", "Expenses:Marketing:Time:Infolettreété"),
        ("2024 podcast", "Expenses:Marketing:Time:2024podcast"),
        ("日本", None),
        ("!!!", None),
    ],
)
def test_default_account_names(name: str, account: str | None) -> None:
    assert account_for(name, "Expenses:Marketing:Time") == account


def test_inferred_channels_come_from_time_touch_and_channel_metadata(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        option "operating_currency" "CAD"
        plugin "beancount_timeroi" "{rate: 85}"
        2025-01-01 open Assets:Bank
        2025-01-01 open Income:Design
        2025-03-01 custom "time" "LinkedIn" 1
        2025-03-01 custom "touch" "Acme" "blog"
        2025-03-02 * "Acme" "Invoice" #newsletter #personal
          channel: "podcast=2 x=1"
          Assets:Bank    100.00 CAD
          Income:Design
            channel: "youtube"
        """)
    assert loaded.errors == []
    config = Config()
    found = read_ledger(loaded.entries, loaded.options, config)
    # Tags alone declare nothing: #newsletter and #personal are not channels.
    assert sorted(found.channels.channels) == ["blog", "linkedin", "podcast", "x", "youtube"]


def test_user_transaction_with_channel_metadata_is_kept_as_written(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85, channels: {linkedin: {}}}"
        2025-01-01 open Assets:Bank
        2025-01-01 open Income:Design
        2025-03-02 * "Acme" "Invoice"
          channel: "linkdin"
          Assets:Bank    100.00 CAD
          Income:Design
        """)
    assert loaded.messages() == ["channel: unknown channel 'linkdin'; did you mean 'linkedin'?"]
    (txn,) = [e for e in loaded.entries if isinstance(e, data.Transaction)]
    assert txn.meta["channel"] == "linkdin"
