"""The **Log time** form of the Fava page, and its endpoints (SPEC 12.2).

``PUT log`` takes the form as JSON, checks it as the plugin would
(``logtime.check``) and writes its ``time`` directive: to the config's
``log_file`` when it is set, else where Fava puts a new entry (its
``insert-entry`` and ``default-file`` options), holding Fava's lock; Fava
then loads the ledger again, and a new error puts the file back as it was.
It answers ``{"ok": true, "file", "line", "entry"}``, or 400 with each
field's problem, or 403 when the request comes from another site (Fava 1.30
has no CSRF protection: the ``Origin``, else the ``Referer``, must be this
server's). Fava's ``--read-only`` refuses every PUT before it gets here.

``GET duration?value=1h30`` says how many hours a duration means, with the
plugin's own reading, so the form shows it before it is sent.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Response, request

from beancount_timeroi import logtime
from beancount_timeroi.errors import Msg, msg
from beancount_timeroi.i18n import _, translate
from beancount_timeroi.logtime import FIELDS, FieldError, LogRequest
from beancount_timeroi.money import quantize
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.timelog import parse_duration

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.config import Config
    from beancount_timeroi.directives import TimeLedger
    from beancount_timeroi.fava import TimeRoi


@dataclass(frozen=True)
class LogForm:
    """What the form offers: the ledger's channels, activities, people and contents."""

    channels: list[tuple[str, str]]
    activities: list[str]
    people: list[str]
    contents: list[str]
    today: str
    texts: str
    """The words the page's script shows, as JSON, in the page's language."""


def log_form(time: TimeLedger) -> LogForm:
    """The form, with suggestions from the ledger's entries."""
    channels = [(slug, channel.name) for slug, channel in time.channels.channels.items()]
    activities = sorted({item.entry.activity for item in time.time if item.entry.activity})
    people = sorted({time.schedule.name(rate.person) for rate in time.schedule.all_rates()})
    contents = sorted(
        time.contents.contents
        if time.contents.declared
        else {str(item.entry.content) for item in time.time if item.entry.content}
    )
    texts = {
        "logged": _("Logged in {file}, line {line}:"),
        "hours": _("= {hours} h"),
        "running": _("Timer running since {start}: {elapsed}"),
        "read_only": _("This Fava is read-only: nothing can be written to the ledger."),
        "failed": _("The entry could not be sent ({problem})."),
    }
    return LogForm(
        channels,
        activities,
        people,
        contents,
        datetime.date.today().isoformat(),
        json.dumps(texts, ensure_ascii=False),
    )


def form_text() -> dict[str, str]:
    """The form's labels, in the current language."""
    return {
        "title": _("Log time"),
        "date": _("Date"),
        "channel": _("Channel"),
        "duration": _("Duration"),
        "duration_hint": _("1h30, 45m, 1.5, 1:30"),
        "description": _("What you did"),
        "activity": _("Activity"),
        "who": _("Who"),
        "who_hint": _("you (the owner)"),
        "content": _("Content"),
        "submit": _("Log"),
        "start": _("Start the timer"),
        "stop": _("Stop the timer"),
    }


# -- PUT log ------------------------------------------------------------------------------


def same_origin() -> bool:
    """Whether the request comes from this server's own pages: its ``Origin`` (else its
    ``Referer``) has the scheme, host and port of the request's ``Host``. A request with
    neither (a script, curl) is let through, as CSRF needs a browser."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return True
    if claimed == "null":
        return False
    return _origin(claimed) == _origin(f"{request.scheme}://{request.host}")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        port = -1
    return scheme, (parts.hostname or "").lower(), port


def read_request(body: Any) -> tuple[LogRequest | None, list[FieldError]]:
    """The form's JSON as a request: only ``channel`` and ``duration`` are needed."""
    if not isinstance(body, dict):
        return None, [FieldError(None, msg("send the entry as a JSON object"))]
    errors: list[FieldError] = []
    values: dict[str, str | None] = {}
    for key in FIELDS:
        value = body.get(key)
        if value is None or value == "":
            values[key] = None
        elif isinstance(value, str):
            values[key] = value
        else:
            errors.append(FieldError(key, msg("expected text, got {got}", got=str(value))))
    for key in ("channel", "duration"):
        if not (values.get(key) or "").strip() and not any(e.field == key for e in errors):
            errors.append(FieldError(key, msg("this field is needed")))
    day = datetime.date.today()
    if values.get("date"):
        try:
            day = datetime.date.fromisoformat(str(values["date"]).strip())
        except ValueError:
            errors.append(FieldError("date", msg("expected a date like 2025-03-02")))
    if errors:
        return None, errors
    return (
        LogRequest(
            day,
            str(values["channel"]),
            str(values["duration"]),
            values["description"],
            values["activity"],
            values["who"],
            values["content"],
        ),
        [],
    )


def put(extension: TimeRoi) -> Response:
    """Check and write one entry; the answer says where it went, or what is wrong."""
    if not same_origin():
        return _refused(
            403,
            [
                FieldError(
                    None,
                    msg(
                        "this request comes from another site: entries are written only from "
                        "this Fava's own pages"
                    ),
                )
            ],
        )
    log_request, errors = read_request(request.get_json(silent=True))
    time = extension.time_records()
    if time is None:
        errors.append(
            FieldError(None, msg("the plugin's config has errors: see Fava's Errors page"))
        )
    if log_request is None or time is None:
        return _refused(400, errors)
    entry, errors = logtime.check(log_request, time, extension.ledger.options)
    if entry is None or errors:
        return _refused(400, errors)
    return _write(extension, entry, time.config)


def _write(extension: TimeRoi, entry: logtime.CheckedEntry, config: Config) -> Response:
    """Write under Fava's lock, where the config or Fava's options say, and reload."""
    ledger = extension.ledger
    options: Any = ledger.options
    line: int | None = None
    if config.log_file:
        path = logtime.default_target(options, config)
        if path not in logtime.ledger_files(options):
            return _refused(400, [FieldError(None, _not_included(path, options))])
    else:
        path, line = _fava_position(extension, entry)

    def reload() -> list[Any]:
        ledger.watcher.notify(_path(path))
        if not ledger.changed():
            ledger.load_file()
        return list(ledger.load_errors)

    with ledger.file._lock:  # Fava's own: its editor and forms wait, as for its own writes
        before = list(ledger.load_errors)
        try:
            logged = logtime.log(entry, path, before, reload, line)
            if logged.written is None:
                reload()  # the file is put back: Fava shows the ledger as it is again
        except OSError as exc:
            return _refused(
                400,
                [
                    FieldError(
                        None,
                        msg(
                            "cannot write to {path}: {reason}",
                            path=path,
                            reason=exc.strerror or str(exc),
                        ),
                    )
                ],
            )
    if logged.written is None:
        return _refused(400, [FieldError(None, _broke(error)) for error in logged.errors])
    written: Any = logtime.as_directive(entry, path, logged.written.line)  # Beancount's
    ledger.extensions.after_insert_entry(written)
    shown = extension.loaded().relative(path)
    return json_response(
        {"ok": True, "file": shown, "line": logged.written.line, "entry": logged.text}
    )


def _fava_position(extension: TimeRoi, entry: logtime.CheckedEntry) -> tuple[str, int | None]:
    """Where Fava puts a new entry: its ``insert-entry`` options, else ``default-file``,
    else the top-level file (a line, or None to append)."""
    from fava.core.file import find_insert_position

    ledger = extension.ledger
    fava_options = ledger.fava_options
    default = fava_options.default_file or ledger.beancount_file_path
    directive: Any = logtime.as_directive(entry)  # Beancount's entry, as Fava's are
    filename, lineno = find_insert_position(directive, fava_options.insert_entry, default)
    return os.path.abspath(filename), (lineno + 1 if lineno is not None else None)


def _path(path: str) -> Any:
    from pathlib import Path

    return Path(path)


def _not_included(path: str, options: Any) -> Msg:
    return msg(
        "{path} (the config's log_file) is not a file of the ledger: add 'include \"{name}\"' "
        "to the ledger, so that the entry counts",
        path=path,
        name=os.path.basename(path),
    )


def _broke(error: Any) -> Msg:
    source = getattr(error, "source", None) or {}
    return msg(
        "with this entry the ledger has a new error, so nothing was written: {file}:{line}: "
        "{message}",
        file=os.path.basename(str(source.get("filename"))),
        line=str(source.get("lineno")),
        message=str(error.message),
    )


def _refused(status: int, errors: list[FieldError]) -> Response:
    answer = {
        "ok": False,
        "errors": [{"field": error.field, "message": translate(error.message)} for error in errors],
    }
    return json_response(answer, status)


def json_response(answer: dict[str, Any], status: int = 200) -> Response:
    """An answer of the extension's endpoints, as JSON."""
    return Response(
        json.dumps(answer, ensure_ascii=False) + "\n", status=status, mimetype="application/json"
    )


# -- GET duration -------------------------------------------------------------------------


def duration(extension: TimeRoi) -> Response:
    """The hours a duration means, as the plugin reads it, or why it is none."""
    time = extension.time_records()
    units = time.config.time_units if time is not None else ()
    hours, problems = parse_duration(request.args.get("value", "").strip(), units)
    if hours is None:
        return json_response({"ok": False, "message": translate(problems[0])})
    shown = quantize(hours, 2)
    return json_response(
        {
            "ok": True,
            "hours": str(shown),
            "text": Formatter().hours(Decimal(shown)),
            "minutes": str(quantize(hours * 60, 2)),
        }
    )
