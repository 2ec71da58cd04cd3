"""SPEC 2.3: every duration form, exact, and the invalid ones."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from beancount.core.amount import Amount

from beancount_timeroi.config import HOUR_UNITS
from beancount_timeroi.errors import Msg
from beancount_timeroi.money import cents, quantize
from beancount_timeroi.timelog import parse_duration


def hours(value: object) -> Fraction | None:
    return parse_duration(value, HOUR_UNITS)[0]


def problem(value: object, units: tuple[str, ...] = HOUR_UNITS) -> str:
    """Why ``value`` is not a duration (the test fails if it is one)."""
    parsed, problems = parse_duration(value, units)
    assert parsed is None and len(problems) == 1, parsed
    return str(problems[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.5"), Fraction(3, 2)),
        (Decimal("0.25"), Fraction(1, 4)),
        (Decimal(24), Fraction(24)),
        (Amount(Decimal("1.5"), "H"), Fraction(3, 2)),
        (Amount(Decimal(2), "HR"), Fraction(2)),
        (Amount(Decimal(2), "HRS"), Fraction(2)),
        (Amount(Decimal(1), "HOUR"), Fraction(1)),
        (Amount(Decimal(3), "HOURS"), Fraction(3)),
        (Amount(Decimal(90), "MIN"), Fraction(3, 2)),
        (Amount(Decimal(20), "MINS"), Fraction(1, 3)),
        (Amount(Decimal(1), "MINUTE"), Fraction(1, 60)),
        (Amount(Decimal(45), "MINUTES"), Fraction(3, 4)),
        ("1h30", Fraction(3, 2)),
        ("1h30m", Fraction(3, 2)),
        ("2h", Fraction(2)),
        ("45m", Fraction(3, 4)),
        ("90min", Fraction(3, 2)),
        ("1.5h", Fraction(3, 2)),
        ("1:30", Fraction(3, 2)),
        ("0:20", Fraction(1, 3)),
        ("1.5", Fraction(3, 2)),
        ("1h05", Fraction(13, 12)),
        ("1h 20m", Fraction(4, 3)),
        ("20 min", Fraction(1, 3)),
        ("2 hours", Fraction(2)),
        ("1H30", Fraction(3, 2)),
        ("24:00", Fraction(24)),
    ],
)
def test_valid_durations_are_exact(value: object, expected: Fraction) -> None:
    assert hours(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal(0), "more than zero"),
        (Decimal(-1), "more than zero"),
        ("-1h", "more than zero"),
        ("0m", "more than zero"),
        (Decimal("24.01"), "at most 24 hours"),
        ("25h", "at most 24 hours"),
        (Amount(Decimal(1441), "MIN"), "at most 24 hours"),
        ("1h75", 'minutes must be two digits under 60 (write "2h15")'),
        ("1:75", 'minutes must be two digits under 60 (write "2h15")'),
        ("1:5", "two digits"),
        ("soon", "is not a duration"),
        ("1,5", "use a dot for decimals"),
        ("", "is not a duration"),
        (Amount(Decimal(2), "DAYS"), "unknown time unit DAYS"),
        (Amount(Decimal(2), "CAD"), "unknown time unit CAD"),
        (True, 'expected a duration like 1.5, 90 MIN or "1h30", got TRUE'),
        ("1.5 heures", None),
    ],
)
def test_invalid_durations_say_why(value: object, message: str | None) -> None:
    if message is None:  # French units are understood, not an error
        assert hours(value) == Fraction(3, 2)
        return
    assert message in problem(value)


def test_configured_time_units_count_as_hours() -> None:
    two_hours: tuple[Fraction | int, list[Msg]] = (2, [])
    assert parse_duration(Amount(Decimal(2), "HEURES"), ("HEURES",)) == two_hours
    assert problem(Amount(Decimal(2), "H"), ("HEURES",))


def test_value_uses_the_exact_duration() -> None:
    twenty_minutes, forty_minutes = hours("20m"), hours("0:40")
    assert twenty_minutes is not None and forty_minutes is not None
    # 20 minutes at 85.00/h is 85/3 = 28.3333... -> 28.33, not 0.33 h x 85 = 28.05.
    assert cents(twenty_minutes * Fraction(Decimal("85.00"))) == Decimal("28.33")
    # 40 minutes: 170/3 = 56.666... -> 56.67
    assert cents(forty_minutes * Fraction(Decimal("85.00"))) == Decimal("56.67")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(21245, 1000), 2, "21.25"),  # a half cent goes up, not to even (21.24)
        (Fraction(4245, 1000), 2, "4.25"),
        (Fraction(-4245, 1000), 2, "-4.25"),  # halves go away from zero
        (Fraction(1, 3), 4, "0.3333"),
        (Fraction(2, 3), 4, "0.6667"),
        (Fraction(1, 200), 2, "0.01"),
        (Fraction(1, 201), 2, "0.00"),
        (Decimal("2.675"), 2, "2.68"),
    ],
)
def test_rounding_is_half_up(value: Fraction, places: int, expected: str) -> None:
    assert quantize(value, places) == Decimal(expected)
    assert str(quantize(value, places)) == expected
