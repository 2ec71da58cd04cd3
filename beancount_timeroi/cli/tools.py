"""Getting data in: ``import`` a time tracker's export, and ``example`` ledgers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from beancount_timeroi.cli.base import UsageProblem, main, option
from beancount_timeroi.example import SCENARIOS, scenario_books, write_books
from beancount_timeroi.i18n import N_, _


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
