"""The ``channels:`` section of the config: the channels time and income go to.

A list of names, or one channel per line with, all optional, its display
name, the account its generated time entries go to, and its other names::

    channels: [linkedin, blog]

    channels:
      linkedin: {name: LinkedIn, aliases: [li]}
      newsletter: {account: "Expenses:Marketing:Time:Newsletter"}

A name or alias names one channel only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from beancount_timeroi import configvalues as check
from beancount_timeroi.errors import TimeRoiError, msg

if TYPE_CHECKING:
    from beancount.core import data

    from beancount_timeroi.configvalues import Checked, Where
    from beancount_timeroi.yamlsource import Path


@dataclass(frozen=True)
class ChannelConfig:
    """A channel declared under ``channels:``."""

    slug: str
    name: str | None
    account: str | None
    aliases: tuple[str, ...]
    source: data.Meta


def parse_channels(where: Where, path: Path, value: Any) -> Checked[tuple[ChannelConfig, ...]]:
    """The channels of ``channels:`` (at ``path``), in the order written."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = dict.fromkeys(value)
    if not isinstance(value, dict):
        message = msg(
            "write the channels as a list like [linkedin, blog], or one per line like "
            "'linkedin: {{name: LinkedIn}}', got {got}",
            got=check.describe(value),
        )
        return (), [where.error(path, message)]
    channels: list[ChannelConfig] = []
    errors: list[TimeRoiError] = []
    for key, spec in value.items():
        channel, found = _channel(where, path + (key,), key, spec)
        errors += found
        if channel is not None:
            channels.append(channel)
    return tuple(channels), errors + _duplicates(where, path, channels)


def _duplicates(where: Where, path: Path, channels: list[ChannelConfig]) -> list[TimeRoiError]:
    """One error per name or alias already given to an earlier channel."""
    errors: list[TimeRoiError] = []
    seen: dict[str, str] = {}
    for channel in channels:
        for ref in (channel.slug, *channel.aliases):
            if ref not in seen:
                seen[ref] = channel.slug
                continue
            message = msg(
                "'{ref}' names both channel '{first}' and channel '{second}'; "
                "each channel name and alias must be unique",
                ref=ref,
                first=seen[ref],
                second=channel.slug,
            )
            errors.append(where.error(path + (channel.slug,), message))
    return errors


def _channel(where: Where, path: Path, key: Any, value: Any) -> Checked[ChannelConfig | None]:
    """``linkedin: {name: LinkedIn, account: ..., aliases: [li]}``."""
    slug, errors = check.slug(where, path, key)
    example = msg(
        "'{slug}: {{name: {name}}}' (name, account and aliases are all optional)",
        slug=key,
        name=str(key).capitalize(),
    )
    spec, found = check.mapping(where, path, value, example)
    errors += found + check.keys(where, path, spec, ("name", "account", "aliases"))
    name = account = None
    if "name" in spec:
        name, found = check.text(where, path + ("name",), spec["name"], msg("a display name"))
        errors += found
    if "account" in spec:
        account, found = check.account(where, path + ("account",), spec["account"], where.expenses)
        errors += found
    aliases, found = _aliases(where, path + ("aliases",), spec.get("aliases", []))
    errors += found
    if slug is None:
        return None, errors
    return ChannelConfig(slug, name, account, aliases, where.meta(path)), errors


def _aliases(where: Where, path: Path, value: Any) -> Checked[tuple[str, ...]]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        message = msg(
            "write the other names as a list, like 'aliases: [article, post]', got {got}",
            got=check.describe(value),
        )
        return (), [where.error(path, message)]
    aliases: list[str] = []
    errors: list[TimeRoiError] = []
    for index, alias in enumerate(items):
        slug, found = check.slug(where, path + (index,), alias)
        errors += found
        if slug is not None:
            aliases.append(slug)
    return tuple(aliases), errors
