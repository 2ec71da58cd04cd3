"""Exact arithmetic and the one rounding rule of the project.

Durations are exact fractions of an hour (20 minutes is exactly 1/3 h), money
is ``Decimal``, and every rounding is ROUND_HALF_UP (halves away from zero)
done once, on an exact value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def quantize(value: Fraction | Decimal | int, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero.

    Exact for fractions: ``quantize(Fraction(85, 3), 2) == Decimal("28.33")``.
    """
    exp = Decimal(1).scaleb(-places)
    if isinstance(value, Decimal):
        return value.quantize(exp, rounding=ROUND_HALF_UP)
    frac = Fraction(value)
    scaled = abs(frac) * 10**places
    units = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    result = Decimal(units).scaleb(-places)
    return -result if frac < 0 else result


def cents(value: Fraction | Decimal | int) -> Decimal:
    """``value`` rounded to the cent, halves away from zero."""
    return quantize(value, 2)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (1.5000 -> 1.5, 20 -> 20)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
