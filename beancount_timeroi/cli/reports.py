"""The reports: ``report``, ``plan`` and the accountant's ``yearend`` pack."""

from __future__ import annotations

import datetime
import importlib
import os
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from beancount_timeroi.cli.base import (
    IsoDate,
    PositiveDecimal,
    UsageProblem,
    Year,
    language_option,
    ledger_language,
    load,
    main,
    option,
)
from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.engine import build_report
from beancount_timeroi.i18n import N_, _, n_, use_language
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.names import SLUG_RE
from beancount_timeroi.periods import COMPARE_USAGE, compared_period, default_period, year_period
from beancount_timeroi.plan import Plan
from beancount_timeroi.render import csv_report, json_report
from beancount_timeroi.report import Period, Report

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.render.formatting import Formatter


FORMATS = ("text", "md", "csv", "html", "json")


def renderer(output_format: str) -> Callable[[Report], str]:
    """The renderer of a format, imported when it is used (HTML needs Jinja2, text Babel)."""
    module = importlib.import_module(f"beancount_timeroi.render.{output_format}_report")
    render: Callable[[Report], str] = module.summary if output_format == "csv" else module.render
    return render


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
@option(
    "--compare",
    metavar="PERIOD",
    help=N_(
        "Put another period's figures beside this one's, with the change: previous (as "
        "many days just before), last-year, a year (2024), a month (2024-03) or "
        "FROM..TO (2024-01-01..2024-03-31)."
    ),
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
    compare: str | None,
) -> None:
    if year is not None and (start or end):
        raise UsageProblem(_("use either --year or --from/--to, not both"))
    loaded = load(ledger)
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
    other = None
    if compare is not None:
        # Checked even for a ledger with no date to compare from (a day stands in).
        base = period or default_period(loaded.entries)
        other = compared_period(
            compare, base or Period(datetime.date(2000, 1, 1), datetime.date(2000, 1, 1))
        )
        if other is None:
            raise UsageProblem(
                _("--compare: expected {usage}, got {got}").format(usage=COMPARE_USAGE, got=compare)
            )
        if base is None:
            other = None
    with use_language(ledger_language(loaded)):
        _report(loaded, period, model, (compare_models, other), output_format, output)


def _report(
    loaded: Ledger,
    period: Period | None,
    model: str | None,
    compare: tuple[bool, Period | None],
    output_format: str,
    output: str | None,
) -> None:
    models, other = compare
    result = build_report(loaded, period, model=model, compare_models=models, compare=other)
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
@option(
    "--channel",
    default="*",
    show_default=True,
    metavar="CHANNEL",
    help=N_('The channel of the budget line printed ("*": all channels together).'),
)
@language_option
def plan(
    hours_per_day: Decimal,
    days_per_week: Decimal,
    rate: Decimal,
    currency: str | None,
    channel: str,
) -> None:
    from beancount_timeroi.render.formatting import Formatter

    fmt = Formatter(currency=currency)
    days = int(days_per_week) if days_per_week == int(days_per_week) else 2
    habit = n_(
        "{hours} h a day, {days} day a week", "{hours} h a day, {days} days a week", days
    ).format(hours=fmt.number(hours_per_day), days=fmt.number(days_per_week))
    if channel != "*" and not SLUG_RE.fullmatch(channel):
        raise UsageProblem(
            _('--channel: expected a channel name like linkedin, or "*", got {got}').format(
                got=channel
            )
        )
    plan = Plan.daily(hours_per_day, days_per_week, rate, currency)
    click.echo(render_plan(plan, habit, fmt), nl=False)
    click.echo(
        "\n"
        + _("As a budget in your ledger (bean-timeroi report shows what it used):")
        + "\n  "
        + budget_line(datetime.date.today(), channel, hours_per_day * days_per_week)
    )


def budget_line(day: datetime.date, channel: str, hours_per_week: Decimal) -> str:
    """The ``time-budget`` directive of a weekly habit (SPEC 14)."""
    from beancount_timeroi.logtime import ledger_string

    hours = f"{hours_per_week.normalize():f}"
    return f'{day.isoformat()} custom "time-budget" {ledger_string(channel)} {hours} "weekly"'


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


@main.command(
    help=N_(
        "Write the accountant's year-end pack of LEDGER into DIR.\n"
        "\n"
        "\b\n"
        "One folder to file:\n"
        "  roi-YYYY.html   the printable report, schedules included\n"
        "  roi-YYYY.xlsx   the workbook: Summary (the prior year beside each\n"
        "                  figure), Months, Time log, Rates, Attribution,\n"
        "                  Unattributed, Cash costs, Checks, Content\n"
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
    except pack.PackError as exc:
        raise UsageProblem(str(exc)) from None
    loaded = load(ledger)
    with use_language(ledger_language(loaded)):
        _yearend(loaded, year, output, force)


def _yearend(loaded: Ledger, year: int, output: str, force: bool) -> None:
    from beancount_timeroi import yearend as pack

    result = build_report(loaded, year_period(year), compare=year_period(year - 1))
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
