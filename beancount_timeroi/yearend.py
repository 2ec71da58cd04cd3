"""The accountant's year-end pack (SPEC 10): one folder to file.

``bean-timeroi yearend books.beancount --year 2025 --output roi-2025/`` writes::

    roi-2025/
      roi-2025.html    the printable report (one schedule per printed page or more)
      roi-2025.xlsx    the workbook: Summary (with the prior year beside each
                       figure), Months, Time log, Rates, Attribution,
                       Unattributed, Cash costs, Checks, Content
      roi-2025.json    the report for programs (schema timeroi-report/1)
      csv/             the tables as CSV, one file per table
      MANIFEST.txt     the SHA-256 of every ledger source and of every file above

Every file presents the same ``Report``, compared with the prior year (the
accountant's comparatives); nothing is computed here. The pack
is written in a temporary folder beside the target and moved into place
only when every file is complete, so a failure never leaves half a pack.
An existing folder that is not empty is left alone unless ``force``; with
it, the files of the new pack replace those of the same name (and those the
folder's previous ``MANIFEST.txt`` listed), and nothing else is touched.
The same books give the same bytes, so the pack can be made again and
compared with its manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
import secrets
import shutil
from collections.abc import Callable, Iterator
from importlib import metadata

from beancount_timeroi.i18n import _
from beancount_timeroi.render import csv_report, html_report, json_report, xlsx_report
from beancount_timeroi.report import Report

MANIFEST = "MANIFEST.txt"
CSV_FOLDER = "csv"


class PackError(Exception):
    """The pack cannot go where it was asked to (a file is there, or a folder not empty)."""


def version() -> str:
    try:
        return metadata.version("beancount-timeroi")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def stem(report: Report) -> str:
    """``roi-2025`` for a calendar year, ``roi-2025-04-01-to-2026-03-31`` otherwise."""
    period = report.period
    if period is None:
        return "roi"
    if period.year is not None:
        return f"roi-{period.year}"
    return f"roi-{period.start.isoformat()}-to-{period.end.isoformat()}"


# -- the files --------------------------------------------------------------


def write_html(report: Report, folder: str) -> list[str]:
    name = stem(report) + ".html"
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as file:
        file.write(html_report.render(report))
    return [name]


def write_workbook(report: Report, folder: str) -> list[str]:
    name = stem(report) + ".xlsx"
    with open(os.path.join(folder, name), "wb") as file:
        xlsx_report.write(report, file)
    return [name]


def write_json(report: Report, folder: str) -> list[str]:
    name = stem(report) + ".json"
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as file:
        json_report.write(report, file)
    return [name]


def write_csv(report: Report, folder: str) -> list[str]:
    written = csv_report.write_folder(report, os.path.join(folder, CSV_FOLDER))
    return [f"{CSV_FOLDER}/{os.path.basename(path)}" for path in written]


WRITERS: list[Callable[[Report, str], list[str]]] = [
    write_html,
    write_workbook,
    write_json,
    write_csv,
]
"""Each writes its files into the (temporary) pack folder and names them, relative to it."""


# -- the manifest -----------------------------------------------------------


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_line(digest: str, name: str) -> str:
    """One line as ``sha256sum`` writes it (a name with a backslash or a newline is
    escaped, and the line then starts with a backslash, as ``sha256sum -c`` expects)."""
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}"
    return f"{digest}  {name}"


SOURCE_PREFIX = "# source: "


def manifest(report: Report, folder: str, names: list[str]) -> str:
    """The text of ``MANIFEST.txt`` for the files ``names`` written in ``folder``."""
    period = report.period
    failed = [check.name for check in report.failed_checks]
    top = report.sources[0].file if report.sources else "?"
    checks = (
        _("failed checks: {names}").format(names=", ".join(failed))
        if failed
        else _("every check passes")
        if report.checks
        else _("no check could run")
    )
    lines = [
        "# " + _("Year-end pack of beancount-timeroi {version}").format(version=version()),
        "# "
        + (
            _("Books: {file} ({title})").format(file=top, title=report.title)
            if report.title
            else _("Books: {file}").format(file=top)
        ),
        "# "
        + _("Period: {start} to {end}").format(
            start=period.start.isoformat() if period else "?",
            end=period.end.isoformat() if period else "?",
        ),
        "# "
        + _("Currency: {currency} · attribution: {model}").format(
            currency=report.currency or "?", model=report.model
        ),
        "# "
        + _("Ledger errors: {count} · {checks}").format(count=len(report.errors), checks=checks),
        "#",
        "# " + _("The ledger sources, with their paths relative to the ledger folder."),
        "# " + _("To check them, from the ledger folder:"),
        f"#   sed -n 's/^{SOURCE_PREFIX}//p' PACK/{MANIFEST} | sha256sum -c",
    ]
    lines += [
        SOURCE_PREFIX + checksum_line(source.sha256, source.file) for source in report.sources
    ]
    lines += [
        "#",
        "# " + _("The files of this pack. To check them, from this folder:"),
        f"#   sha256sum -c {MANIFEST}",
    ]
    lines += [
        checksum_line(sha256_of(os.path.join(folder, *name.split("/"))), name)
        for name in sorted(names)
    ]
    return "\n".join(lines) + "\n"


def listed_files(manifest_text: str) -> Iterator[str]:
    """The pack files a ``MANIFEST.txt`` lists: safe relative paths only."""
    for line in manifest_text.splitlines():
        if line.startswith(("#", "\\")) or "  " not in line:
            continue
        name = line.split("  ", 1)[1]
        normal = posixpath.normpath(name)
        if (
            normal == name
            and not posixpath.isabs(name)
            and not name.startswith("..")
            and name != MANIFEST
        ):
            yield name


# -- writing the pack -------------------------------------------------------


def check_target(folder: str, force: bool) -> None:
    """``PackError`` when the pack may not be written to ``folder``."""
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise PackError(_("{path} is a file, not a folder").format(path=folder))
    if os.path.isdir(folder) and os.listdir(folder) and not force:
        raise PackError(
            _(
                "{path} is not empty: give an empty or new folder, or --force to replace "
                "the pack in it"
            ).format(path=folder)
        )


def write_pack(report: Report, folder: str, force: bool = False) -> list[str]:
    """Write the pack of ``report`` into ``folder``; the files written, relative to it."""
    check_target(folder, force)
    # A link to a folder: the pack goes into the folder, the link stays.
    target = os.path.realpath(folder) if os.path.isdir(folder) else os.path.abspath(folder)
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    staging = _new_folder(parent, os.path.basename(target), "partial")
    try:
        names: list[str] = []
        for writer in WRITERS:
            names += writer(report, staging)
        with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8", newline="\n") as file:
            file.write(manifest(report, staging, names))
        names.append(MANIFEST)
        _move_into_place(staging, target, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return names


def _move_into_place(staging: str, target: str, names: list[str]) -> None:
    if not os.path.isdir(target):
        os.rename(staging, target)
        return
    if not os.listdir(target):
        try:
            os.replace(staging, target)  # POSIX: an empty folder is replaced at once
            return
        except OSError:
            os.rmdir(target)
            os.rename(staging, target)
            return
    _replace_files(staging, target, names)


def _replace_files(staging: str, target: str, names: list[str]) -> None:
    """Move each new file over the old one; if one move fails, put every old one back."""
    stale: list[str] = []
    try:
        with open(os.path.join(target, MANIFEST), encoding="utf-8") as file:
            stale = [name for name in listed_files(file.read()) if name not in names]
    except (OSError, UnicodeDecodeError):
        pass
    backup = _new_folder(os.path.dirname(target), os.path.basename(target), "previous")
    saved: list[str] = []
    placed: list[str] = []

    def path(root: str, name: str) -> str:
        return os.path.join(root, *name.split("/"))

    try:
        # The manifest last: until it is in place, the folder's manifest is the old one.
        for name in sorted(names, key=lambda name: name == MANIFEST):
            old = path(target, name)
            os.makedirs(os.path.dirname(old), exist_ok=True)
            if os.path.lexists(old):
                os.makedirs(os.path.dirname(path(backup, name)), exist_ok=True)
                os.replace(old, path(backup, name))
                saved.append(name)
            os.replace(path(staging, name), old)
            placed.append(name)
    except OSError as exc:
        try:
            for name in placed:
                os.remove(path(target, name))
            for name in saved:
                os.replace(path(backup, name), path(target, name))
        except OSError:
            raise OSError(
                exc.errno,
                _("{reason}; the previous files are kept in {backup}").format(
                    reason=exc.strerror or exc, backup=backup
                ),
            ) from None
        shutil.rmtree(backup, ignore_errors=True)
        raise
    for name in stale:  # files of the previous pack that this one does not have
        with contextlib.suppress(OSError):
            os.remove(path(target, name))
    shutil.rmtree(backup, ignore_errors=True)


def _new_folder(parent: str, base: str, suffix: str) -> str:
    """A new hidden folder beside the target (made with the user's usual permissions,
    unlike ``tempfile.mkdtemp``: the pack folder is renamed from it)."""
    while True:
        path = os.path.join(parent, f".{base}.{secrets.token_hex(4)}.{suffix}")
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        return path
