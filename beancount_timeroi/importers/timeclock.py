"""hledger's (and Ledger's) timeclock files, read line by line as hledger 1.50 reads them.

``i DATE TIME ACCOUNT  DESCRIPTION ;COMMENT`` starts a session, ``o DATE TIME
[ACCOUNT] ;COMMENT`` ends one (``I`` and ``O`` too, as in Ledger; ``b`` and
``h`` lines are ignored, as hledger and Ledger do). Several sessions may be
open at once, one per account. With one open, an ``o`` closes it, whatever
follows its time (Ledger and timeclock.el write a note there); with several,
the ``o`` names the one it closes, and an ``o`` that names none of them is a
problem, never another session's end. A session is counted as hledger counts
it: split at midnight (the first day ending at 23:59:59), each day's hours
rounded to hundredths; an ``i`` still open at the end of the file is
running, reported and not imported::

    i 2025-03-02 23:30:00 social:linkedin  Live Q&A
    o 2025-03-03 00:45:00

The channel is the account's full name in ``import.map``, else its last part
(``social:linkedin`` → ``linkedin``). With ``import: {map: {linkedin:
linkedin}}`` the session above gives (23:30:00 to 23:59:59 is 0.50 h)::

    2025-03-02 custom "time" "linkedin" "0h30" "Live Q&A"
      source: "timeclock:…/2025-03-02"

    2025-03-03 custom "time" "linkedin" "0h45" "Live Q&A"
      source: "timeclock:…/2025-03-03"
"""

from __future__ import annotations

import datetime
import re
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    MAX_SPAN_DAYS,
    ImportedRow,
    Problem,
    SourceIds,
    clean_text,
    piece_source,
)
from beancount_timeroi.importers.hledger import (
    ACCOUNT,
    BLANK,
    COMMENT_STARTS,
    before_comment,
    date_problem,
    file_lines,
    is_blank,
    read_date,
    skip_blanks,
)
from beancount_timeroi.importers.matching import Names, account_channel
from beancount_timeroi.timelog import round_minutes


class _Clock(NamedTuple):
    """A timeclock line: its code, time, account (maybe empty) and description."""

    code: str
    moment: datetime.datetime
    account: str
    description: str | None


_CODE = re.compile(f"([iIoObh]){BLANK}+")
_GAP = re.compile(f"{BLANK}+")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_ZONE = re.compile(r"[+-][0-9]{4}")


def _not_timeclock() -> str:
    return _(
        "this is not a timeclock line; write 'i 2025-03-02 09:00:00 account  "
        "description' to clock in and 'o 2025-03-02 10:30:00' to clock out"
    )


def _read_clock(line: str, year: int) -> _Clock | str:
    """A timeclock line (hledger's ``timeclockentryp``), or the message saying why not."""
    code = _CODE.match(line)
    if code is None:
        return _not_timeclock()
    date = read_date(line, code.end(), year)
    if date is None:
        return _not_timeclock()
    problem = date_problem(date, line)
    if problem:
        return problem
    gap = _GAP.match(line, date.end)
    time = _TIME.match(line, gap.end()) if gap else None
    if date.day is None or time is None:
        return _not_timeclock()
    hour, minute, second = (int(part or 0) for part in time.groups())
    if hour > 23 or minute > 59 or second > 59:
        return _("'{time}' is not a valid time; write it like 09:00 or 09:00:00").format(
            time=time.group()
        )
    pos = time.end()
    zone = _ZONE.match(line, pos)
    pos = zone.end() if zone else pos
    rest = line[pos:]
    if rest and not (is_blank(rest[0]) or rest[0] == ";"):
        return _not_timeclock()
    text = before_comment(rest)
    start = skip_blanks(text, 0)
    account = ACCOUNT.match(text, start)
    name = account.group() if account else ""
    description = clean_text(text[account.end() :]) if account else None
    moment = datetime.datetime.combine(date.day, datetime.time(hour, minute, second))
    return _Clock(code.group(1), moment, name, description)


class _Session(NamedTuple):
    line: int
    start: datetime.datetime
    account: str
    description: str | None


def parse_timeclock(
    text: str, filename: str, config: Config, today: datetime.date | None = None
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of an hledger (or Ledger) timeclock file (dates without a year are
    in the year of ``today``, as hledger reads them)."""
    year = (today or datetime.date.today()).year
    names = Names(config.imports.channels)
    ids = SourceIds("timeclock")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    sessions: dict[str, _Session] = {}
    for number, line in enumerate(file_lines(text), start=1):
        body = line[skip_blanks(line, 0) :]
        if not body or body.startswith(COMMENT_STARTS):
            continue
        clock = _read_clock(body, year)
        if isinstance(clock, str):
            problems.append(Problem(filename, number, clock))
            continue
        if clock.code in "bh":
            continue  # ignored by hledger and Ledger
        if clock.code in "iI":
            problem = _clock_in(sessions, clock, filename, number)
            if problem is not None:
                problems.append(problem)
            continue
        session = _closed_session(sessions, clock)
        if isinstance(session, str):
            problems.append(Problem(filename, number, session))
            continue
        del sessions[session.account]
        result = _session_rows(session, clock, names, ids)
        if isinstance(result, str):
            problems.append(Problem(filename, session.line, result))
        else:
            rows.extend(result)
    problems.extend(
        Problem(
            filename,
            session.line,
            _(
                "this session is still open (no 'o' line after it): it is running, so it was not "
                "imported; clock out and import again"
            ),
        )
        for session in sessions.values()
    )
    problems.sort(key=lambda problem: problem.line)
    return rows, problems


def _clock_in(
    sessions: dict[str, _Session], clock: _Clock, filename: str, number: int
) -> Problem | None:
    """Open the session of the ``i`` line ``clock`` (line ``number``) in ``sessions``; the
    problem of that line, or of an earlier session of its account left open, or None."""
    if not clock.account:
        return Problem(
            filename,
            number,
            _(
                "this 'i' line has no account, so it has no channel; write it as "
                "'i 2025-03-02 09:00:00 account  description'"
            ),
        )
    earlier = sessions.pop(clock.account, None)
    sessions[clock.account] = _Session(number, clock.moment, clock.account, clock.description)
    if earlier is None:
        return None
    return Problem(
        filename,
        earlier.line,
        _(
            "this session of {account} has no 'o' line before the next 'i' for "
            "{account} (line {line}), so it was not imported; add 'o DATE TIME "
            "{account}' before line {line}"
        ).format(account=clock.account, line=number),
    )


def _closed_session(sessions: dict[str, _Session], clock: _Clock) -> _Session | str:
    """The open session an ``o`` line closes, or the message saying why it closes none."""
    if not sessions:
        return _(
            "this 'o' line clocks out, but no session is open (no 'i' line before it); "
            "add the 'i' line or delete this one"
        )
    if len(sessions) == 1:
        return next(iter(sessions.values()))
    open_accounts = ", ".join(sessions)
    if not clock.account:
        return _(
            "{count} sessions are open ({accounts}), so this 'o' line must name the one it "
            "closes; write it like 'o DATE TIME {first}'"
        ).format(count=len(sessions), accounts=open_accounts, first=next(iter(sessions)))
    session = sessions.get(clock.account)
    if session is None:
        return _(
            "'{account}' is none of the open sessions ({accounts}), so this 'o' line closes "
            "nothing; name the one it closes, like 'o DATE TIME {first}'"
        ).format(account=clock.account, accounts=open_accounts, first=next(iter(sessions)))
    return session


def hledger_days(
    start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.date, Fraction]]:
    """The hours of a session on each date, as hledger counts them: a day before the last
    ends at 23:59:59, and each day's hours are rounded to hundredths (half to even).

    >>> hledger_days(datetime.datetime(2025, 3, 2, 23, 0), datetime.datetime(2025, 3, 3, 1, 0))
    [(datetime.date(2025, 3, 2), Fraction(1, 1)), (datetime.date(2025, 3, 3), Fraction(1, 1))]
    """
    days: list[tuple[datetime.date, Fraction]] = []
    while end.date() > start.date():
        last = datetime.datetime.combine(start.date(), datetime.time(23, 59, 59))
        days.append((start.date(), _hours(last - start)))
        start = datetime.datetime.combine(
            start.date() + datetime.timedelta(days=1), datetime.time()
        )
    days.append((start.date(), _hours(end - start)))
    return days


def _hours(span: datetime.timedelta) -> Fraction:
    return round(Fraction(span // datetime.timedelta(seconds=1), 3600), 2)


def _session_rows(
    session: _Session, clock: _Clock, names: Names, ids: SourceIds
) -> list[ImportedRow] | str:
    """The rows of a closed session (one per date), or the message saying why not."""
    if clock.moment < session.start:
        return _("it ends before it starts; fix its times in {tool} and export again").format(
            tool=_("the timeclock file")
        )
    span = (clock.moment.date() - session.start.date()).days
    if span > MAX_SPAN_DAYS:  # hledger would split it whatever its length
        return _(
            "it runs over {days} days, from {start} to {end}; a session that long is surely a "
            "mistake in the date of its 'i' or 'o' line: correct it"
        ).format(days=span, start=session.start.date(), end=clock.moment.date())
    days = [(day, hours) for day, hours in hledger_days(session.start, clock.moment) if hours]
    if not days:
        return _(
            "it lasts {seconds} s, which hledger rounds to 0.00 hours, so it logs no time; "
            "fix its times or delete it"
        ).format(seconds=int((clock.moment - session.start).total_seconds()))
    match = account_channel(names, session.account)
    if match.channel is None:
        return match.message or ""
    source = ids.make([session.start.isoformat(), session.account])
    description = session.description or clock.description or session.account
    return [
        ImportedRow(
            day,
            match.channel,
            round_minutes(hours * 3600),
            None,
            description,
            piece_source(source, days, day),
            session.line,
            hours,
        )
        for day, hours in days
    ]
