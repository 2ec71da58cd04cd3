"""SPEC 8: time already kept as a commodity is valued like `time` directives."""

from __future__ import annotations

from decimal import Decimal

from beancount.core import data
from conftest import Loaded, LoadLedger, assert_entries, line_of, number

from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.render.json_report import as_dict

CONFIG = "{rate: 80, people: {alex: 40}, channels: {linkedin: {name: LinkedIn}, blog: {aliases: [article]}, youtube: {name: You Tube}}}"

LEDGER = f"""\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{CONFIG}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-01-01 open Expenses:Time:LinkedIn
2025-01-01 open Expenses:Time:Social
2025-01-01 open Expenses:Time:Clients
2025-01-01 open Expenses:Time:YouTube
2025-01-01 open Equity:Time

2025-03-02 * "Replied to comments"
  Expenses:Time:LinkedIn    1.5 HR
  Equity:Time

2025-03-03 * "Article draft" #article
  Expenses:Time:Social      2 H
    who: "alex"
    activity: "writing"
  Equity:Time

2025-03-04 * "Client work"
  Expenses:Time:Clients     6 HOURS
  Equity:Time

2025-03-05 * "Video edit"
  Expenses:Time:YouTube     0.5 HRS
  Equity:Time

2025-03-06 * "Mixed"
  channel: "linkedin"
  Expenses:Time:Social      1 HOUR
  Expenses:Time:Social      0.25 HR
    channel: "blog"
  Equity:Time

2025-03-06 custom "time" "linkedin" "30m" "Directive form"

2025-03-07 * "Acme" "Site" #linkedin
  Assets:Bank   500.00 CAD
  Income:Design
"""


def load(ledger: LoadLedger) -> Loaded:
    return ledger(LEDGER)


def test_postings_of_time_are_valued_at_their_line(ledger: LoadLedger) -> None:
    loaded = load(ledger)
    assert loaded.errors == []
    by_line = {t.meta["lineno"]: t for t in loaded.transactions}
    # 1.5 HR on Expenses:Time:LinkedIn: the account names the channel; 1.5 x 80 = 120.00.
    # 2 H by alex tagged #article (blog's alias): 2 x 40 = 80.00.
    # 0.5 HRS on Expenses:Time:YouTube: "YouTube" is the name "You Tube", spaces ignored: 40.00.
    # 1 HOUR with the transaction's channel: linkedin: 80.00; 0.25 HR with its own: blog, 20.00.
    # The 6 HOURS of client work have no channel: not valued. The directive: 0.5 x 80 = 40.00.
    expected = {
        line_of(LEDGER, "Expenses:Time:LinkedIn    1.5 HR"): ("linkedin", "120.00", "owner"),
        line_of(LEDGER, "Expenses:Time:Social      2 H"): ("blog", "80.00", "alex"),
        line_of(LEDGER, "Expenses:Time:YouTube     0.5 HRS"): ("youtube", "40.00", "owner"),
        line_of(LEDGER, "Expenses:Time:Social      1 HOUR"): ("linkedin", "80.00", "owner"),
        line_of(LEDGER, "Expenses:Time:Social      0.25 HR"): ("blog", "20.00", "owner"),
        line_of(LEDGER, '"linkedin" "30m"'): ("linkedin", "40.00", "owner"),
    }
    got = {
        line: (t.meta["channel"], str(number(t.postings[0])), t.meta["who"])
        for line, t in by_line.items()
    }
    assert got == expected
    draft = by_line[line_of(LEDGER, "Expenses:Time:Social      2 H")]
    assert (draft.narration, draft.meta["activity"]) == ("Article draft", "writing")


def test_generated_transaction_shape(ledger: LoadLedger) -> None:
    loaded = load(ledger)
    first = [t for t in loaded.transactions if t.narration == "Replied to comments"]
    assert_entries(
        """
        2025-03-02 * "LinkedIn" "Replied to comments" #timeroi #linkedin
          Expenses:Marketing:Time:LinkedIn   120.00 CAD
          Income:Imputed:Time               -120.00 CAD
        """,
        first,
    )
    # The user's own transaction is untouched.
    user = [
        e
        for e in loaded.user_entries
        if isinstance(e, data.Transaction) and e.narration == "Replied to comments"
    ]
    assert [str(p.units) for p in user[0].postings] == ["1.5 HR", "-1.5 HR"]


def test_a_ledger_mixing_both_forms_reports_both(ledger: LoadLedger) -> None:
    loaded = load(ledger)
    data_ = as_dict(build_report(Ledger(loaded.entries, loaded.errors, loaded.options)))
    rows = {row["channel"]: row for row in data_["channels"]}
    # linkedin: 1.5 + 1 + 0.5 = 3 h, 120 + 80 + 40 = 240.00; revenue 500.00.
    assert (
        rows["linkedin"]["hours"],
        rows["linkedin"]["time_cost"],
        rows["linkedin"]["revenue"],
    ) == ("3.00", "240.00", "500.00")
    # blog: 2 + 0.25 = 2.25 h, 80 + 20 = 100.00; youtube 0.5 h, 40.00.
    assert (rows["blog"]["hours"], rows["blog"]["time_cost"]) == ("2.25", "100.00")
    assert (rows["youtube"]["hours"], rows["youtube"]["time_cost"]) == ("0.50", "40.00")
    # Hours are never revenue nor cash cost; the books match.
    assert data_["totals"]["cash_cost"] == "0.00"
    assert all(check["ok"] for check in data_["checks"])


def test_without_a_channels_config_only_explicit_channels_count(ledger: LoadLedger) -> None:
    text = LEDGER.replace(CONFIG, "{rate: 80, people: {alex: 40}}")
    loaded = ledger(text)
    assert loaded.errors == []
    # Account names no longer count: only the transaction and posting channel: values
    # (linkedin 1 HOUR, blog 0.25 HR), the directive (linkedin), and the #article tag,
    # which names no channel here, does not count either.
    channels = sorted((t.meta["channel"], str(number(t.postings[0]))) for t in loaded.transactions)
    assert channels == [("blog", "20.00"), ("linkedin", "40.00"), ("linkedin", "80.00")]


def test_errors_on_postings_of_time(ledger: LoadLedger) -> None:
    text = """\
        option "operating_currency" "CAD"
        plugin "beancount_timeroi" "{rate: 80, channels: [linkedin, blog]}"
        2025-01-01 open Expenses:Time:LinkedIn
        2025-01-01 open Equity:Time
        2025-03-02 * "Two channels"
          Expenses:Time:LinkedIn   1 HR
            channel: "linkedin blog"
          Equity:Time
        2025-03-02 * "Too long"
          Expenses:Time:LinkedIn   25 HR
          Equity:Time
        2025-03-02 * "Bad who"
          Expenses:Time:LinkedIn   1 HR
            who: 12
          Equity:Time
        2025-03-03 * "Over the day" #linkedin
          Expenses:Time:LinkedIn   20 HR
          Equity:Time
        2025-03-03 custom "time" "blog" 5
        """
    loaded = ledger(text)
    assert loaded.error_lines() == [
        ("main.beancount", line_of(text, "1 HR", 1)),
        ("main.beancount", line_of(text, "25 HR")),
        ("main.beancount", line_of(text, "1 HR", 2)),
        ("main.beancount", line_of(text, 'custom "time" "blog" 5')),
    ]
    assert loaded.messages() == [
        "this posting of time names 2 channels (linkedin, blog); a posting of time belongs to "
        "one channel: split it into one posting per channel",
        "a duration can be at most 24 hours, got 25 HR; split longer work over several days",
        'who: must be a person\'s name in quotes, like who: "alex"',
        "owner would have logged 25.00 hours on 2025-03-03 with this entry, more than 24; "
        "check that day's durations",
    ]
    # 20 hours on 2025-03-03 were valued (80 x 20 = 1600.00); the directive after is not.
    assert [number(t.postings[0]) for t in loaded.transactions] == [Decimal("1600.00")]


def test_listed_twice_and_run_again_add_nothing(ledger: LoadLedger) -> None:
    from beancount_timeroi import timeroi

    text = LEDGER.replace(
        f'plugin "beancount_timeroi" "{CONFIG}"\n', f'plugin "beancount_timeroi" "{CONFIG}"\n' * 2
    )
    loaded = ledger(text)
    assert len(loaded.transactions) == 6
    again, errors = timeroi(
        list(loaded.entries), {"filename": str(loaded.path), "operating_currency": ["CAD"]}, CONFIG
    )
    assert errors == [] and len(again) == len(loaded.entries)
