"""Channels: which slugs exist, their names and accounts, and ``channel:`` values.

A channel is a slug (``linkedin``, ``blog``, ``x``) that is also a valid
tag. With a ``channels:`` config only the declared slugs and their aliases are
channels; without one, the channels are the slugs the ledger uses in ``time``
and ``touch`` directives and in ``channel:`` metadata. References match
case-insensitively.

A ``channel:`` value names one channel or several::

    channel: "linkedin"
    channel: "linkedin blog"          ; equal shares
    channel: "linkedin, blog"         ; the same
    channel: "linkedin=60 blog=40"    ; weights
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import NamedTuple

from beancount.core import account as account_lib
from beancount.core import data

from beancount_timeroi.config import Config
from beancount_timeroi.errors import Msg, TimeRoiError, error_at, msg
from beancount_timeroi.names import SLUG_RE, slug_like, suggestion, unknown_channel


@dataclass(frozen=True)
class Channel:
    """A channel: its slug, display name, expense account and aliases."""

    slug: str
    name: str
    account: str
    aliases: tuple[str, ...] = ()
    declared: bool = False


@dataclass(frozen=True)
class ChannelShare:
    """One channel named in a ``channel:`` value, with its weight."""

    channel: str
    weight: Decimal


class ChannelRegistry:
    """The ledger's channels and every name that refers to one."""

    def __init__(self, channels: Iterable[Channel], declared: bool) -> None:
        ordered = sorted(channels, key=lambda channel: channel.slug)
        self.channels: dict[str, Channel] = {channel.slug: channel for channel in ordered}
        self.declared = declared
        self._specs: dict[str, tuple[ChannelShare, ...] | Msg] = {}
        self._leaves: dict[str, str] | None = None
        self._refs: dict[str, str] = {}
        for channel in self.channels.values():
            self._refs[channel.slug] = channel.slug
            for alias in channel.aliases:
                self._refs.setdefault(alias, channel.slug)

    def __getitem__(self, slug: str) -> Channel:
        return self.channels[slug]

    def name(self, slug: str) -> str:
        """The channel's name; the slug itself for a channel not declared."""
        channel = self.channels.get(slug)
        return channel.name if channel is not None else slug

    def resolve(self, ref: str) -> str | None:
        """The slug a tag, alias or slug refers to (case-insensitive), or None."""
        return self._refs.get(ref.casefold())

    def lookup(self, ref: str) -> tuple[str | None, list[Msg]]:
        """The slug ``ref`` names, or the message saying why it names none (with the
        closest channel when there is one)."""
        slug = self.resolve(ref)
        if slug is not None:
            return slug, []
        if not SLUG_RE.fullmatch(ref.casefold()):
            message = msg(
                "'{ref}' is not a channel name: use lowercase letters, digits, '-' and '_', "
                "like {example}{hint}",
                ref=ref,
                example=slug_like(ref),
                hint=suggestion(_squash(ref), sorted(self._refs)),
            )
            return None, [message]
        return None, [unknown_channel(ref, sorted(self._refs), self.declared)]

    def match_account(self, account: str) -> str | None:
        """The declared channel an account's last component names, or None.

        ``Expenses:Time:LinkedIn`` is ``linkedin``: the component is compared,
        case-insensitively and spaces ignored, with each declared channel's slug,
        aliases and name. Inferred channels never match an account.
        """
        if not self.declared:
            return None
        if self._leaves is None:
            self._leaves = {}
            for channel in self.channels.values():
                for name in (channel.slug, *channel.aliases, channel.name):
                    self._leaves.setdefault(name.replace(" ", "").casefold(), channel.slug)
        return self._leaves.get(account.rsplit(":", 1)[-1].replace(" ", "").casefold())

    def channel_tags(self, tags: Iterable[str]) -> list[str]:
        """The distinct channels that ``tags`` name, in slug order."""
        found = {slug for slug in (self.resolve(tag) for tag in tags) if slug is not None}
        return sorted(found)

    def parse_spec(self, value: object) -> tuple[tuple[ChannelShare, ...] | None, list[Msg]]:
        """The shares a ``channel:`` metadata value names, or why it names none.

        A value must be text naming known channels, each once, all with a
        positive weight or none with one. Each distinct value is read once.
        """
        if not isinstance(value, str):
            return None, [_not_text(value)]
        known = self._specs.get(value)
        if known is None:
            known = self._specs[value] = self._shares(value)
        if isinstance(known, Msg):
            return None, [known]
        return known, []

    def _shares(self, value: str) -> tuple[ChannelShare, ...] | Msg:
        pairs, problems = split_spec(value)
        if problems:
            return problems[0]
        shares: list[ChannelShare] = []
        for ref, weight in pairs:
            slug, problems = self.lookup(ref)
            if slug is None:
                return problems[0]
            if any(share.channel == slug for share in shares):
                return msg(
                    "'{ref}' is the channel '{slug}' again: name each channel once",
                    ref=ref,
                    slug=slug,
                )
            shares.append(ChannelShare(slug, weight))
        return tuple(shares)

    def explicit(
        self, posting: data.Posting, txn: data.Transaction
    ) -> tuple[list[tuple[str, Fraction]], str] | None:
        """Rules 1-3 of SPEC 3: the posting's ``channel:``, the transaction's, its
        channel tags; the channels with their weights, and the rule that named them.

        An invalid ``channel:`` value (reported where it is written) skips its rule.
        """
        for meta, rule in ((posting.meta, RULE_POSTING), (txn.meta, RULE_TRANSACTION)):
            if meta and "channel" in meta:
                shares, _problems = self.parse_spec(meta["channel"])
                if shares is not None:
                    return [(share.channel, Fraction(share.weight)) for share in shares], rule
        tagged = self.channel_tags(txn.tags) if txn.tags else []
        if tagged:
            return [(slug, Fraction(1)) for slug in tagged], RULE_TAGS
        return None


RULE_POSTING = "posting-channel"
RULE_TRANSACTION = "transaction-channel"
RULE_TAGS = "tags"


def _not_text(value: object) -> Msg:
    return msg(
        'must be channel names in quotes, like channel: "linkedin" or '
        'channel: "linkedin=60 blog=40", got {got}',
        got=str(value),
    )


def split_spec(value: str) -> tuple[list[tuple[str, Decimal]], list[Msg]]:
    """The (name, weight) pairs of a ``channel:`` value, names not yet resolved; or
    the message saying why it is not a ``channel:`` value."""
    parts = [part for part in re.split(r"[\s,]+", value.strip()) if part]
    if not parts:
        return [], [msg('is empty; name a channel, like channel: "linkedin"')]
    weighted = ["=" in part for part in parts]
    if any(weighted) and not all(weighted):
        return [], [
            msg(
                'give every channel a weight or none of them, like "linkedin=60 blog=40" '
                'or "linkedin blog"'
            )
        ]
    pairs: list[tuple[str, Decimal]] = []
    for part in parts:
        name, _sep, raw_weight = part.partition("=")
        if not name:
            return [], [
                msg(
                    "'{part}' has no channel name before '='; write it like \"linkedin=60\"",
                    part=part,
                )
            ]
        weight = Decimal(1)
        if raw_weight or "=" in part:
            try:
                weight = Decimal(raw_weight)
            except InvalidOperation:
                weight = Decimal("NaN")
            if not weight.is_finite() or weight <= 0:
                return [], [
                    msg(
                        "the weight of '{name}' must be a number greater than zero, got '{weight}'",
                        name=name,
                        weight=raw_weight,
                    )
                ]
        pairs.append((name, weight))
    return pairs, []


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", text.casefold())


def account_for(name: str, time_account: str) -> str | None:
    """The default expense account of a channel named ``name``, or None if invalid.

    Every character other than letters, digits and '-' is removed and the
    first letter upper-cased: ``LinkedIn`` -> ``Expenses:Marketing:Time:LinkedIn``.
    """
    kept = "".join(ch for ch in name if ch.isalpha() or ch.isdecimal() or ch == "-")
    if not kept:
        return None
    candidate = f"{time_account}:{kept[0].upper()}{kept[1:]}"
    return candidate if account_lib.is_valid(candidate) else None


class _Candidate(NamedTuple):
    """A channel before its account is settled: declared in the config, or used at ``meta``."""

    slug: str
    name: str | None
    account: str | None
    aliases: tuple[str, ...]
    meta: data.Meta


def build_registry(
    config: Config, used: Iterable[tuple[str, data.Meta]]
) -> tuple[ChannelRegistry, list[TimeRoiError]]:
    """The channel registry: declared by ``config``, else the slugs in ``used``.

    ``used`` is every (reference, location) found in ``time``/``touch``
    directives and ``channel:`` metadata, in ledger order; references that
    are not valid slugs are skipped here and reported where they are used.
    """
    declared = config.channels is not None
    candidates = (
        [
            _Candidate(channel.slug, channel.name, channel.account, channel.aliases, channel.source)
            for channel in config.channels or ()
        ]
        if declared
        else [_Candidate(slug, None, None, (), meta) for slug, meta in _first_uses(used)]
    )
    channels, errors = _with_accounts(candidates, config.time_account, declared)
    return ChannelRegistry(channels, declared=declared), errors


def _first_uses(used: Iterable[tuple[str, data.Meta]]) -> list[tuple[str, data.Meta]]:
    """Each valid slug of ``used`` with the location of its first use, in slug order."""
    first_use: dict[str, data.Meta] = {}
    for ref, meta in used:
        slug = ref.casefold()
        if SLUG_RE.fullmatch(slug) and slug not in first_use:
            first_use[slug] = meta
    return [(slug, first_use[slug]) for slug in sorted(first_use)]


def _with_accounts(
    candidates: list[_Candidate], time_account: str, declared: bool
) -> tuple[list[Channel], list[TimeRoiError]]:
    """The channels with their expense accounts; a channel whose name makes no account,
    or whose account is an earlier channel's, is an error instead."""
    errors: list[TimeRoiError] = []
    channels: list[Channel] = []
    accounts: dict[str, str] = {}
    for candidate in candidates:
        display = candidate.name or candidate.slug
        chosen = candidate.account or account_for(display, time_account)
        if chosen is None:
            message = msg(
                "the channel name '{name}' cannot make a Beancount account; give the channel "
                "an explicit account in the config, like 'account: {example}'",
                name=display,
                example=time_account + ":Social",
            )
        elif chosen in accounts:
            message = msg(
                "channels '{first}' and '{second}' would both book time to {account}; "
                "give one of them its own account in the config",
                first=accounts[chosen],
                second=candidate.slug,
                account=chosen,
            )
        else:
            accounts[chosen] = candidate.slug
            channels.append(Channel(candidate.slug, display, chosen, candidate.aliases, declared))
            continue
        errors.append(error_at(candidate.meta, message))
    return channels, errors
