"""SPEC 2.4: the transactions and Open directives the plugin writes."""

from __future__ import annotations

from decimal import Decimal

from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from conftest import LoadLedger, assert_entries, line_of, number

CONFIG = """\
currency: CAD
rate: 85
channels:
  linkedin: {name: LinkedIn}
  blog: {name: "Blog & News", aliases: [article]}
  newsletter: {account: "Expenses:Marketing:Newsletter-Time"}
"""

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "timeroi.yaml"

2025-01-01 open Assets:Bank  CAD

2025-03-02 custom "time" "linkedin" 1.5 "Replied to comments"
  activity: "engagement"
2025-03-01 custom "time" "Article" 20 MIN
2025-03-03 custom "time" "newsletter" "1h"
"""


def test_spec_example_transaction(ledger: LoadLedger) -> None:
    loaded = ledger(LEDGER, files={"timeroi.yaml": CONFIG})
    assert loaded.errors == []
    assert_entries(
        """
        2025-03-02 * "LinkedIn" "Replied to comments" #timeroi #linkedin
          Expenses:Marketing:Time:LinkedIn   127.50 CAD
          Income:Imputed:Time               -127.50 CAD

        2025-03-01 * "Blog & News" "time" #timeroi #blog
          Expenses:Marketing:Time:BlogNews    28.33 CAD
          Income:Imputed:Time                -28.33 CAD

        2025-03-03 * "newsletter" "time" #timeroi #newsletter
          Expenses:Marketing:Newsletter-Time    85.00 CAD
          Income:Imputed:Time                  -85.00 CAD
        """,
        loaded.transactions,
    )


def test_generated_metadata_and_source_line(ledger: LoadLedger) -> None:
    loaded = ledger(LEDGER, files={"timeroi.yaml": CONFIG})
    by_channel = {txn.meta["channel"]: txn for txn in loaded.transactions}
    linkedin = by_channel["linkedin"]
    assert linkedin.meta["filename"] == str(loaded.path)
    assert linkedin.meta["lineno"] == line_of(LEDGER, '"linkedin" 1.5')
    assert linkedin.meta["hours"] == Decimal("1.5")
    assert linkedin.meta["rate"] == Amount(Decimal("85.00"), "CAD")
    assert linkedin.meta["who"] == "owner"
    assert linkedin.meta["activity"] == "engagement"
    blog = by_channel["blog"]
    assert blog.meta["lineno"] == line_of(LEDGER, '"Article" 20 MIN')
    assert blog.meta["hours"] == Decimal("0.3333")  # 20 minutes, rounded to 4 decimals
    assert "activity" not in blog.meta


def test_opens_at_first_use_unless_opened(ledger: LoadLedger) -> None:
    text = LEDGER + "2025-01-01 open Expenses:Marketing:Newsletter-Time\n"
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.errors == []
    opens = {e.account: e for e in loaded.generated if isinstance(e, data.Open)}
    assert sorted(opens) == [
        "Expenses:Marketing:Time:BlogNews",
        "Expenses:Marketing:Time:LinkedIn",
        "Income:Imputed:Time",
    ]
    # The offset account is first used by the blog entry on 2025-03-01.
    assert str(opens["Income:Imputed:Time"].date) == "2025-03-01"
    assert str(opens["Expenses:Marketing:Time:LinkedIn"].date) == "2025-03-02"
    assert opens["Expenses:Marketing:Time:LinkedIn"].meta["lineno"] == line_of(
        text, '"linkedin" 1.5'
    )


def test_default_account_and_payee_without_channel_config(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        option "operating_currency" "CAD"
        plugin "beancount_timeroi" "{rate: 85}"
        2025-03-02 custom "time" "linkedin" 1
        2025-03-02 custom "time" "my-blog" 1
        """)
    assert loaded.errors == []
    assert_entries(
        """
        2025-03-02 * "linkedin" "time" #timeroi #linkedin
          Expenses:Marketing:Time:Linkedin   85.00 CAD
          Income:Imputed:Time               -85.00 CAD
        2025-03-02 * "my-blog" "time" #timeroi #my-blog
          Expenses:Marketing:Time:My-blog    85.00 CAD
          Income:Imputed:Time               -85.00 CAD
        """,
        loaded.transactions,
    )


def test_accounts_and_tag_from_config(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: EUR, rate: 60, tag: social-time, accounts: {time: 'Expenses:Social', offset: 'Equity:Time'}}"
        2025-03-02 custom "time" "x" 2
        """)
    assert loaded.errors == []
    assert_entries(
        """
        2025-03-02 * "x" "time" #social-time #x
          Expenses:Social:X   120.00 EUR
          Equity:Time        -120.00 EUR
        """,
        loaded.transactions,
    )


def test_default_accounts_follow_renamed_roots(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        option "name_expenses" "Depenses"
        option "name_income" "Revenus"
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-03-02 custom "time" "blog" "30m"
        """)
    assert loaded.errors == []
    assert_entries(
        """
        option "name_expenses" "Depenses"
        option "name_income" "Revenus"
        2025-03-02 * "blog" "time" #timeroi #blog
          Depenses:Marketing:Time:Blog   42.50 CAD
          Revenus:Imputed:Time          -42.50 CAD
        """,
        loaded.transactions,
    )


def test_values_are_rounded_per_entry_and_totals_are_their_sum(ledger: LoadLedger) -> None:
    # Three 20-minute entries at 85.00: each 28.333... -> 28.33, total 84.99 (not 85.00).
    # 15 minutes at 84.98 is 21.245 -> 21.25 (half up, not half even).
    # 3 minutes at 84.90 is 4.245 -> 4.25.
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-01-01 custom "hourly-rate" 84.98 CAD "sam"
        2025-01-01 custom "hourly-rate" 84.90 CAD "kim"
        2025-03-02 custom "time" "blog" "20m"
        2025-03-03 custom "time" "blog" 20 MIN
        2025-03-04 custom "time" "blog" "0:20"
        2025-03-04 custom "time" "linkedin" "15m"
          who: "sam"
        2025-03-04 custom "time" "linkedin" 3 MINUTES
          who: "kim"
        """)
    assert loaded.errors == []
    totals = loaded.totals()
    assert totals["Expenses:Marketing:Time:Blog"] == Decimal("84.99")
    assert totals["Expenses:Marketing:Time:Linkedin"] == Decimal("25.50")  # 21.25 + 4.25
    assert totals["Income:Imputed:Time"] == Decimal("-110.49")


def test_every_generated_transaction_balances_and_books_are_unchanged(ledger: LoadLedger) -> None:
    text = (
        LEDGER
        + """
2025-03-05 * "Client" "Invoice"
  Assets:Bank   1000.00 CAD
  Income:Design

2025-01-01 open Income:Design
"""
    )
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    assert loaded.errors == []
    for txn in loaded.transactions:
        assert sum(number(p) for p in txn.postings) == 0
    # The generated entries net to zero in the income statement: expense = offset.
    sums = loaded.totals()
    expenses = sum(v for k, v in sums.items() if k.startswith("Expenses:"))
    assert expenses == -sums["Income:Imputed:Time"] == Decimal("240.83")  # 127.50 + 28.33 + 85.00


def test_user_entries_come_back_unchanged(ledger: LoadLedger) -> None:
    text = (
        LEDGER
        + """
2025-03-05 * "Someone" "My own #timeroi transaction" #timeroi
  Assets:Bank   -10.00 CAD
  Expenses:Marketing:Time:LinkedIn

2025-03-06 custom "time" "linkedin" "1h75"
2025-03-06 custom "unrelated" "value"
"""
    )
    loaded = ledger(text, files={"timeroi.yaml": CONFIG})
    # The same file without the plugin (the line commented out, so lines stay put).
    loaded.path.write_text(
        text.replace('plugin "beancount_timeroi"', '; plugin "beancount_timeroi"')
    )
    plain_entries, _errors, _options = loader.load_file(str(loaded.path))
    # Same entries, equal field by field, in the same order; the user's #timeroi
    # transaction stays the user's.
    assert loaded.user_entries == plain_entries
    assert len(loaded.transactions) == 3


def test_generate_false_adds_nothing_but_still_checks(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85, generate: false}"
        2025-03-02 custom "time" "blog" 1
        2025-03-02 custom "time" "blog" 0
        """)
    assert loaded.generated == []
    assert len(loaded.errors) == 1
    assert "more than zero" in loaded.errors[0].message


def test_listed_twice_adds_and_reports_nothing_twice(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-03-02 custom "time" "blog" 1
        2025-03-02 custom "time" "blog" "1h75"
        """
    loaded = ledger(text)
    assert len(loaded.transactions) == 1
    assert len([e for e in loaded.generated if isinstance(e, data.Open)]) == 2
    assert len(loaded.errors) == 1
    assert loaded.errors[0].source["lineno"] == line_of(text, '"1h75"')


def test_listed_twice_with_different_configs_is_an_error(ledger: LoadLedger) -> None:
    text = """\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        plugin "beancount_timeroi" "{currency: CAD, rate: 90}"
        2025-03-02 custom "time" "blog" 1
        """
    loaded = ledger(text)
    assert [number(t.postings[0]) for t in loaded.transactions] == [Decimal("85.00")]
    assert len(loaded.errors) == 1
    assert "listed twice with different configurations" in loaded.errors[0].message
    assert loaded.errors[0].source["lineno"] == 1


def test_running_the_plugin_again_over_its_output_adds_nothing(ledger: LoadLedger) -> None:
    from beancount_timeroi import timeroi

    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
        2025-03-02 custom "time" "blog" 1
        """)
    again, errors = timeroi(
        list(loaded.entries), {"filename": str(loaded.path)}, "{currency: CAD, rate: 85}"
    )
    assert errors == []
    assert len(again) == len(loaded.entries)


def test_people_names_match_case_insensitively(ledger: LoadLedger) -> None:
    loaded = ledger("""\
        plugin "beancount_timeroi" "{currency: CAD, people: {Alex: 30}}"
        2025-03-02 custom "time" "blog" 1
          who: "ALEX"
        """)
    assert loaded.errors == []
    (txn,) = loaded.transactions
    assert txn.meta["who"] == "Alex"
    assert txn.postings[0].units == Amount(Decimal("30.00"), "CAD")
