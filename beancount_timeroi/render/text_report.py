"""The terminal report: aligned tables, totals, ROI as a percentage, then
errors and failed checks."""

from __future__ import annotations

from beancount_timeroi.i18n import _
from beancount_timeroi.render import groupings, views
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Report


def table_text(table: views.Table, fmt: Formatter) -> list[str]:
    """A table as lines of text, numbers right-aligned, with a rule above the totals."""
    view = views.table_view(table, fmt)
    header = [label for label, _numeric in view.headers]
    rows = [[cell.text for cell in row.cells] for row in view.rows]
    footer = [[cell.text for cell in row.cells] for row in view.footer]
    widths = [
        max(len(cell) for cell in column) for column in zip(header, *rows, *footer, strict=True)
    ]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(width) if numeric else cell.ljust(width)
            for cell, width, (_label, numeric) in zip(cells, widths, view.headers, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [view.title, line(header), line(["-" * width for width in widths])]
    lines.extend(line(cells) for cells in rows)
    if footer:
        lines.append(line(["-" * width for width in widths]))
        lines.extend(line(cells) for cells in footer)
    return lines


def _groupings(report: Report, fmt: Formatter) -> list[str]:
    """The budgets, the comparison with another period and the contents."""
    out: list[str] = []
    for block in groupings.blocks(report, fmt):
        if isinstance(block, groupings.Notes):
            out.append(block.title)
            out.extend(f"  {line}" for line in block.lines)
        elif isinstance(block, groupings.Heading):
            out += ["", block.text]
        else:
            out.append("")
            out.extend(table_text(block, fmt))
    return out


def render(report: Report, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter(currency=report.currency)
    out: list[str] = []
    heading = _("Social-media ROI")
    out.append(f"{heading} — {report.title}" if report.title else heading)
    out.append(views.subtitle(report, fmt))
    out.append("")
    if not report.channels:
        out.append(_("No channel has hours, costs or revenue in this period."))
        out.append("")
    else:
        out.extend(table_text(views.cost_and_return(report), fmt))
        out.append("")
        out.extend(table_text(views.per_hour_and_client(report), fmt))
        out.append("")
    out.extend(views.revenue_lines(report, fmt))
    notes = views.flag_notes(report, fmt)
    if notes:
        out.append("")
        out.append(_("! The time would have earned more billed, or the channel lost money:"))
        out.extend(f"  {note}" for note in notes)
    out.extend(_groupings(report, fmt))
    comparison = views.model_comparison(report)
    for table in comparison:
        out.append("")
        out.extend(table_text(table, fmt))
    if comparison:
        out.append(_("* the model in use; only income tied to clients' touches changes with it."))
    for table in (views.activities(report), views.people(report), views.months(report)):
        if table.rows:
            out.append("")
            out.extend(table_text(table, fmt))
    out.append("")
    failed = [check for check in views.check_views(report, fmt) if not check.ok]
    if failed:
        out.append(_("Failed checks:"))
        out.extend(f"  {views.check_line(check)}" for check in failed)
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
            f"  {error.file}:{error.line}: {error.message}"
            for error in views.error_views(report, fmt)
        )
    return "\n".join(out) + "\n"
