"""Toggl Track and Clockify detailed reports (CSV).

Toggl: ``User,Email,Client,Project,Task,Description,Billable,Start date,
Start time,End date,End time,Duration,Tags,Amount (USD)``, maybe with a UTF-8
BOM, ``Duration`` as ``HH:MM:SS``.

Clockify: ``Project,Client,Description,Task,User,Group,Email,Tags,Billable,
Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),...``;
older exports have no ``Group`` column, and the duration columns may be named
``Time (h)``/``Time (decimal)``. Dates are ``MM/DD/YYYY`` with 12-hour times
(``09:05 PM``) by default, or ``YYYY-MM-DD`` with 24-hour times.

A row's channel is the one its Project, Client and Tags map to in
``import.map``; its date is its start date, as the tracker shows it (the
export is already in the user's time zone); its duration is the tracker's own
duration column (``h:mm:ss``, else decimal hours, else end minus start).

Example, with ``import: {map: {"Social - LinkedIn": linkedin}}``::

    Émilie Tremblay,,,Social - LinkedIn,,Replied to comments,No,2025-03-03,09:00:00,
      2025-03-03,10:07:12,01:07:12,,0.00

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "toggl:…"
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from beancount_timeroi.config import Config, name_key
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    ExportError,
    ImportedRow,
    Label,
    Names,
    People,
    Problem,
    SourceIds,
    clean_text,
    duration_problem,
    match_channel,
    round_minutes,
)

_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DOT_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?")
_CLOCK = re.compile(r"(\d+):(\d{2})(?::(\d{2}))?")
_DECIMAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")

_Cell = Callable[[list[str], str], str]
"""Reads a named cell of a record: ``cell(cells, "project")``."""


@dataclass(frozen=True)
class CsvFormat:
    """Which columns of a tracker's CSV hold what (names compared with ``name_key``)."""

    tool: str
    title: str
    start_date: str
    start_time: str
    end_date: str
    end_time: str
    clock_durations: tuple[str, ...]
    decimal_durations: tuple[str, ...]
    header: str
    subtract: bool
    """Whether a file without duration columns is read with end - start."""

    def columns(self, header: Sequence[str]) -> dict[str, int]:
        return {name_key(name): index for index, name in enumerate(header)}


TOGGL = CsvFormat(
    tool="toggl", title="Toggl", start_date="start date", start_time="start time",
    end_date="end date", end_time="end time", clock_durations=("duration",),
    decimal_durations=(), subtract=False,
    header="User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
           "End date,End time,Duration,Tags,Amount (USD)")
CLOCKIFY = CsvFormat(
    tool="clockify", title="Clockify", start_date="start date", start_time="start time",
    end_date="end date", end_time="end time", clock_durations=("duration (h)", "time (h)"),
    decimal_durations=("duration (decimal)", "time (decimal)"), subtract=True,
    header="Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,"
           "Start Time,End Date,End Time,Duration (h),Duration (decimal),...")


def parse_toggl(text: str, filename: str, config: Config) -> tuple[list[ImportedRow],
                                                                   list[Problem]]:
    """Rows and problems of a Toggl Track detailed report CSV."""
    return parse_csv(text, filename, config, TOGGL)


def parse_clockify(text: str, filename: str, config: Config) -> tuple[list[ImportedRow],
                                                                      list[Problem]]:
    """Rows and problems of a Clockify detailed report CSV (either header)."""
    return parse_csv(text, filename, config, CLOCKIFY)


def read_records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) of each non-blank record of a CSV text."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lstrip("\ufeff") for cell in cells]
            else:
                records.append((line, cells))
    except csv.Error as exc:
        raise ExportError(_("line {line} is not valid CSV ({reason})").format(
            line=reader.line_num, reason=exc)) from None
    if header is None:
        raise ExportError(_("the file is empty: export the detailed report again"))
    return header, records


def identify_csv(text: str, fmt: CsvFormat) -> bool:
    """Whether a CSV text has the header of ``fmt`` (for beangulp's ``identify``)."""
    try:
        header, _records = read_records(text)
    except ExportError:
        return False
    columns = fmt.columns(header)
    has_duration = any(name in columns for name in fmt.clock_durations + fmt.decimal_durations)
    return fmt.start_date in columns and "project" in columns and has_duration


def parse_csv(text: str, filename: str, config: Config,
              fmt: CsvFormat) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a detailed report CSV in the format ``fmt``."""
    header, records = read_records(text)
    columns = fmt.columns(header)
    durations = [name for name in fmt.clock_durations + fmt.decimal_durations
                 if name in columns]
    can_subtract = fmt.subtract and all(
        name in columns for name in (fmt.start_time, fmt.end_date, fmt.end_time))
    other = CLOCKIFY if fmt is TOGGL else TOGGL
    if not durations and identify_csv(",".join(header), other):
        raise ExportError(_(
            "this is a {other} detailed report, not a {tool} one: import it with the source "
            "{source}").format(other=other.title, tool=fmt.title, source=other.tool))
    missing = [name for name in ("project", fmt.start_date) if name not in columns]
    if missing or not (durations or can_subtract):
        raise ExportError(_(
            "this is not a {tool} detailed report: its first line lacks {missing}; "
            "export Reports > Detailed as CSV, whose first line is like: {header}"
        ).format(tool=fmt.title, header=fmt.header, missing=", ".join(
            _shown_column(fmt, name) for name in missing or [fmt.clock_durations[0]])))

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    records = [(line, cells) for line, cells in records if not _is_total(cells, cell, fmt)]
    names = Names(config.imports.channels)
    people = People(config.imports.people, (cell(cells, "user") for _line, cells in records))
    ids = SourceIds(fmt.tool)
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    for line, cells in records:
        messages: list[str] = []
        raw_date = cell(cells, fmt.start_date)
        day = parse_date(raw_date)
        if day is None:
            messages.append(_(
                "its start date '{date}' is not a date like 2025-03-31 or 03/31/2025; set "
                "the date format in {tool} to YYYY-MM-DD or MM/DD/YYYY and export again"
            ).format(date=raw_date, tool=fmt.title))
        seconds, why = _seconds(cells, cell, fmt, durations)
        if seconds is None:
            messages.append(why)
        else:
            problem = duration_problem(seconds, fmt.title)
            if problem:
                messages.append(problem)
        tags = [tag.strip() for tag in cell(cells, "tags").split(",") if tag.strip()]
        labels = [Label(_("project"), cell(cells, "project")),
                  Label(_("client"), cell(cells, "client"))]
        labels += [Label(_("tag"), tag) for tag in tags]
        match = match_channel(names, labels, _(
            "it has no project, client or tags, so it has no channel; give it a project "
            "in {tool} and export again"
        ).format(tool=fmt.title))
        if match.message:
            messages.append(match.message)
        user = cell(cells, "user")
        who = people.person(user, cell(cells, "email"))
        if who.message:
            messages.append(who.message)
        if messages or day is None or seconds is None or match.channel is None:
            problems.extend(Problem(filename, line, message) for message in messages)
            continue
        start_time = parse_time(cell(cells, fmt.start_time))
        source = ids.make([
            user, cell(cells, "email"), cell(cells, "project"), cell(cells, "client"),
            cell(cells, "task"), cell(cells, "description"), ",".join(tags), day.isoformat(),
            start_time.isoformat() if start_time else cell(cells, fmt.start_time),
            str(seconds),
        ])
        description = clean_text(cell(cells, "description")) or clean_text(cell(cells, "task"))
        rows.append(ImportedRow(day, match.channel, round_minutes(seconds), who.person,
                                description, source, line))
    return rows, problems


def _shown_column(fmt: CsvFormat, name: str) -> str:
    """A column as the tracker's header writes it: ``'Start date'``."""
    for shown in fmt.header.split(","):
        if name_key(shown) == name:
            return f"'{shown}'"
    return f"'{name}'"  # pragma: no cover - every column looked for is in the header


def _is_total(cells: list[str], cell: _Cell, fmt: CsvFormat) -> bool:
    """A report's "Total" line: not a time entry."""
    first = cells[0].strip().casefold() if cells else ""
    return first == "total" and not cell(cells, fmt.start_date)


def _seconds(cells: list[str], cell: _Cell, fmt: CsvFormat,
             durations: list[str]) -> tuple[Fraction | None, str]:
    """The row's duration in seconds, from the tracker's own columns, else end - start."""
    for name in durations:
        raw = cell(cells, name)
        if not raw:
            continue
        clock = _CLOCK.fullmatch(raw)
        if clock:
            hours, minutes, secs = clock.group(1), clock.group(2), clock.group(3) or "0"
            if int(minutes) < 60 and int(secs) < 60:
                return Fraction(int(hours) * 3600 + int(minutes) * 60 + int(secs)), ""
        elif _DECIMAL.fullmatch(raw):
            try:
                return Fraction(Decimal(raw)) * 3600, ""
            except InvalidOperation:  # pragma: no cover - the pattern is a decimal
                pass
        return None, _(
            "its duration '{duration}' is not like 01:07:12 or 1.12; export the report "
            "again with the duration format 'full' (hh:mm:ss)"
        ).format(duration=raw)
    start = _moment(cell(cells, fmt.start_date), cell(cells, fmt.start_time))
    end = _moment(cell(cells, fmt.end_date), cell(cells, fmt.end_time))
    if start is None or end is None:
        return None, _("it has no duration, and no start and end times to compute one; "
                       "export the detailed report again with its duration column")
    return Fraction(int((end - start).total_seconds())), ""


def _moment(date_text: str, time_text: str) -> datetime.datetime | None:
    day, time = parse_date(date_text), parse_time(time_text)
    return datetime.datetime.combine(day, time) if day and time else None


def parse_date(text: str) -> datetime.date | None:
    """A date written ``2025-03-31``, ``2025/03/31``, ``03/31/2025`` or ``31.03.2025``.

    >>> parse_date("03/31/2025")
    datetime.date(2025, 3, 31)
    """
    text = text.strip()
    try:
        match = _ISO_DATE.fullmatch(text)
        if match:
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _US_DATE.fullmatch(text)
        if match:
            return datetime.date(int(match.group(3)), int(match.group(1)), int(match.group(2)))
        match = _DOT_DATE.fullmatch(text)
        if match:
            return datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def parse_time(text: str) -> datetime.time | None:
    """A time of day, 24-hour (``21:05:00``) or 12-hour (``09:05 PM``).

    >>> parse_time("09:05 PM")
    datetime.time(21, 5)
    """
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    try:
        return datetime.time(hour, minute, second)
    except ValueError:
        return None
