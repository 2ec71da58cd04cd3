"""Logging time: one ``time`` directive, checked as the plugin checks it, written safely.

Every way of logging (``bean-timeroi log``, the timer's ``stop``, the Fava
form) comes here, so they all write the same directive (SPEC 12)::

    2025-03-02 custom "time" "linkedin" "1h30" "Replied to comments"
      activity: "engagement"
      who: "alex"

- ``check`` reads the new entry with the plugin's own functions against the
  ledger as it is loaded: a known channel, a duration of SPEC 2.3, a rate
  for the person on that date, at most 24 hours that day, a known content
  (a declared one when the ledger declares contents).
  Each problem names the field it is about.
- ``directive_text`` writes it in the canonical form: the channel's slug,
  the duration as ``"1h30"`` when it is a whole number of minutes (else the
  hours as a plain number), metadata only when given.
- ``append`` adds it to a file of the ledger: a newline first if the file
  does not end with one, a blank line, the directive; every other byte is
  kept. The write is atomic (a temporary file beside it, then a rename), the
  file keeps its permissions and its line endings, and a lock file beside
  it (``.NAME.timeroi-lock``) makes two writers wait for each other.
- ``Undo`` puts a file back exactly as it was, when the load after writing
  has an error the load before did not have.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from beancount.core import data
from beancount.parser.grammar import ValueType

from beancount_timeroi.channels import build_registry
from beancount_timeroi.config import Config, plugin_config_path
from beancount_timeroi.directives import TIME, TimeLedger
from beancount_timeroi.errors import Msg, msg
from beancount_timeroi.names import OWNER, name_key
from beancount_timeroi.timelog import (
    daily_limit,
    format_minutes,
    parse_duration,
    parse_time_entry,
)

FIELDS = ("date", "channel", "duration", "description", "activity", "who", "content")


class LogRequest(NamedTuple):
    """What someone asks to log, as they typed it (only the channel and duration needed)."""

    date: datetime.date
    channel: str
    duration: str
    description: str | None = None
    activity: str | None = None
    who: str | None = None
    content: str | None = None


class FieldError(NamedTuple):
    """A problem with one field of the request (``field`` None: with the whole entry)."""

    field: str | None
    message: Msg


class CheckedEntry(NamedTuple):
    """An entry ready to be written: its values checked, the channel as its slug."""

    date: datetime.date
    channel: str
    hours: Fraction
    description: str | None
    activity: str | None
    who: str | None
    content: str | None


def check(
    request: LogRequest, time: TimeLedger, options: Mapping[str, Any]
) -> tuple[CheckedEntry | None, list[FieldError]]:
    """The request checked as the plugin would read its directive in the ledger ``time``
    was read from: every field's problems, or the entry to write."""
    config = time.config
    errors: list[FieldError] = []
    meta = data.new_metadata("<log>", 0)
    # The channels the ledger would have with this entry in it (without a channels:
    # config, a new slug becomes a channel).
    channels, _registry_errors = build_registry(
        config, [*time.scan.channel_refs(), (request.channel, meta)]
    )
    slug, problems = channels.lookup(request.channel.strip())
    errors += [FieldError("channel", problem) for problem in problems]
    hours, problems = parse_duration(request.duration.strip(), config.time_units)
    errors += [FieldError("duration", problem) for problem in problems]
    for field, value in (
        ("description", request.description),
        ("activity", request.activity),
        ("who", request.who),
    ):
        if value is not None and not _one_line(value):
            errors.append(FieldError(field, msg("write it on one line")))
    person = (request.who or "").strip() or OWNER
    if time.schedule.rate_for(person, request.date) is None:
        errors.append(FieldError("who", time.schedule.missing_message(person, request.date)))
    content = (request.content or "").strip() or None
    if content is not None:
        content, problems = time.contents.lookup(content)
        errors += [FieldError("content", problem) for problem in problems]
    if errors or slug is None or hours is None:
        return None, errors
    entry = CheckedEntry(
        request.date,
        slug,
        hours,
        _given(request.description),
        _given(request.activity),
        None if person == OWNER and not request.who else person,
        content,
    )
    return entry, _whole_entry(entry, time, channels)


def _whole_entry(entry: CheckedEntry, time: TimeLedger, channels: Any) -> list[FieldError]:
    """The directive as it will be written, read by the plugin's own reader, and the
    day's total of the person with it: the checks of the entry as a whole."""
    directive = as_directive(entry)
    read, errors = parse_time_entry(directive, channels, time.config.time_units)
    if read is None:
        return [FieldError(None, error.message) for error in errors]
    same_day = [
        item.entry
        for item in time.time
        if item.entry.date == entry.date and name_key(item.entry.person) == name_key(read.person)
    ]
    _kept, day_errors = daily_limit([*same_day, read])
    return [FieldError("duration", error.message) for error in day_errors]


def _one_line(text: str) -> bool:
    return not any(char in text for char in "\r\n")


def _given(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


# -- the directive ---------------------------------------------------------------------


def duration_text(hours: Fraction) -> str:
    """The duration as a ``time`` directive writes it (SPEC 12): ``1h30`` for a whole
    number of minutes, else the hours as a plain number (``0.01``); hours that no
    decimal writes exactly (a third of a second) as minutes, ``0.5m``."""
    minutes = hours * 60
    if minutes.denominator == 1:
        return format_minutes(int(minutes))
    exact = _decimal(hours)
    return exact if exact is not None else f"{_decimal(minutes) or minutes}m"


def _decimal(value: Fraction) -> str | None:
    """``value`` written exactly as a decimal, or None when no decimal is exact."""
    places = 0
    while (value * 10**places).denominator != 1:
        if places > 30:
            return None
        places += 1
    digits = str(abs(value.numerator * 10**places // value.denominator)).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return ("-" if value < 0 else "") + text


def ledger_string(text: str) -> str:
    """``text`` as a Beancount string: in double quotes, ``\\`` and ``"`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def directive_text(entry: CheckedEntry) -> str:
    """The directive, in the canonical form of SPEC 2.3, ending with a newline."""
    values = [ledger_string(entry.channel), _duration_value(entry.hours)]
    if entry.description:
        values.append(ledger_string(entry.description))
    lines = [f'{entry.date.isoformat()} custom "{TIME}" ' + " ".join(values)]
    for key in ("activity", "who", "content"):
        value = getattr(entry, key)
        if value:
            lines.append(f"  {key}: {ledger_string(value)}")
    return "\n".join(lines) + "\n"


def _duration_value(hours: Fraction) -> str:
    """The duration as written in the directive: a plain number stays unquoted."""
    text = duration_text(hours)
    return text if _decimal(hours) == text else ledger_string(text)


def as_directive(entry: CheckedEntry, filename: str = "<log>", line: int = 0) -> data.Custom:
    """The directive as Beancount reads it (for the plugin's reader, and Fava's rules)."""
    extra = {key: getattr(entry, key) for key in ("activity", "who", "content")}
    text = duration_text(entry.hours)
    duration = (
        ValueType(Decimal(text), Decimal) if _decimal(entry.hours) == text else ValueType(text, str)
    )
    values = [ValueType(entry.channel, str), duration]
    if entry.description:
        values.append(ValueType(entry.description, str))
    meta = data.new_metadata(filename, line, {key: value for key, value in extra.items() if value})
    return data.Custom(meta, entry.date, TIME, values)


# -- where it goes ----------------------------------------------------------------------


def default_target(options: Mapping[str, Any], config: Config) -> str:
    """The config's ``log_file`` (relative to the top-level ledger's folder), else the
    top-level ledger file."""
    top = os.path.abspath(str(options.get("filename") or ""))
    if config.log_file:
        return os.path.normpath(os.path.join(os.path.dirname(top), config.log_file))
    return top


def ledger_files(options: Mapping[str, Any]) -> set[str]:
    """The files of the ledger: the top-level one and those it includes (not the
    config file, which the plugin lists with them so that it is watched)."""
    config_path = plugin_config_path(options)
    files = {os.path.abspath(str(options.get("filename") or ""))}
    files.update(os.path.abspath(name) for name in options.get("include") or [])
    files.discard(os.path.abspath(config_path) if config_path else "")
    return files


# -- writing it ------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """Where the directive went: its file, its first line, and how to undo it."""

    file: str
    line: int
    undo: Undo


@dataclass(frozen=True)
class Undo:
    """A file's bytes before a write, to put back exactly."""

    path: str
    before: bytes

    def __call__(self) -> None:
        _replace_atomically(self.path, self.before)


def appended(before: bytes, text: str) -> tuple[bytes, int]:
    """The file's bytes with ``text`` appended as SPEC 12 says, and the line it starts on:
    a newline first if the file does not end with one, then a blank line (none in an
    empty file), in the file's own line endings."""
    newline = "\r\n" if b"\r\n" in before else "\n"
    lead = ""
    if before and not before.endswith(b"\n"):
        lead += newline
    if before:
        lead += newline
    added = (lead + text.replace("\n", newline)).encode("utf-8")
    after = before + added
    line = (before + lead.encode("utf-8")).count(b"\n") + 1
    return after, line


def inserted(before: bytes, text: str, line: int) -> tuple[bytes, int]:
    """The file's bytes with ``text`` inserted before its line ``line`` (1-based), as
    Fava's insert-entry option asks."""
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    lines = before.splitlines(keepends=True)
    at = max(0, min(line - 1, len(lines)))
    head = b"".join(lines[:at])
    if head and not head.endswith(b"\n"):
        head += newline
    body = text.replace("\n", newline.decode()).encode("utf-8")
    return head + body + b"".join(lines[at:]), head.count(b"\n") + 1


def append(path: str, text: str, line: int | None = None) -> Written:
    """Write ``text`` into the file at ``path`` (appended, or before ``line``), atomically,
    holding the file's lock. ``OSError`` when the file cannot be written."""
    with locked(path):
        before = Path(path).read_bytes()
        after, first = appended(before, text) if line is None else inserted(before, text, line)
        _replace_atomically(path, after)
    return Written(path, first, Undo(path, before))


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold the lock file beside ``path`` (created if needed, kept: removing it would
    let two writers lock two different files)."""
    folder, name = os.path.split(os.path.abspath(path))
    lock_path = os.path.join(folder, f".{name}.timeroi-lock")
    with open(lock_path, "a", encoding="utf-8") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _replace_atomically(path: str, content: bytes) -> None:
    """``path`` now holds ``content``: a temporary file in the same folder, renamed over
    it, with the file's permissions."""
    folder, name = os.path.split(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- after writing ----------------------------------------------------------------------


class Logged(NamedTuple):
    """What logging did: the directive written and where (None: nothing is written), or
    the errors the ledger would have with it (then the file was put back)."""

    written: Written | None
    text: str
    errors: list[Any]


def log(
    entry: CheckedEntry,
    path: str,
    before: Sequence[Any],
    reload: Callable[[], Sequence[Any]],
    line: int | None = None,
) -> Logged:
    """Write ``entry`` into ``path``, load the ledger again (``reload`` gives its errors),
    and put the file back exactly as it was if that load has an error ``before`` (the
    errors of the load before writing) did not have. A caller that keeps the ledger
    loaded loads it again after that."""
    text = directive_text(entry)
    written = append(path, text, line)
    fresh = new_errors(before, reload())
    if fresh:
        written.undo()
        return Logged(None, text, fresh)
    return Logged(written, text, [])


def new_errors(before: Iterable[Any], after: Sequence[Any]) -> list[Any]:
    """The errors of the load after writing that the load before did not have (compared
    by file and message: lines after the new entry may have moved)."""
    seen = Counter(_error_key(error) for error in before)
    fresh = []
    for error in after:
        key = _error_key(error)
        if seen[key]:
            seen[key] -= 1
        else:
            fresh.append(error)
    return fresh


def _error_key(error: Any) -> tuple[str, str]:
    source = getattr(error, "source", None) or {}
    return str(source.get("filename")), str(error.message)
