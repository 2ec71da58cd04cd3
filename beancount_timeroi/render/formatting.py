"""How figures are written for people, in the report's language.

Money and hours keep exactly two decimals, ROI is a percentage with two
decimals, an undefined ratio is a dash, dates are ISO (``2025-03-02``) in
both languages. Numbers follow the language: ``1,234.56`` and ``77.36%`` in
English, ``1 234,56`` and ``77,36 %`` in Canadian French (Babel's ``fr_CA``,
non-breaking spaces). An amount standing alone carries its currency the way
the language writes it: ``$1,234.56`` and ``1 234,56 $`` for CAD. Machine
formats (JSON, CSV) do not use this module: they write plain decimals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol

from beancount_timeroi.i18n import locale_name

NONE = "—"


class Formatter:
    """Formats figures in one locale: by default the current language's, written
    the way ``currency``'s country writes English (``en_CA`` for CAD)."""

    def __init__(self, locale: str | None = None, currency: str | None = None) -> None:
        self.locale = locale or locale_name(currency)
        # The locale's own percent pattern (``#,##0 %`` in French) with two decimals.
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        self._percent = (
            pattern.replace("0", "0.00", 1) if pattern.count("0") == 1 else ("#,##0.00%")
        )

    def money(self, value: Decimal | None) -> str:
        if value is None:
            return NONE
        return format_decimal(value, format="#,##0.00", locale=self.locale)

    hours = money

    def percent(self, value: Decimal | None) -> str:
        if value is None:
            return NONE
        return format_percent(value, format=self._percent, locale=self.locale)

    def number(self, value: Decimal) -> str:
        """A number as it was given, with no fixed decimals: ``5``, ``4.5`` (``4,5``)."""
        return format_decimal(value.normalize(), format="#,##0.###", locale=self.locale)

    def count(self, value: int | None) -> str:
        return NONE if value is None else format_decimal(value, format="#,##0", locale=self.locale)

    def amount(self, value: Decimal | None, currency: str | None) -> str:
        """A money figure with its currency: ``$1,234.56``, ``1 234,56 $``, and for a
        commodity with no currency sign, its name after the number: ``12.50 HOURS``."""
        if value is None or not currency:
            return self.money(value)
        if get_currency_symbol(currency, locale=self.locale) == currency:
            return f"{self.money(value)} {currency}"
        return format_currency(value, currency, locale=self.locale, currency_digits=False)

    @staticmethod
    def date(value: datetime.date | None) -> str:
        return value.isoformat() if value else NONE
