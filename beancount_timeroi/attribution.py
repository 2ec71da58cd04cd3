"""Client touch points, and (with the engine) income and costs shared among channels.

::

    2025-03-10 custom "touch" "Acme Inc" "linkedin"      ; client Acme Inc came through LinkedIn

A client's name is compared case-insensitively with spaces collapsed, so
``"ACME  inc"`` is the same client.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount.core import data

from beancount_timeroi.channels import ChannelError, ChannelRegistry
from beancount_timeroi.config import name_key
from beancount_timeroi.errors import TimeRoiError, error_at, incomplete
from beancount_timeroi.i18n import N_, _, message_of

TOUCH_USAGE = N_('custom "touch" "Client name" "linkedin"')


class Touch(NamedTuple):
    """A client met the business through a channel on a date."""

    date: datetime.date
    client: str
    channel: str
    meta: data.Meta

    @property
    def client_key(self) -> str:
        return name_key(self.client)


def parse_touch(entry: data.Custom, channels: ChannelRegistry) -> Touch | TimeRoiError:
    """The ``Touch`` of a ``touch`` directive, or the one error that says why not."""
    values = [value.value for value in entry.values or []]

    def fail(message: str) -> TimeRoiError:
        return error_at(entry.meta, message, entry)

    if not values:
        return fail(incomplete("touch", _(TOUCH_USAGE)))
    if len(values) < 2:
        return fail(
            _(
                "incomplete touch entry: it needs a client and a channel; write it as: {usage}"
            ).format(usage=_(TOUCH_USAGE))
        )
    if len(values) > 2:
        return fail(_("too many values; write it as: {usage}").format(usage=_(TOUCH_USAGE)))
    client, channel = values
    if not isinstance(client, str) or not client.strip() or not isinstance(channel, str):
        return fail(
            _(
                "a touch takes two quoted texts, the client then the channel; write it as: {usage}"
            ).format(usage=_(TOUCH_USAGE))
        )
    if channels.resolve(channel) is None and channels.resolve(client) is not None:
        return fail(
            _(
                "the values are in the wrong order: the client comes first, "
                "then the channel; write it as: {usage}"
            ).format(usage=_(TOUCH_USAGE))
        )
    try:
        slug = channels.lookup(channel)
    except ChannelError as exc:
        return fail(message_of(exc))
    return Touch(entry.date, " ".join(client.split()), slug, entry.meta)


# -- shares of income and cash costs -------------------------------------------

RULE_POSTING = "posting-channel"
RULE_TRANSACTION = "transaction-channel"
RULE_TAGS = "tags"


def client_of(txn: data.Transaction) -> str | None:
    """The transaction's client: its ``client:`` metadata, else its payee."""
    client = txn.meta.get("client")
    if isinstance(client, str) and client.strip():
        return " ".join(client.split())
    if txn.payee and txn.payee.strip():
        return " ".join(txn.payee.split())
    return None


def explicit_channels(
    posting: data.Posting, txn: data.Transaction, channels: ChannelRegistry
) -> tuple[list[tuple[str, Fraction]], str] | None:
    """Rules 1-3: the posting's ``channel:``, the transaction's, its channel tags.

    An invalid ``channel:`` value (reported by the plugin) skips its rule.
    """
    for meta, rule in ((posting.meta, RULE_POSTING), (txn.meta, RULE_TRANSACTION)):
        if meta and "channel" in meta:
            try:
                shares = channels.parse_spec(meta["channel"])
            except ChannelError:
                continue
            return [(share.channel, Fraction(share.weight)) for share in shares], rule
    tagged = channels.channel_tags(txn.tags) if txn.tags else []
    if tagged:
        return [(slug, Fraction(1)) for slug in tagged], RULE_TAGS
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

    def weights(
        self, client: str | None, day: datetime.date, model: str = "first-touch"
    ) -> list[tuple[str, Fraction]] | None:
        """Rule 4: the channels the client's touches give income dated ``day``, with the
        weights of ``model``; None when the client has no touch."""
        touches = self.considered(client, day)
        if not touches:
            return None
        return model_weights(touches, day, model, self.half_life_days)


def model_weights(
    touches: Sequence[Touch], day: datetime.date, model: str, half_life_days: Decimal
) -> list[tuple[str, Fraction]]:
    """Each touch's weight under an attribution model (SPEC 9), touches in date order.

    - ``first-touch``: all to the earliest; ``last-touch``: all to the latest;
    - ``linear``: equal per touch;
    - ``time-decay``: 2^(-days before ``day`` / half_life_days), in Decimal with
      40 significant digits;
    - ``position-based``: 40% to the first, 40% to the last, 20% shared by the
      ones in between (one touch: all; two: half each).

    Several touches of one channel add up when the shares are split.
    """
    if model == "first-touch":
        return [(touches[0].channel, Fraction(1))]
    if model == "last-touch":
        return [(touches[-1].channel, Fraction(1))]
    if model == "linear":
        return [(touch.channel, Fraction(1)) for touch in touches]
    if model == "time-decay":
        with decimal.localcontext(decimal.Context(prec=40)):
            return [
                (
                    touch.channel,
                    Fraction(Decimal(2) ** (Decimal(-(day - touch.date).days) / half_life_days)),
                )
                for touch in touches
            ]
    if model == "position-based":
        count = len(touches)
        if count == 1:
            return [(touches[0].channel, Fraction(1))]
        if count == 2:
            return [(touch.channel, Fraction(1, 2)) for touch in touches]
        middle = Fraction(1, 5) / (count - 2)
        return (
            [(touches[0].channel, Fraction(2, 5))]
            + [(touch.channel, middle) for touch in touches[1:-1]]
            + [(touches[-1].channel, Fraction(2, 5))]
        )
    raise ValueError(f"unknown attribution model {model!r}")


def split_cents(
    amount: Decimal, weights: Sequence[tuple[str, Fraction]]
) -> list[tuple[str, Decimal]]:
    """``amount`` shared by ``weights`` in whole cents that add up to it exactly.

    Each share is rounded down to the cent, then the cents left over go one at a
    time to the largest remainders (ties: slug order). A negative amount is
    split as its absolute value and the sign put back.

    >>> split_cents(Decimal("100.00"), [("a", Fraction(1)), ("b", Fraction(1)), ("c", Fraction(1))])
    [('a', Decimal('33.34')), ('b', Decimal('33.33')), ('c', Decimal('33.33'))]
    """
    if len(weights) == 1:
        return [(weights[0][0], amount)]
    merged: dict[str, Fraction] = {}
    for slug, weight in weights:
        merged[slug] = merged.get(slug, Fraction(0)) + weight
    total_weight = sum(merged.values(), Fraction(0))
    sign = -1 if amount < 0 else 1
    total_cents = int(abs(amount).scaleb(2).to_integral_value())
    exact = {slug: total_cents * weight / total_weight for slug, weight in merged.items()}
    floors = {slug: value.numerator // value.denominator for slug, value in exact.items()}
    leftover = total_cents - sum(floors.values())
    by_remainder = sorted(merged, key=lambda slug: (-(exact[slug] - floors[slug]), slug))
    for slug in by_remainder[:leftover]:
        floors[slug] += 1
    return [(slug, Decimal(sign * floors[slug]).scaleb(-2)) for slug in sorted(merged)]
