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
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount.core import data

from beancount_timeroi.channels import ChannelRegistry
from beancount_timeroi.touches import Touch, TouchIndex


class Attribution(NamedTuple):
    """The channels a posting goes to, their weights, and the rule that chose them
    (``touches``: those rule 4 used, for comparing the models)."""

    weights: list[tuple[str, Fraction]]
    rule: str
    touches: Sequence[Touch] = ()


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
    weights = model_weights(considered, txn.date, model, touches.half_life_days)
    return Attribution(weights, model, considered)


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
