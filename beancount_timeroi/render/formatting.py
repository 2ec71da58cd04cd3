"""How figures are written for people: thousands separators, fixed decimals, percentages.

Money and hours keep exactly two decimals, ROI is a percentage with two
decimals, an undefined ratio is a dash. Machine formats (JSON, CSV) do not
use this module: they write plain decimals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.numbers import format_decimal, format_percent

NONE = "—"


class Formatter:
    """Formats figures in one locale (``en`` or ``fr_CA``)."""

    def __init__(self, locale: str = "en") -> None:
        self.locale = locale

    def money(self, value: Decimal | None) -> str:
        if value is None:
            return NONE
        return format_decimal(value, format="#,##0.00", locale=self.locale)

    hours = money

    def percent(self, value: Decimal | None) -> str:
        if value is None:
            return NONE
        return format_percent(value, format="#,##0.00%", locale=self.locale)

    def count(self, value: int | None) -> str:
        return NONE if value is None else format_decimal(value, format="#,##0", locale=self.locale)

    def amount(self, value: Decimal | None, currency: str | None) -> str:
        """A money figure with its currency code: ``1,234.56 CAD``."""
        text = self.money(value)
        return f"{text} {currency}" if currency and value is not None else text

    @staticmethod
    def date(value: datetime.date | None) -> str:
        return value.isoformat() if value else NONE
