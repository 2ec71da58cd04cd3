"""SPEC 6: the Fava extension, through Fava's test client."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fava.application import create_app
from flask.testing import FlaskClient
from markupsafe import escape

from beancount_timeroi.cli import main
from beancount_timeroi.i18n import _, use_language

LEDGER = """\
option "title" "Test Books"
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 60, channels: {linkedin: {name: LinkedIn}, blog: {}}}"
2020-01-01 custom "fava-extension" "beancount_timeroi.fava"
2024-01-01 open Assets:Bank
2024-01-01 open Income:Design
2024-01-01 open Expenses:Ads

2024-06-01 custom "time" "linkedin" 2               ; 2 h x 60 = 120.00
2024-06-02 * "Old Client" "2024 job" #linkedin
  Assets:Bank    300.00 CAD
  Income:Design

2025-02-01 custom "time" "linkedin" "1h30"          ; 90.00
2025-02-02 custom "time" "blog" 45 MIN              ; 45.00
2025-02-03 * "Acme" "Site" #linkedin
  Assets:Bank   1000.00 CAD
  Income:Design
2025-02-04 * "Beta" "Post" #blog
  Assets:Bank    400.00 CAD
  Income:Design
2025-02-05 * "Shop" "Boost" #blog
  Expenses:Ads    25.00 CAD
  Assets:Bank
2025-02-06 * "<script>alert(1)</script>" "<img src=x onerror=alert(2)>"
  Assets:Bank     50.00 CAD
  Income:Design
"""

PAGE = "/test-books/extension/TimeRoi/"
ENDPOINT = "/test-books/extension/TimeRoi/report"


def client_for(path: Path) -> FlaskClient:
    app = create_app([str(path)], load=True)
    app.testing = True
    return app.test_client()


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER, encoding="utf-8")
    return path


@pytest.fixture
def client(books: Path) -> FlaskClient:
    return client_for(books)


def page_text(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def cli_json(path: Path, *args: str) -> bytes:
    result = CliRunner().invoke(main, ["report", str(path), *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.stdout_bytes


def test_the_extension_is_loaded_with_its_title(client: FlaskClient) -> None:
    html = page_text(client, "/test-books/income_statement/")
    found = re.search(
        r'<script type="application/json" id="ledger-data">(.*?)</script>', html, re.DOTALL
    )
    assert found is not None
    ledger_data = json.loads(found.group(1))
    extensions = ledger_data["extensions"]
    assert [(e["name"], e["report_title"]) for e in extensions] == [("TimeRoi", "Social-media ROI")]


def test_page_for_2025(client: FlaskClient) -> None:
    html = page_text(client, PAGE + "?time=2025")
    # LinkedIn: 1.5 h x 60 = 90.00, revenue 1000.00, net 910.00, ROI 910/90 = 10.1111.
    # blog: 0.75 h x 60 = 45.00 + 25.00 ads = 70.00, revenue 400.00, ROI 330/70 = 4.7143.
    # Totals: 2.25 h, cost 160.00, revenue 1400.00, net 1240.00, ROI 7.75; 50.00 unattributed.
    for figure in (
        "1,011.11%",
        "910.00",
        "471.43%",
        "330.00",
        "2.25",
        "$160.00",
        "$1,400.00",
        "$1,240.00",
        "775.00%",
        "$50.00",
    ):
        assert figure in html, figure
    assert "2025-01-01 to 2025-12-31" in html
    # Channels link to the journal filtered on their tag, keeping the period.
    assert 'href="/test-books/journal/?filter=%23linkedin&amp;time=2025"' in html
    assert 'href="/test-books/journal/?filter=%23blog&amp;time=2025"' in html
    assert html.count("<svg") == 2


def test_page_for_2024(client: FlaskClient) -> None:
    html = page_text(client, PAGE + "?time=2024")
    # 2 h x 60 = 120.00; revenue 300.00; ROI 180/120 = 1.5.
    assert "2024-01-01 to 2024-12-31" in html
    assert "150.00%" in html and "$120.00" in html and "$300.00" in html


@pytest.mark.parametrize("time", ["2025", "2024", "2025-02"])
def test_endpoint_equals_the_cli(client: FlaskClient, books: Path, time: str) -> None:
    response = client.get(ENDPOINT + f"?time={time}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    if time.count("-"):
        expected = cli_json(books, "--from", "2025-02-01", "--to", "2025-02-28")
    else:
        expected = cli_json(books, "--year", time)
    assert response.get_data() == expected


def test_a_tag_filter_narrows_time_and_income(client: FlaskClient) -> None:
    data = client.get(ENDPOINT + "?time=2025&filter=%23linkedin").get_json()
    rows = {row["channel"]: row for row in data["channels"]}
    # Only #linkedin transactions: LinkedIn's generated time (90.00) and Acme (1000.00).
    assert (rows["linkedin"]["time_cost"], rows["linkedin"]["revenue"]) == ("90.00", "1000.00")
    assert (rows["blog"]["cost"], rows["blog"]["revenue"]) == ("0.00", "0.00")
    assert (data["unattributed_revenue"], data["total_revenue"]) == ("0.00", "1000.00")


def test_an_account_filter_keeps_the_transactions_touching_it(client: FlaskClient) -> None:
    data = client.get(ENDPOINT + "?time=2025&account=Expenses:Marketing:Time:LinkedIn").get_json()
    totals = data["totals"]
    assert (totals["hours"], totals["time_cost"], totals["revenue"]) == ("1.50", "90.00", "0.00")


def test_hostile_ledger_text_stays_text(client: FlaskClient) -> None:
    html = page_text(client, PAGE + "?time=2025")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unattributed_income_links_to_its_transaction_and_line(
    client: FlaskClient, books: Path
) -> None:
    html = page_text(client, PAGE + "?time=2025")
    line = (
        LEDGER.splitlines().index(
            '2025-02-06 * "<script>alert(1)</script>" "<img src=x onerror=alert(2)>"'
        )
        + 1
    )
    assert re.search(r'href="#context-[0-9a-f]{32}"', html)
    assert f'href="/test-books/editor/?file_path={books}&amp;line={line}&amp;time=2025"' in html


def test_errors_are_listed_with_links(books: Path) -> None:
    books.write_text(LEDGER + '2025-03-01 custom "time" "linkdin" 1\n', encoding="utf-8")
    client = client_for(books)
    html = page_text(client, PAGE + "?time=2025")
    line = len(LEDGER.splitlines()) + 1
    assert "unknown channel &#39;linkdin&#39;; did you mean &#39;linkedin&#39;?" in html
    assert f"books.beancount:{line}</a>" in html
    data = client.get(ENDPOINT + "?time=2025").get_json()
    assert [e["line"] for e in data["errors"]] == [line]


def test_empty_ledger(tmp_path: Path) -> None:
    path = tmp_path / "empty.beancount"
    path.write_text(
        'option "title" "Empty"\nplugin "beancount_timeroi"\n'
        '2020-01-01 custom "fava-extension" "beancount_timeroi.fava"\n'
    )
    client = client_for(path)
    html = page_text(client, "/empty/extension/TimeRoi/")
    assert "No channel has hours, costs or revenue in this period." in html
    data = client.get("/empty/extension/TimeRoi/report").get_json()
    assert (data["channels"], data["totals"]["revenue"], data["errors"]) == ([], "0.00", [])


def test_endpoint_errors_are_json(client: FlaskClient) -> None:
    response = client.get(ENDPOINT + "?time=not-a-date")
    assert response.status_code == 400
    assert response.get_json() == {"error": "Failed to parse date: not-a-date"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_no_write_endpoint(client: FlaskClient, method: str) -> None:
    assert getattr(client, method)(ENDPOINT).status_code == 404


def test_the_endpoint_takes_no_file_path(client: FlaskClient) -> None:
    plain = client.get(ENDPOINT + "?time=2025").get_data()
    for extra in ("&file_path=/etc/passwd", "&filename=../../etc/passwd", "&ledger=/tmp/x"):
        assert client.get(ENDPOINT + "?time=2025" + extra).get_data() == plain


def test_reports_are_cached_per_filter_and_dropped_on_reload(client: FlaskClient) -> None:
    from fava.context import g  # noqa: F401 - the extension reads it during requests

    first = client.get(ENDPOINT + "?time=2025").get_data()
    assert client.get(ENDPOINT + "?time=2025").get_data() == first
    assert client.get(ENDPOINT + "?time=2024").get_data() != first


def test_the_model_parameter_switches_the_page_and_the_endpoint(books: Path) -> None:
    books.write_text(
        LEDGER + '2025-01-01 custom "touch" "Gamma" "blog"\n'
        '2025-01-15 custom "touch" "Gamma" "linkedin"\n'
        '2025-02-10 * "Gamma" "Job"\n  Assets:Bank  80.00 CAD\n'
        "  Income:Design\n",
        encoding="utf-8",
    )
    client = client_for(books)
    html = page_text(client, PAGE + "?time=2025&model=last-touch")
    assert "This page uses the model <strong>last-touch</strong>" in html
    assert "last-touch *" in html
    # Gamma's 80.00 goes to the blog (first touch) by default, to LinkedIn (last) here.
    default = client.get(ENDPOINT + "?time=2025").get_json()
    last = client.get(ENDPOINT + "?time=2025&model=last-touch").get_json()
    assert {r["channel"]: r["revenue"] for r in default["channels"]} == {
        "blog": "480.00",
        "linkedin": "1000.00",
    }
    assert {r["channel"]: r["revenue"] for r in last["channels"]} == {
        "blog": "400.00",
        "linkedin": "1080.00",
    }
    compared = client.get(ENDPOINT + "?time=2025&compare_models").get_json()
    assert len(compared["models"]) == 2 * 5
    response = client.get(ENDPOINT + "?model=last-click")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("unknown attribution model 'last-click'")
    assert "unknown attribution model" in page_text(client, PAGE + "?model=last-click")


# -- French (SPEC 10): the page follows Fava's language ---------------------------------


def french(msgid: str) -> str:
    with use_language("fr"):
        text = _(msgid)
    assert text != msgid, f"no French for {msgid!r}"
    return text


def test_the_page_follows_the_browser_language(client: FlaskClient) -> None:
    html = client.get(PAGE + "?time=2025", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).get_data(
        as_text=True
    )
    # The same figures as test_page_for_2025, written the French way.
    for figure in (
        "1\u00a0011,11\u00a0%",
        "910,00",
        "471,43\u00a0%",
        "2,25",
        "160,00\u00a0$",
        "1\u00a0400,00\u00a0$",
        "1\u00a0240,00\u00a0$",
        "775,00\u00a0%",
        "50,00\u00a0$",
    ):
        assert figure in html, figure
    for msgid in (
        "Cost and return",
        "Per hour and per client",
        "What does my time cost?",
        "New clients",
        "Attribution models",
        "Unattributed income",
        "Checks",
    ):
        assert str(escape(french(msgid))) in html, msgid
        assert f">{msgid}<" not in html, msgid
    # The sidebar's name of the page too.
    found = re.search(
        r'<script type="application/json" id="ledger-data">(.*?)</script>', html, re.DOTALL
    )
    assert found is not None
    ledger_data = json.loads(found.group(1))
    titles = [e["report_title"] for e in ledger_data["extensions"]]
    assert titles == [french("Social-media ROI")]


def test_the_page_follows_favas_language_option(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER + '2020-01-01 custom "fava-option" "language" "fr"\n', encoding="utf-8")
    html = page_text(client_for(path), PAGE + "?time=2025")  # an English browser
    assert french("Cost and return") in html and "775,00\u00a0%" in html


def test_the_endpoint_is_the_same_json_in_both_languages(client: FlaskClient, books: Path) -> None:
    english_json = client.get(ENDPOINT + "?time=2025").get_data()
    french_json = client.get(ENDPOINT + "?time=2025", headers={"Accept-Language": "fr"}).get_data()
    assert french_json == english_json == cli_json(books, "--year", "2025")
    # And a French page in between does not change the English one (cache per language).
    assert "Cost and return" in page_text(client, PAGE + "?time=2025")


def test_fava_reloads_when_the_config_file_changes_and_opens_it_in_its_editor(
    tmp_path: Path,
) -> None:
    config = tmp_path / "timeroi.yaml"
    config.write_text(
        "rate: 60\nchannels: {linkedin: {name: LinkedIn}, blog: {}}\n", encoding="utf-8"
    )
    path = tmp_path / "books.beancount"
    path.write_text(
        LEDGER.replace(
            '"{rate: 60, channels: {linkedin: {name: LinkedIn}, blog: {}}}"', '"timeroi.yaml"'
        ),
        encoding="utf-8",
    )
    app = create_app([str(path)], load=True, poll_watcher=True)
    app.testing = True
    client = app.test_client()
    # 1.5 h on LinkedIn at 60 = 90.00 of time cost.
    assert client.get(ENDPOINT + "?time=2025").get_json()["channels"][1]["time_cost"] == "90.00"
    source = client.get("/test-books/api/source", query_string={"filename": str(config)})
    assert source.status_code == 200 and "rate: 60" in source.get_json()["data"]["source"]
    config.write_text(
        "rate: 80\nchannels: {linkedin: {name: LinkedIn}, blog: {}}\n", encoding="utf-8"
    )
    os.utime(config, (config.stat().st_atime, config.stat().st_mtime + 10))
    assert client.get("/test-books/api/changed").get_json()["data"] is True
    # At 80 an hour: 1.5 h = 120.00.
    assert client.get(ENDPOINT + "?time=2025").get_json()["channels"][1]["time_cost"] == "120.00"


def test_a_french_page_after_the_endpoint_keeps_its_french_checks(client: FlaskClient) -> None:
    """The endpoint's report is made in English; the French page makes its own."""
    headers = {"Accept-Language": "fr"}
    client.get(ENDPOINT + "?time=2025&compare_models=1", headers=headers)
    html = client.get(PAGE + "?time=2025", headers=headers).get_data(as_text=True)
    assert "each channel&#39;s time account" not in html
    with use_language("fr"):
        assert (
            str(
                escape(
                    _(
                        "attributed {attributed} + unattributed {unattributed} = income {income}"
                    ).split("{")[0]
                )
            )
            in html
        )
