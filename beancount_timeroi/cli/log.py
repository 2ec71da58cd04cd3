"""Logging time from the command line: ``log``, and a timer (``start``, ``stop``,
``status``, ``cancel``).

``log`` checks the entry as the plugin would, appends its ``time`` directive
to the ledger (``--file``, else the config's ``log_file``, else the
top-level file), loads the ledger again and puts the file back if the new
entry brought an error. The timer keeps one running entry per ledger in a
small JSON file under ``$XDG_STATE_HOME/beancount-timeroi/`` (else
``~/.local/state/beancount-timeroi/``); ``stop`` logs it as ``log`` does,
dated the day it started.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import click
from beancount import loader

from beancount_timeroi import logtime
from beancount_timeroi.cli.base import (
    IsoDate,
    UsageProblem,
    language_option,
    ledger_language,
    load,
    main,
    option,
)
from beancount_timeroi.config import Config
from beancount_timeroi.directives import TimeLedger
from beancount_timeroi.engine import time_records
from beancount_timeroi.i18n import N_, _, translate, use_language
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.logtime import LogRequest
from beancount_timeroi.timelog import MAX_MINUTES, format_minutes, round_minutes


def now() -> datetime.datetime:
    """The time now, with the machine's UTC offset."""
    return datetime.datetime.now().astimezone()


def entry_options(command: Any) -> Any:
    """The options that describe an entry: activity, person, content."""
    for decorator in reversed(
        (
            option("--activity", metavar="A", help=N_("What kind of work: writing, engagement...")),
            option(
                "--who",
                metavar="P",
                help=N_("Who spent the time (a person with a rate). Default: the owner."),
            ),
            option("--content", metavar="C", help=N_("The article or post it was for.")),
        )
    ):
        command = decorator(command)
    return command


file_option = option(
    "--file",
    "target",
    type=click.Path(path_type=str),
    metavar="F",
    help=N_("The file to write to (a file of the ledger), relative to the current folder."),
)
"""Where ``log`` and ``stop`` write the entry."""


@main.command(
    help=N_(
        "Log time spent on a channel: append its time directive to the ledger.\n"
        "\n"
        "The entry is checked as the plugin checks it (a known channel, a duration\n"
        "like 1h30, 45m or 1.5, a rate for the person on that date); nothing is\n"
        "written when it has a problem (exit status 2). It goes to --file, else the\n"
        "config's log_file, else LEDGER itself: a file of the ledger. If the ledger\n"
        "loads with a new error once it is written, the file is put back as it was\n"
        "(exit status 1).\n"
        "\n"
        "\b\n"
        "Example:\n"
        '  bean-timeroi log books.beancount linkedin 1h30 "Replied to comments"'
    )
)
@click.argument("ledger", metavar="LEDGER", type=click.Path(path_type=str))
@click.argument("channel", metavar="CHANNEL")
@click.argument("duration", metavar="DURATION")
@click.argument("description", metavar="[DESCRIPTION]", required=False)
@option("--date", type=IsoDate(), help=N_("The day of the work. Default: today."))
@entry_options
@file_option
@language_option
def log(
    ledger: str,
    channel: str,
    duration: str,
    description: str | None,
    date: datetime.date | None,
    activity: str | None,
    who: str | None,
    content: str | None,
    target: str | None,
) -> None:
    request = LogRequest(
        date or now().date(), channel, duration, description, activity, who, content
    )
    loaded = load(ledger)
    with use_language(ledger_language(loaded)):
        _log(loaded, request, target)
    sys.exit(0)


def _checked(loaded: Ledger, request: LogRequest) -> tuple[logtime.CheckedEntry, TimeLedger]:
    """The request checked against the ledger, or exit 2 with each field's problem."""
    time = time_records(loaded)
    if time is None:
        raise UsageProblem(
            _("the plugin's config has errors, so no entry can be checked: run bean-check")
        )
    entry, problems = logtime.check(request, time, loaded.options)
    if entry is None or problems:
        raise UsageProblem(
            "\n".join(
                f"{problem.field}: {translate(problem.message)}"
                if problem.field
                else translate(problem.message)
                for problem in problems
            )
        )
    return entry, time


def _log(loaded: Ledger, request: LogRequest, target: str | None) -> None:
    """Check, write, load again; exit 2 for a refused entry, 1 when it was put back."""
    entry, time = _checked(loaded, request)
    path = _target(loaded, time.config, target)
    try:
        logged = logtime.log(entry, path, loaded.errors, lambda: loader.load_file(loaded.top)[1])
    except OSError as exc:
        raise UsageProblem(
            _("cannot write to {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if logged.written is None:
        click.echo(
            _("With this entry the ledger has a new error, so {path} is as it was:").format(
                path=_shown(path)
            ),
            err=True,
        )
        click.echo(logged.text, err=True, nl=False)
        for error in logged.errors:
            where = error.source or {}
            click.echo(
                f"{_shown(str(where.get('filename')))}:{where.get('lineno')}: {error.message}",
                err=True,
            )
        sys.exit(1)
    click.echo(logged.text, nl=False)
    click.echo(f"{_shown(path)}:{logged.written.line}")


def _target(loaded: Ledger, config: Config, target: str | None) -> str:
    """The file to write: ``--file``, the config's ``log_file`` or the top-level file;
    exit 2 when it is not a file of the ledger."""
    path = os.path.abspath(target) if target else logtime.default_target(loaded.options, config)
    if path not in logtime.ledger_files(loaded.options):
        raise UsageProblem(
            _(
                "{path} is not a file of {ledger}: add 'include \"{name}\"' to {ledger} (or "
                "log to one of its files), so that the entry counts"
            ).format(path=_shown(path), ledger=_shown(loaded.top), name=os.path.basename(path))
        )
    if not os.path.isfile(path):
        raise UsageProblem(_("{path}: no such file").format(path=_shown(path)))
    return path


def _shown(path: str) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# -- the timer ---------------------------------------------------------------------------


def state_folder() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "beancount-timeroi"


def timer_file(ledger: str) -> Path:
    """The running timer of one ledger (one per ledger)."""
    digest = hashlib.sha256(os.path.abspath(ledger).encode("utf-8")).hexdigest()[:16]
    return state_folder() / f"timer-{digest}.json"


def read_timer(ledger: str) -> dict[str, Any] | None:
    path = timer_file(ledger)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise UsageProblem(
            _("the timer file {path} cannot be read: delete it (bean-timeroi cancel)").format(
                path=path
            )
        ) from None
    return state if isinstance(state, dict) else None


def _started(state: dict[str, Any]) -> datetime.datetime:
    try:
        start = datetime.datetime.fromisoformat(str(state.get("start")))
    except ValueError:
        start = None
    if start is None or start.tzinfo is None:
        raise UsageProblem(
            _("the timer's start time is not readable: cancel it (bean-timeroi cancel)")
        )
    return start


def _elapsed(state: dict[str, Any]) -> int:
    """The timer's minutes so far, to the nearest minute (halves up)."""
    return round_minutes(Fraction((now() - _started(state)) / datetime.timedelta(seconds=1)))


def _summary(state: dict[str, Any]) -> str:
    start = _started(state)
    minutes = max(0, _elapsed(state))
    parts = [str(state.get("channel")), str(state.get("description") or "")]
    return _("{entry} since {start} ({elapsed})").format(
        entry=" · ".join(part for part in parts if part),
        start=start.strftime("%Y-%m-%d %H:%M"),
        elapsed=format_minutes(minutes),
    )


@main.command(
    help=N_(
        "Start a timer for time on a channel; stop logs it.\n"
        "\n"
        "One timer runs per ledger. The entry is checked now (channel, person, content),\n"
        "so that stop can log it."
    )
)
@click.argument("ledger", metavar="LEDGER", type=click.Path(path_type=str))
@click.argument("channel", metavar="CHANNEL")
@click.argument("description", metavar="[DESCRIPTION]", required=False)
@entry_options
@language_option
def start(
    ledger: str,
    channel: str,
    description: str | None,
    activity: str | None,
    who: str | None,
    content: str | None,
) -> None:
    running = read_timer(ledger)
    if running is not None:
        raise UsageProblem(
            _(
                "a timer is already running for this ledger: {timer}; stop it (bean-timeroi "
                "stop) or cancel it (bean-timeroi cancel) first"
            ).format(timer=_summary(running))
        )
    loaded = load(ledger)
    begun = now()
    with use_language(ledger_language(loaded)):
        request = LogRequest(begun.date(), channel, "1m", description, activity, who, content)
        _checked(loaded, request)  # what stop will log, checked now
        state = {
            "ledger": os.path.abspath(ledger),
            "channel": channel,
            "description": description,
            "metadata": {
                key: value
                for key, value in (("activity", activity), ("who", who), ("content", content))
                if value
            },
            "start": begun.isoformat(timespec="seconds"),
        }
        path = timer_file(ledger)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(state, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(_("Timer started: {timer}").format(timer=_summary(state)))


@main.command(help=N_("Stop the ledger's timer and log its time, dated the day it started."))
@click.argument("ledger", metavar="LEDGER", type=click.Path(path_type=str))
@file_option
@language_option
def stop(ledger: str, target: str | None) -> None:
    state = _running(ledger)
    minutes = max(1, _elapsed(state))
    if minutes > MAX_MINUTES:
        raise UsageProblem(
            _(
                "the timer has run for {elapsed}, more than 24 hours, so it was kept: log the "
                "time by hand (bean-timeroi log), then cancel the timer (bean-timeroi cancel)"
            ).format(elapsed=format_minutes(minutes))
        )
    metadata = state.get("metadata") if isinstance(state.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    request = LogRequest(
        _started(state).date(),
        str(state.get("channel") or ""),
        format_minutes(minutes),
        state.get("description") or None,
        metadata.get("activity"),
        metadata.get("who"),
        metadata.get("content"),
    )
    loaded = load(ledger)
    with use_language(ledger_language(loaded)):
        _log(loaded, request, target)
    timer_file(ledger).unlink(missing_ok=True)
    sys.exit(0)


@main.command(help=N_("Show the ledger's running timer and its time so far."))
@click.argument("ledger", metavar="LEDGER", type=click.Path(path_type=str))
@language_option
def status(ledger: str) -> None:
    state = read_timer(ledger)
    click.echo(_("no timer") if state is None else _summary(state))


@main.command(help=N_("Drop the ledger's running timer without logging it."))
@click.argument("ledger", metavar="LEDGER", type=click.Path(path_type=str))
@language_option
def cancel(ledger: str) -> None:
    state = _running(ledger)
    timer_file(ledger).unlink(missing_ok=True)
    click.echo(_("Timer cancelled: {timer}").format(timer=_summary(state)))


def _running(ledger: str) -> dict[str, Any]:
    state = read_timer(ledger)
    if state is None:
        raise UsageProblem(
            _("no timer is running for {ledger}; start one with bean-timeroi start").format(
                ledger=ledger
            )
        )
    return state
