"""SPEC 8: importers. Exports written by hand in each tracker's format go in;
the directives and problems each should give are worked out by hand below.

The fixtures are in tests/fixtures/import/, read with its timeroi.yaml:
timezone America/Toronto (UTC-5 until 2025-03-09, then UTC-4), owner at 85,
alex at 32, and this import map (names compared case-insensitively):
"Social - LinkedIn", "Réseaux sociaux – LinkedIn", "social:linkedin",
linkedin -> linkedin; Blog -> blog; newsletter -> newsletter; Instagram ->
instagram; people "Émilie Tremblay" -> owner, "Alex B" -> alex.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import logging
import re
import shutil
import textwrap
import time
from fractions import Fraction
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beangulp import extract as beangulp_extract
from click.testing import CliRunner

from beancount_timeroi.cli import main
from beancount_timeroi.config import Config
from beancount_timeroi.configimport import ImportConfig
from beancount_timeroi.engine import build_report
from beancount_timeroi.importers import (
    ExportError,
    ImportedRow,
    Problem,
    import_file,
    read_config,
    read_export,
    render,
    to_entries,
)
from beancount_timeroi.importers.beangulp_importers import (
    ClockifyImporter,
    TimeclockImporter,
    TimedotImporter,
    TimewarriorImporter,
    TogglImporter,
)
from beancount_timeroi.importers.common import day_pieces
from beancount_timeroi.importers.csvexports import parse_clockify, parse_time, parse_toggl
from beancount_timeroi.importers.matching import Label, Names, account_channel, match_channel
from beancount_timeroi.importers.timeclock import parse_timeclock
from beancount_timeroi.importers.timedot import parse_timedot
from beancount_timeroi.importers.timewarrior import parse_timewarrior
from beancount_timeroi.ledger import Ledger, load_config
from beancount_timeroi.timelog import format_minutes, round_minutes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
DOCS = Path(__file__).resolve().parent.parent / "docs"
CONFIG = read_config(str(FIXTURES / "timeroi.yaml"))
ID = re.compile(r'(source: "\w+:)[0-9a-f]{12}')


def imported(source: str, name: str, config: Config = CONFIG) -> tuple[list[str], list[str]]:
    """The directives (one block each, ids masked, sorted) and problems of a fixture."""
    rows, problems = read_export(source, str(FIXTURES / name), config)
    return blocks(render(to_entries(rows, name))), [
        f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems
    ]


def blocks(text: str) -> list[str]:
    """Each directive of a ledger text, its 12-digit id replaced by '…', sorted."""
    return sorted(ID.sub(r"\1…", block).strip() for block in text.split("\n\n") if block.strip())


def expected(text: str) -> list[str]:
    return blocks(textwrap.dedent(text))


def config_with(**imports: dict[str, str]) -> Config:
    return Config(
        imports=ImportConfig(channels=imports.get("map", {}), people=imports.get("people", {})),
        timezone="America/Toronto",
    )


# -- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [
        (67 * 60 + 12, 67),  # 1h07m12s -> 1h07
        (44 * 60 + 30, 45),  # a half minute rounds up
        (67 * 60 + 29, 67),
        (30, 1),  # 30 s is a minute
        (29, 0),  # 29 s is nothing: a problem, not a 0 duration
        (Fraction(1512, 100) * 3600, 907),  # 15.12 h = 907.2 min
    ],
)
def test_seconds_round_to_the_nearest_minute_halves_up(
    seconds: Fraction | int, minutes: int
) -> None:
    assert round_minutes(seconds) == minutes


@pytest.mark.parametrize(
    ("minutes", "text"), [(67, "1h07"), (45, "0h45"), (120, "2h00"), (1440, "24h00"), (1, "0h01")]
)
def test_durations_are_written_to_the_minute(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


def test_midnight_split_rounds_the_running_total() -> None:
    """23:59:40 to 00:30:00: 20 s before midnight and 30 min after. Rounded one by one the
    20 s would vanish; on the running total 0.33 min rounds to 0, then 30.33 rounds to 30,
    so the 20 s stay in the total (30 min), which is the whole interval rounded once."""
    start = datetime.datetime(2025, 3, 2, 23, 59, 40)
    end = datetime.datetime(2025, 3, 3, 0, 30, 0)
    pieces = day_pieces(
        start, end, lambda m: m.date(), lambda d: datetime.datetime.combine(d, datetime.time())
    )
    assert pieces == [(datetime.date(2025, 3, 3), 30)]


# -- the directives ---------------------------------------------------------------------


def test_rows_become_time_directives_with_source_and_who() -> None:
    rows = [
        ImportedRow(
            datetime.date(2025, 3, 4),
            "blog",
            120,
            "alex",
            'Draft: "pricing" \\ post',
            "toggl:aaaaaaaaaaaa",
            4,
        ),
        ImportedRow(
            datetime.date(2025, 3, 3),
            "linkedin",
            67,
            None,
            "Replied\nto comments",
            "toggl:bbbbbbbbbbbb",
            2,
        ),
        ImportedRow(datetime.date(2025, 3, 3), "linkedin", 45, None, None, "toggl:000000000000", 3),
    ]
    entries = to_entries(rows, "export.csv")
    assert [(e.meta["filename"], e.meta["lineno"]) for e in entries] == [
        ("export.csv", 3),
        ("export.csv", 2),
        ("export.csv", 4),
    ]
    assert render(entries) == textwrap.dedent("""\
        2025-03-03 custom "time" "linkedin" "0h45"
          source: "toggl:000000000000"

        2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
          source: "toggl:bbbbbbbbbbbb"

        2025-03-04 custom "time" "blog" "2h00" "Draft: \\"pricing\\" \\\\ post"
          source: "toggl:aaaaaaaaaaaa"
          who: "alex"
        """)


def test_rendered_directives_load_with_the_plugin(tmp_path: Path) -> None:
    rows = [
        ImportedRow(
            datetime.date(2025, 3, 4), "blog", 90, None, 'Say "hi" \\ bye', "toggl:aaaaaaaaaaaa", 4
        )
    ]
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        'plugin "beancount_timeroi" "{currency: CAD, rate: 80}"\n'
        + render(to_entries(rows, "x.csv")),
        encoding="utf-8",
    )
    entries, errors, _options = loader.load_file(str(ledger))
    assert errors == []
    (custom,) = [e for e in entries if isinstance(e, data.Custom)]
    assert [v.value for v in custom.values] == ["blog", "1h30", 'Say "hi" \\ bye']
    (txn,) = [e for e in entries if isinstance(e, data.Transaction)]
    assert txn.postings[0].units is not None
    assert txn.postings[0].units.number == 120  # 1.5 h x 80


# -- Toggl ------------------------------------------------------------------------------


def test_toggl_detailed_report_with_bom() -> None:
    assert (FIXTURES / "toggl_detailed.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    directives, problems = imported("toggl", "toggl_detailed.csv")
    assert directives == expected("""
        2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
          source: "toggl:…"

        2025-03-03 custom "time" "linkedin" "0h45" "Publication « Bilan », avec virgule"
          source: "toggl:…"

        2025-03-04 custom "time" "blog" "2h00" "Draft: pricing post"
          source: "toggl:…"
          who: "alex"

        2025-03-05 custom "time" "newsletter" "0h30" "Newsletter layout"
          source: "toggl:…"
          who: "alex"

        2025-03-07 custom "time" "instagram" "0h31" "Reel: \\"behind the scenes\\""
          source: "toggl:…"
        """)
    # Row 2: 01:07:12 -> 1h07. Row 3: 00:44:30 -> 0h45 (halves up), project in French.
    # Row 4: Alex B is alex. Row 5: no project, the tag newsletter. Row 10: project Reels
    # and tags video, promo are not mapped, client Instagram is; 00:30:30 -> 0h31.
    assert problems == [
        "toggl_detailed.csv:6: user 'Sam Roy' is not in import.people, and with 3 users in the "
        "export it cannot be taken for the owner; add it to the config, like "
        'import: {people: {"Sam Roy": sam}} (or "Sam Roy": owner)',
        "toggl_detailed.csv:7: project 'Social - Tiktok' is not in import.map; add it to the "
        'config, like import: {map: {"Social - Tiktok": tiktok}}',
        "toggl_detailed.csv:8: project 'Blog' maps to 'blog' but tag 'newsletter' maps to "
        "'newsletter', and a time entry goes to one channel; change import.map or the entry "
        "so that one of them applies",
        "toggl_detailed.csv:9: it lasts 20 s, shorter than a minute; a time entry is at least "
        "one minute: lengthen it or delete it in Toggl",
    ]


def test_source_ids_are_stable_and_ignore_what_does_not_identify_a_row() -> None:
    text = (FIXTURES / "toggl_detailed.csv").read_text(encoding="utf-8-sig")
    first, _problems = parse_toggl(text, "a.csv", CONFIG)
    again, _problems = parse_toggl(text, "a.csv", CONFIG)
    assert [r.source for r in first] == [r.source for r in again]
    assert all(re.fullmatch(r"toggl:[0-9a-f]{12}", r.source) for r in first)
    assert len({r.source for r in first}) == 5
    # Another currency, rows in another order, no BOM, billable changed: same ids.
    lines = text.replace("Amount (CAD)", "Amount (USD)").replace(",No,", ",Yes,").splitlines()
    shuffled = "\n".join([lines[0], *reversed(lines[1:])])
    other, _problems = parse_toggl(shuffled, "b.csv", CONFIG)
    assert sorted(r.source for r in other) == sorted(r.source for r in first)


def test_a_single_user_not_in_import_people_is_the_owner() -> None:
    text = (
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
        "End date,End time,Duration,Tags,Amount (EUR)\n"
        "Zoé,zoe@example.com,,Blog,,Post,No,2025-03-03,09:00:00,2025-03-03,09:10:00,"
        "00:10:00,,0.00\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config_with(map={"Blog": "blog"}))
    assert problems == []
    assert [(r.channel, r.minutes, r.person) for r in rows] == [("blog", 10, None)]


def test_a_row_with_nothing_to_map_and_a_row_over_24_hours() -> None:
    text = (
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
        "End date,End time,Duration,Tags,Amount (USD)\n"
        "Zoé,,,,,Nothing,No,2025-03-03,09:00:00,2025-03-03,09:10:00,00:10:00,,0.00\n"
        "Zoé,,,Blog,,Forgot to stop,No,2025-03-03,09:00:00,2025-03-04,10:00:30,25:00:30,,0.00\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config_with(map={"Blog": "blog"}))
    assert rows == []
    assert [str(p) for p in problems] == [
        "t.csv:2: it has no project, client or tags, so it has no channel; give it a project "
        "in Toggl and export again",
        "t.csv:3: it lasts 25h01, more than 24 hours; split it over several days in Toggl",
    ]


# -- Clockify -----------------------------------------------------------------------------


def test_clockify_us_dates_and_12_hour_times() -> None:
    # Its 03/10/2025 fits both date orders and 31/03/2025 only day first: the config says
    # the file is month first (SPEC 8.1), so 31/03/2025 is the row reported.
    month_first = dataclasses.replace(
        CONFIG, imports=dataclasses.replace(CONFIG.imports, date_order="MDY")
    )
    directives, problems = imported("clockify", "clockify_detailed.csv", month_first)
    # Marie-Ève Gagnon is the only user: the owner, though not in import.people.
    assert directives == expected("""
        2025-03-10 custom "time" "linkedin" "1h07" "Commentaires"
          source: "clockify:…"

        2025-03-11 custom "time" "blog" "0h45" "Article : tarifs"
          source: "clockify:…"

        2025-03-12 custom "time" "blog" "2h00" "Relecture"
          source: "clockify:…"
        """)
    assert problems == [
        "clockify_detailed.csv:5: its start date '31/03/2025' is not a date in the order "
        "MM/DD/YYYY set by import.date_order; correct it in Clockify, or change "
        "import.date_order if the file uses another order",
        "clockify_detailed.csv:5: its end date '31/03/2025' is not a date in the order "
        "MM/DD/YYYY set by import.date_order; correct it in Clockify, or change "
        "import.date_order if the file uses another order",
    ]


def test_clockify_older_header_iso_dates_and_identical_rows() -> None:
    directives, problems = imported("clockify", "clockify_detailed_old.csv")
    # 1:07:30 -> 1h08 (halves up); "Newsletter" matches the map's "newsletter"; 0:59:29 ->
    # 0h59. Rows 2 and 4 are identical: two entries, the second id ending in -2.
    assert directives == expected("""
        2025-03-10 custom "time" "linkedin" "1h08" "Posted the case study"
          source: "clockify:…"

        2025-03-10 custom "time" "linkedin" "1h08" "Posted the case study"
          source: "clockify:…-2"

        2025-03-11 custom "time" "newsletter" "0h59" "Issue 12"
          source: "clockify:…"
          who: "alex"
        """)
    assert problems == []


def test_clockify_time_columns_and_end_minus_start() -> None:
    """ "Time (h)" header; and without duration columns, end - start in 12-hour times."""
    timed = (
        "Project,Client,Description,Task,User,Email,Tags,Billable,Start Date,Start Time,"
        "End Date,End Time,Time (h),Time (decimal),Amount (USD)\n"
        "Blog,,Post,,Zoé,,,No,2025-03-03,09:00:00,2025-03-03,09:20:00,0:20:00,0.33,0\n"
    )
    rows, problems = parse_clockify(timed, "c.csv", config_with(map={"Blog": "blog"}))
    assert (problems, [r.minutes for r in rows]) == ([], [20])
    spans = (
        "Project,Client,Description,Task,User,Email,Tags,Billable,Start Date,Start Time,"
        "End Date,End Time\n"
        "Blog,,Late post,,Zoé,,,No,03/10/2025,11:50 PM,03/11/2025,12:20 AM\n"
    )
    month_first = Config(imports=ImportConfig(channels={"Blog": "blog"}, date_order="MDY"))
    rows, problems = parse_clockify(spans, "c.csv", month_first)
    assert problems == []
    assert [(r.date, r.minutes) for r in rows] == [(datetime.date(2025, 3, 10), 30)]


@pytest.mark.parametrize(
    ("text", "expected_time"),
    [
        ("09:05 PM", datetime.time(21, 5)),
        ("12:15 AM", datetime.time(0, 15)),
        ("12:30 PM", datetime.time(12, 30)),
        ("9:05:07 am", datetime.time(9, 5, 7)),
        ("21:05:00", datetime.time(21, 5)),
        ("13:00 PM", None),
        ("25:00", None),
    ],
)
def test_times_of_day(text: str, expected_time: datetime.time | None) -> None:
    assert parse_time(text) == expected_time


def test_an_export_given_as_the_other_tracker_is_refused() -> None:
    with pytest.raises(
        ExportError,
        match=r"this is a Clockify detailed report, not a Toggl "
        r"one: import it with the source clockify",
    ):
        read_export("toggl", str(FIXTURES / "clockify_detailed.csv"), CONFIG)
    with pytest.raises(
        ExportError,
        match=r"this is a Toggl detailed report, not a Clockify "
        r"one: import it with the source toggl",
    ):
        read_export("clockify", str(FIXTURES / "toggl_detailed.csv"), CONFIG)
    with pytest.raises(
        ExportError,
        match=r"this is not a Toggl detailed report: its first "
        r"line lacks 'Project', 'Start date'; export Reports > Detailed",
    ):
        parse_toggl("Name,Date\nx,2025-03-03\n", "x.csv", CONFIG)


# -- Timewarrior -------------------------------------------------------------------------------


def test_timewarrior_local_dates_midnight_split_and_running() -> None:
    directives, problems = imported("timewarrior", "timew.json")
    # 14:00Z-15:07Z is 09:00-10:07 in Toronto (UTC-5). 04:30Z-06:00Z on March 4 is
    # 23:30 on March 3 to 01:00 on March 4 in Toronto: 30 min, then 60 min.
    assert directives == expected("""
        2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
          source: "timewarrior:…"

        2025-03-03 custom "time" "blog" "0h30" "Late draft"
          source: "timewarrior:…/2025-03-03"

        2025-03-04 custom "time" "blog" "1h00" "Late draft"
          source: "timewarrior:…/2025-03-04"
        """)
    assert problems == [
        "timew.json:4: tag 'errands' is not in import.map; add it to the config, like "
        'import: {map: {"errands": errands}}',
        "timew.json:5: it has no tags, so it has no channel; tag it (timew tag @2 linkedin) "
        "and export again",
        "timew.json:6: it is still running (it has no end), so it was not imported; stop it "
        "with 'timew stop' and export again",
    ]


def test_timewarrior_ids_do_not_use_timewarrior_ids() -> None:
    """timew renumbers intervals as new ones come: the same interval keeps its source."""
    text = (FIXTURES / "timew.json").read_text(encoding="utf-8")
    rows, _problems = parse_timewarrior(text, "a.json", CONFIG)
    renumbered, _problems = parse_timewarrior(text.replace('"id":5', '"id":9'), "b.json", CONFIG)
    assert [r.source for r in rows] == [r.source for r in renumbered]


def test_timewarrior_in_utc_and_across_a_dst_change() -> None:
    text = textwrap.dedent("""\
        [
        {"id":2,"start":"20250304T043000Z","end":"20250304T060000Z","tags":["blog"]},
        {"id":1,"start":"20250309T063000Z","end":"20250309T083000Z","tags":["blog"]}
        ]
        """)
    utc = Config(imports=ImportConfig(channels={"blog": "blog"}), timezone="UTC")
    rows, problems = parse_timewarrior(text, "t.json", utc)
    # In UTC the first interval is all on March 4: 1h30.
    assert problems == []
    assert (rows[0].date, rows[0].minutes) == (datetime.date(2025, 3, 4), 90)
    # In Toronto the second is 01:30 EST to 04:30 EDT on March 9: two hours really passed.
    rows, problems = parse_timewarrior(text, "t.json", config_with(map={"blog": "blog"}))
    assert (rows[-1].date, rows[-1].minutes) == (datetime.date(2025, 3, 9), 120)


def test_timewarrior_falls_back_on_the_machine_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[\n{"id":1,"start":"20250304T043000Z","end":"20250304T060000Z","tags":["blog"]}\n]\n'
    machine = Config(imports=ImportConfig(channels={"blog": "blog"}))
    monkeypatch.setenv("TZ", "America/Toronto")
    time.tzset()
    try:
        rows, _problems = parse_timewarrior(text, "t.json", machine)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [(r.date, r.minutes) for r in rows] == [
        (datetime.date(2025, 3, 3), 30),
        (datetime.date(2025, 3, 4), 60),
    ]


def test_timewarrior_file_that_is_not_json() -> None:
    with pytest.raises(ExportError, match="line 2 is not valid JSON"):
        parse_timewarrior('[\n{"id": 1,, }\n]', "t.json", CONFIG)
    with pytest.raises(ExportError, match=r"does not start with '\['"):
        parse_timewarrior("id,start\n", "t.json", CONFIG)
    assert parse_timewarrior("[]\n", "t.json", CONFIG) == ([], [])


# -- hledger timedot and timeclock -------------------------------------------------------------


def test_timedot_dots_hours_minutes_and_comments() -> None:
    directives, problems = imported("timedot", "time.timedot")
    # 7 dots = 1h45; 1.5h; 90m; ". . . ." = 4 dots = 1h00 with the day's description;
    # "marketing:blog" with nothing after it logged nothing; 0.75 = 0h45 (comment dropped).
    # marketing:blog is not in the map, its last part blog is (as "Blog").
    # As hledger 1.50 reads them (SPEC 8.1): 20s is 20 x 0.0002777... h rounded to hundredths,
    # 0.01 h; 1d is 24 h (hledger 1.25: `hledger -f time.timedot reg` shows 0.01 and 24.00).
    assert directives == expected("""
        2025-03-02 custom "time" "linkedin" "1h45" "social:linkedin"
          source: "timedot:…"

        2025-03-02 custom "time" "blog" "1h30" "marketing:blog"
          source: "timedot:…"

        2025-03-02 custom "time" "newsletter" "1h30" "newsletter"
          source: "timedot:…"

        2025-03-03 custom "time" "linkedin" "1h00" "conference week"
          source: "timedot:…"

        2025-03-04 custom "time" "blog" "0h45" "marketing:blog"
          source: "timedot:…"

        2025-03-04 custom "time" "linkedin" 0.01 "social:linkedin"
          source: "timedot:…"

        2025-03-04 custom "time" "newsletter" "24h00" "newsletter"
          source: "timedot:…"
        """)
    assert problems == [
        "time.timedot:10: account 'errands' is not in import.map; add it to the config, like "
        'import: {map: {"errands": errands}}',
    ]


def test_timedot_lines_without_a_date_or_with_one_space() -> None:
    text = "blog  ..\n2025-02-30\nblog  ..\n2025-03-02\nblog ....\n"
    rows, problems = parse_timedot(text, "t.timedot", config_with(map={"blog": "blog"}))
    assert rows == []
    assert [str(p) for p in problems] == [
        "t.timedot:1: this line comes before any date line; put a date like 2025-03-02 on "
        "its own line above it",
        "t.timedot:2: '2025-02-30' is not a valid date; write it like 2025-03-02",
        "t.timedot:3: the date line above it (line 2) is not a valid date, so this time has "
        "no date; fix that line",
        "t.timedot:5: put two spaces between the account and its time ('....'), or hledger "
        "and this importer read it all as the account's name",
    ]


def test_timeclock_sessions_midnight_and_open_session() -> None:
    directives, problems = imported("timeclock", "time.timeclock")
    # Hours as hledger counts them (SPEC 8.1), each day rounded to hundredths:
    # 09:00-10:07 = 1.1166 h -> 1.12. 23:30-00:45 = 23:30:00-23:59:59 (0.4997 h -> 0h30) on
    # March 2, 0h45 on March 3. 14:00-14:29:31 = 0.4919 h -> 0.49, described by its account.
    # hledger 1.25 on lines 1-7: `hledger -f time.timeclock print` gives 1.12h, 0.50h, 0.75h,
    # 0.49h.
    assert directives == expected("""
        2025-03-02 custom "time" "linkedin" 1.12 "Replied to comments"
          source: "timeclock:…"

        2025-03-02 custom "time" "blog" "0h30" "Late draft"
          source: "timeclock:…/2025-03-02"

        2025-03-03 custom "time" "blog" "0h45" "Late draft"
          source: "timeclock:…/2025-03-03"

        2025-03-03 custom "time" "newsletter" 0.49 "newsletter"
          source: "timeclock:…"
        """)
    assert problems == [
        "time.timeclock:8: account 'errands' is not in import.map; add it to the config, "
        'like import: {map: {"errands": errands}}',
        "time.timeclock:10: this 'o' line clocks out, but no session is open (no 'i' line "
        "before it); add the 'i' line or delete this one",
        "time.timeclock:11: this session is still open (no 'o' line after it): it is "
        "running, so it was not imported; clock out and import again",
    ]


def test_timeclock_two_clock_ins_in_a_row() -> None:
    text = "i 2025-03-02 09:00 blog\ni 2025-03-02 10:00 blog  Second\no 2025-03-02 10:15\n"
    rows, problems = parse_timeclock(text, "t.timeclock", config_with(map={"blog": "blog"}))
    assert [(r.minutes, r.description) for r in rows] == [(15, "Second")]
    assert [str(p) for p in problems] == [
        "t.timeclock:1: this session of blog has no 'o' line before the next 'i' for blog "
        "(line 2), so it was not imported; add 'o DATE TIME blog' before line 2"
    ]


# -- mapping ---------------------------------------------------------------------------------------


def test_account_full_name_first_then_last_part() -> None:
    names = Names({"clients:blog": "linkedin", "blog": "blog"})
    assert account_channel(names, "clients:blog").channel == "linkedin"
    assert account_channel(names, "marketing:blog").channel == "blog"
    assert account_channel(names, "marketing:video").message == (
        "account 'marketing:video' is not in import.map, nor its last part 'video'; add one "
        'of them to the config, like import: {map: {"video": video}}'
    )


def test_map_to_an_alias_keeps_the_channel_slug() -> None:
    config, errors, _language = load_config(
        "{channels: {linkedin: {aliases: [li]}}, import: {map: {'Social - LinkedIn': li}}}",
        {"filename": "<string>"},
    )
    assert errors == [] and config is not None
    text = (
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
        "End date,End time,Duration,Tags,Amount (USD)\n"
        "Zoé,,,social - linkedin,,Post,No,2025-03-03,09:00:00,,,00:10:00,,0\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config)
    assert (problems, [r.channel for r in rows]) == ([], ["linkedin"])


def test_labels_mapping_to_the_same_channel_agree() -> None:
    names = Names({"Blog": "blog", "writing": "blog"})
    match = match_channel(names, [Label("project", "Blog"), Label("tag", "writing")], "none")
    assert match == (("blog", None))
    several = match_channel(names, [Label("project", "Reels"), Label("tag", "video")], "none")
    assert several.message == (
        "none of project 'Reels', tag 'video' is in import.map; add one of them to the "
        'config, like import: {map: {"Reels": reels}}'
    )


# -- bean-timeroi import ---------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_prints_directives_and_problems() -> None:
    export = str(FIXTURES / "time.timeclock")
    code, out, err = run("import", "timeclock", export, "--config", str(FIXTURES / "timeroi.yaml"))
    assert code == 1
    assert blocks(out) == imported("timeclock", "time.timeclock")[0]
    assert err.splitlines()[0] == (
        f"{export}:8: account 'errands' is not in import.map; add it to the config, like "
        'import: {map: {"errands": errands}}'
    )
    assert len(err.splitlines()) == 3


def test_cli_exit_zero_when_every_row_is_imported() -> None:
    code, out, err = run(
        "import",
        "clockify",
        str(FIXTURES / "clockify_detailed_old.csv"),
        "--config",
        str(FIXTURES / "timeroi.yaml"),
    )
    assert (code, err) == (0, "")
    assert out.count('custom "time"') == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "harvest", "x.csv"], "'harvest' is not one of"),
        (["import", "toggl", "missing.csv"], "missing.csv: no such file"),
        (["import", "toggl", "{fixtures}/clockify_detailed.csv"], "not a Toggl one"),
        (
            ["import", "toggl", "{fixtures}/toggl_detailed.csv", "--config", "nope.yaml"],
            "config file nope.yaml: no such file",
        ),
        (
            ["import", "toggl", "{fixtures}/toggl_detailed.csv", "--ledger", "nope.beancount"],
            "nope.beancount: no such file",
        ),
        (["import", "timewarrior", "{fixtures}/toggl_detailed.csv"], "not a Timewarrior export"),
    ],
)
def test_cli_exit_two_for_bad_arguments_and_files(args: list[str], message: str) -> None:
    code, out, err = run(*(arg.format(fixtures=FIXTURES) for arg in args))
    assert code == 2
    assert out == ""
    assert message in err


def test_cli_bad_config_and_non_utf8_file(tmp_path: Path) -> None:
    config = tmp_path / "timeroi.yaml"
    config.write_text("import: {map: {Blog: 'Not A Slug!'}}\n", encoding="utf-8")
    code, _out, err = run(
        "import", "toggl", str(FIXTURES / "toggl_detailed.csv"), "--config", str(config)
    )
    assert code == 2 and "is not a channel name" in err
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("Project,Start date,Duration\nBlogué,2025-03-03,00:10:00\n".encode("latin-1"))
    code, _out, err = run("import", "toggl", str(latin))
    assert code == 2 and "line 2 is not UTF-8 text" in err


def test_cli_help_explains_with_an_example() -> None:
    code, out, _err = run("import", "--help")
    assert code == 0
    for words in (
        "SOURCE is the tool that wrote FILE",
        "timewarrior",
        "import.map",
        "Example",
        "bean-timeroi import toggl",
        "--ledger",
    ):
        assert words in out


# -- the round trip ------------------------------------------------------------------------------


BOOKS = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "timeroi.yaml"
include "time.beancount"
"""


@pytest.fixture
def books(tmp_path: Path) -> Path:
    """A ledger whose plugin config is the fixtures' timeroi.yaml, time in an included file."""
    shutil.copy(FIXTURES / "timeroi.yaml", tmp_path / "timeroi.yaml")
    (tmp_path / "books.beancount").write_text(BOOKS, encoding="utf-8")
    (tmp_path / "time.beancount").write_text("", encoding="utf-8")
    return tmp_path / "books.beancount"


def test_round_trip_import_report_and_import_again(books: Path) -> None:
    export = str(FIXTURES / "toggl_detailed.csv")
    code, out, _err = run("import", "toggl", export, "--ledger", str(books))
    assert code == 1  # four rows reported
    (books.parent / "time.beancount").write_text(out, encoding="utf-8")

    ledger = Ledger.load(str(books))
    assert ledger.errors == []
    report = build_report(ledger)
    figures = {row.channel: (row.hours_exact, str(row.time_cost)) for row in report.channels}
    assert figures == {
        "linkedin": (Fraction(112, 60), "158.67"),  # 67 + 45 min at 85: 94.92 + 63.75
        "blog": (Fraction(2), "64.00"),  # alex, 2 h at 32
        "newsletter": (Fraction(1, 2), "16.00"),  # alex, 30 min at 32
        "instagram": (Fraction(31, 60), "43.92"),  # 31 min at 85: 43.9166 -> 43.92
    }

    # The same export again: nothing new; the reported rows are still reported.
    code, again, err = run("import", "toggl", export, "--ledger", str(books))
    assert (code, again) == (1, "")
    assert len(err.splitlines()) == 4
    result = import_file("toggl", export, ledger_path=str(books))
    assert (result.entries, result.already) == ([], 5)

    # beangulp's own flow marks every extracted entry as a duplicate, and prints them
    # commented out.
    importer = TogglImporter(str(FIXTURES / "timeroi.yaml"))
    entries = beangulp_extract.extract_from_file(importer, export, [])
    assert len(entries) == 5
    importer.deduplicate(entries, list(ledger.entries))
    duplicates = [e.meta.get(beangulp_extract.DUPLICATE) for e in entries]
    assert all(isinstance(d, data.Custom) for d in duplicates)
    assert {d.meta["filename"] for d in duplicates} == {str(books.parent / "time.beancount")}
    printed = io.StringIO()
    beangulp_extract.print_extracted_entries(
        [(export, entries, importer.account(export), importer)], printed
    )
    body = [
        line
        for line in printed.getvalue().splitlines()
        if line and not line.startswith((";", "**"))
    ]
    assert body == []


# -- beangulp ------------------------------------------------------------------------------------


def test_beangulp_importers_identify_their_own_files(tmp_path: Path) -> None:
    importers = [
        cls(CONFIG)
        for cls in (
            TogglImporter,
            ClockifyImporter,
            TimewarriorImporter,
            TimedotImporter,
            TimeclockImporter,
        )
    ]
    files = [
        "toggl_detailed.csv",
        "clockify_detailed.csv",
        "timew.json",
        "time.timedot",
        "time.timeclock",
    ]
    for importer, name in zip(importers, files, strict=True):
        assert [other.identify(str(FIXTURES / name)) for other in importers] == [
            other is importer for other in importers
        ], name
    assert ClockifyImporter(CONFIG).identify(str(FIXTURES / "clockify_detailed_old.csv"))
    assert importers[0].account("x.csv") == "Expenses:Marketing:Time"
    assert importers[0].name == "timeroi.toggl"


def test_beangulp_extract_logs_problems_and_keeps_them(caplog: pytest.LogCaptureFixture) -> None:
    importer = TimewarriorImporter(CONFIG)
    path = str(FIXTURES / "timew.json")
    with caplog.at_level(logging.WARNING, logger="beancount_timeroi.importers"):
        entries = importer.extract(path, [])
    assert [e.date for e in entries] == [datetime.date(2025, 3, 3)] * 2 + [
        datetime.date(2025, 3, 4)
    ]
    assert [p.line for p in importer.problems] == [4, 5, 6]
    assert [r.getMessage() for r in caplog.records] == [str(p) for p in importer.problems]
    assert all(isinstance(p, Problem) for p in importer.problems)


def test_beangulp_importer_with_a_bad_config_path() -> None:
    with pytest.raises(ValueError, match="no such file"):
        TogglImporter("does-not-exist.yaml")


# -- docs/import.md --------------------------------------------------------------------------------


IMPORT_DOC = (DOCS / "import.md").read_text(encoding="utf-8")
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize(
    "snippet", [body for lang, body in FENCE.findall(IMPORT_DOC) if lang == "beancount"]
)
def test_import_doc_ledgers_load_without_errors(snippet: str, tmp_path: Path) -> None:
    path = tmp_path / "main.beancount"
    path.write_text(snippet, encoding="utf-8")
    _entries, errors, _options = loader.load_file(str(path))
    assert [error.message for error in errors] == []
    assert "beancount_timeroi" in snippet


REPORTED = re.compile(
    r"```beancount\n((?:(?!```).)*)```\n(?:(?!```).)*?"
    r"\| channel \| hours \| time cost \|\n\|---\|---\|---\|\n"
    r"((?:\|[^\n]*\|\n)+)",
    re.DOTALL,
)
"""A ledger example, then the table of what the report shows for it."""


@pytest.mark.parametrize(("snippet", "table"), REPORTED.findall(IMPORT_DOC))
def test_import_doc_shows_what_the_report_shows(snippet: str, table: str, tmp_path: Path) -> None:
    """The hours and time cost under each example are the report's."""
    path = tmp_path / "main.beancount"
    path.write_text(snippet, encoding="utf-8")
    report = build_report(Ledger.load(str(path)))
    shown = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()]
    assert shown == [[row.channel, str(row.hours), str(row.time_cost)] for row in report.channels]


def test_import_doc_has_a_report_for_each_source() -> None:
    assert len(REPORTED.findall(IMPORT_DOC)) == 5


@pytest.mark.parametrize(
    "snippet", [body for lang, body in FENCE.findall(IMPORT_DOC) if lang == "yaml"]
)
def test_import_doc_configs_are_valid(snippet: str) -> None:
    config, errors, _language = load_config(snippet, {"filename": "<string>"})
    assert errors == []
    assert config is not None and config.imports.channels
