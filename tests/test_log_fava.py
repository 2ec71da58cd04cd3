"""SPEC 12.2: the Log time endpoint of the Fava page, through Fava's test client.

Every write is compared byte for byte with the file before it: the directive
appended after a blank line (or nothing at all for a refused entry).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app
from flask.testing import FlaskClient

LEDGER = """\
option "title" "Test Books"
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"
2020-01-01 custom "fava-extension" "beancount_timeroi.fava"
2024-01-01 open Assets:Bank
{extra}
2025-02-01 custom "time" "linkedin" "1h30"          ; 90.00 at 60
"""
CONFIG = "{rate: 60, people: {alex: 30}, channels: {linkedin: {name: LinkedIn}, blog: {}}}"
LOG = "/test-books/extension/TimeRoi/log"
SAME_SITE = {"Origin": "http://localhost"}


def books_with(tmp_path: Path, config: str = CONFIG, extra: str = "") -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER.replace("{config}", config).replace("{extra}", extra), encoding="utf-8")
    return path


def client_for(path: Path, read_only: bool = False) -> FlaskClient:
    app = create_app([str(path)], load=True, read_only=read_only)
    app.testing = True
    return app.test_client()


def put(client: FlaskClient, body: Any, headers: dict[str, str] | None = None) -> Any:
    response = client.put(LOG, json=body, headers=SAME_SITE if headers is None else headers)
    return response.status_code, response.get_json()


def hours_of(client: FlaskClient, time: str = "2025") -> str:
    answer = json.loads(client.get(f"/test-books/extension/TimeRoi/report?time={time}").data)
    hours: str = answer["totals"]["hours"]
    return hours


def test_a_put_writes_the_directive_and_the_report_counts_it(tmp_path: Path) -> None:
    books = books_with(tmp_path)
    before = books.read_bytes()
    client = client_for(books)
    assert hours_of(client) == "1.50"
    status, answer = put(
        client,
        {
            "date": "2025-03-02",
            "channel": "blog",
            "duration": "45m",
            "description": "Draft: pricing",
            "activity": "writing",
            "who": "alex",
        },
    )
    directive = (
        '2025-03-02 custom "time" "blog" "0h45" "Draft: pricing"\n'
        '  activity: "writing"\n'
        '  who: "alex"\n'
    )
    assert (status, answer) == (
        200,
        {"ok": True, "file": "books.beancount", "line": 9, "entry": directive},
    )
    assert books.read_bytes() == before + b"\n" + directive.encode()
    # 1.50 h + 0.75 h; alex's 0.75 h at 30.00 is 22.50.
    assert hours_of(client) == "2.25"


def test_only_channel_and_duration_are_needed(tmp_path: Path) -> None:
    import datetime

    books = books_with(tmp_path)
    client = client_for(books)
    status, answer = put(client, {"channel": "linkedin", "duration": "1.5"})
    assert status == 200, answer
    today = datetime.date.today().isoformat()
    assert answer["entry"] == f'{today} custom "time" "linkedin" "1h30"\n'


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"channel": "linkdin", "duration": "1h75"},
            [
                {
                    "field": "channel",
                    "message": "unknown channel 'linkdin'; did you mean 'linkedin'?",
                },
                {
                    "field": "duration",
                    "message": '"1h75" is not a duration: the minutes must be two digits under 60 (write "2h15")',
                },
            ],
        ),
        (
            {"channel": "blog", "duration": "25h"},
            [
                {
                    "field": "duration",
                    "message": 'a duration can be at most 24 hours, got "25h"; split longer work over several days',
                }
            ],
        ),
        (
            {"channel": "blog", "duration": "0"},
            [{"field": "duration", "message": 'a duration must be more than zero, got "0"'}],
        ),
        (
            {"channel": "blog"},
            [{"field": "duration", "message": "this field is needed"}],
        ),
        (
            {"channel": "blog", "duration": "1h", "date": "02/03/2025"},
            [{"field": "date", "message": "expected a date like 2025-03-02"}],
        ),
        (
            {"channel": "blog", "duration": 2},
            [{"field": "duration", "message": "expected text, got 2"}],
        ),
        (
            {"channel": "blog", "duration": "1h", "content": "not a slug"},
            [
                {
                    "field": "content",
                    "message": "'not a slug' is not a content name: use lowercase letters, digits, '-' and '_', like not-a-slug",
                }
            ],
        ),
        (["not", "an", "object"], [{"field": None, "message": "send the entry as a JSON object"}]),
    ],
)
def test_a_bad_entry_is_refused_with_its_fields_and_nothing_is_written(
    tmp_path: Path, body: Any, errors: list[dict[str, Any]]
) -> None:
    books = books_with(tmp_path)
    before = books.read_bytes()
    assert put(client_for(books), body) == (400, {"ok": False, "errors": errors})
    assert books.read_bytes() == before


def test_no_rate_for_the_person_is_refused(tmp_path: Path) -> None:
    books = books_with(tmp_path)
    before = books.read_bytes()
    status, answer = put(client_for(books), {"channel": "blog", "duration": "1h", "who": "zoe"})
    assert status == 400
    assert [error["field"] for error in answer["errors"]] == ["who"]
    assert answer["errors"][0]["message"].startswith("unknown person 'zoe'")
    assert books.read_bytes() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://localhost:8080"},  # another port is another site
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
    ],
)
def test_a_request_from_another_site_is_refused(tmp_path: Path, headers: dict[str, str]) -> None:
    books = books_with(tmp_path)
    before = books.read_bytes()
    status, answer = put(client_for(books), {"channel": "blog", "duration": "1h"}, headers)
    assert status == 403
    assert answer["errors"][0]["message"].startswith("this request comes from another site")
    assert books.read_bytes() == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://localhost"},
        {"Referer": "http://localhost/test-books/extension/TimeRoi/"},
    ],
)
def test_a_request_from_this_site_or_a_script_is_let_through(
    tmp_path: Path, headers: dict[str, str]
) -> None:
    books = books_with(tmp_path)
    assert put(client_for(books), {"channel": "blog", "duration": "1h"}, headers)[0] == 200


def test_read_only_fava_and_a_get_write_nothing(tmp_path: Path) -> None:
    books = books_with(tmp_path)
    before = books.read_bytes()
    response = client_for(books, read_only=True).put(
        LOG, json={"channel": "blog", "duration": "1h"}, headers=SAME_SITE
    )
    assert response.status_code == 401
    assert client_for(books).get(LOG + "?channel=blog&duration=1h").status_code in (404, 405)
    assert books.read_bytes() == before


def test_the_configs_log_file_receives_the_entry(tmp_path: Path) -> None:
    (tmp_path / "time.beancount").write_text("; time\n", encoding="utf-8")
    books = books_with(tmp_path, "{rate: 60, log_file: time.beancount}", 'include "time.beancount"')
    before = books.read_bytes()
    status, answer = put(
        client_for(books), {"date": "2025-03-02", "channel": "blog", "duration": "1h"}
    )
    assert (status, answer["file"], answer["line"]) == (200, "time.beancount", 3)
    assert books.read_bytes() == before
    assert (tmp_path / "time.beancount").read_text(encoding="utf-8") == (
        '; time\n\n2025-03-02 custom "time" "blog" "1h00"\n'
    )


def test_favas_default_file_option_is_followed(tmp_path: Path) -> None:
    (tmp_path / "new.beancount").write_text("", encoding="utf-8")
    books = books_with(
        tmp_path,
        extra='include "new.beancount"\n2020-01-01 custom "fava-option" "default-file" '
        '"new.beancount"',
    )
    status, answer = put(
        client_for(books), {"date": "2025-03-02", "channel": "blog", "duration": "1h"}
    )
    assert (status, answer["file"], answer["line"]) == (200, "new.beancount", 1)
    assert (tmp_path / "new.beancount").read_text(encoding="utf-8") == (
        '2025-03-02 custom "time" "blog" "1h00"\n'
    )


def test_an_entry_that_breaks_the_ledger_is_put_back(tmp_path: Path) -> None:
    books = books_with(tmp_path, extra="2025-12-31 balance Expenses:Marketing:Time:Blog 0 CAD")
    before = books.read_bytes()
    client = client_for(books)
    status, answer = put(client, {"date": "2025-06-01", "channel": "blog", "duration": "1h"})
    assert status == 400
    (error,) = answer["errors"]
    assert error["field"] is None
    assert error["message"].startswith(
        "with this entry the ledger has a new error, so nothing was written: books.beancount:"
    )
    assert "Balance failed for 'Expenses:Marketing:Time:Blog'" in error["message"]
    assert books.read_bytes() == before
    assert hours_of(client) == "1.50"


def test_two_writes_at_once_both_land(tmp_path: Path) -> None:
    books = books_with(tmp_path)
    client = client_for(books)
    answers: list[Any] = []

    def send(channel: str) -> None:
        answers.append(put(client, {"date": "2025-03-02", "channel": channel, "duration": "1h"}))

    threads = [threading.Thread(target=send, args=(channel,)) for channel in ("blog", "linkedin")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _answer in answers) == [200, 200]
    text = books.read_text(encoding="utf-8")
    assert sorted(line for line in text.splitlines() if line.startswith("2025-03-02")) == [
        '2025-03-02 custom "time" "blog" "1h00"',
        '2025-03-02 custom "time" "linkedin" "1h00"',
    ]
    assert hours_of(client) == "3.50"


def test_the_duration_endpoint_reads_as_the_plugin_does(tmp_path: Path) -> None:
    client = client_for(books_with(tmp_path))
    answer = client.get("/test-books/extension/TimeRoi/duration?value=1h20").get_json()
    # 1 h 20 min = 4/3 h: 1.33 shown, 80 minutes.
    assert answer == {"ok": True, "hours": "1.33", "text": "1.33", "minutes": "80.00"}
    refused = client.get("/test-books/extension/TimeRoi/duration?value=1:75").get_json()
    assert refused == {
        "ok": False,
        "message": '"1:75" is not a duration: the minutes must be two digits under 60 (write "2h15")',
    }


def test_the_page_has_the_form_with_the_ledgers_channels(tmp_path: Path) -> None:
    page = (
        client_for(books_with(tmp_path))
        .get("/test-books/extension/TimeRoi/")
        .get_data(as_text=True)
    )
    assert '<form id="timeroi-log-form"' in page
    assert '<option value="blog">blog</option><option value="linkedin">LinkedIn</option>' in page
    assert (
        '<datalist id="timeroi-people"><option value="alex"></option><option value="owner">' in page
    )


def test_the_errors_are_in_favas_language(tmp_path: Path) -> None:
    books = books_with(tmp_path)
    (tmp_path / "books.beancount").write_text(
        books.read_text(encoding="utf-8") + '2020-01-01 custom "fava-option" "language" "fr"\n',
        encoding="utf-8",
    )
    status, answer = put(client_for(books), {"channel": "linkdin", "duration": "1h"})
    assert status == 400
    assert (
        answer["errors"][0]["message"]
        == "le canal 'linkdin' est inconnu; vouliez-vous dire 'linkedin'?"
    )
