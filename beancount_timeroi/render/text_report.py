"""The terminal report: aligned tables, totals, ROI as a percentage, then
errors and failed checks."""

from __future__ import annotations

from beancount_timeroi.i18n import _, translate
from beancount_timeroi.render import tables
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Report


def table_text(table: tables.Table, fmt: Formatter) -> list[str]:
    """A table as lines of text, numbers right-aligned, with a rule above the totals."""
    header = [column.label for column in table.columns]
    body = table.human(fmt)
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(width) if column.numeric else cell.ljust(width)
            for cell, width, column in zip(cells, widths, table.columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [table.title, line(header), line(["-" * width for width in widths])]
    lines.extend(line(cells) for cells in body[: len(table.rows)])
    if table.footer:
        lines.append(line(["-" * width for width in widths]))
        lines.extend(line(cells) for cells in body[len(table.rows) :])
    return lines


def render(report: Report, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter(currency=report.currency)
    out: list[str] = []
    heading = _("Social-media ROI")
    out.append(f"{heading} — {report.title}" if report.title else heading)
    out.append(tables.subtitle(report, fmt))
    out.append("")
    if not report.channels:
        out.append(_("No channel has hours, costs or revenue in this period."))
        out.append("")
    else:
        out.extend(table_text(tables.cost_and_return(report), fmt))
        out.append("")
        out.extend(table_text(tables.per_hour_and_client(report), fmt))
        out.append("")
    out.append(
        _("Unattributed revenue: {amount}").format(
            amount=fmt.amount(report.unattributed_revenue, report.currency)
        )
    )
    out.append(
        _("Total revenue: {amount}").format(
            amount=fmt.amount(report.total_revenue, report.currency)
        )
    )
    not_money = tables.not_money_note(report, fmt)
    if not_money:
        out.append(not_money)
    notes = tables.flag_notes(report, fmt)
    if notes:
        out.append("")
        out.append(_("! The time would have earned more billed, or the channel lost money:"))
        out.extend(f"  {note}" for note in notes)
    comparison = tables.model_comparison(report)
    for table in comparison:
        out.append("")
        out.extend(table_text(table, fmt))
    if comparison:
        out.append(_("* the model in use; only income tied to clients' touches changes with it."))
    for table in (tables.activities(report), tables.people(report), tables.months(report)):
        if table.rows:
            out.append("")
            out.extend(table_text(table, fmt))
    out.append("")
    failed = report.failed_checks
    if failed:
        out.append(_("Failed checks:"))
        out.extend(f"  {tables.check_line(check)}" for check in failed)
    elif report.checks:
        out.append(
            _("Checks: all {count} pass ({names}).").format(
                count=len(report.checks), names=", ".join(check.name for check in report.checks)
            )
        )
    if report.errors:
        out.append("")
        out.append(_("Errors ({count}):").format(count=len(report.errors)))
        out.extend(
            f"  {error.location.file}:{error.location.line}: {translate(error.message)}"
            for error in report.errors
        )
    return "\n".join(out) + "\n"
