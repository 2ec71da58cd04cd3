"""SPEC 12.1: logging time from the command line, and the timer.

Each test writes a small ledger, runs the command, and compares the file's bytes
with the bytes expected, written out by hand: the directive in its canonical
form, appended after a blank line, every other byte kept; or no change at all.
"""

from __future__ import annotations

import datetime
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from click.testing import CliRunner, Result
from conftest import number

from beancount_timeroi.cli import log as log_command
from beancount_timeroi.cli import main

BOOKS = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"
include "time.beancount"

2025-01-01 open Assets:Bank
"""
CONFIG = (
    "{rate: 85, people: {alex: [{since: 2025-01-01, rate: 32}]}, "
    "channels: {linkedin: {name: LinkedIn}, blog: {}}}"
)
TIME = '; my time\n2025-03-01 custom "time" "blog" 1\n'


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "time.beancount").write_text(TIME, encoding="utf-8")
    path = tmp_path / "books.beancount"
    path.write_text(BOOKS.replace("{config}", CONFIG), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_log_appends_the_canonical_directive_and_keeps_every_other_byte(books: Path) -> None:
    before = books.read_bytes()
    result = run(
        "log",
        str(books),
        "LinkedIn",
        "1.5",
        'Replied to "comments"',
        "--date",
        "2025-03-02",
        "--activity",
        "engagement",
        "--who",
        "alex",
    )
    assert result.exit_code == 0, result.output
    directive = (
        '2025-03-02 custom "time" "linkedin" "1h30" "Replied to \\"comments\\""\n'
        '  activity: "engagement"\n'
        '  who: "alex"\n'
    )
    # The file ended with a newline: one blank line, then the directive, on line 7.
    assert books.read_bytes() == before + b"\n" + directive.encode()
    assert result.stdout == directive + "books.beancount:7\n"
    # The ledger still loads clean, with alex's 1.5 h valued at 32.00: 48.00.
    entries, errors, _options = loader.load_file(str(books))
    assert errors == []
    values = [number(e.postings[0]) for e in entries if isinstance(e, data.Transaction)]
    assert sorted(values) == [48, 85]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("45m", '"0h45"'),
        ("2h", '"2h00"'),
        ("1:30", '"1h30"'),
        ("90min", '"1h30"'),
        ("20m", '"0h20"'),  # a third of an hour, kept as minutes
        ("0.01", "0.01"),  # 36 seconds: the hours as a plain number
        ("24h", '"24h00"'),
    ],
)
def test_the_duration_is_written_in_its_canonical_form(
    books: Path, typed: str, written: str
) -> None:
    result = run("log", str(books), "blog", typed, "--date", "2025-03-05")
    assert result.exit_code == 0, result.output
    assert books.read_text(encoding="utf-8").endswith(
        f'\n\n2025-03-05 custom "time" "blog" {written}\n'
    )


def test_a_file_without_a_final_newline_gets_one_then_a_blank_line(books: Path) -> None:
    target = books.parent / "time.beancount"
    target.write_bytes(b'2025-03-01 custom "time" "blog" 1')
    result = run("log", str(books), "blog", "1h", "--date", "2025-03-02", "--file", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (
        b'2025-03-01 custom "time" "blog" 1\n\n2025-03-02 custom "time" "blog" "1h00"\n'
    )
    assert result.stdout.endswith("time.beancount:3\n")


def test_log_keeps_the_files_permissions_and_line_endings(books: Path) -> None:
    target = books.parent / "time.beancount"
    target.write_bytes(b"; my time\r\n")
    os.chmod(target, 0o640)
    result = run(
        "log", str(books), "blog", "1h", "--date", "2025-03-02", "--file", "time.beancount"
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b'; my time\r\n\r\n2025-03-02 custom "time" "blog" "1h00"\r\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_the_configs_log_file_is_where_entries_go(books: Path) -> None:
    books.write_text(
        BOOKS.replace("{config}", "{rate: 85, log_file: time.beancount}"), encoding="utf-8"
    )
    before = books.read_bytes()
    result = run("log", str(books), "blog", "1h", "--date", "2025-03-02")
    assert result.exit_code == 0, result.output
    assert books.read_bytes() == before
    assert (books.parent / "time.beancount").read_text(encoding="utf-8") == (
        TIME + '\n2025-03-02 custom "time" "blog" "1h00"\n'
    )


def test_a_file_outside_the_ledger_is_refused(books: Path) -> None:
    other = books.parent / "other.beancount"
    other.write_text("", encoding="utf-8")
    result = run("log", str(books), "blog", "1h", "--file", str(other))
    assert result.exit_code == 2
    assert (
        "other.beancount is not a file of books.beancount: add 'include \"other.beancount\"'"
        in (result.output)
    )
    assert other.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("linkdin", "1h"), "channel: unknown channel 'linkdin'; did you mean 'linkedin'?"),
        (("blog", "1h75"), 'duration: "1h75" is not a duration: the minutes must be two digits'),
        (("blog", "25h"), 'duration: a duration can be at most 24 hours, got "25h"'),
        (("blog", "0"), 'duration: a duration must be more than zero, got "0"'),
        (("blog", "1h", "--who", "zoe"), "who: unknown person 'zoe'"),
        (("blog", "1h", "--content", "Accessible Forms"), "content: 'Accessible Forms' is not a"),
        (("blog", "1h", "--date", "2024-06-01", "--who", "alex"), "who: no hourly rate for alex"),
    ],
)
def test_a_bad_entry_writes_nothing_and_says_which_field(
    books: Path, args: tuple[str, ...], message: str
) -> None:
    before = books.read_bytes(), (books.parent / "time.beancount").read_bytes()
    result = run("log", str(books), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert (books.read_bytes(), (books.parent / "time.beancount").read_bytes()) == before


def test_a_content_must_be_a_declared_one_once_contents_are_declared(books: Path) -> None:
    declared = '2025-02-01 custom "content" "accessible-forms" "blog" "Accessible forms"\n'
    with (books.parent / "time.beancount").open("a", encoding="utf-8") as file:
        file.write(declared)
    before = (books.parent / "time.beancount").read_bytes()
    result = run("log", str(books), "blog", "1h", "--content", "acessible-forms")
    assert result.exit_code == 2
    assert (
        "content: unknown content 'acessible-forms'; did you mean 'accessible-forms'?"
        in result.output
    )
    assert (books.parent / "time.beancount").read_bytes() == before
    result = run(
        "log",
        str(books),
        "blog",
        "1h",
        "Draft",
        "--date",
        "2025-03-05",
        "--content",
        "accessible-forms",
    )
    assert result.exit_code == 0, result.output
    # No log_file in the config: the entry goes to the top-level file.
    assert books.read_bytes().endswith(
        b'\n\n2025-03-05 custom "time" "blog" "1h00" "Draft"\n  content: "accessible-forms"\n'
    )


def test_a_day_over_24_hours_is_refused(books: Path) -> None:
    # Already 1 h of blog on 2025-03-01 (time.beancount): 23h30 more would make 24h30.
    result = run("log", str(books), "linkedin", "23h30", "--date", "2025-03-01")
    assert result.exit_code == 2
    assert "owner would have logged 24.50 hours on 2025-03-01 with this entry" in result.output


def test_an_entry_that_breaks_the_ledger_is_put_back(books: Path) -> None:
    """The checks pass, but the ledger's own balance assertion fails once it is there."""
    books.write_text(
        BOOKS.replace("{config}", CONFIG)
        + "2025-12-31 balance Expenses:Marketing:Time:LinkedIn 0 CAD\n",
        encoding="utf-8",
    )
    before = books.read_bytes()
    result = run("log", str(books), "linkedin", "1h", "--date", "2025-06-01")
    assert result.exit_code == 1
    assert "With this entry the ledger has a new error, so books.beancount is as it was:" in (
        result.output
    )
    assert "Balance failed for 'Expenses:Marketing:Time:LinkedIn'" in result.output
    assert books.read_bytes() == before


def test_log_in_french(books: Path) -> None:
    result = run("log", str(books), "linkdin", "1h", "--lang", "fr")
    assert result.exit_code == 2
    assert "le canal 'linkdin' est inconnu" in result.output


def test_log_as_a_real_process_and_two_at_once_both_land(books: Path) -> None:
    command = [sys.executable, "-c", "from beancount_timeroi.cli import run; run()", "log"]
    processes = [
        subprocess.Popen(
            [*command, str(books), channel, "1h", "--date", "2025-03-02"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for channel in ("linkedin", "blog")
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    text = books.read_text(encoding="utf-8")
    # Both entries, each after a blank line, in the order the lock let them in.
    written = [line for line in text.splitlines() if line.startswith("2025-03-02")]
    assert sorted(written) == [
        '2025-03-02 custom "time" "blog" "1h00"',
        '2025-03-02 custom "time" "linkedin" "1h00"',
    ]
    assert text.startswith(BOOKS.replace("{config}", CONFIG))
    assert loader.load_file(str(books))[1] == []


# -- the timer -----------------------------------------------------------------------------


class Clock:
    """The time the commands see."""

    def __init__(self) -> None:
        zone = datetime.timezone(datetime.timedelta(hours=-5))
        self.now = datetime.datetime(2025, 3, 2, 23, 50, tzinfo=zone)

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    moment = Clock()
    monkeypatch.setattr(log_command, "now", moment)
    yield moment


def state_of(books: Path) -> dict[str, object]:
    files = list((books.parent / "state" / "beancount-timeroi").glob("timer-*.json"))
    assert len(files) == 1
    state: dict[str, object] = json.loads(files[0].read_text(encoding="utf-8"))
    return state


def test_the_timer_logs_its_minutes_dated_the_day_it_started(books: Path, clock: Clock) -> None:
    assert run("status", str(books)).stdout == "no timer\n"
    started = run("start", str(books), "linkedin", "Live Q&A", "--who", "alex")
    assert started.exit_code == 0, started.output
    assert state_of(books) == {
        "ledger": str(books),
        "channel": "linkedin",
        "description": "Live Q&A",
        "metadata": {"who": "alex"},
        "start": "2025-03-02T23:50:00-05:00",
    }
    refused = run("start", str(books), "blog")
    assert refused.exit_code == 2
    assert "a timer is already running for this ledger: linkedin · Live Q&A since" in (
        refused.output
    )
    # 1 h 7 min 29 s later, past midnight: 67 minutes (29 s rounds down), dated the 2nd.
    clock.now += datetime.timedelta(hours=1, minutes=7, seconds=29)
    assert run("status", str(books)).stdout == (
        "linkedin · Live Q&A since 2025-03-02 23:50 (1h07)\n"
    )
    stopped = run("stop", str(books))
    assert stopped.exit_code == 0, stopped.output
    assert books.read_text(encoding="utf-8").endswith(
        '\n\n2025-03-02 custom "time" "linkedin" "1h07" "Live Q&A"\n  who: "alex"\n'
    )
    assert run("status", str(books)).stdout == "no timer\n"
    assert run("stop", str(books)).exit_code == 2
    assert run("cancel", str(books)).exit_code == 2


def test_a_timer_over_24_hours_is_kept_and_cancel_drops_it(books: Path, clock: Clock) -> None:
    before = books.read_bytes()
    assert run("start", str(books), "blog").exit_code == 0
    clock.now += datetime.timedelta(hours=24, minutes=1)
    stopped = run("stop", str(books))
    assert stopped.exit_code == 2
    assert "the timer has run for 24h01, more than 24 hours, so it was kept" in stopped.output
    assert state_of(books)["channel"] == "blog"
    cancelled = run("cancel", str(books))
    assert cancelled.exit_code == 0
    assert cancelled.stdout.startswith("Timer cancelled: blog since 2025-03-02 23:50")
    assert run("status", str(books)).stdout == "no timer\n"
    assert books.read_bytes() == before


def test_a_short_timer_logs_at_least_a_minute(books: Path, clock: Clock) -> None:
    assert run("start", str(books), "blog").exit_code == 0
    clock.now += datetime.timedelta(seconds=10)
    assert run("stop", str(books)).exit_code == 0
    assert books.read_text(encoding="utf-8").endswith('2025-03-02 custom "time" "blog" "0h01"\n')


def test_a_timer_for_a_bad_entry_does_not_start(books: Path, clock: Clock) -> None:
    result = run("start", str(books), "podcast")
    assert result.exit_code == 2
    assert "unknown channel 'podcast'" in result.output
    assert not (books.parent / "state" / "beancount-timeroi").exists() or not list(
        (books.parent / "state" / "beancount-timeroi").glob("timer-*.json")
    )
