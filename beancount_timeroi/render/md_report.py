"""The report as Markdown tables, for a README or a wiki.

Ledger text (payees, narrations, channel names) is escaped so that it stays
text: no link, emphasis or HTML from the ledger becomes markup.
"""

from __future__ import annotations

import re

from beancount_timeroi.i18n import _
from beancount_timeroi.render import groupings, views
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Report

_INLINE = re.compile(r"([\\`*_\[\]<>|&~@])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data)(:)")
_WWW = re.compile(r"(?i)\b(www)\.")
_ORDERED = re.compile(r"^(\d+)([.)])")
_BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # white space but the no-break spaces


def escape(text: str) -> str:
    """``text`` as literal Markdown: no emphasis, link, autolink, HTML, table cell
    break or block marker from it takes effect; line breaks become spaces (no-break
    spaces stay: French writes 1 234,56 with them)."""
    text = _INLINE.sub(r"\\\1", _BREAKS.sub(" ", text).strip(" "))
    text = _WWW.sub(r"\1\\.", _SCHEME.sub(r"\1\\:", text))
    if text[:1] in ("#", ">", "+", "-", "="):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def table_md(table: views.Table, fmt: Formatter) -> list[str]:
    view = views.table_view(table, fmt)
    header = [escape(label) for label, _numeric in view.headers]
    align = ["---:" if numeric else ":---" for _label, numeric in view.headers]
    lines = [f"### {escape(view.title)}", "", _row(header), _row(align)]
    for row in view.rows:
        lines.append(_row(_cells(row)))
    for row in view.footer:  # totals in bold
        lines.append(_row([f"**{cell}**" if cell else cell for cell in _cells(row)]))
    return lines


def _cells(row: views.Row) -> list[str]:
    return [cell.text if cell.numeric else escape(cell.text) for cell in row.cells]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _groupings(report: Report, fmt: Formatter) -> list[str]:
    """The budgets, the comparison with another period and the contents."""
    out: list[str] = []
    for block in groupings.blocks(report, fmt):
        if isinstance(block, groupings.Notes):
            out += ["", escape(block.title), ""]
            out.extend("- " + escape(line) for line in block.lines)
        elif isinstance(block, groupings.Heading):
            out += ["", "## " + escape(block.text)]
        else:
            out.append("")
            out.extend(table_md(block, fmt))
    return out


def render(report: Report, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter(currency=report.currency)
    heading = _("Social-media ROI")
    out = [f"# {escape(heading)}" + (f" — {escape(report.title)}" if report.title else ""), ""]
    out.append(escape(views.subtitle(report, fmt)))
    out.append("")
    if report.channels:
        out.extend(table_md(views.cost_and_return(report), fmt))
        out.append("")
        out.extend(table_md(views.per_hour_and_client(report), fmt))
        out.append("")
    else:
        out += [escape(_("No channel has hours, costs or revenue in this period.")), ""]
    out.extend("- " + escape(line) for line in views.revenue_lines(report, fmt))
    notes = views.flag_notes(report, fmt)
    if notes:
        out.append("")
        out.append(
            escape(_("! The time would have earned more billed, or the channel lost money:"))
        )
        out.append("")
        out.extend("- " + escape(note) for note in notes)
    out.extend(_groupings(report, fmt))
    comparison = views.model_comparison(report)
    for table in comparison:
        out.append("")
        out.extend(table_md(table, fmt))
    if comparison:
        out += [
            "",
            escape(_("* the model in use; only income tied to clients' touches changes with it.")),
        ]
    for table in (
        views.activities(report),
        views.people(report),
        views.months(report),
        views.checks(report),
    ):
        if table.rows:
            out.append("")
            out.extend(table_md(table, fmt))
    if report.errors:
        out += ["", "### " + escape(_("Errors ({count})").format(count=len(report.errors))), ""]
        out.extend(
            "- " + escape(f"{error.file}:{error.line}: {error.message}")
            for error in views.error_views(report, fmt)
        )
    return "\n".join(out) + "\n"
