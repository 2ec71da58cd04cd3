"""``bean-timeroi``: the report generator.

Exit status: 0 when the ledger has no errors and every check passes, 1 when
it has errors or a check fails (the report is still written, with them
listed), 2 for a bad argument or a file that cannot be read or written.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import gettext
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.engine import (
    build_report,
    default_period,
    year_period,
)
from beancount_timeroi.example import SCENARIOS, scenario_books, write_books
from beancount_timeroi.i18n import (
    LANGUAGES,
    N_,
    _,
    from_environment,
    language_for,
    library_messages,
    n_,
    translate,
    use_language,
)
from beancount_timeroi.ledger import Ledger, LedgerError, ledger_config
from beancount_timeroi.render import csv_report, json_report
from beancount_timeroi.report import Period, Plan, Report

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.render.formatting import Formatter

FORMATS = ("text", "md", "csv", "html", "json")


def renderer(output_format: str) -> Callable[[Report], str]:
    """The renderer of a format, imported when it is used (HTML needs Jinja2, text Babel)."""
    module = importlib.import_module(f"beancount_timeroi.render.{output_format}_report")
    render: Callable[[Report], str] = module.summary if output_format == "csv" else module.render
    return render


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


# -- help and messages in the user's language ---------------------------------
#
# Help texts are written in English (marked N_ for the catalog) and translated
# when they are shown; click's own words ("Usage:", "Options", its error
# messages) come from the same catalog through gettext. The language is
# chosen before click reads the command line, so that --help and argument
# errors speak it too: --lang if given, else the environment.


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


@main.command(
    help=N_(
        "Report the ROI of each channel of LEDGER.\n"
        "\n"
        "The period is --year, or --from/--to, or by default the whole ledger (from\n"
        "its first to its last time entry or transaction). The report lists the\n"
        "ledger's errors and the reconciliation checks; the exit status is 1 when\n"
        "there are errors or a check fails, 0 otherwise."
    )
)
@click.argument("ledger", metavar="LEDGER", type=click.Path(dir_okay=True, path_type=str))
@option("--year", type=Year(), metavar="YYYY", help=N_("Report this calendar year."))
@option("--from", "start", type=IsoDate(), help=N_("First day of the period (inclusive)."))
@option("--to", "end", type=IsoDate(), help=N_("Last day of the period (inclusive)."))
@option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help=N_(
        "text for the terminal, md for a wiki, csv for a "
        "spreadsheet, html for a printable page, json for programs."
    ),
)
@option(
    "--output",
    "-o",
    type=click.Path(path_type=str),
    metavar="PATH",
    help=N_(
        "Write to this file instead of the terminal. With --format csv, a folder "
        "that receives one CSV file per table."
    ),
)
@option(
    "--model",
    type=click.Choice(ATTRIBUTION_MODELS),
    default=None,
    help=N_(
        "Share income tied to clients' touches by this model for this report, "
        "instead of the config's (default first-touch)."
    ),
)
@option(
    "--compare-models",
    is_flag=True,
    help=N_("Add each channel's revenue, net and ROI under every attribution model."),
)
@language_option
def report(
    ledger: str,
    year: int | None,
    start: datetime.date | None,
    end: datetime.date | None,
    output_format: str,
    output: str | None,
    model: str | None,
    compare_models: bool,
) -> None:
    if year is not None and (start or end):
        raise UsageProblem(_("use either --year or --from/--to, not both"))
    try:
        loaded = Ledger.load(ledger)
    except LedgerError as exc:
        raise UsageProblem(translate(exc.message)) from None
    period = year_period(year) if year is not None else None
    if start is not None or end is not None:
        # A missing bound is the ledger's first or last date, but never crosses the other.
        whole = default_period(loaded.entries)
        if start is None:
            start = min(whole.start, end) if whole and end else end
        if end is None:
            end = max(whole.end, start) if whole and start else start
        assert start is not None and end is not None
        period = Period(start, end)
        if period.start > period.end:
            raise UsageProblem(
                _("--from {start} is after --to {end}").format(start=period.start, end=period.end)
            )
    with use_language(ledger_language(loaded)):
        _report(loaded, period, model, compare_models, output_format, output)


def _report(
    loaded: Ledger,
    period: Period | None,
    model: str | None,
    compare_models: bool,
    output_format: str,
    output: str | None,
) -> None:
    result = build_report(loaded, period, model=model, compare_models=compare_models)
    if output_format == "csv" and output:
        try:
            written = csv_report.write_folder(result, output)
        except OSError as exc:
            raise UsageProblem(
                _("cannot write to {path}: {reason}").format(
                    path=output, reason=exc.strerror or exc
                )
            ) from None
        click.echo(
            _("Wrote {count} CSV files to {folder}").format(count=len(written), folder=output),
            err=True,
        )
    elif output_format == "json":
        _write(json_report.chunks(result), output)
    else:
        _write([renderer(output_format)(result)], output)
    sys.exit(0 if result.ok else 1)


@main.command(
    help=N_(
        "What a marketing habit costs in billable time.\n"
        "\n"
        "A month is 52/12 weeks. One hour a day, five days a week, at 85 an hour is\n"
        "21.67 hours and 1,841.67 a month, 22,100.00 a year: the revenue the habit\n"
        "must bring back to break even."
    )
)
@option(
    "--hours-per-day",
    type=PositiveDecimal(Decimal(24)),
    required=True,
    help=N_("Hours a day on social media, the blog, the newsletter..."),
)
@option(
    "--days-per-week",
    type=PositiveDecimal(Decimal(7)),
    required=True,
    help=N_("Days a week you spend them."),
)
@option(
    "--rate",
    type=PositiveDecimal(),
    required=True,
    help=N_("Your hourly rate: what an hour would bring billed to a client."),
)
@option("--currency", default=None, metavar="CUR", help=N_("Currency code shown, e.g. CAD."))
@language_option
def plan(
    hours_per_day: Decimal, days_per_week: Decimal, rate: Decimal, currency: str | None
) -> None:
    from beancount_timeroi.render.formatting import Formatter

    fmt = Formatter(currency=currency)
    days = int(days_per_week) if days_per_week == int(days_per_week) else 2
    habit = n_(
        "{hours} h a day, {days} day a week", "{hours} h a day, {days} days a week", days
    ).format(hours=fmt.number(hours_per_day), days=fmt.number(days_per_week))
    plan = Plan.daily(hours_per_day, days_per_week, rate, currency)
    click.echo(render_plan(plan, habit, fmt), nl=False)


@main.command(
    help=N_(
        "Write a generated agency ledger to try bean-timeroi on something big.\n"
        "\n"
        "Five people logging marketing time every working day over eight channels,\n"
        "rates changing each year, 10 to 16 expenses a day, about three invoices a\n"
        "week from a few hundred clients. Ten years is about 50,000 transactions\n"
        "and 20,000 time entries. The same years and seed give the same files."
    )
)
@option(
    "--scenario",
    type=click.Choice(SCENARIOS),
    default="agency",
    show_default=True,
    help=N_(
        "agency: a marketing agency's books, as big as --years and --seed make them. "
        "demo: the Studio Camille demo ledger (demo.beancount), always the same: it "
        "ignores --years and --seed."
    ),
)
@option(
    "--years",
    type=click.IntRange(1, 50),
    default=10,
    show_default=True,
    help=N_("How many years, ending in 2025."),
)
@option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help=N_("Another seed gives another, equally realistic, ledger."),
)
@option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    metavar="DIR",
    help=N_("Folder to write books.beancount and timeroi.yaml into."),
)
def example(scenario: str, years: int, seed: int, output: Path) -> None:
    try:
        written = write_books(scenario_books(scenario, years, seed), output)
    except OSError as exc:
        raise UsageProblem(
            _("cannot write to {path}: {reason}").format(path=output, reason=exc.strerror or exc)
        ) from None
    for path in written:
        click.echo(_("Wrote {path}").format(path=path))
    click.echo(_("Try: bean-timeroi report {path} --year 2025").format(path=written[0]))


IMPORT_SOURCES = ("toggl", "clockify", "timewarrior", "timedot", "timeclock")


@main.command(
    "import",
    help=N_(
        "Turn a time tracker's export into time directives for your ledger.\n"
        "\n"
        "\b\n"
        "SOURCE is the tool that wrote FILE:\n"
        "  toggl        Toggl Track: Reports > Detailed > Export > CSV\n"
        "  clockify     Clockify: Reports > Detailed > Export > Save as CSV\n"
        "  timewarrior  the JSON of 'timew export'\n"
        "  timedot      an hledger timedot file\n"
        "  timeclock    an hledger timeclock file\n"
        "\n"
        "Each row needs a channel: its project, client or one of its tags\n"
        "(Timewarrior: a tag; hledger: the account) must be listed under import.map\n"
        "in the config. When the export has several users, each must be listed\n"
        "under import.people (one user alone is you, the owner):\n"
        "\n"
        "\b\n"
        "  import:\n"
        '    map: {"Social - LinkedIn": linkedin, "Blog": blog}\n'
        '    people: {"Alex B": alex, "Émilie Tremblay": owner}\n'
        "\n"
        "The directives go to standard output, each with a source: that identifies\n"
        "its row; the rows that could not be imported go to standard error, one\n"
        "per line as FILE:LINE: what to do. Exit status: 0 when every row was\n"
        "imported, 1 when some were not, 2 when a file or option is wrong.\n"
        "\n"
        "\b\n"
        "Example (books.beancount has the plugin line with the config, and\n"
        "includes time.beancount):\n"
        "  bean-timeroi import toggl Toggl_export.csv --ledger books.beancount >> time.beancount"
    ),
)
@click.argument("source", metavar="SOURCE", type=click.Choice(IMPORT_SOURCES))
@click.argument("file", metavar="FILE", type=click.Path(path_type=str))
@option(
    "--config",
    "config_path",
    type=click.Path(path_type=str),
    metavar="CFG",
    help=N_(
        "The timeroi YAML config whose import: section maps names to channels "
        "and people. Default: the plugin config of --ledger."
    ),
)
@option(
    "--ledger",
    "ledger_path",
    type=click.Path(path_type=str),
    metavar="LEDGER",
    help=N_(
        "Your ledger: entries it already has (same source: metadata) are left "
        "out, so importing the same export twice adds nothing."
    ),
)
def import_(source: str, file: str, config_path: str | None, ledger_path: str | None) -> None:
    from beancount_timeroi.importers import ExportError, import_file

    try:
        result = import_file(source, file, config_path, ledger_path)
    except ExportError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(result.text, nl=False)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    sys.exit(1 if result.problems else 0)


@main.command(
    help=N_(
        "Write the accountant's year-end pack of LEDGER into DIR.\n"
        "\n"
        "\b\n"
        "One folder to file:\n"
        "  roi-YYYY.html   the printable report, schedules included\n"
        "  roi-YYYY.xlsx   the workbook: Summary, Months, Time log, Rates,\n"
        "                  Attribution, Unattributed, Cash costs, Checks\n"
        "  roi-YYYY.json   the report for programs\n"
        "  csv/            every table as a CSV file\n"
        "  MANIFEST.txt    the SHA-256 of each ledger source and each file\n"
        "\n"
        "The pack is written in a temporary folder and moved into place when\n"
        "complete. Exit status as for 'report': 0 when the ledger has no error and\n"
        "every check passes, 1 otherwise (the pack is still written), 2 when the\n"
        "pack cannot be written.\n"
        "\n"
        "\b\n"
        "Example:\n"
        "  bean-timeroi yearend books.beancount --year 2025 --output roi-2025/"
    )
)
@click.argument("ledger", metavar="LEDGER", type=click.Path(dir_okay=True, path_type=str))
@option(
    "--year", type=Year(), metavar="YYYY", required=True, help=N_("The calendar year of the pack.")
)
@option(
    "--output",
    "-o",
    type=click.Path(path_type=str),
    metavar="DIR",
    required=True,
    help=N_("The folder to write the pack into: new, or empty (or see --force)."),
)
@option(
    "--force",
    is_flag=True,
    help=N_(
        "Write into a folder that is not empty: the pack's files replace those "
        "of the same name and of the previous pack; nothing else is touched."
    ),
)
@language_option
def yearend(ledger: str, year: int, output: str, force: bool) -> None:
    from beancount_timeroi import yearend as pack

    try:
        pack.check_target(output, force)
        loaded = Ledger.load(ledger)
    except LedgerError as exc:
        raise UsageProblem(translate(exc.message)) from None
    except pack.PackError as exc:
        raise UsageProblem(str(exc)) from None
    with use_language(ledger_language(loaded)):
        _yearend(loaded, year, output, force)


def _yearend(loaded: Ledger, year: int, output: str, force: bool) -> None:
    from beancount_timeroi import yearend as pack

    result = build_report(loaded, year_period(year))
    try:
        written = pack.write_pack(result, output, force=force)
    except pack.PackError as exc:
        raise UsageProblem(str(exc)) from None
    except OSError as exc:
        raise UsageProblem(
            _("cannot write to {path}: {reason}").format(path=output, reason=exc.strerror or exc)
        ) from None
    click.echo(
        _("Wrote the {year} year-end pack to {folder}: {count} files and {manifest}").format(
            year=year, folder=output, count=len(written) - 1, manifest=pack.MANIFEST
        ),
        err=True,
    )
    if not result.ok:
        failed = ", ".join(check.name for check in result.failed_checks)
        click.echo(
            _(
                "Errors in the ledger: {errors}; failed checks: {failed}. The pack lists "
                "them (the Checks sheet, the Reconciliation section)."
            ).format(errors=len(result.errors), failed=failed or _("none")),
            err=True,
        )
    sys.exit(0 if result.ok else 1)


def ledger_language(loaded: Ledger) -> str:
    """The language of a ledger's report: --lang, else its config's, else the
    environment's."""
    run = loaded.run
    return run.language if run is not None else language_for(ledger_config(loaded).language)


def render_plan(plan: Plan, habit: str, fmt: Formatter | None = None) -> str:
    from beancount_timeroi.render.formatting import Formatter

    fmt = fmt or Formatter(currency=plan.currency)
    rows = [
        (_("hours per month"), fmt.hours(plan.hours_per_month)),
        (_("hours per year"), fmt.hours(plan.hours_per_year)),
        (_("time cost per month"), fmt.amount(plan.cost_per_month, plan.currency)),
        (_("time cost per year"), fmt.amount(plan.cost_per_year, plan.currency)),
    ]
    label_width = max(len(label) for label, _value in rows)
    value_width = max(len(value) for _label, value in rows)
    lines = [
        _("{habit}, at {rate} an hour:").format(
            habit=habit, rate=fmt.amount(plan.rate, plan.currency)
        ),
        "",
        *(f"  {label:<{label_width}}  {value:>{value_width}}" for label, value in rows),
        "",
        _("To break even, this time must bring {month} of revenue a month, {year} a year.").format(
            month=fmt.amount(plan.break_even_per_month, plan.currency),
            year=fmt.amount(plan.break_even_per_year, plan.currency),
        ),
    ]
    return "\n".join(lines) + "\n"


def _write(chunks: Iterable[str], output: str | None) -> None:
    """Write the pieces of a report to the terminal, or to ``output``."""
    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    try:
        folder = os.path.dirname(os.path.abspath(output))
        os.makedirs(folder, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="\n") as file:
            file.writelines(chunks)
    except OSError as exc:
        raise UsageProblem(
            _("cannot write to {path}: {reason}").format(path=output, reason=exc.strerror or exc)
        ) from None


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
