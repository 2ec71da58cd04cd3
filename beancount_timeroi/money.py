"""Exact arithmetic and the one rounding rule of the project.

Durations are exact fractions of an hour (20 minutes is exactly 1/3 h), money
is ``Decimal``, and every rounding is ROUND_HALF_UP (halves away from zero)
done once, on an exact value.
"""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
WIDE = decimal.Context(prec=100, rounding=ROUND_HALF_UP)
"""Decimal context for money: sums and roundings stay exact, and never fail, far beyond
Python's default 28 digits (a ledger may hold absurd amounts; a report must not crash)."""


def wide() -> AbstractContextManager[decimal.Context]:
    """``with wide():`` runs Decimal arithmetic in ``WIDE``."""
    return decimal.localcontext(WIDE)


_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(10)}


def quantize(value: Fraction | Decimal | int, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero.

    Exact for fractions: ``quantize(Fraction(85, 3), 2) == Decimal("28.33")``.
    """
    if isinstance(value, Decimal):
        return value.quantize(_EXPONENTS[places], rounding=ROUND_HALF_UP, context=WIDE)
    return ratio(value.numerator, value.denominator, places)


def ratio(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator / denominator`` rounded to ``places`` decimals, halves away from zero,
    in integer arithmetic (exact, and much faster than ``Fraction``)."""
    scaled = abs(numerator) * 10**places
    units = (scaled * 2 + denominator) // (denominator * 2)
    if numerator < 0:
        units = -units
    return Decimal(units).scaleb(-places, context=WIDE)


def product_cents(hours: Fraction, number: Decimal) -> Decimal:
    """``hours x number`` rounded to the cent, exactly (hours a fraction, number a Decimal)."""
    rate_num, rate_den = number.as_integer_ratio()
    return ratio(hours.numerator * rate_num, hours.denominator * rate_den, 2)


class HoursSum:
    """An exact sum of fractions of an hour, added in integers per denominator.

    Durations have few distinct denominators (1, 2, 3, 4, 12, 60...), so this
    keeps a sum of thousands of entries exact without building a ``Fraction``
    at every step.
    """

    __slots__ = ("_parts",)

    def __init__(self) -> None:
        self._parts: dict[int, int] = {}

    def add(self, hours: Fraction) -> None:
        denominator = hours.denominator
        self._parts[denominator] = self._parts.get(denominator, 0) + hours.numerator

    def merge(self, other: HoursSum) -> None:
        """Add another sum to this one."""
        for denominator, numerator in other._parts.items():
            self._parts[denominator] = self._parts.get(denominator, 0) + numerator

    def __bool__(self) -> bool:
        return any(self._parts.values())

    def total(self) -> Fraction:
        return sum((Fraction(num, den) for den, num in self._parts.items()), Fraction(0))


def cents(value: Fraction | Decimal | int) -> Decimal:
    """``value`` rounded to the cent, halves away from zero."""
    return quantize(value, 2)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (1.5000 -> 1.5, 20 -> 20)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
