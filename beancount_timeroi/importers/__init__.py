"""Importers: time trackers' exports in, ``time`` directives out (SPEC section 8).

Five sources: ``toggl`` and ``clockify`` (detailed report CSV),
``timewarrior`` (``timew export`` JSON), ``timedot`` and ``timeclock``
(hledger). The config's ``import:`` section maps the export's project, client,
tag or account names to channels and its user names to people::

    import:
      map: {"Social - LinkedIn": linkedin, "Réseaux sociaux – LinkedIn": linkedin}
      people: {"Alex B": alex}

Each imported entry carries ``source: "<tool>:<id>"``; with a ledger, the
entries whose ``source:`` it already holds are left out, so importing the same
export twice adds nothing::

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "toggl:4f6c79876ac0"

``import_file`` is what ``bean-timeroi import`` runs; ``beangulp_importers``
holds the same importers for beangulp's import scripts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from beancount.core import data

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _, translate
from beancount_timeroi.importers.common import (
    ExportError,
    ImportedRow,
    Problem,
    render,
    sources_in,
    to_entries,
)
from beancount_timeroi.importers.csvexports import parse_clockify, parse_toggl
from beancount_timeroi.importers.timeclock import parse_timeclock
from beancount_timeroi.importers.timedot import parse_timedot
from beancount_timeroi.importers.timewarrior import parse_timewarrior
from beancount_timeroi.ledger import Ledger, LedgerError, ledger_config, load_config

Parser = Callable[[str, str, Config], tuple[list[ImportedRow], list[Problem]]]

SOURCES: Mapping[str, Parser] = {
    "toggl": parse_toggl,
    "clockify": parse_clockify,
    "timewarrior": parse_timewarrior,
    "timedot": parse_timedot,
    "timeclock": parse_timeclock,
}
"""Each source's parser: (text, file name, config) -> (rows, problems)."""

MAX_EXPORT_BYTES = 200_000_000

__all__ = [
    "SOURCES",
    "ExportError",
    "ImportResult",
    "ImportedRow",
    "Problem",
    "import_file",
    "read_export",
    "render",
    "to_entries",
]


def read_text(path: str) -> str:
    """The text of an export file; ``ExportError`` when it cannot be read."""
    if os.path.isdir(path):
        raise ExportError(_("{path} is a folder, not an export file").format(path=path))
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_EXPORT_BYTES + 1)
    except FileNotFoundError:
        raise ExportError(_("{path}: no such file").format(path=path)) from None
    except OSError as exc:
        raise ExportError(
            _("{path} cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise ExportError(_("{path} is over 200 MB: export a shorter period").format(path=path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExportError(
            _(
                "{path}: line {line} is not UTF-8 text; export the file again, or save it as UTF-8"
            ).format(path=path, line=line)
        ) from None


def read_export(source: str, path: str, config: Config) -> tuple[list[ImportedRow], list[Problem]]:
    """The rows and problems of the export at ``path`` from ``source``.

    ``ExportError`` when the file cannot be read as that source's export.
    """
    text = read_text(path)
    try:
        return SOURCES[source](text, path, config)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class ImportResult:
    """What an import gives: the new directives, their text, the rows not imported,
    and how many entries were left out because the ledger already has them."""

    entries: list[data.Custom]
    text: str
    problems: list[Problem]
    already: int


def import_file(
    source: str, path: str, config_path: str | None = None, ledger_path: str | None = None
) -> ImportResult:
    """Read ``path`` as a ``source`` export, for ``bean-timeroi import``.

    The config is ``config_path``, else the plugin config of the ledger at
    ``ledger_path``, else the defaults. Entries whose ``source:`` is already in
    that ledger are left out. ``ExportError`` for a file, config or ledger that
    cannot be read.
    """
    if source not in SOURCES:
        raise ExportError(
            _("unknown source '{source}': use one of {sources}").format(
                source=source, sources=", ".join(SOURCES)
            )
        )
    existing: list[data.Directive] = []
    config: Config | None = None
    if ledger_path is not None:
        try:
            ledger = Ledger.load(ledger_path)
        except LedgerError as exc:
            raise ExportError(translate(exc.message)) from None
        existing = ledger.entries
        if config_path is None:
            config, errors, _language = ledger_config(ledger)
            if config is None:
                raise ExportError(
                    _("the plugin config of {ledger} has errors: {errors}").format(
                        ledger=ledger_path, errors="; ".join(translate(e.message) for e in errors)
                    )
                )
    if config_path is not None:
        config = read_config(config_path)
    config = config or Config()
    rows, problems = read_export(source, path, config)
    known = sources_in(existing)
    fresh = [row for row in rows if row.source not in known]
    entries = to_entries(fresh, path)
    return ImportResult(entries, render(entries), problems, len(rows) - len(fresh))


def read_config(path: str) -> Config:
    """The config in the YAML file at ``path``; ``ExportError`` listing its problems."""
    if not os.path.isfile(path):
        raise ExportError(_("config file {path}: no such file").format(path=path))
    absolute = os.path.abspath(path)
    config, errors, _language = load_config(absolute, {"filename": absolute})
    if config is None:
        raise ExportError("; ".join(translate(error.message) for error in errors))
    return config
