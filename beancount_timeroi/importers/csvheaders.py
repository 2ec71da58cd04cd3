"""The headers of Toggl's and Clockify's detailed reports: their columns in each language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import ExportError
from beancount_timeroi.names import name_key

# English first (as in the header shown in messages), then French, Spanish, German and
# Portuguese. Where each name comes from (tests/data/README.md has the same list):
# - English: Toggl's and Clockify's own exports (solidtime-io/solidtime's test files, and
#   the exports in this project's tests/fixtures/import/).
# - Spanish: a real Clockify export, "Informe Detallado de Horas 4.csv" in
#   miguellosoyo/SKU ("Proyecto","Cliente","Descripción","Tarea","Usuario","Grupo",
#   "Correo electrónico","Etiquetas","Facturable",...,"Fecha de inicio","Hora de inicio",
#   "Fecha de finalización","Hora de finalización","Duración (h)","Duración (decimal)");
#   "Fecha inicio", "Hora inicio", "Fecha fin", "Hora fin", "Correo" from another
#   project's copy of a Spanish Clockify header.
# - German: the Clockify header copied into potoku/clockify-to-clockodo (index.js:
#   'Projekt','Kunde','Beschreibung','Aufgabe','Kiosk','Benutzer','Gruppe','Email','Tags',
#   'Abrechenbar','Startdatum','Startzeit','Enddatum','Endzeit','Dauer (h)',
#   'Dauer (dezimal)',...), the same names in pandas scripts that read German exports.
# - French: the Clockify columns of a Dolibarr "TimeFlow" import module ('Projet',
#   'Client','Groupe','Description','Email','Utilisateur','Facturable','Date de début',
#   'Heure de début','Date de fin','Heure de fin','Durée (décimal)'); "Tâche",
#   "Étiquettes" and "Durée (h)" follow Clockify's French interface words.
# - Portuguese: the Brazilian Clockify header quoted by importers ('Projeto','Cliente',
#   'Descrição','Tarefa','Usuário','Grupo','E-mail','Etiquetas','Faturável',
#   'Data de início','Hora de início','Data de término' or 'Data final','Hora de término',
#   'Duração (h)','Duração (decimal)'), and "Do utilizador" from a European export.
# Toggl Track's exports found publicly all have English headers; the other languages'
# names are read for Toggl too, so that a translated export is read the same way.

COLUMNS: dict[str, tuple[str, ...]] = {  # each column read by both trackers
    "project": ("Project", "Projet", "Proyecto", "Projekt", "Projeto"),
    "client": ("Client", "Cliente", "Kunde"),
    "description": ("Description", "Descripción", "Beschreibung", "Descrição"),
    "task": ("Task", "Tâche", "Tarea", "Aufgabe", "Tarefa"),
    "user": ("User", "Utilisateur", "Usuario", "Benutzer", "Usuário", "Do utilizador"),
    "email": ("Email", "E-mail", "Courriel", "Correo electrónico", "Correo", "E-Mail"),
    "tags": ("Tags", "Étiquettes", "Etiquetas", "Schlagwörter", "Etiqueta"),
    "start date": (
        "Start date",
        "Date de début",
        "Fecha de inicio",
        "Fecha inicio",
        "Startdatum",
        "Data de início",
    ),
    "start time": (
        "Start time",
        "Heure de début",
        "Hora de inicio",
        "Hora inicio",
        "Startzeit",
        "Hora de início",
    ),
    "end date": (
        "End date",
        "Date de fin",
        "Fecha de finalización",
        "Fecha fin",
        "Enddatum",
        "Data de término",
        "Data final",
    ),
    "end time": (
        "End time",
        "Heure de fin",
        "Hora de finalización",
        "Hora fin",
        "Endzeit",
        "Hora de término",
    ),
}

_TOGGL_ONLY: dict[str, tuple[str, ...]] = {
    "user": ("Member",),
    "end date": ("Stop date",),
    "end time": ("Stop time",),
    "duration": ("Duration", "Durée", "Duración", "Dauer", "Duração"),
}
_CLOCKIFY_ONLY: dict[str, tuple[str, ...]] = {
    "duration (h)": (
        "Duration (h)",
        "Time (h)",
        "Durée (h)",
        "Duración (h)",
        "Dauer (h)",
        "Duração (h)",
    ),
    "duration (decimal)": (
        "Duration (decimal)",
        "Time (decimal)",
        "Durée (décimal)",
        "Duración (decimal)",
        "Dauer (dezimal)",
        "Duração (decimal)",
    ),
}


def _merged(*tables: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for table in tables:
        for key, names in table.items():
            merged[key] = merged.get(key, ()) + names
    return merged


@dataclass(frozen=True)
class CsvFormat:
    """Which columns of a tracker's CSV hold what, under their names in each language."""

    tool: str
    title: str
    names: dict[str, tuple[str, ...]]
    """Each column's key (``"start date"``) and its names, English first."""
    clock_durations: tuple[str, ...]
    decimal_durations: tuple[str, ...]
    header: str
    subtract: bool
    """Whether a file without duration columns is read with end - start."""
    start_date: str = "start date"
    start_time: str = "start time"
    end_date: str = "end date"
    end_time: str = "end time"

    def columns(self, header: Sequence[str]) -> dict[str, int]:
        """The index of each known column in ``header`` (names compared with ``name_key``)."""
        keys = {name_key(name): key for key, names in self.names.items() for name in names}
        found: dict[str, int] = {}
        for index, name in enumerate(header):
            key = keys.get(name_key(name))
            if key is not None and key not in found:
                found[key] = index
        return found

    def durations(self, columns: dict[str, int]) -> list[str]:
        """The keys of the duration columns among ``columns``, the clock ones first."""
        return [key for key in self.clock_durations + self.decimal_durations if key in columns]

    def looked_for(self, key: str) -> str:
        """``'Start date'`` (also ``'Date de début'``, ...) for a message."""
        english, *others = self.names[key]
        if not others:
            return f"'{english}'"
        return _("'{english}' (or {others})").format(
            english=english, others=", ".join(f"'{name}'" for name in others)
        )


TOGGL = CsvFormat(
    tool="toggl",
    title="Toggl",
    names=_merged(COLUMNS, _TOGGL_ONLY),
    clock_durations=("duration",),
    decimal_durations=(),
    subtract=False,
    header="User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (USD)",
)
CLOCKIFY = CsvFormat(
    tool="clockify",
    title="Clockify",
    names=_merged(COLUMNS, _CLOCKIFY_ONLY),
    clock_durations=("duration (h)",),
    decimal_durations=("duration (decimal)",),
    subtract=True,
    header="Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,"
    "Start Time,End Date,End Time,Duration (h),Duration (decimal),...",
)


def identifies(header: Sequence[str], fmt: CsvFormat) -> bool:
    """Whether ``header`` is the first line of ``fmt``'s detailed report."""
    columns = fmt.columns(header)
    has_duration = any(key in columns for key in fmt.clock_durations + fmt.decimal_durations)
    return fmt.start_date in columns and "project" in columns and has_duration


def check_header(header: Sequence[str], columns: dict[str, int], fmt: CsvFormat) -> None:
    """``ExportError`` unless ``header`` is the first line of ``fmt``'s detailed report."""
    durations = fmt.durations(columns)
    can_subtract = fmt.subtract and all(
        key in columns for key in (fmt.start_time, fmt.end_date, fmt.end_time)
    )
    other = CLOCKIFY if fmt is TOGGL else TOGGL
    if not durations and identifies(header, other):
        raise ExportError(
            _(
                "this is a {other} detailed report, not a {tool} one: import it with the source "
                "{source}"
            ).format(other=other.title, tool=fmt.title, source=other.tool)
        )
    missing = [key for key in ("project", fmt.start_date) if key not in columns]
    looked_for = missing + ([] if durations or can_subtract else [fmt.clock_durations[0]])
    if looked_for:
        raise ExportError(
            _(
                "this is not a {tool} detailed report: its first line lacks {missing}; "
                "export Reports > Detailed as CSV, whose first line is like: {header}. The "
                "columns looked for: {looked_for}; if the export is in another language, set "
                "{tool}'s language to English and export again"
            ).format(
                tool=fmt.title,
                header=fmt.header,
                missing=", ".join(f"'{fmt.names[key][0]}'" for key in missing or looked_for),
                looked_for="; ".join(fmt.looked_for(key) for key in looked_for),
            )
        )
