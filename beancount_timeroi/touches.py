"""Client touch points: how a client met the business.

::

    2025-03-10 custom "touch" "Acme Inc" "linkedin"      ; client Acme Inc came through LinkedIn

A client's name is compared case-insensitively with spaces collapsed, so
``"ACME  inc"`` is the same client. A client's income with no channel of its
own goes to the channels of its touches (SPEC 3, rule 4; SPEC 9 for how
several touches share it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple, Protocol

from beancount.core import data

from beancount_timeroi.errors import N_, Msg, TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.names import name_key

TOUCH_USAGE = N_('custom "touch" "Client name" "linkedin"')


class Channels(Protocol):
    """What touches need to know of the ledger's channels (``ChannelRegistry``)."""

    def resolve(self, ref: str) -> str | None: ...

    def lookup(self, ref: str) -> tuple[str | None, list[Msg]]: ...


class Touch(NamedTuple):
    """A client met the business through a channel on a date."""

    date: datetime.date
    client: str
    channel: str
    meta: data.Meta
    content: str | None = None
    """The content the client came through (``content:``), once checked."""

    @property
    def client_key(self) -> str:
        return name_key(self.client)


def parse_touch(entry: data.Custom, channels: Channels) -> tuple[Touch | None, list[TimeRoiError]]:
    """The ``Touch`` of a ``touch`` directive, or the one error that says why not."""
    values = [value.value for value in entry.values or []]

    def fail(message: Msg) -> tuple[None, list[TimeRoiError]]:
        return None, [error_at(entry.meta, message, entry)]

    usage = msg(TOUCH_USAGE)
    if not values:
        return fail(incomplete("touch", TOUCH_USAGE))
    if len(values) < 2:
        return fail(
            msg(
                "incomplete touch entry: it needs a client and a channel; write it as: {usage}",
                usage=usage,
            )
        )
    if len(values) > 2:
        return fail(msg("too many values; write it as: {usage}", usage=usage))
    client, channel = values
    if not isinstance(client, str) or not client.strip() or not isinstance(channel, str):
        return fail(
            msg(
                "a touch takes two quoted texts, the client then the channel; write it as: {usage}",
                usage=usage,
            )
        )
    if channels.resolve(channel) is None and channels.resolve(client) is not None:
        return fail(
            msg(
                "the values are in the wrong order: the client comes first, "
                "then the channel; write it as: {usage}",
                usage=usage,
            )
        )
    slug, problems = channels.lookup(channel)
    if slug is None:
        return fail(problems[0])
    return Touch(entry.date, " ".join(client.split()), slug, entry.meta), []


def client_of(txn: data.Transaction) -> str | None:
    """The transaction's client: its ``client:`` metadata, else its payee (spaces collapsed)."""
    client = txn.meta.get("client")
    if isinstance(client, str) and client.strip():
        return " ".join(client.split())
    if txn.payee and txn.payee.strip():
        return " ".join(txn.payee.split())
    return None


class TouchIndex:
    """Each client's touches, in date order (same date: the order they were loaded)."""

    def __init__(
        self,
        touches: Iterable[Touch],
        half_life_days: Decimal = Decimal(7),
        window_days: int | None = None,
    ) -> None:
        self.half_life_days = half_life_days
        self.window_days = window_days
        self._by_client: dict[str, list[Touch]] = {}
        for touch in touches:
            self._by_client.setdefault(touch.client_key, []).append(touch)
        for items in self._by_client.values():
            items.sort(key=lambda touch: touch.date)  # stable: keeps load order per date

    def considered(self, client: str | None, day: datetime.date) -> list[Touch]:
        """The client's touches that count for income dated ``day`` (SPEC 9).

        Those dated on or before ``day`` and, with a window, at most
        ``window_days`` before it; when none is left, all of them.
        """
        if client is None:
            return []
        touches = self._by_client.get(name_key(client), [])
        window = self.window_days
        chosen = [
            touch
            for touch in touches
            if touch.date <= day and (window is None or (day - touch.date).days <= window)
        ]
        return chosen or touches
