"""The importers as beangulp importers, for an import script.

::

    # import.py
    import beangulp
    from beancount_timeroi.importers.beangulp_importers import TogglImporter, TimedotImporter

    importers = [TogglImporter("timeroi.yaml"), TimedotImporter("timeroi.yaml")]

    if __name__ == "__main__":
        beangulp.Ingest(importers)()

``python import.py extract ~/Downloads -e books.beancount`` then prints the
``time`` directives; an entry whose ``source:`` the ledger already holds is
marked as a duplicate (beangulp prints it commented out). Rows that cannot be
imported are logged as warnings (``FILE:LINE: message``) and kept in the
importer's ``problems``. Each importer is built with a ``Config`` or the path
of a timeroi YAML file::

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "toggl:4f6c79876ac0"
"""

from __future__ import annotations

import logging
import os
from typing import ClassVar

import beangulp
from beancount.core import data
from beangulp import exceptions as beangulp_exceptions
from beangulp import extract as beangulp_extract

from beancount_timeroi.config import Config
from beancount_timeroi.importers import (
    ExportError,
    Problem,
    read_config,
    read_export,
    to_entries,
)
from beancount_timeroi.importers.common import SOURCE_KEY, sources_in
from beancount_timeroi.importers.csvexports import identify_csv
from beancount_timeroi.importers.csvheaders import CLOCKIFY, TOGGL
from beancount_timeroi.importers.hledger import parse_date

LOG = logging.getLogger("beancount_timeroi.importers")
IDENTIFY_BYTES = 64_000


class TimeImporter(beangulp.Importer):  # type: ignore[misc]  # beangulp has no type hints
    """A time tracker's export as ``time`` directives (one subclass per tracker)."""

    source: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: Config | str | os.PathLike[str]) -> None:
        if isinstance(config, Config):
            self.config = config
        else:
            try:
                self.config = read_config(os.fspath(config))
            except ExportError as exc:
                raise ValueError(str(exc)) from None
        self.problems: list[Problem] = []

    @property
    def name(self) -> str:
        return f"timeroi.{self.source}"

    def identify(self, filepath: str) -> bool:
        if not filepath.casefold().endswith(self.extensions):
            return False
        try:
            with open(filepath, "rb") as file:
                head = file.read(IDENTIFY_BYTES).decode("utf-8-sig", errors="replace")
        except OSError:
            return False
        return self.looks_like(head)

    def looks_like(self, head: str) -> bool:
        """Whether the start of a file is this tracker's export."""
        return True

    def account(self, filepath: str) -> data.Account:
        """Where beangulp files the export: under the config's time account."""
        return self.config.time_account

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        try:
            rows, problems = read_export(self.source, filepath, self.config)
        except ExportError as exc:
            raise beangulp_exceptions.Error(str(exc), filepath) from None
        self.problems = problems
        for problem in problems:
            LOG.warning("%s", problem)
        entries: data.Entries = list(to_entries(rows, filepath))
        return entries

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Mark the entries whose ``source:`` is already in ``existing``, the way
        beangulp marks duplicates (``__duplicate__`` set to the existing entry)."""
        known = sources_in(existing)
        for entry in entries:
            source = entry.meta.get(SOURCE_KEY) if entry.meta else None
            if isinstance(source, str) and source in known:
                entry.meta[beangulp_extract.DUPLICATE] = known[source]

    def sort(self, entries: data.Entries, reverse: bool = False) -> None:
        entries.sort(key=lambda e: (e.date, str(e.meta.get(SOURCE_KEY, ""))), reverse=reverse)


class TogglImporter(TimeImporter):
    """Toggl Track's detailed report CSV."""

    source = "toggl"
    extensions = (".csv",)

    def looks_like(self, head: str) -> bool:
        return identify_csv(head.split("\n", 1)[0], TOGGL)


class ClockifyImporter(TimeImporter):
    """Clockify's detailed report CSV."""

    source = "clockify"
    extensions = (".csv",)

    def looks_like(self, head: str) -> bool:
        return identify_csv(head.split("\n", 1)[0], CLOCKIFY)


class TimewarriorImporter(TimeImporter):
    """``timew export`` JSON."""

    source = "timewarrior"
    extensions = (".json",)

    def looks_like(self, head: str) -> bool:
        stripped = head.lstrip()
        return stripped.startswith("[") and (
            '"start"' in stripped or stripped[1:].strip().startswith("]")
        )


class TimedotImporter(TimeImporter):
    """hledger timedot files (``.timedot``)."""

    source = "timedot"
    extensions = (".timedot",)


class TimeclockImporter(TimeImporter):
    """hledger timeclock files (``.timeclock`` whose first line is ``i DATE TIME ...``)."""

    source = "timeclock"
    extensions = (".timeclock",)

    def looks_like(self, head: str) -> bool:
        for line in head.splitlines():
            line = line.strip()
            if line and not line.startswith(("#", ";", "*")):
                # A session's start: hledger writes 'i', Ledger also 'I'.
                return line[:2] in ("i ", "I ") and parse_date(line[2:].strip()) is not None
        return False


IMPORTERS: dict[str, type[TimeImporter]] = {
    importer.source: importer
    for importer in (
        TogglImporter,
        ClockifyImporter,
        TimewarriorImporter,
        TimedotImporter,
        TimeclockImporter,
    )
}
"""Each source's beangulp importer class."""

__all__ = [
    "IMPORTERS",
    "ClockifyImporter",
    "TimeImporter",
    "TimeclockImporter",
    "TimedotImporter",
    "TimewarriorImporter",
    "TogglImporter",
]
