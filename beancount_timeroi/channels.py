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

from beancount.core import account as account_lib
from beancount.core import data

from beancount_timeroi.config import SLUG_RE, Config, slug_like, suggestion, unknown_channel
from beancount_timeroi.errors import TimeRoiError, error_at
from beancount_timeroi.i18n import _, message_of


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


class ChannelError(ValueError):
    """A reference that names no channel; the message says what to write."""


class ChannelRegistry:
    """The ledger's channels and every name that refers to one."""

    def __init__(self, channels: Iterable[Channel], declared: bool) -> None:
        ordered = sorted(channels, key=lambda channel: channel.slug)
        self.channels: dict[str, Channel] = {channel.slug: channel for channel in ordered}
        self.declared = declared
        self._specs: dict[str, list[ChannelShare] | str] = {}
        self._leaves: dict[str, str] | None = None
        self._refs: dict[str, str] = {}
        for channel in self.channels.values():
            self._refs[channel.slug] = channel.slug
            for alias in channel.aliases:
                self._refs.setdefault(alias, channel.slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self.channels

    def __getitem__(self, slug: str) -> Channel:
        return self.channels[slug]

    def resolve(self, ref: str) -> str | None:
        """The slug a tag, alias or slug refers to (case-insensitive), or None."""
        return self._refs.get(ref.casefold())

    def lookup(self, ref: str) -> str:
        """The slug ``ref`` names; ``ChannelError`` with a suggestion if none."""
        slug = self.resolve(ref)
        if slug is not None:
            return slug
        if not SLUG_RE.fullmatch(ref.casefold()):
            hint = suggestion(_squash(ref), sorted(self._refs))
            raise ChannelError(
                _(
                    "'{ref}' is not a channel name: use lowercase letters, digits, '-' and '_', "
                    "like {example}{hint}"
                ).format(ref=ref, example=slug_like(ref), hint=hint)
            )
        raise ChannelError(unknown_channel(ref, sorted(self._refs), self.declared))

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

    def parse_spec(self, value: object) -> list[ChannelShare]:
        """The shares a ``channel:`` metadata value names.

        ``ChannelError`` when the value is not text, names an unknown channel,
        mixes weighted and unweighted names, repeats a channel or has a weight
        that is not a positive number.
        """
        known = self._specs.get(value) if isinstance(value, str) else None
        if known is None:
            try:
                known = self._parse_spec(value)
            except ChannelError as exc:
                known = message_of(exc)
            if isinstance(value, str):
                self._specs[value] = known
        if isinstance(known, str):
            raise ChannelError(known)
        return known

    def _parse_spec(self, value: object) -> list[ChannelShare]:
        shares: list[ChannelShare] = []
        for ref, weight in split_spec(value):
            slug = self.lookup(ref)
            if any(share.channel == slug for share in shares):
                raise ChannelError(
                    _("'{ref}' is the channel '{slug}' again: name each channel once").format(
                        ref=ref, slug=slug
                    )
                )
            shares.append(ChannelShare(slug, weight))
        return shares


def split_spec(value: object) -> list[tuple[str, Decimal]]:
    """The (name, weight) pairs of a ``channel:`` value, names not yet resolved."""
    if not isinstance(value, str):
        raise ChannelError(
            _(
                'must be channel names in quotes, like channel: "linkedin" or '
                'channel: "linkedin=60 blog=40", got {got}'
            ).format(got=value)
        )
    parts = [part for part in re.split(r"[\s,]+", value.strip()) if part]
    if not parts:
        raise ChannelError(_('is empty; name a channel, like channel: "linkedin"'))
    weighted = ["=" in part for part in parts]
    if any(weighted) and not all(weighted):
        raise ChannelError(
            _(
                'give every channel a weight or none of them, like "linkedin=60 blog=40" '
                'or "linkedin blog"'
            )
        )
    pairs: list[tuple[str, Decimal]] = []
    for part in parts:
        name, _sep, raw_weight = part.partition("=")
        if not name:
            raise ChannelError(
                _("'{part}' has no channel name before '='; write it like \"linkedin=60\"").format(
                    part=part
                )
            )
        weight = Decimal(1)
        if raw_weight or "=" in part:
            try:
                weight = Decimal(raw_weight)
            except InvalidOperation:
                weight = Decimal("NaN")
            if not weight.is_finite() or weight <= 0:
                raise ChannelError(
                    _(
                        "the weight of '{name}' must be a number greater than zero, got '{weight}'"
                    ).format(name=name, weight=raw_weight)
                )
        pairs.append((name, weight))
    return pairs


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


def build_registry(
    config: Config, used: Iterable[tuple[str, data.Meta]]
) -> tuple[ChannelRegistry, list[TimeRoiError]]:
    """The channel registry: declared by ``config``, else the slugs in ``used``.

    ``used`` is every (reference, location) found in ``time``/``touch``
    directives and ``channel:`` metadata, in ledger order; references that
    are not valid slugs are skipped here and reported where they are used.
    """
    errors: list[TimeRoiError] = []
    channels: list[Channel] = []
    accounts: dict[str, str] = {}

    def add(
        slug: str,
        name: str | None,
        account: str | None,
        aliases: tuple[str, ...],
        meta: data.Meta,
        declared: bool,
    ) -> None:
        display = name or slug
        chosen = account or account_for(display, config.time_account)
        if chosen is None:
            message = _(
                "the channel name '{name}' cannot make a Beancount account; give the channel "
                "an explicit account in the config, like 'account: {example}'"
            ).format(name=display, example=f"{config.time_account}:Social")
            errors.append(error_at(meta, message))
            return
        if chosen in accounts:
            message = _(
                "channels '{first}' and '{second}' would both book time to {account}; "
                "give one of them its own account in the config"
            ).format(first=accounts[chosen], second=slug, account=chosen)
            errors.append(error_at(meta, message))
            return
        accounts[chosen] = slug
        channels.append(Channel(slug, display, chosen, aliases, declared))

    if config.channels is not None:
        for declared in config.channels:
            add(
                declared.slug,
                declared.name,
                declared.account,
                declared.aliases,
                declared.source,
                True,
            )
        return ChannelRegistry(channels, declared=True), errors

    first_use: dict[str, data.Meta] = {}
    for ref, meta in used:
        slug = ref.casefold()
        if SLUG_RE.fullmatch(slug) and slug not in first_use:
            first_use[slug] = meta
    for slug in sorted(first_use):
        add(slug, None, None, (), first_use[slug], False)
    return ChannelRegistry(channels, declared=False), errors
