"""The owner's arithmetic: what a habit of marketing time costs (SPEC 5, ``plan``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from beancount_timeroi.money import quantize


@dataclass(frozen=True)
class Plan:
    """The owner's arithmetic: what a habit of marketing time costs (SPEC 5, ``plan``).

    Months are 52/12 weeks. Break-even is the revenue that pays for the time.
    ``Plan.daily(1, 5, 85)`` is one hour a day, five days a week, at 85 an hour.
    """

    hours_per_week_exact: Fraction
    rate: Decimal
    currency: str | None = None

    @classmethod
    def daily(
        cls,
        hours_per_day: Decimal,
        days_per_week: Decimal,
        rate: Decimal,
        currency: str | None = None,
    ) -> Plan:
        return cls(Fraction(hours_per_day) * Fraction(days_per_week), rate, currency)

    @property
    def hours_per_week(self) -> Decimal:
        return quantize(self.hours_per_week_exact, 2)

    @property
    def hours_per_month(self) -> Decimal:
        return quantize(self.hours_per_week_exact * 52 / 12, 2)

    @property
    def hours_per_year(self) -> Decimal:
        return quantize(self.hours_per_week_exact * 52, 2)

    @property
    def cost_per_month(self) -> Decimal:
        return quantize(self.hours_per_week_exact * 52 / 12 * Fraction(self.rate), 2)

    @property
    def cost_per_year(self) -> Decimal:
        return quantize(self.hours_per_week_exact * 52 * Fraction(self.rate), 2)

    @property
    def break_even_per_month(self) -> Decimal:
        return self.cost_per_month

    @property
    def break_even_per_year(self) -> Decimal:
        return self.cost_per_year
