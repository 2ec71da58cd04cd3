"""Toggl Track and Clockify detailed reports (CSV), in the languages they are written in.

Toggl: ``User,Email,Client,Project,Task,Description,Billable,Start date,
Start time,End date,End time,Duration,Tags,Amount (USD)``, maybe with a UTF-8
BOM, ``Duration`` as ``HH:MM:SS``. Toggl's newer reports may name the end
``Stop date``/``Stop time`` and the user ``Member``.

Clockify: ``Project,Client,Description,Task,User,Group,Email,Tags,Billable,
Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),...``;
older exports have no ``Group`` column, and the duration columns may be named
``Time (h)``/``Time (decimal)``. Clockify writes the header in the user's
language (solidtime-io/solidtime issue #294), so the same columns are read in
French, Spanish, German and Portuguese, under the names found in real exports
and in the importers of other projects (see ``csvheaders.COLUMNS`` and
tests/data/README.md). Dates and times follow the user's profile: any date
order (decided once per file, see ``dates``), 12- or 24-hour times (``09:05
PM``, ``21:05``), decimal hours with a point or a comma (``1.12``, ``1,12``),
fields separated by commas or semicolons.

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
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    ExportError,
    ImportedRow,
    Problem,
    SourceIds,
    clean_text,
    duration_problem,
)
from beancount_timeroi.importers.csvheaders import (
    CLOCKIFY,
    TOGGL,
    CsvFormat,
    check_header,
    identifies,
)
from beancount_timeroi.importers.dates import FileOrder, date_problem, decide_order, read_date
from beancount_timeroi.importers.matching import ChannelMatch, Label, Names, People, match_channel
from beancount_timeroi.timelog import round_minutes

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?\s?[Mm]\.?)?")
_CLOCK = re.compile(r"(\d+):(\d{2})(?::(\d{2}))?")
_CLOCK_12H = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])\.?\s?[Mm]\.?")
_DECIMAL = re.compile(r"(\d*)(?:[.,](\d+))?")
_TOTALS = ("total", "gesamt", "totale")
"""First cells of a report's totals line, in the languages read."""

_Cell = Callable[[list[str], str], str]
"""Reads a named cell of a record: ``cell(cells, "project")``."""


def parse_toggl(
    text: str, filename: str, config: Config
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a Toggl Track detailed report CSV."""
    return parse_csv(text, filename, config, TOGGL)


def parse_clockify(
    text: str, filename: str, config: Config
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a Clockify detailed report CSV (any header it writes)."""
    return parse_csv(text, filename, config, CLOCKIFY)


def read_records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) of each non-blank record of a CSV text.

    Fields are separated by commas, or by semicolons when the first line has
    more of them (exports made for a locale whose decimal mark is a comma).
    """
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
                header = [cell.strip().lstrip("\ufeff").strip() for cell in cells]
            else:
                records.append((line, cells))
    except csv.Error as exc:
        raise ExportError(
            _("line {line} is not valid CSV ({reason})").format(line=reader.line_num, reason=exc)
        ) from None
    if header is None:
        raise ExportError(_("the file is empty: export the detailed report again"))
    return header, records


def identify_csv(text: str, fmt: CsvFormat) -> bool:
    """Whether a CSV text has the header of ``fmt`` (for beangulp's ``identify``)."""
    try:
        header, _records = read_records(text)
    except ExportError:
        return False
    return identifies(header, fmt)


def parse_csv(
    text: str, filename: str, config: Config, fmt: CsvFormat
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a detailed report CSV in the format ``fmt``.

    ``ExportError`` (nothing imported) when the header is not ``fmt``'s, or
    when the order of the file's dates cannot be decided (see ``dates``).
    """
    header, records = read_records(text)
    columns = fmt.columns(header)
    check_header(header, columns, fmt)
    cell = _cell_reader(columns)
    records = [(line, cells) for line, cells in records if not _is_total(cells, cell, fmt)]
    export = _export(records, cell, fmt, columns, config)
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    for line, cells in records:
        row, messages = _read_row(export, line, cells)
        if row is None:
            problems.extend(Problem(filename, line, message) for message in messages)
        else:
            rows.append(row)
    return rows, problems


def _cell_reader(columns: dict[str, int]) -> _Cell:
    """The reader of the named cells of a file whose header has ``columns``."""

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    return cell


@dataclass(frozen=True)
class _Export:
    """What reading each row of one export needs: its format and columns, the order of its
    dates, the names it maps to channels and people, and the ids of its rows."""

    fmt: CsvFormat
    cell: _Cell
    durations: list[str]
    order: FileOrder
    names: Names
    people: People
    ids: SourceIds


def _export(
    records: list[tuple[int, list[str]]],
    cell: _Cell,
    fmt: CsvFormat,
    columns: dict[str, int],
    config: Config,
) -> _Export:
    """The export of ``records``: its dates' order is decided over all of its dates, and its
    users counted over all of its rows."""
    keys = (fmt.start_date, fmt.end_date)
    dates = ((line, cell(cells, key)) for line, cells in records for key in keys)
    return _Export(
        fmt=fmt,
        cell=cell,
        durations=fmt.durations(columns),
        order=decide_order(dates, config.imports.date_order),
        names=Names(config.imports.channels),
        people=People(config.imports.people, (cell(cells, "user") for _line, cells in records)),
        ids=SourceIds(fmt.tool),
    )


def _read_row(export: _Export, line: int, cells: list[str]) -> tuple[ImportedRow | None, list[str]]:
    """A record's time entry, or None and every message saying why it is not one."""
    fmt, cell = export.fmt, export.cell
    day, messages = _row_date(cells, cell, fmt, export.order)
    seconds, why = _seconds(cells, cell, fmt, export.durations, export.order)
    if seconds is None:
        messages.append(why)
    else:
        problem = duration_problem(seconds, fmt.title)
        if problem:
            messages.append(problem)
    tags = [tag.strip() for tag in cell(cells, "tags").split(",") if tag.strip()]
    match = _row_channel(export.names, cells, cell, tags, fmt)
    if match.message:
        messages.append(match.message)
    who = export.people.person(cell(cells, "user"), cell(cells, "email"))
    if who.message:
        messages.append(who.message)
    if messages or day is None or seconds is None or match.channel is None:
        return None, messages
    source = export.ids.make(_identity(export, cells, tags, day, seconds))
    description = clean_text(cell(cells, "description")) or clean_text(cell(cells, "task"))
    row = ImportedRow(
        day, match.channel, round_minutes(seconds), who.person, description, source, line
    )
    return row, []


def _identity(
    export: _Export, cells: list[str], tags: list[str], day: datetime.date, seconds: Fraction
) -> list[str]:
    """What identifies a row, for its ``source:`` id: the same when the export is read again."""
    cell, fmt = export.cell, export.fmt
    start_time = parse_time(cell(cells, fmt.start_time))
    return [
        cell(cells, "user"),
        cell(cells, "email"),
        cell(cells, "project"),
        cell(cells, "client"),
        cell(cells, "task"),
        cell(cells, "description"),
        ",".join(tags),
        day.isoformat(),
        start_time.isoformat() if start_time else cell(cells, fmt.start_time),
        str(seconds),
    ]


def _row_date(
    cells: list[str], cell: _Cell, fmt: CsvFormat, order: FileOrder
) -> tuple[datetime.date | None, list[str]]:
    """A row's date (its start date, in the file's order), or what is wrong with its dates."""
    messages: list[str] = []
    raw_date = cell(cells, fmt.start_date)
    day = read_date(raw_date, order.order)
    if day is None:
        messages.append(date_problem(raw_date, _("start date"), order, fmt.title))
    raw_end = cell(cells, fmt.end_date)
    end_day = read_date(raw_end, order.order) if raw_end else None
    if raw_end and end_day is None:
        messages.append(date_problem(raw_end, _("end date"), order, fmt.title))
    elif day is not None and end_day is not None and end_day < day:
        messages.append(
            _(
                "its end date '{end}' is before its start date '{start}'; correct its dates "
                "in {tool} and export again"
            ).format(end=raw_end, start=raw_date, tool=fmt.title)
        )
    return day, messages


def _row_channel(
    names: Names, cells: list[str], cell: _Cell, tags: list[str], fmt: CsvFormat
) -> ChannelMatch:
    """The channel a row's project, client and tags map to."""
    labels = [
        Label(_("project"), cell(cells, "project")),
        Label(_("client"), cell(cells, "client")),
    ]
    labels += [Label(_("tag"), tag) for tag in tags]
    return match_channel(
        names,
        labels,
        _(
            "it has no project, client or tags, so it has no channel; give it a project "
            "in {tool} and export again"
        ).format(tool=fmt.title),
    )


def _is_total(cells: list[str], cell: _Cell, fmt: CsvFormat) -> bool:
    """A report's "Total" line: not a time entry."""
    first = cells[0].strip().casefold() if cells else ""
    return first in _TOTALS and not cell(cells, fmt.start_date)


def _seconds(
    cells: list[str], cell: _Cell, fmt: CsvFormat, durations: list[str], order: FileOrder
) -> tuple[Fraction | None, str]:
    """The row's duration in seconds, from the tracker's own columns, else end - start
    (the start and end read only then)."""

    def moments() -> tuple[datetime.datetime | None, datetime.datetime | None]:
        start_date = cell(cells, fmt.start_date)
        return (
            _moment(start_date, cell(cells, fmt.start_time), order),
            _moment(cell(cells, fmt.end_date) or start_date, cell(cells, fmt.end_time), order),
        )

    for key in durations:
        raw = cell(cells, key)
        if not raw:
            continue
        seconds = parse_duration(raw)
        if seconds is not None:
            return seconds, ""
        half_day = _CLOCK_12H.fullmatch(raw)
        if half_day:
            return _twelve_hour_duration(half_day, raw, *moments(), fmt)
        return None, _(
            "its duration '{duration}' is not like 01:07:12, 1.12 or 1,12; export the report "
            "again with the duration format 'full' (hh:mm:ss)"
        ).format(duration=raw)
    start, end = moments()
    if start is None or end is None:
        return None, _(
            "it has no duration, and no start and end times to compute one; "
            "export the detailed report again with its duration column"
        )
    return Fraction(int((end - start).total_seconds())), ""


def _twelve_hour_duration(
    match: re.Match[str],
    raw: str,
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    fmt: CsvFormat,
) -> tuple[Fraction | None, str]:
    """A duration written as a 12-hour time (``12:20:00 AM`` for 20 minutes), which Toggl
    writes when the profile's time format is 12-hour: taken only when the row's start
    and end times give the same duration, else a problem."""
    hours, minutes, secs = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if 1 <= hours <= 12 and minutes < 60 and secs < 60:
        hours = hours % 12 + (12 if match.group(4).casefold() == "p" else 0)
        seconds = Fraction(hours * 3600 + minutes * 60 + secs)
        if start is not None and end is not None and (end - start).total_seconds() == seconds:
            return seconds, ""
    return None, _(
        "its duration '{duration}' is written as a time of day and its start and end times "
        "do not confirm it; set the time format in {tool} to 24-hour and export again"
    ).format(duration=raw, tool=fmt.title)


def parse_duration(text: str) -> Fraction | None:
    """Seconds of a duration written ``1:07:12``, ``01:07``, ``1.12`` or ``1,12`` (hours).

    >>> parse_duration("1:07:12"), parse_duration("1,5")
    (Fraction(4032, 1), Fraction(5400, 1))
    """
    text = text.strip()
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, secs = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        if minutes < 60 and secs < 60:
            return Fraction(hours * 3600 + minutes * 60 + secs)
        return None
    decimal = _DECIMAL.fullmatch(text)
    if decimal and (decimal.group(1) or decimal.group(2)):
        try:
            decimal_hours = Decimal(f"{decimal.group(1) or 0}.{decimal.group(2) or 0}")
        except InvalidOperation:  # pragma: no cover - the pattern is a decimal
            return None
        return Fraction(decimal_hours) * 3600
    return None


def _moment(date_text: str, time_text: str, order: FileOrder) -> datetime.datetime | None:
    day, time = read_date(date_text, order.order), parse_time(time_text)
    return datetime.datetime.combine(day, time) if day and time else None


def parse_time(text: str) -> datetime.time | None:
    """A time of day, 24-hour (``21:05:00``) or 12-hour (``09:05 PM``, ``9:05 p. m.``).

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
