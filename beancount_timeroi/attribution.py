"""Shares of income and cash costs among channels: rules 1-4 and the five models.

An income posting's channel comes from the first rule that applies (SPEC 3):
the posting's ``channel:``, the transaction's ``channel:``, its channel
tags (rules 1-3, ``ChannelRegistry.explicit``), else the client's touches
shared by an attribution model (rule 4, SPEC 9). Amounts are then split in
whole cents that add up exactly (``split_cents``).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple, TypeVar

from beancount.core import data

from beancount_timeroi.channels import ChannelRegistry
from beancount_timeroi.names import slug_order
from beancount_timeroi.touches import Touch, TouchIndex


class Attribution(NamedTuple):
    """The channels a posting goes to, their weights, and the rule that chose them
    (``touches``: those rule 4 considered, for comparing the models; ``weighted``:
    the ones the model weighs, for sharing among contents)."""

    weights: list[tuple[str, Fraction]]
    rule: str
    touches: Sequence[Touch] = ()
    weighted: Sequence[tuple[Touch, Fraction]] = ()


def attribute(
    posting: data.Posting,
    txn: data.Transaction,
    client: str | None,
    channels: ChannelRegistry,
    touches: TouchIndex,
    model: str,
) -> Attribution | None:
    """The channels of an income posting by the first rule that applies; None when no
    rule does (the posting is unattributed)."""
    found = channels.explicit(posting, txn)
    if found is not None:
        return Attribution(*found)
    considered = touches.considered(client, txn.date)
    if not considered:
        return None
    weighted = touch_weights(considered, txn.date, model, touches.half_life_days)
    return Attribution(
        [(touch.channel, weight) for touch, weight in weighted], model, considered, weighted
    )


def touch_weights(
    touches: Sequence[Touch], day: datetime.date, model: str, half_life_days: Decimal
) -> list[tuple[Touch, Fraction]]:
    """Each touch's weight under an attribution model (SPEC 9), touches in date order;
    the touches a model gives nothing are left out.

    - ``first-touch``: all to the earliest; ``last-touch``: all to the latest;
    - ``linear``: equal per touch;
    - ``time-decay``: 2^(-days before ``day`` / half_life_days), in Decimal with
      40 significant digits;
    - ``position-based``: 40% to the first, 40% to the last, 20% shared by the
      ones in between (one touch: all; two: half each).

    Several touches of one channel add up when the shares are split.
    """
    if model == "first-touch":
        return [(touches[0], Fraction(1))]
    if model == "last-touch":
        return [(touches[-1], Fraction(1))]
    if model == "linear":
        return [(touch, Fraction(1)) for touch in touches]
    if model == "time-decay":
        with decimal.localcontext(decimal.Context(prec=40)):
            return [
                (
                    touch,
                    Fraction(Decimal(2) ** (Decimal(-(day - touch.date).days) / half_life_days)),
                )
                for touch in touches
            ]
    if model == "position-based":
        count = len(touches)
        if count == 1:
            return [(touches[0], Fraction(1))]
        if count == 2:
            return [(touch, Fraction(1, 2)) for touch in touches]
        middle = Fraction(1, 5) / (count - 2)
        return (
            [(touches[0], Fraction(2, 5))]
            + [(touch, middle) for touch in touches[1:-1]]
            + [(touches[-1], Fraction(2, 5))]
        )
    raise ValueError(f"unknown attribution model {model!r}")


def shares(
    amount: Decimal,
    weights: Sequence[tuple[str, Fraction]],
    content: str | None = None,
    touches: Sequence[tuple[Touch, Fraction]] = (),
) -> list[tuple[str, str | None, Decimal]]:
    """``amount`` shared among channels, then each channel's share among contents:
    ``(channel, content, amount)`` in whole cents that add up to ``amount``.

    An explicit ``content`` takes every share (SPEC 13). Otherwise, when the
    shares come from weighted ``touches`` (rule 4), each channel's cents go to its
    touches' contents by the touches' weights, split as ``split_cents`` does (no
    content: ``None``, after the slugs on a tie).
    """
    split = split_cents(amount, weights)
    if content is not None or not touches:
        return [(channel, content, value) for channel, value in split]
    result: list[tuple[str, str | None, Decimal]] = []
    for channel, value in split:
        by_content = [
            (touch.content, weight) for touch, weight in touches if touch.channel == channel
        ]
        result += [(channel, slug, part) for slug, part in _split(value, by_content, slug_order)]
    return result


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
    return _split(amount, weights, lambda slug: slug)


Key = TypeVar("Key")


def _split(
    amount: Decimal,
    weights: Sequence[tuple[Key, Fraction]],
    order: Callable[[Key], Any],
) -> list[tuple[Key, Decimal]]:
    """``split_cents`` for keys of any kind, in ``order`` (which also breaks ties)."""
    if len(weights) == 1:
        return [(weights[0][0], amount)]
    merged: dict[Key, Fraction] = {}
    for key, weight in weights:
        merged[key] = merged.get(key, Fraction(0)) + weight
    total_weight = sum(merged.values(), Fraction(0))
    sign = -1 if amount < 0 else 1
    total_cents = int(abs(amount).scaleb(2).to_integral_value())
    exact = {key: total_cents * weight / total_weight for key, weight in merged.items()}
    floors = {key: value.numerator // value.denominator for key, value in exact.items()}
    leftover = total_cents - sum(floors.values())
    by_remainder = sorted(merged, key=lambda key: (-(exact[key] - floors[key]), order(key)))
    for key in by_remainder[:leftover]:
        floors[key] += 1
    return [(key, Decimal(sign * floors[key]).scaleb(-2)) for key in sorted(merged, key=order)]
