"""SPEC 2.3: effective-dated rates per person, from the config and the ledger."""

from __future__ import annotations

from decimal import Decimal

from conftest import Loaded, LoadLedger, line_of, number

CONFIG = """\
currency: CAD
rate: 85
people:
  alex:
    - {since: 2025-01-01, rate: 30}
    - {since: 2025-06-01, rate: 35.50}
"""


def values_by_line(loaded: Loaded) -> dict[int, Decimal]:
    return {t.meta["lineno"]: number(t.postings[0]) for t in loaded.transactions}


def test_latest_rate_on_or_before_the_date(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-02-01 custom "hourly-rate" 95.00 CAD
        2025-09-01 custom "hourly-rate" 40.00 CAD "alex"
        2025-01-31 custom "time" "blog" 2                  ; owner, config rate 85
        2025-02-01 custom "time" "blog" 2                  ; owner, 95 from this day
        2025-05-31 custom "time" "blog" 2
          who: "alex"                                      ; 30
        2025-06-01 custom "time" "blog" 2
          who: "alex"                                      ; 35.50
        2025-08-31 custom "time" "blog" 2
          who: "alex"                                      ; still 35.50
        2025-09-01 custom "time" "blog" 2
          who: "alex"                                      ; 40 from the ledger
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.errors == []
    assert values_by_line(loaded) == {
        line_of(text, "2025-01-31 custom"): Decimal("170.00"),
        line_of(text, '2025-02-01 custom "time"'): Decimal("190.00"),
        line_of(text, "2025-05-31 custom"): Decimal("60.00"),
        line_of(text, "2025-06-01 custom"): Decimal("71.00"),
        line_of(text, "2025-08-31 custom"): Decimal("71.00"),
        line_of(text, '2025-09-01 custom "time"'): Decimal("80.00"),
    }
    rates = {t.meta["lineno"]: str(t.meta["rate"]) for t in loaded.transactions}
    assert rates[line_of(text, "2025-06-01 custom")] == "35.50 CAD"


def test_no_rate_before_the_first_one(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2024-12-31 custom "time" "blog" 1
          who: "alex"
        2025-01-01 custom "time" "blog" 1
          who: "alex"
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.error_lines() == [("main.beancount", line_of(text, "2024-12-31"))]
    assert loaded.messages() == [
        "no hourly rate for alex on 2024-12-31: their first rate starts 2025-01-01; "
        "add a rate dated on or before 2024-12-31"
    ]
    assert len(loaded.transactions) == 1


def test_no_rate_at_all(ledger: LoadLedger) -> None:
    text = """\
        option "operating_currency" "CAD"
        plugin "beancount_timeroi"
        2025-03-01 custom "time" "blog" 1
        """
    loaded = ledger(text)
    assert loaded.generated == []
    (message,) = loaded.messages()
    assert message.startswith("no hourly rate is set: add 'rate: 85' to the config")


def test_unknown_person_with_suggestion(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-03-01 custom "time" "blog" 1
          who: "alx"
        2025-03-01 custom "time" "blog" 1
          who: "zoe"
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.messages() == [
        "unknown person 'alx'; did you mean 'alex'? Otherwise give them a rate with a line like "
        '\'2025-03-01 custom "hourly-rate" 32.00 CAD "alx"\' or under people: in the config',
        "unknown person 'zoe': give them a rate with a line like "
        '\'2025-03-01 custom "hourly-rate" 32.00 CAD "zoe"\' or under people: in the config',
    ]


def test_rate_in_the_wrong_currency(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-03-01 custom "hourly-rate" 90.00 USD
        2025-03-02 custom "time" "blog" 1
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.error_lines() == [("main.beancount", 2)]
    assert "the rate is in USD but the report currency is CAD" in loaded.messages()[0]
    # The bad rate is ignored: the entry is valued at the config's 85.
    assert values_by_line(loaded) == {3: Decimal("85.00")}


def test_two_different_rates_for_one_person_and_date(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-06-01 custom "hourly-rate" 36.00 CAD "Alex"
        2025-03-01 custom "hourly-rate" 90.00 CAD
        2025-03-01 custom "hourly-rate" 90.00 CAD
        2025-03-01 custom "hourly-rate" 91.00 CAD
        2025-06-02 custom "time" "blog" 1
          who: "alex"
        2025-03-02 custom "time" "blog" 1
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    # Alex's 36.00 clashes with the config's 35.50 for 2025-06-01; the second 91.00
    # clashes with 90.00; the identical 90.00 is not an error. The first one read wins.
    assert loaded.error_lines() == [("main.beancount", 2), ("main.beancount", 5)]
    assert loaded.messages()[0].startswith(
        "Alex already has the rate 35.50 CAD from 2025-06-01 (set at "
    )
    assert "timeroi.yaml:6); this line says 36.00 CAD: keep one" in loaded.messages()[0]
    assert values_by_line(loaded) == {6: Decimal("35.50"), 8: Decimal("90.00")}


def test_bad_rate_directives(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "timeroi.yaml"
        2025-03-01 custom "hourly-rate" 0.00 CAD
        2025-03-01 custom "hourly-rate" -5.00 CAD "alex"
        2025-03-01 custom "hourly-rate" "alex" 32.00 CAD
        2025-03-01 custom "hourly-rate" 85
        2025-03-01 custom "hourly-rate" 85.00 CAD 12
        2025-03-01 custom "hourly-rate" 85.00 CAD "alex" "extra"
        2025-03-01 custom "hourly-rate" "eighty"
        """
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert [line for _file, line in loaded.error_lines()] == [2, 3, 4, 5, 6, 7, 8]
    messages = loaded.messages()
    assert (
        messages[0] == "an hourly rate must be greater than zero and at most 1000000, got 0.00 CAD"
    )
    assert messages[1] == (
        "an hourly rate must be greater than zero and at most 1000000, got -5.00 CAD"
    )
    assert messages[2].startswith("the values are in the wrong order: the rate comes first")
    assert messages[3].startswith("the rate 85 has no currency")
    assert messages[4].startswith("the second value must be the person")
    assert messages[5].startswith("too many values")
    assert messages[6].startswith("the first value must be the rate, like 85.00 CAD")


def test_absurd_rates_are_errors(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "{currency: CAD, rate: 1000000000000000000000000000000}"
        2025-03-01 custom "time" "blog" 1
        """
    loaded = ledger(text)
    assert loaded.messages() == [
        "In the plugin's inline config, rate: expected an hourly rate of at most 1000000, "
        "got 1000000000000000000000000000000"
    ]
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD}"
        2025-03-01 custom "hourly-rate" 1000001 CAD
        2025-03-01 custom "hourly-rate" 1000000 CAD "alex"
        """)
    assert loaded.messages() == [
        "an hourly rate must be greater than zero and at most 1000000, got 1000001 CAD"
    ]


def test_currency_defaults(ledger: LoadLedger) -> None:
    # No config currency and no operating currency: the first rate directive's currency.
    loaded = ledger("""\
        plugin "beancount_timeroi"
        2025-01-01 custom "hourly-rate" 70.00 EUR
        2025-01-02 custom "hourly-rate" 70.00 USD
        2025-03-01 custom "time" "blog" 1
        """)
    assert loaded.error_lines() == [("main.beancount", 3)]
    assert str(loaded.transactions[0].postings[0].units) == "70.00 EUR"
    # Rates in the config but no currency anywhere: an error asking for one.
    loaded = ledger("""\
        plugin "beancount_timeroi" "{rate: 85}"
        2025-03-01 custom "time" "blog" 1
        """)
    assert loaded.generated == []
    assert loaded.messages() == [
        "the config sets rates but no currency: add 'currency: CAD' (or your currency) "
        'to the config, or \'option "operating_currency" "CAD"\' to the ledger'
    ]
