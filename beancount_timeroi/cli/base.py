"""``bean-timeroi``'s command group, and what its commands share.

Exit status, for every command: 0 when all went well (the ledger has no
errors and every check passes), 1 when the ledger has errors or a check
fails (the output is still written, with them listed), 2 for a bad argument
or a file that cannot be read or written. No traceback reaches the user.

Help texts are written in English (marked ``N_`` for the catalog) and
translated when they are shown; click's own words ("Usage:", "Options", its
error messages) come from the same catalog through gettext. The language is
chosen before click reads the command line, so that --help and argument
errors speak it too: --lang if given, else the environment.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import gettext
import os
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from beancount_timeroi.errors import LANGUAGES
from beancount_timeroi.i18n import (
    N_,
    _,
    from_environment,
    language_for,
    library_messages,
    translate,
    use_language,
)
from beancount_timeroi.ledger import Ledger, LedgerError, ledger_config


class UsageProblem(click.ClickException):
    """A problem with the arguments or files: exit status 2, no traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(_("bean-timeroi: {message}").format(message=self.format_message()), err=True)


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only in click >= 8.2
    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                _("'{value}' is not a date; write it as YYYY-MM-DD, like 2025-03-31").format(
                    value=value
                ),
                param,
                ctx,
            )


class Year(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        if not (text.isdigit() and len(text) == 4 and int(text) >= 1):
            self.fail(
                _("'{value}' is not a year; write it with four digits, like 2025").format(
                    value=value
                ),
                param,
                ctx,
            )
        return int(text)


class PositiveDecimal(click.ParamType):  # type: ignore[type-arg]
    name = "NUMBER"

    def __init__(self, maximum: Decimal | None = None) -> None:
        self.maximum = maximum

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or number <= 0:
            self.fail(
                _("'{value}' is not a number greater than zero").format(value=value), param, ctx
            )
        if self.maximum is not None and number > self.maximum:
            self.fail(
                _("'{value}' is more than {maximum}").format(value=value, maximum=self.maximum),
                param,
                ctx,
            )
        return number


@contextlib.contextmanager
def _translated_help(item: Any) -> Iterator[None]:
    english = item.help
    item.help = _(english) if english else english
    try:
        yield
    finally:
        item.help = english


class Option(click.Option):
    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        with _translated_help(self):
            return super().get_help_record(ctx)


class Command(click.Command):
    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click makes the help option once per command and keeps it: its text is
        # click's own, asked again in the current language.
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = gettext.gettext("Show this message and exit.")
        return option


class Group(Command, click.Group):
    command_class = Command

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        asked = asked_language(arguments)
        with (
            use_language(asked or from_environment(), chosen=asked is not None),
            library_messages(),
        ):
            return super().main(arguments, *rest, **options)


def asked_language(arguments: Sequence[str]) -> str | None:
    """The value of ``--lang`` on a command line, before click reads it."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


option = functools.partial(click.option, cls=Option)

language_option = option(
    "--lang",
    type=click.Choice(LANGUAGES),
    expose_value=False,
    help=N_(
        "The language of the report and messages: en or fr. Default: the config's "
        "language, else the environment's (LANG)."
    ),
)


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=N_(
        "What your time on social media and your blog costs, and what it brings back.\n"
        "\n"
        "Reads a Beancount ledger that uses the beancount_timeroi plugin and reports,\n"
        "per marketing channel: hours, cost (time + cash), revenue, net, ROI,\n"
        "revenue per hour, contracts, clients and new clients.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  bean-timeroi report books.beancount --year 2025\n"
        "  bean-timeroi report books.beancount --from 2025-01-01 --to 2025-03-31 --format md\n"
        "  bean-timeroi report books.beancount --year 2025 --format csv --output csv-2025/\n"
        "  bean-timeroi plan --hours-per-day 1 --days-per-week 5 --rate 85"
    ),
)
@click.version_option(package_name="beancount-timeroi", prog_name="bean-timeroi", cls=Option)
@language_option
def main() -> None:
    """The command group."""


def ledger_language(loaded: Ledger) -> str:
    """The language of a ledger's report: --lang, else its config's, else the
    environment's."""
    run = loaded.run
    return run.language if run is not None else language_for(ledger_config(loaded).language)


def run() -> None:
    """The console script: no traceback reaches the user.

    Python's cyclic garbage collector is off for the life of this short process:
    loading a ledger builds millions of objects that all live until the end,
    and collecting would only walk them again and again (it makes a load of
    50,000 transactions about a fifth slower). Memory is unchanged: a load
    leaves no reference cycles behind.
    """
    gc.disable()
    try:
        main.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("TIMEROI_DEBUG"):
            raise
        click.echo(
            _(
                "bean-timeroi stopped on an unexpected problem ({problem}). Please report it; "
                "set TIMEROI_DEBUG=1 to see the details."
            ).format(problem=f"{type(exc).__name__}: {exc}"),
            err=True,
        )
        sys.exit(2)


def load(path: str) -> Ledger:
    """The ledger at ``path``, or exit status 2 saying why it cannot be read."""
    try:
        return Ledger.load(path)
    except LedgerError as exc:
        raise UsageProblem(translate(exc.message)) from None
