"""SPEC 13 on the Fava page: the content table, its links to the journal, the endpoint."""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from fava.application import create_app
from flask.testing import FlaskClient
from test_contents import LEDGER

from beancount_timeroi.cli import main

BOOKS = 'option "title" "Content Books"\n' + LEDGER.replace(
    "2024-01-01 open Assets:Bank",
    '2020-01-01 custom "fava-extension" "beancount_timeroi.fava"\n2024-01-01 open Assets:Bank',
    1,
)
PAGE = "/content-books/extension/TimeRoi/?time=2025"


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(BOOKS, encoding="utf-8")
    return path


@pytest.fixture
def client(books: Path) -> FlaskClient:
    app = create_app([str(books)], load=True)
    app.testing = True
    return app.test_client()


def content_links(client: FlaskClient) -> dict[str, str]:
    """The page's content rows that link somewhere: their text, and the link."""
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    table = page.split("<h3>Content</h3>", 1)[1].split("</table>", 1)[0]
    return {
        html.unescape(text): html.unescape(href)
        for href, text in re.findall(r'<td><a href="([^"]+)"[^>]*>([^<]+)</a></td>', table)
    }


def test_the_page_has_a_content_table_linking_each_content(client: FlaskClient) -> None:
    links = content_links(client)
    # The contents with hours, cost or revenue in 2025 (the one written in 2025 and
    # published in 2026 too), by slug; the no-content row has no link.
    assert list(links) == [
        "Accessible forms: a checklist",
        "Colour contrast",
        "Next year's post",
    ]
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "(no content)" in page and "This content's entries in the journal" in page
    # The launch video, declared in 2025 with nothing in it, is only counted.
    assert (
        "1 other declared content has no hours, cost or revenue in this period "
        "(the reports list it)." in page
    )


def journal(client: FlaskClient, link: str) -> list[str]:
    """The narrations, or types, of the journal entries a link of the page shows."""
    parts = urllib.parse.urlsplit(link)
    assert parts.path == "/content-books/journal/"
    response = client.get(f"/content-books/api/journal?{parts.query}")
    assert response.status_code == 200
    entries = json.loads(response.get_data(as_text=True))["data"]
    return sorted(entry.get("narration") or entry["t"] for entry in entries)


def test_a_content_links_to_its_entries_in_the_journal(client: FlaskClient) -> None:
    links = content_links(client)
    # The checklist: the transactions generated from its three time entries, the boost
    # that names it; its three time entries and its three touches (Acme's two, Beta's
    # one: custom entries); not the entry that misspells it.
    assert journal(client, links["Accessible forms: a checklist"]) == sorted(
        ["Draft", "Layout", "Shared it", "Boost the checklist"] + ["Custom"] * 6
    )
    # Colour contrast: its time entry and its transaction, the workshop that names it on
    # the transaction, and Gamma's invoice that names it on a posting.
    assert journal(client, links["Colour contrast"]) == sorted(
        ["Custom", "Issue about contrast", "Workshop", "Two things"]
    )
    # The link keeps the page's period.
    assert "time=2025" in links["Colour contrast"]


def test_the_endpoint_has_the_contents_of_the_cli(client: FlaskClient, books: Path) -> None:
    response = client.get("/content-books/extension/TimeRoi/report?time=2025")
    page = json.loads(response.get_data(as_text=True))
    result = CliRunner().invoke(main, ["report", str(books), "--year", "2025", "--format", "json"])
    cli = json.loads(result.stdout)
    assert page["contents"] == cli["contents"]
    assert page["contents_totals"] == cli["contents_totals"]
    assert [row["content"] for row in page["contents"]] == [
        "accessible-forms",
        "color-contrast",
        "future-post",
        "launch-video",
        None,
    ]
