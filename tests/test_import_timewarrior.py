"""SPEC 8 and 8.1: Timewarrior exports, read from files Timewarrior 1.4.3 wrote.

tests/data/timewarrior/ holds two real ``timew export`` files and the scripts
that made them (``make-toronto.sh``, ``make-lord-howe.sh``: ``timew track``,
``timew annotate`` and ``timew start`` in a fresh database, TZ set). Each
expected duration below is Timewarrior's own, from ``timew summary :ids``,
whose output is copied under the test that uses it; the importer's config
uses the same time zone as TZ did.

Rules checked: an interval is cut at each local midnight whatever its length,
each date at most 24 hours; minutes are rounded on the running total, so
the pieces add up to the whole interval rounded once; the 25-hour day when
the clocks go back cannot hold more than 24 hours, so an interval covering
more of it is a problem at its line; every other refused interval (running,
untagged, unmapped, two channels, under 30 s) is a problem at its line too.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import textwrap
import zoneinfo
from fractions import Fraction
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import event, given, note
from hypothesis import strategies as st

from beancount_timeroi.cli import main
from beancount_timeroi.config import Config
from beancount_timeroi.configimport import ImportConfig
from beancount_timeroi.engine import build_report
from beancount_timeroi.importers import ImportedRow, Problem, read_export, render, to_entries
from beancount_timeroi.importers.timewarrior import parse_stamp, parse_timewarrior
from beancount_timeroi.ledger import Ledger

DATA = Path(__file__).resolve().parent / "data" / "timewarrior"
DOCS = Path(__file__).resolve().parent.parent / "docs"


MAP = {
    "linkedin": "linkedin",
    "Social - LinkedIn": "linkedin",
    "Réseaux sociaux – LinkedIn": "linkedin",
    "blog": "blog",
    "marketing blog": "blog",
    "newsletter": "newsletter",
    "instagram": "instagram",
}
TORONTO = Config(imports=ImportConfig(channels=MAP), timezone="America/Toronto")
LORD_HOWE = Config(imports=ImportConfig(channels=MAP), timezone="Australia/Lord_Howe")

Day = tuple[datetime.date, int]


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def pieces_by_line(rows: list[ImportedRow]) -> dict[int, list[Day]]:
    found: dict[int, list[Day]] = {}
    for row in rows:
        found.setdefault(row.line, []).append((row.date, row.minutes))
    return found


def problems_by_line(problems: list[Problem]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.line, []).append(problem.message)
    return found


def line_of_id(path: Path, ident: int) -> int:
    """The line of the interval Timewarrior numbered ``@ident`` in its export."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if f'"id":{ident},' in line:
            return number
    raise AssertionError(f"no @{ident} in {path.name}")


# -- timew summary, parsed ------------------------------------------------------------------

SUMMARY_ROW = re.compile(
    r"^(?:W\d+\s+(\d{4}-\d\d-\d\d)\s+\w{3}\s+)?\s*@(\d+)\s.*?"
    r"(\d+:\d\d:\d\d)\s+(\d+:\d\d:\d\d)\s+(\d+:\d\d:\d\d)(?:\s+\d+:\d\d:\d\d)?$"
)


def summary_days(summary: str) -> dict[int, list[tuple[datetime.date, int]]]:
    """Timewarrior's ``summary :ids`` table: each interval's seconds on each date.

    A row is ``W10 2025-03-05 Wed @13 blog, deep work 20:00:00 0:00:00 4:00:00 4:00:00``
    (start, end, time, the day's total); a row without a date is on the date above.
    """
    days: dict[int, list[tuple[datetime.date, int]]] = {}
    date: datetime.date | None = None
    for line in textwrap.dedent(summary).splitlines():
        match = SUMMARY_ROW.match(line)
        if not match:
            continue
        if match.group(1):
            date = d(match.group(1))
        assert date is not None
        hours, minutes, seconds = (int(part) for part in match.group(5).split(":"))
        days.setdefault(int(match.group(2)), []).append(
            (date, hours * 3600 + minutes * 60 + seconds)
        )
    return days


def rounded_on_the_running_total(days: list[tuple[datetime.date, int]]) -> list[Day]:
    """Whole minutes per date: the running total rounded to the nearest minute, halves up,
    each date getting what its seconds add to the rounded total (docs/import.md)."""
    pieces: list[Day] = []
    elapsed = counted = 0
    for date, seconds in days:
        elapsed += seconds
        total = (elapsed + 30) // 60
        if total - counted:
            pieces.append((date, total - counted))
        counted = total
    return pieces


# $ TZ=America/Toronto TIMEWARRIORDB=... timew summary 2024-11-01 - 2025-11-30 :ids
# (after make-toronto.sh; @1, still running since 2025-12-01, is outside the range)
TORONTO_SUMMARY = """
    Wk  Date       Day ID  Tags                    Start      End     Time     Total
    --- ---------- --- --- -------------------- -------- -------- -------- ---------
    W44 2024-11-02 Sat @16 blog                 22:00:00  0:00:00  2:00:00   2:00:00
    W44 2024-11-03 Sun @16 blog                  0:00:00  0:00:00 25:00:00  25:00:00
    W45 2024-11-04 Mon @16 blog                  0:00:00  2:00:00  2:00:00   2:00:00
    W9  2025-03-02 Sun @15 engagement, linkedin  9:00:00 10:07:00  1:07:00   1:07:00
    W10 2025-03-03 Mon @14 newsletter           23:30:00  0:00:00  0:30:00   0:30:00
    W10 2025-03-04 Tue @14 newsletter            0:00:00  1:00:00  1:00:00   1:00:00
    W10 2025-03-05 Wed @13 blog, deep work      20:00:00  0:00:00  4:00:00   4:00:00
    W10 2025-03-06 Thu @13 blog, deep work       0:00:00  0:00:00 24:00:00  24:00:00
    W10 2025-03-07 Fri @13 blog, deep work       0:00:00  0:00:00 24:00:00  24:00:00
    W10 2025-03-08 Sat @13 blog, deep work       0:00:00 11:30:00 11:30:00
                       @12 Social - LinkedIn    22:00:00  0:00:00  2:00:00  13:30:00
    W10 2025-03-09 Sun @12 Social - LinkedIn     0:00:00  0:00:00 23:00:00  23:00:00
    W11 2025-03-10 Mon @12 Social - LinkedIn     0:00:00  1:00:00  1:00:00   1:00:00
    W11 2025-03-11 Tue @11                      10:00:00 10:20:00  0:20:00
                       @10 errands              11:00:00 11:45:00  0:45:00
                       @9  blog, linkedin       14:00:00 15:00:00  1:00:00   2:05:00
    W11 2025-03-12 Wed @8  linkedin             10:00:00 10:00:20  0:00:20   0:00:20
    W11 2025-03-13 Thu @7  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W11 2025-03-15 Sat @6  blog                 12:00:00  0:00:00 12:00:00  12:00:00
    W11 2025-03-16 Sun @6  blog                  0:00:00 12:00:00 12:00:00  12:00:00
    W14 2025-04-01 Tue @5  newsletter            8:00:20  0:00:00 15:59:40  15:59:40
    W14 2025-04-02 Wed @5  newsletter            0:00:00  0:00:00 24:00:00  24:00:00
    W14 2025-04-03 Thu @5  newsletter            0:00:00  9:15:50  9:15:50   9:15:50
    W22 2025-06-01 Sun @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-02 Mon @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-03 Tue @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-04 Wed @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-05 Thu @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-06 Fri @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W23 2025-06-07 Sat @4  blog                  0:00:00  0:00:00 24:00:00  24:00:00
    W44 2025-11-01 Sat @3  instagram            12:00:00  0:00:00 12:00:00  12:00:00
    W44 2025-11-02 Sun @3  instagram             0:00:00 10:00:00 11:00:00
                       @2  instagram            23:40:31  0:00:00  0:19:29  11:19:29
    W45 2025-11-03 Mon @2  instagram             0:00:00  0:20:29  0:20:29   0:20:29

                                                                           412:07:48
"""

# $ TZ=Australia/Lord_Howe TIMEWARRIORDB=... timew summary 2025-04-01 - 2026-04-30 :ids
# (after make-lord-howe.sh; Lord Howe Island moves its clocks by 30 minutes)
LORD_HOWE_SUMMARY = """
    Wk  Date       Day ID Tags                                      Start      End     Time    Total
    --- ---------- --- -- -------------------------------------- -------- -------- -------- --------
    W14 2025-04-05 Sat @4 Réseaux sociaux – LinkedIn             20:00:00  0:00:00  4:00:00  4:00:00
    W14 2025-04-06 Sun @4 Réseaux sociaux – LinkedIn              0:00:00  0:00:00 24:30:00 24:30:00
    W15 2025-04-07 Mon @4 Réseaux sociaux – LinkedIn              0:00:00  6:00:00  6:00:00  6:00:00
    W40 2025-10-04 Sat @3 marketing blog                         18:00:00  0:00:00  6:00:00  6:00:00
    W40 2025-10-05 Sun @3 marketing blog                          0:00:00  0:00:00 23:30:00 23:30:00
    W41 2025-10-06 Mon @3 marketing blog                          0:00:00  6:15:00  6:15:00  6:15:00
    W14 2026-04-05 Sun @2 marketing blog                          0:00:00 23:45:00 24:15:00 24:15:00
    W15 2026-04-06 Mon @1 Réseaux sociaux – LinkedIn, late night 21:10:00  0:00:00  2:50:00  2:50:00
    W15 2026-04-07 Tue @1 Réseaux sociaux – LinkedIn, late night  0:00:00  2:05:00  2:05:00  2:05:00

                                                                                            99:25:00
"""


def test_summary_parser_reads_every_row() -> None:
    days = summary_days(TORONTO_SUMMARY)
    assert sorted(days) == list(range(2, 17))
    seconds = sum(s for pieces in days.values() for _date, s in pieces)
    assert seconds == 412 * 3600 + 7 * 60 + 48  # the summary's grand total
    assert days[12] == [
        (d("2025-03-08"), 2 * 3600),
        (d("2025-03-09"), 23 * 3600),
        (d("2025-03-10"), 3600),
    ]
    assert (
        sum(s for pieces in summary_days(LORD_HOWE_SUMMARY).values() for _date, s in pieces)
        == 99 * 3600 + 25 * 60
    )


# -- the Toronto export -------------------------------------------------------------------------


def test_toronto_long_intervals_are_split_by_local_date() -> None:
    """Each interval's minutes on each date, written out from timew summary above."""
    path = DATA / "toronto.json"
    rows, _problems = read_export("timewarrior", str(path), TORONTO)
    got = pieces_by_line(rows)
    at = {ident: line_of_id(path, ident) for ident in range(1, 17)}
    assert got == {
        # @15 9:00-10:07 on March 2: 1:07:00.
        at[15]: [(d("2025-03-02"), 67)],
        # @14 23:30 on March 3 to 01:00: 0:30:00 then 1:00:00.
        at[14]: [(d("2025-03-03"), 30), (d("2025-03-04"), 60)],
        # @13 Wednesday 20:00 to Saturday 11:30, 63:30:00: 4:00, 24:00, 24:00, 11:30.
        at[13]: [
            (d("2025-03-05"), 240),
            (d("2025-03-06"), 1440),
            (d("2025-03-07"), 1440),
            (d("2025-03-08"), 690),
        ],
        # @12 across the spring-forward night: 2:00, then a 23-hour March 9, then 1:00.
        at[12]: [(d("2025-03-08"), 120), (d("2025-03-09"), 1380), (d("2025-03-10"), 60)],
        # @7 midnight to midnight: 24:00:00, one entry.
        at[7]: [(d("2025-03-13"), 1440)],
        # @6 noon to noon: 12:00:00 and 12:00:00.
        at[6]: [(d("2025-03-15"), 720), (d("2025-03-16"), 720)],
        # @5 15:59:40 + 24:00:00 + 9:15:50 = 49:15:30 = 2955.5 min, 2956 rounded once.
        # Running total: 959.67 -> 960; 2399.67 -> 2400 (+1440); 2955.5 -> 2956 (+556).
        at[5]: [(d("2025-04-01"), 960), (d("2025-04-02"), 1440), (d("2025-04-03"), 556)],
        # @4 a week from Sunday midnight: seven days of 24:00:00.
        at[4]: [(d("2025-06-01") + datetime.timedelta(days=n), 1440) for n in range(7)],
        # @3 across the fall-back night, 22 hours: 12:00:00 then 11:00:00 for 00:00-10:00.
        at[3]: [(d("2025-11-01"), 720), (d("2025-11-02"), 660)],
        # @2 0:19:29 + 0:20:29 = 0:39:58, 40 min: 19.48 -> 19, then 39.97 -> 40 (+21).
        at[2]: [(d("2025-11-02"), 19), (d("2025-11-03"), 21)],
    }


def test_toronto_every_refused_interval_is_a_problem_at_its_line() -> None:
    path = DATA / "toronto.json"
    rows, problems = read_export("timewarrior", str(path), TORONTO)
    at = {ident: line_of_id(path, ident) for ident in range(1, 17)}
    assert problems_by_line(problems) == {
        # @16 covers all of 2024-11-03, 25:00:00 in timew summary: 1h00 too many.
        at[16]: [
            "it counts 25h00 on 2024-11-03, a day of more than 24 hours (the clocks went "
            "back), and a day holds at most 24 hours of time entries; take at least 1h00 "
            "of that day out of it in Timewarrior (timew split, timew modify) and export "
            "again"
        ],
        at[11]: [
            "it has no tags, so it has no channel; tag it (timew tag @11 linkedin) and export again"
        ],
        at[10]: [
            "tag 'errands' is not in import.map; add it to the config, like "
            'import: {map: {"errands": errands}}'
        ],
        at[9]: [
            "tag 'blog' maps to 'blog' but tag 'linkedin' maps to 'linkedin', and a time "
            "entry goes to one channel; change import.map or the entry so that one of them "
            "applies"
        ],
        at[8]: [
            "it lasts 20 s, shorter than a minute; a time entry is at least one minute: "
            "lengthen it or delete it in Timewarrior"
        ],
        at[1]: [
            "it is still running (it has no end), so it was not imported; stop it with "
            "'timew stop' and export again"
        ],
    }
    assert all(problem.file == str(path) for problem in problems)
    # Every interval of the file is imported or refused, never both.
    assert set(pieces_by_line(rows)) | set(problems_by_line(problems)) == set(range(2, 18))
    assert not set(pieces_by_line(rows)) & set(problems_by_line(problems))


def test_toronto_each_date_equals_timew_summary() -> None:
    """Parsed from timew's own table: the same dates, and minutes that are its seconds
    rounded on the running total; an interval with a date over 24 hours is refused."""
    path = DATA / "toronto.json"
    rows, problems = read_export("timewarrior", str(path), TORONTO)
    got = pieces_by_line(rows)
    refused = problems_by_line(problems)
    for ident, days in summary_days(TORONTO_SUMMARY).items():
        line = line_of_id(path, ident)
        if ident in (8, 9, 10, 11):  # short, two channels, unmapped, untagged: above
            assert line in refused
        elif any(seconds > 24 * 3600 for _date, seconds in days):
            assert line in refused and "more than 24 hours" in refused[line][0], ident
        else:
            assert got[line] == rounded_on_the_running_total(days), ident
            assert sum(m for _date, m in got[line]) == (sum(s for _d, s in days) + 30) // 60


def test_toronto_descriptions_and_sources() -> None:
    rows, _problems = read_export("timewarrior", str(DATA / "toronto.json"), TORONTO)
    by_line = {row.line: row for row in rows}
    assert by_line[3].description == "Replied to comments"
    assert by_line[4].description == "Late issue, « draft » 2"
    assert by_line[5].description is None  # "deep work" is a tag, not an annotation
    # One source per day of an interval: the interval's, with the date after a '/'.
    week = [row.source for row in rows if row.line == 14]
    assert len(set(week)) == 7
    assert [source.rsplit("/", 1)[1] for source in week] == [f"2025-06-0{n}" for n in range(1, 8)]
    assert len({source.rsplit("/", 1)[0] for source in week}) == 1
    assert next(row.source for row in rows if row.line == 3).count("/") == 0


def test_toronto_round_trip_through_the_command_and_the_plugin(tmp_path: Path) -> None:
    """The printed directives load in a ledger without a single error (each person's day
    stays within 24 hours), and each channel's hours are timew's totals."""
    config = tmp_path / "timeroi.yaml"
    config.write_text(
        textwrap.dedent("""\
        currency: CAD
        rate: 85
        timezone: America/Toronto
        import:
          map: {linkedin: linkedin, "Social - LinkedIn": linkedin, blog: blog,
                newsletter: newsletter, instagram: instagram}
        """),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["import", "timewarrior", str(DATA / "toronto.json"), "--config", str(config)]
    )
    assert result.exit_code == 1  # some intervals were reported
    assert len(result.stderr.splitlines()) == 6
    (tmp_path / "time.beancount").write_text(result.stdout, encoding="utf-8")
    books = tmp_path / "books.beancount"
    books.write_text(
        'option "operating_currency" "CAD"\n'
        'plugin "beancount_timeroi" "timeroi.yaml"\n'
        'include "time.beancount"\n',
        encoding="utf-8",
    )
    ledger = Ledger.load(str(books))
    report = build_report(ledger)
    assert [error.message for error in report.errors] == []
    hours = {row.channel: row.hours_exact for row in report.channels}
    assert hours == {
        # @13 63:30:00, @7 24:00:00, @6 24:00:00, @4 168:00:00 (@16 is refused, and in 2024)
        "blog": Fraction(63 * 60 + 30 + 24 * 60 * 2 + 168 * 60, 60),
        # @15 1:07:00 and @12 2:00 + 23:00 + 1:00
        "linkedin": Fraction(67 + 26 * 60, 60),
        # @14 0:30 + 1:00 and @5 49:15:30 rounded once: 2956 min
        "newsletter": Fraction(90 + 2956, 60),
        # @3 12:00 + 11:00 and @2 0:39:58 rounded once: 40 min
        "instagram": Fraction(23 * 60 + 40, 60),
    }


# -- the Lord Howe export: a 30-minute DST shift --------------------------------------------


def test_lord_howe_half_hour_shift() -> None:
    path = DATA / "lord-howe.json"
    rows, problems = read_export("timewarrior", str(path), LORD_HOWE)
    at = {ident: line_of_id(path, ident) for ident in range(1, 5)}
    assert pieces_by_line(rows) == {
        # @3 across the spring-forward night: 6:00, a 23:30 day, 6:15.
        at[3]: [(d("2025-10-04"), 360), (d("2025-10-05"), 1410), (d("2025-10-06"), 375)],
        # @1 2:50 then 2:05, tagged "Réseaux sociaux – LinkedIn" and "late night".
        at[1]: [(d("2026-04-06"), 170), (d("2026-04-07"), 125)],
    }
    assert problems_by_line(problems) == {
        # @4 holds 24:30:00 of 2025-04-06: 0h30 too many.
        at[4]: [
            "it counts 24h30 on 2025-04-06, a day of more than 24 hours (the clocks went "
            "back), and a day holds at most 24 hours of time entries; take at least 0h30 "
            "of that day out of it in Timewarrior (timew split, timew modify) and export "
            "again"
        ],
        # @2, 00:00 to 23:45 on the 24.5-hour 2026-04-05, is 24:15:00 on one date.
        at[2]: [
            "it counts 24h15 on 2026-04-05, a day of more than 24 hours (the clocks went "
            "back), and a day holds at most 24 hours of time entries; take at least 0h15 "
            "of that day out of it in Timewarrior (timew split, timew modify) and export "
            "again"
        ],
    }
    for ident, days in summary_days(LORD_HOWE_SUMMARY).items():
        if ident in (1, 3):
            assert pieces_by_line(rows)[at[ident]] == rounded_on_the_running_total(days)


def test_the_time_zone_is_the_configs_not_timewarriors() -> None:
    """The export is UTC: read with Toronto's zone, Lord Howe's intervals fall on other
    dates (20250405T090000Z is 05:00 in Toronto, not 20:00)."""
    rows, _problems = read_export("timewarrior", str(DATA / "lord-howe.json"), TORONTO)
    first = [(row.date, row.minutes) for row in rows if row.line == 2]
    # 09:00Z April 5 to 19:30Z April 6 is 05:00 April 5 to 15:30 April 6 in Toronto (EDT).
    assert first == [(d("2025-04-05"), 19 * 60), (d("2025-04-06"), 15 * 60 + 30)]


# -- small cases --------------------------------------------------------------------------


def interval(start: str, end: str | None, tags: list[str] | None = None) -> str:
    item: dict[str, Any] = {"id": 1, "start": start}
    if end is not None:
        item["end"] = end
    item["tags"] = tags if tags is not None else ["blog"]
    return json.dumps(item, ensure_ascii=False)


def test_just_over_24_hours_in_one_day_rounds_to_24_hours() -> None:
    """24:00:20 within one date rounds to 24h00, which a day can hold."""
    text = "[\n" + interval("20241103T040000Z", "20241104T040020Z") + "\n]\n"
    rows, problems = parse_timewarrior(text, "t.json", TORONTO)
    # Toronto midnight is 04:00Z on Nov 3 (EDT) and 05:00Z on Nov 4 (EST): 24:00:20 of the
    # 25-hour November 3.
    assert problems == []
    assert [(row.date, row.minutes) for row in rows] == [(d("2024-11-03"), 1440)]


def test_broken_intervals_are_problems_at_their_lines() -> None:
    text = "\n".join(
        [
            "[",
            '{"id":5,"end":"20250303T150700Z","tags":["blog"]},',
            interval("2025-03-03T14:00:00Z", "20250303T150700Z") + ",",
            interval("20250303T140000Z", "tomorrow") + ",",
            interval("20250303T150000Z", "20250303T140000Z") + ",",
            '{"id":1,"start":"20250303T140000Z","end":null,"tags":["blog"]},',
            interval("00011231T000000Z", "00020101T000000Z") + ",",
            '"20250303T140000Z"',
            "]",
        ]
    )
    rows, problems = parse_timewarrior(text, "t.json", TORONTO)
    assert rows == []
    assert [(p.line, p.message) for p in problems] == [
        (
            2,
            'this is not a Timewarrior interval (it has no "start"); export again with '
            "'timew export'",
        ),
        (3, "its start '2025-03-03T14:00:00Z' is not a Timewarrior time like 20250303T140000Z"),
        (4, "its end 'tomorrow' is not a Timewarrior time like 20250303T150700Z"),
        (5, "it ends before it starts; fix its times in Timewarrior and export again"),
        (6, "its end 'null' is not a Timewarrior time like 20250303T150700Z"),
        (7, "its start '00011231T000000Z' is not a Timewarrior time like 20250303T140000Z"),
        (
            8,
            'this is not a Timewarrior interval (it has no "start"); export again with '
            "'timew export'",
        ),
    ]


def test_non_ascii_digits_are_not_a_time() -> None:
    assert parse_stamp("٢٠٢٥0303T140000Z") is None
    assert parse_stamp("99991231T235959Z") is None
    assert parse_stamp("20250303T140000Z") == datetime.datetime(
        2025, 3, 3, 14, tzinfo=datetime.timezone.utc
    )


# -- docs/import.md ------------------------------------------------------------------------


def test_import_doc_timewarrior_example_is_what_the_importer_prints() -> None:
    doc = (DOCS / "import.md").read_text(encoding="utf-8")
    section = doc.split("\n## Timewarrior\n", 1)[1].split("\n## ", 1)[0]
    export = re.search(r"```\n(\[.*?\])\n```", section, re.DOTALL)
    ledger = re.search(r"```beancount\n(.*?)```", section, re.DOTALL)
    assert export and ledger
    rows, problems = parse_timewarrior(export.group(1), "time.json", TORONTO)
    assert problems == []
    printed = render(to_entries(rows, "time.json"))
    shown = ledger.group(1).split("\n\n", 1)[1]  # after the option and plugin lines
    assert printed.strip() == shown.strip()
    # The reported interval: 22:00 on November 1 to 02:00 on November 3, 2025, in Toronto.
    (reported,) = re.findall(r"^time\.json:.*$", section, re.MULTILINE)
    over = '[\n{"id":1,"start":"20251102T020000Z","end":"20251103T070000Z","tags":["blog"]}\n]'
    rows, problems = parse_timewarrior(over, "time.json", TORONTO)
    assert (rows, [str(problem) for problem in problems]) == ([], [reported])


# -- properties ---------------------------------------------------------------------------

ZONES = [
    "UTC",
    "America/Toronto",
    "Europe/Paris",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Asia/Kolkata",
]
"""Zones whose offsets and changes fall on UTC quarter hours (see ``local_seconds``)."""
TAGS = ["blog", "linkedin", "Social - LinkedIn", "errands", "deep work", "newsletter"]
CHANNELS = {
    "blog": "blog",
    "linkedin": "linkedin",
    "Social - LinkedIn": "linkedin",
    "newsletter": "newsletter",
}
UTC = datetime.timezone.utc
QUARTER = datetime.timedelta(minutes=15)
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=UTC)


def clock_changes(zone_name: str) -> list[datetime.datetime]:
    """The hours of 2025 (UTC) when the zone's clocks change, and a quiet June day."""
    zone = zoneinfo.ZoneInfo(zone_name)
    hours = [
        datetime.datetime(2025, 1, 1, tzinfo=UTC) + datetime.timedelta(hours=n)
        for n in range(365 * 24)
    ]
    return [datetime.datetime(2025, 6, 15, tzinfo=UTC)] + [
        later
        for earlier, later in itertools.pairwise(hours)
        if earlier.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset()
    ]


CHANGES = {zone_name: clock_changes(zone_name) for zone_name in ZONES}


def local_seconds(
    start: datetime.datetime, end: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> list[tuple[datetime.date, int]]:
    """Seconds of [start, end) on each local date, by UTC quarter hour: in these zones a
    local date can only change on a quarter hour, so each quarter is on one date."""
    seconds: dict[datetime.date, int] = {}
    moment = start
    while moment < end:
        next_quarter = EPOCH + ((moment - EPOCH) // QUARTER + 1) * QUARTER
        stop = min(end, next_quarter)
        date = moment.astimezone(zone).date()
        seconds[date] = seconds.get(date, 0) + int((stop - moment).total_seconds())
        moment = stop
    return list(seconds.items())


def stamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


@st.composite
def intervals(draw: st.DrawFn, zone_name: str) -> dict[str, Any]:
    """A Timewarrior interval near one of the zone's clock changes: valid, too short,
    backwards, running, untagged, badly tagged or with a broken time; up to six days."""
    change = draw(st.sampled_from(CHANGES[zone_name]))
    shape = draw(st.sampled_from(["across", "across", "near", "short", "day", "backwards"]))
    if shape == "across":  # from before the change to well after it: its whole local day
        start = change - datetime.timedelta(seconds=draw(st.integers(3600, 40 * 3600)))
        length = draw(st.integers(36 * 3600, 4 * 86400))
    else:
        start = change + datetime.timedelta(seconds=draw(st.integers(-4 * 86400, 2 * 86400)))
        length = draw(
            {
                "near": st.integers(1, 6 * 86400),  # up to six days
                "short": st.integers(0, 120),  # under a minute, a minute or two
                "day": st.integers(86400 - 120, 90000 + 120),  # a day of 24, 24.5 or 25 hours
                "backwards": st.integers(-3600, -1),
            }[shape]
        )
    item: dict[str, Any] = {"id": draw(st.integers(1, 99)), "start": stamp(start)}
    kind = draw(st.sampled_from(["closed"] * 7 + ["running", "bad start", "bad end"]))
    if kind != "running":
        item["end"] = stamp(start + datetime.timedelta(seconds=length))
    if kind == "bad start":
        item["start"] = item["start"].replace("T", " ")
    if kind == "bad end":
        item["end"] = draw(st.sampled_from(["", "20250230T000000Z", "20250303T250000Z"]))
    tags = draw(
        st.one_of(
            st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
            st.sampled_from(list(CHANNELS)).map(lambda tag: [tag]),
        )
    )
    if tags:
        item["tags"] = tags
    if draw(st.booleans()):
        item["annotation"] = draw(st.text(max_size=20))
    return item


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A time zone and the intervals of an export made in it."""
    zone_name = draw(st.sampled_from(ZONES))
    return zone_name, draw(st.lists(intervals(zone_name), min_size=1, max_size=6))


def expected_days(item: dict[str, Any], zone: zoneinfo.ZoneInfo) -> list[Day] | None:
    """The minutes on each date an item must be imported as, or None: it must be refused."""
    start, end = parse_stamp(item["start"]), parse_stamp(item.get("end", ""))
    if start is None or end is None:
        return None
    if len({CHANNELS[tag] for tag in item.get("tags", []) if tag in CHANNELS}) != 1:
        return None
    total = int((end - start).total_seconds())
    if total < 30:  # backwards, or under half a minute
        return None
    days = rounded_on_the_running_total(local_seconds(start, end, zone))
    if any(minutes > 24 * 60 for _date, minutes in days):
        return None
    return days


@given(export=exports())
def test_every_interval_is_imported_by_local_date_or_a_problem_at_its_line(
    export: tuple[str, list[dict[str, Any]]],
) -> None:
    zone_name, items = export
    text = "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n"
    note(text)
    config = Config(imports=ImportConfig(channels=CHANNELS), timezone=zone_name)
    rows, problems = parse_timewarrior(text, "t.json", config)
    got = pieces_by_line(rows)
    refused = problems_by_line(problems)
    zone = zoneinfo.ZoneInfo(zone_name)
    for line, item in enumerate(items, start=2):
        days = expected_days(item, zone)
        if days is None:
            assert line in refused and line not in got, (line, item)
            event(
                "refused: "
                + ("a date over 24 hours" if "more than 24 hours" in refused[line][0] else "other")
            )
            continue
        assert line not in refused, refused[line]
        assert got[line] == days
        event(
            "imported: "
            + ("one date" if len(days) == 1 else "several dates")
            + (", one of 24h00" if any(m == 1440 for _d, m in days) else "")
        )
        start, end = parse_stamp(item["start"]), parse_stamp(item["end"])
        assert start is not None and end is not None
        # The minutes add up to the interval's length rounded once, each date at most 24 h,
        # and the first and last dates are the local dates of its start and end.
        assert (
            sum(minutes for _date, minutes in days)
            == (int((end - start).total_seconds()) + 30) // 60
        )
        assert all(0 < minutes <= 1440 for _date, minutes in days)
        assert days[0][0] in (
            start.astimezone(zone).date(),
            (start + datetime.timedelta(seconds=30)).astimezone(zone).date(),
        )
        assert days[-1][0] <= end.astimezone(zone).date()
    assert set(got) | set(refused) == set(range(2, len(items) + 2))


@given(days=st.integers(2, 40), hour=st.integers(0, 23), zone_name=st.sampled_from(ZONES))
def test_long_intervals_are_whole_days_between_two_part_days(
    days: int, hour: int, zone_name: str
) -> None:
    """From a local hour to the same local hour ``days`` later: the first date gets what
    is left of its day, each date between its whole length (24 h, or 23/25 around a clock
    change), the last the hours up to that hour."""
    zone = zoneinfo.ZoneInfo(zone_name)
    local_start = datetime.datetime(2025, 3, 1, hour, tzinfo=zone)
    start = local_start.astimezone(datetime.timezone.utc)
    end = (local_start + datetime.timedelta(days=days)).astimezone(datetime.timezone.utc)
    item = {"id": 1, "start": stamp(start), "end": stamp(end), "tags": ["blog"]}
    rows, problems = parse_timewarrior(
        f"[\n{json.dumps(item)}\n]\n",
        "t.json",
        Config(imports=ImportConfig(channels=CHANNELS), timezone=zone_name),
    )
    expected = []
    for n in range(days + 1):
        date = local_start.date() + datetime.timedelta(days=n)
        # In UTC: Python subtracts two times of one zone by their clock faces.
        begin = max(start, datetime.datetime.combine(date, datetime.time(), zone).astimezone(UTC))
        finish = min(
            end,
            datetime.datetime.combine(
                date + datetime.timedelta(days=1), datetime.time(), zone
            ).astimezone(datetime.timezone.utc),
        )
        if finish > begin:
            expected.append((date, int((finish - begin).total_seconds()) // 60))
    if any(minutes > 1440 for _date, minutes in expected):
        assert [p.line for p in problems] == [2] and rows == []
    else:
        assert problems == []
        assert [(row.date, row.minutes) for row in rows] == expected


def test_splitting_keeps_sources_unique() -> None:
    rows, _problems = read_export("timewarrior", str(DATA / "toronto.json"), TORONTO)
    assert len({row.source for row in rows}) == len(rows)


def test_an_interval_over_a_year_is_a_mistake_reported_at_its_line() -> None:
    """A timer started in 2024 and stopped in 2026 (a typo in a year, or a forged file)
    would be 700-odd entries of 24 hours: it is reported instead."""
    text = '[\n{"id":1,"start":"20240301T090000Z","end":"20260301T100000Z","tags":["blog"]}\n]\n'
    config = Config(imports=ImportConfig(channels={"blog": "blog"}), timezone="UTC")
    rows, problems = parse_timewarrior(text, "t.json", config)
    # 2024-03-01 to 2025-03-01 is 365 days (29 February 2024 comes before it), then 365
    # more to 2026-03-01: 730 days.
    assert rows == []
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            2,
            "it runs over 730 days, from 2024-03-01 to 2026-03-01; an interval that long is "
            "surely a mistake in its start or end: correct it in Timewarrior (timew modify) "
            "and export again",
        )
    ]
