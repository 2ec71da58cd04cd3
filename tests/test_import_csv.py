"""SPEC 8.1: Toggl Track and Clockify exports as people's settings write them.

The files under tests/data/toggl/ and tests/data/clockify/ are written in the
formats of real exports (tests/data/README.md says which export each copies and
where its header comes from). Each test works out its expected minutes by hand
from the export's own Duration column, with the arithmetic in a comment, and
names every line that is not imported with its message.

The properties at the end write random exports (Toggl, Clockify in five
languages, any date order, separator and year length, 12- or 24-hour times,
commas or semicolons) with valid and broken rows, and check that each row is
either imported with its own date and duration or reported at its line, and
that a file whose dates read both ways is refused as a whole: never a wrong
date. ``HYPOTHESIS_PROFILE=fuzz`` runs 15 times more examples, as for
tests/test_properties.py.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, note
from hypothesis import strategies as st

from beancount_timeroi.cli import main
from beancount_timeroi.config import Config
from beancount_timeroi.configimport import ImportConfig
from beancount_timeroi.importers import ExportError, ImportedRow, Problem, read_export
from beancount_timeroi.importers.csvexports import (
    identify_csv,
    parse_clockify,
    parse_time,
    parse_toggl,
)
from beancount_timeroi.importers.csvheaders import CLOCKIFY, TOGGL
from beancount_timeroi.importers.dates import decide_order, read_date
from beancount_timeroi.ledger import load_config

DATA = Path(__file__).resolve().parent / "data"
MAP = {
    "Redes sociales": "linkedin",
    "Réseaux sociaux – LinkedIn": "linkedin",
    "Social - LinkedIn": "linkedin",
    "Blog": "blog",
    "Boletín": "newsletter",
    "Infolettre": "newsletter",
    "Newsletter": "newsletter",
}
D = datetime.date


def config(date_order: str | None = None, channels: dict[str, str] | None = None) -> Config:
    return Config(
        imports=ImportConfig(channels=MAP if channels is None else channels, date_order=date_order)
    )


def sample(
    source: str, name: str, date_order: str | None = None
) -> tuple[list[tuple[int, datetime.date, str, int]], list[tuple[int, str]]]:
    """The (line, date, channel, minutes) of each row imported from a sample, and the
    (line, message) of each problem."""
    rows, problems = read_export(source, str(DATA / source / name), config(date_order))
    return (
        [(r.line, r.date, r.channel, r.minutes) for r in rows],
        [(p.line, p.message) for p in problems],
    )


def totals(rows: list[tuple[int, datetime.date, str, int]]) -> dict[str, int]:
    found: Counter[str] = Counter()
    for _line, _day, channel, minutes in rows:
        found[channel] += minutes
    return dict(found)


# -- Clockify, in each language ---------------------------------------------------------


def test_clockify_spanish_export_day_first() -> None:
    """Spanish header (as in a real export), DD/MM/YYYY dates, 24-hour times."""
    rows, problems = sample("clockify", "es_dmy.csv")
    # Line 2's 02/10/2023 reads both ways; line 3's 29/09/2023 only day first, so the
    # whole file is day first and 02/10/2023 is 2 October.
    # Durations, from "Duración (h)": 01:45:00 = 60 + 45 = 105 min; 00:30:00 = 30 min;
    # 09:00:00 = 9 x 60 = 540 min (17:52 on 22/09 to 02:52 on 23/09: dated by its start).
    assert rows == [
        (2, D(2023, 10, 2), "linkedin", 105),
        (3, D(2023, 9, 29), "blog", 30),
        (4, D(2023, 9, 22), "blog", 540),
    ]
    # The export's own "Duración (decimal)" of these rows: 1.75 + 0.50 + 9.00 = 11.25 h
    # = 675 min = 105 + 30 + 540.
    assert totals(rows) == {"linkedin": 105, "blog": 30 + 540}
    assert sum(totals(rows).values()) == 675
    assert problems == [
        (5, "its start date is empty; fill it in Clockify and export again"),
        (
            6,
            "its start date '31/09/2023' is not a date in the order DD/MM/YYYY of this file "
            "(line 3 has '29/09/2023'); correct it in Clockify and export again",
        ),
        (
            6,
            "its end date '31/09/2023' is not a date in the order DD/MM/YYYY of this file "
            "(line 3 has '29/09/2023'); correct it in Clockify and export again",
        ),
        (
            7,
            "project 'Proyecto sin mapa' is not in import.map; add it to the config, like "
            'import: {map: {"Proyecto sin mapa": mapa}}',
        ),
    ]


def test_clockify_french_export_with_semicolons_and_decimal_commas() -> None:
    """French header, a BOM, ';' between fields, '1,12' hours, CRLF line ends."""
    rows, problems = sample("clockify", "fr_semicolon.csv")
    # 25/03/2025 (line 4) is day first. Durée (h): 1:07:00 = 67 min, 0:45:00 = 45 min,
    # 2:00:00 = 120 min.
    assert rows == [
        (2, D(2025, 3, 10), "linkedin", 67),
        (3, D(2025, 3, 11), "blog", 45),
        (4, D(2025, 3, 25), "blog", 120),
    ]
    # Durée (décimal): 1,12 + 0,75 + 2,00 = 3,87 h = 232.2 min, the same to the minute as
    # 67 + 45 + 120 = 232.
    assert totals(rows) == {"linkedin": 67, "blog": 45 + 120}
    assert problems == [
        (
            5,
            "it lasts 0 s, shorter than a minute; a time entry is at least one minute: "
            "lengthen it or delete it in Clockify",
        ),
        (
            6,
            "its duration '30 min' is not like 01:07:12, 1.12 or 1,12; export the report "
            "again with the duration format 'full' (hh:mm:ss)",
        ),
    ]


def test_clockify_german_export_whose_dates_read_both_ways_is_refused() -> None:
    """German header (with Clockify's Kiosk column), DD.MM.YYYY with no day above 12."""
    with pytest.raises(ExportError) as refused:
        sample("clockify", "de_dots.csv")
    assert str(refused.value).endswith(
        "de_dots.csv: every date in this file reads both day first and month first (line 2: "
        "'03.04.2025' is 2025-04-03 or 2025-03-04), so none was imported; say which order the "
        "file uses in the config, import: {date_order: DMY} if '03.04.2025' is 2025-04-03 or "
        "import: {date_order: MDY} if it is 2025-03-04, and import it again"
    )
    rows, problems = sample("clockify", "de_dots.csv", date_order="DMY")
    # Dauer (h): 01:07:00 = 67 min; 00:44:30 = 44.5 min, a half minute up: 45 min.
    assert rows == [(2, D(2025, 4, 3), "blog", 67), (3, D(2025, 3, 4), "linkedin", 45)]
    assert problems == [
        (
            4,
            "it has no duration, and no start and end times to compute one; export the "
            "detailed report again with its duration column",
        ),
    ]


def test_clockify_portuguese_export() -> None:
    """Brazilian Portuguese header, ';', decimal commas, a row without an end."""
    rows, problems = sample("clockify", "pt_semicolon.csv")
    # 20/02/2024 is day first. Duração (h): 01:30:00 = 90 min; 02:00:00 = 120 min (no end
    # date or time: the duration column is enough).
    assert rows == [(2, D(2024, 2, 20), "blog", 90), (3, D(2024, 2, 21), "blog", 120)]
    assert totals(rows) == {"blog": 90 + 120}
    assert problems == [
        (
            4,
            "its end date '21/02/2024' is before its start date '22/02/2024'; correct its "
            "dates in Clockify and export again",
        ),
    ]


def test_clockify_english_export_month_first_12_hour() -> None:
    """Every field quoted, Type/Invoiced/Date of creation columns, 12-hour times."""
    rows, problems = sample("clockify", "en_mdy_12h.csv")
    # 10/15/2024 is month first. 00:30:00 = 30 min each; line 3 runs from 11:50 PM on
    # 10/16 to 12:20 AM on 10/17 and is dated 10/16.
    assert rows == [(2, D(2024, 10, 15), "blog", 30), (3, D(2024, 10, 16), "linkedin", 30)]
    assert problems == [
        (
            4,
            "its start date '13/15/2024' is not a date in the order MM/DD/YYYY of this file "
            "(line 2 has '10/15/2024'); correct it in Clockify and export again",
        ),
    ]


# -- Toggl -------------------------------------------------------------------------------


def test_toggl_iso_export_with_bom() -> None:
    rows, problems = sample("toggl", "en_iso.csv")
    # Duration: 01:07:12 = 67 min 12 s -> 67 min; 02:00:30 = 120 min 30 s -> 121 (half up).
    assert rows == [(2, D(2025, 3, 3), "linkedin", 67), (3, D(2025, 3, 4), "blog", 121)]
    assert problems == [
        (
            4,
            "it lasts 0 s, shorter than a minute; a time entry is at least one minute: "
            "lengthen it or delete it in Toggl",
        ),
        (
            4,
            "none of tag 'Development', tag 'Backend' is in import.map; add one of them to "
            'the config, like import: {map: {"Development": development}}',
        ),
    ]


def test_toggl_12_hour_export_with_durations_written_as_times() -> None:
    """A 12-hour profile writes durations as times of day: 12:20:00 AM is 20 minutes.
    Such a duration is taken only when the row's start and end times agree."""
    rows, problems = sample("toggl", "en_12h.csv")
    # 02:00:00 AM = 2 h = 120 min (10:30:34 AM to 12:30:34 PM); 12:20:00 AM = 0 h 20 =
    # 20 min (06:15:49 PM to 06:35:49 PM); 12:30:00 AM = 30 min (10:00 PM to 10:30 PM).
    assert rows == [
        (2, D(2022, 1, 6), "blog", 120),
        (3, D(2022, 1, 19), "blog", 20),
        (4, D(2022, 1, 19), "blog", 30),
    ]
    assert totals(rows) == {"blog": 120 + 20 + 30}
    # Line 5 says 12:20:00 AM (20 min) but runs 09:30:42 AM to 09:45:42 AM (15 min).
    assert problems == [
        (
            5,
            "its duration '12:20:00 AM' is written as a time of day and its start and end "
            "times do not confirm it; set the time format in Toggl to 24-hour and export "
            "again",
        ),
    ]


def test_toggl_day_first_dates_with_dashes() -> None:
    rows, problems = sample("toggl", "en_dmy_dashes.csv")
    # 17-04-2025 (line 3) is day first, so 03-04-2025 is 3 April. 00:45:00 = 45 min,
    # 01:00:00 = 60 min.
    assert rows == [(2, D(2025, 4, 3), "blog", 45), (3, D(2025, 4, 17), "blog", 60)]
    assert problems == [
        (
            4,
            "its start date '17-4-2025x' is not a date like 2025-03-31, 31/03/2025 or "
            "03/31/2025; export the report again with one of these date formats",
        ),
    ]


def test_toggl_file_whose_dates_read_both_ways_prints_nothing() -> None:
    export = str(DATA / "toggl" / "en_ambiguous.csv")
    result = CliRunner().invoke(main, ["import", "toggl", export])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "import: {date_order: DMY} if '03/04/2025' is 2025-04-03" in result.stderr
    # With the order in the config: 03/04/2025 is March 4, 04/05/2025 April 5.
    rows, problems = sample("toggl", "en_ambiguous.csv", date_order="MDY")
    assert (rows, problems) == (
        [(2, D(2025, 3, 4), "blog", 45), (3, D(2025, 4, 5), "blog", 60)],
        [],
    )


def test_the_date_order_comes_from_the_config_file() -> None:
    loaded, errors, _language = load_config(
        "import: {map: {Blog: blog}, date_order: dmy}", {"filename": "<string>"}
    )
    assert errors == [] and loaded is not None
    assert loaded.imports.date_order == "DMY"
    rows, problems = parse_toggl(
        (DATA / "toggl" / "en_ambiguous.csv").read_text(encoding="utf-8"), "t.csv", loaded
    )
    assert [(r.date, r.minutes) for r in rows] == [(D(2025, 4, 3), 45), (D(2025, 5, 4), 60)]
    assert problems == []


# -- headers ------------------------------------------------------------------------------

CLOCKIFY_HEADERS = {
    "en": [
        "Project",
        "Client",
        "Description",
        "Task",
        "User",
        "Group",
        "Email",
        "Tags",
        "Billable",
        "Start Date",
        "Start Time",
        "End Date",
        "End Time",
        "Duration (h)",
        "Duration (decimal)",
        "Billable Rate (USD)",
        "Billable Amount (USD)",
    ],
    "fr": [
        "Projet",
        "Client",
        "Description",
        "Tâche",
        "Utilisateur",
        "Groupe",
        "Email",
        "Étiquettes",
        "Facturable",
        "Date de début",
        "Heure de début",
        "Date de fin",
        "Heure de fin",
        "Durée (h)",
        "Durée (décimal)",
        "Taux facturable (CAD)",
        "Montant facturable (CAD)",
    ],
    "es": [
        "Proyecto",
        "Cliente",
        "Descripción",
        "Tarea",
        "Usuario",
        "Grupo",
        "Correo electrónico",
        "Etiquetas",
        "Facturable",
        "Fecha de inicio",
        "Hora de inicio",
        "Fecha de finalización",
        "Hora de finalización",
        "Duración (h)",
        "Duración (decimal)",
        "Tarifa facturable (USD)",
        "Importe facturable (USD)",
    ],
    "de": [
        "Projekt",
        "Kunde",
        "Beschreibung",
        "Aufgabe",
        "Benutzer",
        "Gruppe",
        "Email",
        "Tags",
        "Abrechenbar",
        "Startdatum",
        "Startzeit",
        "Enddatum",
        "Endzeit",
        "Dauer (h)",
        "Dauer (dezimal)",
        "Abrechenbarer Tarif (CHF)",
        "Rechnungsbetrag (CHF)",
    ],
    "pt": [
        "Projeto",
        "Cliente",
        "Descrição",
        "Tarefa",
        "Usuário",
        "Grupo",
        "E-mail",
        "Etiquetas",
        "Faturável",
        "Data de início",
        "Hora de início",
        "Data de término",
        "Hora de término",
        "Duração (h)",
        "Duração (decimal)",
        "Taxa faturável (BRL)",
        "Valor faturável (BRL)",
    ],
}
"""Clockify's detailed report header in each language read (tests/data/README.md: sources)."""
TOGGL_HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (USD)",
]


@pytest.mark.parametrize("language", sorted(CLOCKIFY_HEADERS))
def test_each_language_of_clockify_is_read_and_identified(language: str) -> None:
    header = CLOCKIFY_HEADERS[language]
    row = [
        "Blog",
        "Acme",
        "Draft",
        "Writing",
        "Zoé",
        "",
        "zoe@example.com",
        "seo",
        "No",
        "2025-03-03",
        "09:00:00",
        "2025-03-03",
        "10:07:00",
        "1:07:00",
        "1.12",
        "0",
        "0",
    ]
    text = ",".join(header) + "\n" + ",".join(row) + "\n"
    assert identify_csv(text, CLOCKIFY) and not identify_csv(text, TOGGL)
    rows, problems = parse_clockify(text, "c.csv", config())
    # 1:07:00 = 67 min; the task is not the description, the description is.
    assert problems == []
    assert [(r.date, r.channel, r.minutes, r.description) for r in rows] == [
        (D(2025, 3, 3), "blog", 67, "Draft")
    ]
    with pytest.raises(ExportError, match="this is a Clockify detailed report, not a Toggl"):
        parse_toggl(text, "c.csv", config())


def test_toggl_newer_names_of_its_columns() -> None:
    """Member for User, Stop date/Stop time for End date/End time; a quoted first column."""
    text = (
        '\ufeff"Description",Duration,Member,Project,Start date,Start time,Stop date,'
        'Stop time\n"Draft",1:30:00,Zoé,Blog,2026-05-22,10:30:00,2026-05-22,12:00:00\n'
    )
    assert identify_csv(text, TOGGL)
    rows, problems = parse_toggl(text, "t.csv", config())
    assert (problems, [(r.date, r.minutes) for r in rows]) == ([], [(D(2026, 5, 22), 90)])


def test_a_header_in_a_language_not_read_is_refused_with_the_columns_looked_for() -> None:
    italian = (
        "Progetto,Cliente,Descrizione,Attività,Utente,Gruppo,Email,Tag,Fatturabile,"
        "Data di inizio,Ora di inizio,Data di fine,Ora di fine,Durata (h),"
        "Durata (decimale)\nBlog,,Bozza,,Zoé,,,,No,2025-03-03,09:00,2025-03-03,10:00,"
        "1:00:00,1.00\n"
    )
    with pytest.raises(ExportError) as refused:
        parse_clockify(italian, "c.csv", config())
    assert str(refused.value) == (
        "this is not a Clockify detailed report: its first line lacks 'Project', 'Start "
        "date'; export Reports > Detailed as CSV, whose first line is like: Project,Client,"
        "Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End "
        "Time,Duration (h),Duration (decimal),.... The columns looked for: 'Project' (or "
        "'Projet', 'Proyecto', 'Projekt', 'Projeto'); 'Start date' (or 'Date de début', "
        "'Fecha de inicio', 'Fecha inicio', 'Startdatum', 'Data de início'); 'Duration (h)' "
        "(or 'Time (h)', 'Durée (h)', 'Duración (h)', 'Dauer (h)', 'Duração (h)'); if the "
        "export is in another language, set Clockify's language to English and export again"
    )


def test_a_totals_line_is_not_an_entry() -> None:
    text = (
        ",".join(TOGGL_HEADER) + "\n"
        "Zoé,,,Blog,,Draft,No,2025-03-03,09:00:00,2025-03-03,10:00:00,01:00:00,,\n"
        "Total,,,,,,,,,,,01:00:00,,\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config())
    assert ([r.line for r in rows], problems) == ([2], [])


# -- dates, times, durations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2025-03-31", None, D(2025, 3, 31)),  # ISO needs nothing
        ("2025/03/31", "DMY", D(2025, 3, 31)),  # a four-digit year first is year first
        ("2025.3.1", "MDY", D(2025, 3, 1)),
        ("31/03/2025", "DMY", D(2025, 3, 31)),
        ("03/31/2025", "MDY", D(2025, 3, 31)),
        ("31.03.25", "DMY", D(2025, 3, 31)),  # two-digit years are 20YY
        ("3-31-99", "MDY", D(2099, 3, 31)),
        ("25/03/31", "YMD", D(2025, 3, 31)),  # year first only when the config says so
        ("25/03/31", "DMY", D(2031, 3, 25)),
        ("03/31/2025", "DMY", None),  # month 31: not a date in that order
        ("31/02/2025", "DMY", None),
        ("03/04/2025", None, None),  # needs an order
        ("03/04-2025", "DMY", None),  # two separators
        ("2025-03-31 09:00", "DMY", None),
    ],
)
def test_dates_in_each_order(text: str, order: str | None, expected: D | None) -> None:
    assert read_date(text, order) == expected


def test_the_order_of_a_file_is_settled_by_any_row_start_or_end_date() -> None:
    # Only the end date of line 3 (13/05/2025) can tell: day first.
    order = decide_order(
        [(2, "03/04/2025"), (2, "03/04/2025"), (3, "12/05/2025"), (3, "13/05/2025")], None
    )
    assert order == ("DMY", 3, "13/05/2025")
    assert decide_order([(2, "2025-03-04"), (3, "")], None).order is None
    assert decide_order([(2, "03/04/2025")], "MDY") == ("MDY", None, "")
    # A date that is no date either way (13/13/2025) settles nothing and refuses nothing.
    assert decide_order([(2, "13/13/2025")], None).order is None
    with pytest.raises(
        ExportError,
        match=r"both day first \(line 2: '31/03/2025'\) and month "
        r"first \(line 4: '03/31/2025'\)",
    ):
        decide_order([(2, "31/03/2025"), (3, "01/02/2025"), (4, "03/31/2025")], None)


def test_a_row_against_the_configured_order_is_reported_at_its_line() -> None:
    text = (
        ",".join(TOGGL_HEADER) + "\n"
        "Zoé,,,Blog,,A,No,31/03/2025,09:00:00,31/03/2025,10:00:00,01:00:00,,\n"
        "Zoé,,,Blog,,B,No,03/31/2025,09:00:00,03/31/2025,10:00:00,01:00:00,,\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config("DMY"))
    assert [(r.line, r.date) for r in rows] == [(2, D(2025, 3, 31))]
    assert [(p.line, p.message) for p in problems] == [
        (
            3,
            "its start date '03/31/2025' is not a date in the order DD/MM/YYYY set by "
            "import.date_order; correct it in Toggl, or change import.date_order if the file "
            "uses another order",
        ),
        (
            3,
            "its end date '03/31/2025' is not a date in the order DD/MM/YYYY set by "
            "import.date_order; correct it in Toggl, or change import.date_order if the file "
            "uses another order",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:05 p. m.", datetime.time(21, 5)),
        ("12:00 a.m.", datetime.time(0, 0)),
        ("21:05", datetime.time(21, 5)),
        ("9h05", None),
    ],
)
def test_times_of_day_in_other_languages(text: str, expected: datetime.time | None) -> None:
    assert parse_time(text) == expected


# -- properties ----------------------------------------------------------------------------

MAPPED = "Blog"


@dataclass(frozen=True)
class Written:
    """One row as written in a generated export: what it should give."""

    line: int
    date: datetime.date | None  # None: the row is broken and must be a problem
    minutes: int


@dataclass(frozen=True)
class Export:
    text: str
    tool: str
    order: str  # "ISO", "DMY" or "MDY": how its dates are written
    configured: str | None
    rows: tuple[Written, ...]
    evidence: bool  # a valid date with a day above 12, written in the file's order
    ambiguous: bool  # a valid date with a day of 12 or less


def write_date(
    day: datetime.date, order: str, separator: str, short_year: bool, padded: bool
) -> str:
    if order == "ISO":
        return f"{day.year:04d}{separator}{day.month:02d}{separator}{day.day:02d}"
    year = f"{day.year % 100:02d}" if short_year else f"{day.year:04d}"
    width = "02d" if padded else "d"
    first, second = (day.day, day.month) if order == "DMY" else (day.month, day.day)
    return f"{first:{width}}{separator}{second:{width}}{separator}{year}"


def write_time(moment: datetime.datetime, twelve_hour: bool) -> str:
    if not twelve_hour:
        return moment.strftime("%H:%M:%S")
    hour = moment.hour % 12 or 12
    return f"{hour:02d}:{moment.minute:02d}:{moment.second:02d} " + (
        "PM" if moment.hour >= 12 else "AM"
    )


@st.composite
def exports(draw: st.DrawFn) -> Export:
    tool = draw(st.sampled_from(["toggl", "clockify"]))
    language = "en" if tool == "toggl" else draw(st.sampled_from(sorted(CLOCKIFY_HEADERS)))
    header = TOGGL_HEADER if tool == "toggl" else CLOCKIFY_HEADERS[language]
    semicolons = draw(st.booleans())
    order = draw(st.sampled_from(["ISO", "DMY", "MDY"]))
    separator = draw(st.sampled_from(["-", "/", "."]))
    short_year = draw(st.booleans()) and order != "ISO"
    padded = draw(st.booleans())
    twelve_hour = draw(st.booleans())
    configured = draw(st.sampled_from([None, order if order != "ISO" else "YMD"]))
    decimal_only = tool == "clockify" and draw(st.booleans())
    columns = list(header)
    if decimal_only:  # a Clockify export without its "(h)" duration column
        columns.pop(13)
    out = io.StringIO()
    out.write("\ufeff" if draw(st.booleans()) else "")
    writer = csv.writer(out, delimiter=";" if semicolons else ",", lineterminator="\n")
    writer.writerow(columns)
    kinds = ["valid", "bad date", "no date", "bad duration", "unmapped", "too short"]
    if configured in ("DMY", "MDY"):
        kinds.append("other order")
    written: list[Written] = []
    evidence = ambiguous = False
    for _index in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 5)) == 0:
            out.write("\n")  # a blank line: not a row, but it counts in the line numbers
        line = out.getvalue().count("\n") + 1
        kind = draw(st.sampled_from(kinds))
        day = draw(st.dates(D(2020, 1, 1), D(2030, 12, 31)))
        start = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            seconds=draw(st.integers(0, 86399))
        )
        seconds = (
            draw(st.integers(60, 8 * 3600)) if kind != "too short" else draw(st.integers(0, 29))
        )
        end = start + datetime.timedelta(seconds=seconds)
        start_date = write_date(start.date(), order, separator, short_year, padded)
        end_date = write_date(end.date(), order, separator, short_year, padded)
        if kind == "bad date":  # a date in neither order: month 31 either way
            start_date = end_date = f"31{separator}31{separator}{day.year}"
        elif kind == "no date":
            start_date = draw(st.sampled_from(["", "not a date", "2025-02-30"]))
            end_date = ""
        elif kind == "other order":  # day above 12, written the other way round
            start = start.replace(day=max(start.day, 13))
            end = start + datetime.timedelta(seconds=seconds)
            other = "MDY" if order == "DMY" else "DMY"
            start_date = write_date(start.date(), other, separator, short_year, padded)
            end_date = write_date(end.date(), order, separator, short_year, padded)
        clock = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        hours = (Decimal(seconds) / 3600).quantize(Decimal("0.01"), ROUND_HALF_UP)
        decimal = str(hours).replace(".", "," if semicolons else ".")
        if kind == "bad duration":
            clock = decimal = draw(st.sampled_from(["abc", "1:75:00", "1.2.3", "-1:00:00"]))
        elif kind == "too short":  # under 30 s: 0.00 hours
            decimal = "0,00" if semicolons else "0.00"
        project = "Elsewhere" if kind == "unmapped" else MAPPED
        description = draw(st.text(alphabet='ab ,;"\né', max_size=12))
        values = {
            "project": project,
            "description": description,
            "user": "Zoé",
            "start date": start_date,
            "start time": write_time(start, twelve_hour),
            "end date": end_date,
            "end time": write_time(end, twelve_hour),
        }
        if tool == "toggl":
            cells = [
                "Zoé",
                "zoe@example.com",
                "",
                project,
                "",
                description,
                "No",
                values["start date"],
                values["start time"],
                values["end date"],
                values["end time"],
                clock,
                "",
                "0.00",
            ]
        else:
            cells = [
                project,
                "",
                description,
                "",
                "Zoé",
                "",
                "zoe@example.com",
                "",
                "No",
                values["start date"],
                values["start time"],
                values["end date"],
                values["end time"],
                clock,
                decimal,
                "0",
                "0",
            ]
            if decimal_only:
                cells.pop(13)
        writer.writerow(cells)
        if kind in ("valid", "unmapped", "bad duration", "too short"):
            # Dates written in the file's order: they settle it, or leave it open.
            for date in {start.date(), end.date()}:
                if order != "ISO" and date.day > 12:
                    evidence = True
                elif order != "ISO":
                    ambiguous = True
        if kind == "valid":
            exact = Fraction(Decimal(str(hours))) * 60 if decimal_only else Fraction(seconds, 60)
            written.append(Written(line, start.date(), int(exact + Fraction(1, 2))))
        else:
            written.append(Written(line, None, 0))
    return Export(out.getvalue(), tool, order, configured, tuple(written), evidence, ambiguous)


@given(exports())
def test_every_row_is_imported_with_its_date_or_reported_at_its_line(export: Export) -> None:
    note(export.text)
    parse = parse_toggl if export.tool == "toggl" else parse_clockify
    imports = Config(imports=ImportConfig(channels={MAPPED: "blog"}, date_order=export.configured))
    refused = export.configured is None and export.ambiguous and not export.evidence
    if refused:
        with pytest.raises(ExportError, match=r"import: \{date_order: DMY\}"):
            parse(export.text, "x.csv", imports)
        return
    rows, problems = parse(export.text, "x.csv", imports)
    check(export, rows, problems)


def check(export: Export, rows: list[ImportedRow], problems: list[Problem]) -> None:
    by_line = {row.line: row for row in rows}
    assert len(by_line) == len(rows)
    reported = {problem.line for problem in problems}
    for written in export.rows:
        if written.date is None:
            assert written.line in reported and written.line not in by_line, written
        else:
            assert written.line not in reported, written
            row = by_line.pop(written.line)
            assert (row.date, row.minutes, row.channel) == (written.date, written.minutes, "blog")
    assert by_line == {}
    assert reported <= {written.line for written in export.rows}


@given(
    st.dates(D(2020, 1, 1), D(2030, 12, 31)),
    st.dates(D(2020, 1, 1), D(2030, 12, 31)),
    st.sampled_from(["/", "-", "."]),
)
def test_a_file_is_never_read_in_two_orders(first: D, second: D, separator: str) -> None:
    """Line 2 written day first, line 3 month first: the file is refused, or all its
    rows are read in the one order that a day above 12 gave, the other row reported or
    read in that same order; never each row in its own order."""
    texts = {
        2: write_date(first, "DMY", separator, False, True),
        3: write_date(second, "MDY", separator, False, True),
    }
    text = (
        ",".join(TOGGL_HEADER)
        + "\n"
        + "".join(f"Zoé,,,Blog,,A,No,{date},09:00:00,,,01:00:00,,\n" for date in texts.values())
    )
    # Each line's date in each order, worked out from the date written.
    as_read = {
        "DMY": {2: first, 3: swapped(second)},
        "MDY": {2: swapped(first), 3: second},
    }
    try:
        rows, problems = parse_toggl(text, "t.csv", config())
    except ExportError as refused:
        # Both orders shown (both days above 12), or neither (both 12 or less).
        assert (first.day > 12) == (second.day > 12)
        assert "date_order" in str(refused)
        return
    order = "DMY" if first.day > 12 else "MDY"
    assert (second.day > 12) == (order == "MDY")
    read = {row.line: row.date for row in rows}
    assert read == {line: day for line, day in as_read[order].items() if day is not None}
    assert {problem.line for problem in problems} == {
        line for line, day in as_read[order].items() if day is None
    }


def swapped(day: D) -> D | None:
    """The date whose day is ``day``'s month and month its day, if there is one."""
    try:
        return D(day.year, day.day, day.month)
    except ValueError:
        return None


def test_the_order_shown_by_more_rows_wins_and_a_row_against_it_is_reported() -> None:
    """Three rows day first, one hand-edited row month first: the file is day first
    (three rows against one) and the fourth row is a problem at its line, never read
    in its own order."""
    text = (
        ",".join(TOGGL_HEADER) + "\n"
        "Zoé,,,Blog,,A,No,31/03/2025,09:00:00,,,01:00:00,,\n"
        "Zoé,,,Blog,,B,No,14/04/2025,09:00:00,,,01:00:00,,\n"
        "Zoé,,,Blog,,C,No,05/04/2025,09:00:00,,,00:30:00,,\n"
        "Zoé,,,Blog,,D,No,04/30/2025,09:00:00,,,01:00:00,,\n"
        "Zoé,,,Blog,,E,No,28/04/2025,09:00:00,,,01:00:00,,\n"
    )
    rows, problems = parse_toggl(text, "t.csv", config())
    # Day first: 31 March, 14 April, 5 April (not 4 May), 28 April.
    assert [(row.line, row.date, row.minutes) for row in rows] == [
        (2, D(2025, 3, 31), 60),
        (3, D(2025, 4, 14), 60),
        (4, D(2025, 4, 5), 30),
        (6, D(2025, 4, 28), 60),
    ]
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            5,
            "its start date '04/30/2025' is not a date in the order DD/MM/YYYY of this file "
            "(line 2 has '31/03/2025'); correct it in Toggl and export again",
        )
    ]
