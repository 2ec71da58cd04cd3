"""SPEC 9: the five attribution models of rule 4, with hand-worked shares."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from beancount_timeroi.attribution import touch_weights
from beancount_timeroi.cli import main
from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.render.json_report import as_dict
from beancount_timeroi.touches import Touch

CHANNELS = "[blog, facebook, instagram, linkedin, newsletter]"

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"
2024-01-01 open Assets:Bank
2024-01-01 open Income:Design

; One touch.
2025-01-01 custom "touch" "One" "blog"
2025-02-01 * "One" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; Two touches, 20 and 10 days before the sale.
2025-01-01 custom "touch" "Two" "blog"
2025-01-11 custom "touch" "Two" "linkedin"
2025-01-21 * "Two" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; Five touches, 9 to 5 days before the sale.
2025-01-01 custom "touch" "Five" "blog"
2025-01-02 custom "touch" "Five" "linkedin"
2025-01-03 custom "touch" "Five" "newsletter"
2025-01-04 custom "touch" "Five" "instagram"
2025-01-05 custom "touch" "Five" "facebook"
2025-01-10 * "Five" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; A touch after the sale does not count while one before it does.
2025-01-01 custom "touch" "After" "blog"
2025-03-10 custom "touch" "After" "linkedin"
2025-03-01 * "After" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; Only touches after the sale: all of them count.
2025-04-01 custom "touch" "Later" "linkedin"
2025-04-15 custom "touch" "Later" "blog"
2025-03-01 * "Later" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; Two touches on one day: a tie; 100.01 does not split evenly.
2025-02-01 custom "touch" "Tie" "linkedin"
2025-02-01 custom "touch" "Tie" "blog"
2025-02-08 * "Tie" "Job"
  Assets:Bank   100.01 CAD
  Income:Design

; The same channel touched twice.
2025-01-01 custom "touch" "Twice" "blog"
2025-01-02 custom "touch" "Twice" "linkedin"
2025-01-03 custom "touch" "Twice" "blog"
2025-01-10 * "Twice" "Job"
  Assets:Bank   100.00 CAD
  Income:Design

; An explicit channel always wins over the model (rule 3).
2025-05-01 * "Two" "Tagged job" #newsletter
  Assets:Bank    50.00 CAD
  Income:Design
"""


def load(tmp_path: Path, config: str = f"{{rate: 80, channels: {CHANNELS}}}") -> Ledger:
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER.replace("{config}", config), encoding="utf-8")
    return Ledger.load(str(path))


def shares(ledger: Ledger, model: str) -> dict[str, dict[str, str]]:
    data = as_dict(build_report(ledger, model=model))
    result: dict[str, dict[str, str]] = {}
    for line in data["attribution"]:
        key = f"{line['client']}: {line['narration']}"
        result[key] = {share["channel"]: share["amount"] for share in line["shares"]}
    return result


# Hand-worked shares of each client's 100.00 under each model.
#
# Two: time-decay weights 2^(-20/7) = 0.13784 (blog) and 2^(-10/7) = 0.37104
#   (linkedin): blog 100 x 0.13784 / 0.50888 = 27.087 -> 27.08, linkedin 72.912 ->
#   72.91; the cent left goes to the larger remainder (blog .70): 27.09 / 72.91.
# Five: position-based 40 / 20/3 x 3 / 40; 6.666... x 3 = 19.98, two cents left for
#   the three middle ones, equal remainders: slug order, instagram then linkedin.
#   Time-decay weights 2^(-9/7) .. 2^(-5/7) share 100 as 16.2470, 17.9381, 19.8053,
#   21.8668, 24.1429: floors 99.97, the 3 cents to linkedin (.81), blog (.70) and
#   instagram (.68).
# Later: no touch before the sale, so both count; days before the sale are -31 and -45:
#   time-decay weights 2^(31/7) and 2^(45/7), a ratio of 2^(14/7) = 4: 20.00 / 80.00.
# Tie: same date, same weight; 100.01 / 2 = 50.005: the extra cent by slug order: blog.
# Twice: linear counts blog twice: 66.666 -> 66.67, linkedin 33.33; position-based
#   gives blog 40 + 40, linkedin the 20 in the middle. Time-decay: blog 9 and 7 days
#   before, 2^(-9/7) + 2^(-7/7) = 0.41017 + 0.5 = 0.91017; linkedin 8 days, 2^(-8/7)
#   = 0.45288; blog 100 x 0.91017 / 1.36305 = 66.775 -> 66.77, linkedin 33.22, and the
#   cent left to the larger remainder (blog .53): 66.78 / 33.22.
EXPECTED = {
    "first-touch": {
        "One: Job": {"blog": "100.00"},
        "Two: Job": {"blog": "100.00"},
        "Five: Job": {"blog": "100.00"},
        "After: Job": {"blog": "100.00"},
        "Later: Job": {"linkedin": "100.00"},
        "Tie: Job": {"linkedin": "100.01"},
        "Twice: Job": {"blog": "100.00"},
    },
    "last-touch": {
        "One: Job": {"blog": "100.00"},
        "Two: Job": {"linkedin": "100.00"},
        "Five: Job": {"facebook": "100.00"},
        "After: Job": {"blog": "100.00"},
        "Later: Job": {"blog": "100.00"},
        "Tie: Job": {"blog": "100.01"},
        "Twice: Job": {"blog": "100.00"},
    },
    "linear": {
        "One: Job": {"blog": "100.00"},
        "Two: Job": {"blog": "50.00", "linkedin": "50.00"},
        "Five: Job": {
            "blog": "20.00",
            "facebook": "20.00",
            "instagram": "20.00",
            "linkedin": "20.00",
            "newsletter": "20.00",
        },
        "After: Job": {"blog": "100.00"},
        "Later: Job": {"blog": "50.00", "linkedin": "50.00"},
        "Tie: Job": {"blog": "50.01", "linkedin": "50.00"},
        "Twice: Job": {"blog": "66.67", "linkedin": "33.33"},
    },
    "time-decay": {
        "One: Job": {"blog": "100.00"},
        "Two: Job": {"blog": "27.09", "linkedin": "72.91"},
        "Five: Job": {
            "blog": "16.25",
            "facebook": "24.14",
            "instagram": "21.87",
            "linkedin": "17.94",
            "newsletter": "19.80",
        },
        "After: Job": {"blog": "100.00"},
        "Later: Job": {"blog": "80.00", "linkedin": "20.00"},
        "Tie: Job": {"blog": "50.01", "linkedin": "50.00"},
        "Twice: Job": {"blog": "66.78", "linkedin": "33.22"},
    },
    "position-based": {
        "One: Job": {"blog": "100.00"},
        "Two: Job": {"blog": "50.00", "linkedin": "50.00"},
        "Five: Job": {
            "blog": "40.00",
            "facebook": "40.00",
            "instagram": "6.67",
            "linkedin": "6.67",
            "newsletter": "6.66",
        },
        "After: Job": {"blog": "100.00"},
        "Later: Job": {"blog": "50.00", "linkedin": "50.00"},
        "Tie: Job": {"blog": "50.01", "linkedin": "50.00"},
        "Twice: Job": {"blog": "80.00", "linkedin": "20.00"},
    },
}


@pytest.mark.parametrize("model", ATTRIBUTION_MODELS)
def test_each_model_shares_rule_four_income_by_hand(tmp_path: Path, model: str) -> None:
    got = shares(load(tmp_path), model)
    assert {key: value for key, value in got.items() if key != "Two: Tagged job"} == (
        EXPECTED[model]
    )
    # Rule 3 wins whatever the model.
    assert got["Two: Tagged job"] == {"newsletter": "50.00"}


def channel_weights(
    touches: list[Touch], day: datetime.date, model: str, half_life: Decimal = Decimal(7)
) -> list[tuple[str, Fraction]]:
    return [
        (touch.channel, weight) for touch, weight in touch_weights(touches, day, model, half_life)
    ]


def test_time_decay_weights_are_decimal_powers_of_two() -> None:
    # Twice, as above: 0.91017 / 1.36305 = 0.66775 of the income to the blog.
    weights = channel_weights(
        [
            Touch(datetime.date(2025, 1, 1), "Twice", "blog", {}),
            Touch(datetime.date(2025, 1, 2), "Twice", "linkedin", {}),
            Touch(datetime.date(2025, 1, 3), "Twice", "blog", {}),
        ],
        datetime.date(2025, 1, 10),
        "time-decay",
    )
    blog = sum(w for slug, w in weights if slug == "blog")
    linkedin = sum(w for slug, w in weights if slug == "linkedin")
    assert round(float(blog / (blog + linkedin)), 4) == 0.6678
    # 40 significant digits: 2^(-7/7) is exactly one half.
    assert weights[2] == ("blog", Fraction(1, 2))


def test_position_based_weights() -> None:
    touches = [
        Touch(datetime.date(2025, 1, day), "C", slug, {})
        for day, slug in enumerate(["a", "b", "c", "d"], start=1)
    ]
    assert channel_weights(touches, datetime.date(2025, 2, 1), "position-based") == [
        ("a", Fraction(2, 5)),
        ("b", Fraction(1, 10)),
        ("c", Fraction(1, 10)),
        ("d", Fraction(2, 5)),
    ]


def test_a_window_leaves_old_touches_out(tmp_path: Path) -> None:
    config = f"{{rate: 80, channels: {CHANNELS}, attribution: {{window_days: 5}}}}"
    got = shares(load(tmp_path, config), "first-touch")
    # Five: only touches 5 days or less before 01-10 count: facebook (01-05).
    assert got["Five: Job"] == {"facebook": "100.00"}
    # One: its only touch is 31 days old: none left in the window, so all count again.
    assert got["One: Job"] == {"blog": "100.00"}
    # Twice: all 7 or more days old: all count, the earliest is blog.
    assert got["Twice: Job"] == {"blog": "100.00"}


def test_the_config_model_and_the_override(tmp_path: Path) -> None:
    config = f"{{rate: 80, channels: {CHANNELS}, attribution: {{model: last-touch}}}}"
    ledger = load(tmp_path, config)
    data = as_dict(build_report(ledger))
    assert data["model"] == "last-touch"
    assert shares(ledger, "linear")["Two: Job"] == {"blog": "50.00", "linkedin": "50.00"}


def test_contracts_and_new_clients_follow_the_model(tmp_path: Path) -> None:
    ledger = load(tmp_path)

    def counts(model: str) -> dict[str, tuple[int, int]]:
        data = as_dict(build_report(ledger, model=model))
        return {row["channel"]: (row["contracts"], row["new_clients"]) for row in data["channels"]}

    # first-touch: blog gets One, Two, Five, After, Twice (5), linkedin Later and Tie (2),
    # newsletter the tagged job (a contract, but Two's first income was the blog's).
    assert counts("first-touch") == {
        "blog": (5, 5),
        "facebook": (0, 0),
        "instagram": (0, 0),
        "linkedin": (2, 2),
        "newsletter": (1, 0),
    }
    # last-touch: blog One, After, Later, Tie, Twice; linkedin Two; facebook Five.
    assert counts("last-touch") == {
        "blog": (5, 5),
        "facebook": (1, 1),
        "instagram": (0, 0),
        "linkedin": (1, 1),
        "newsletter": (1, 0),
    }


def test_comparison_of_all_models(tmp_path: Path) -> None:
    report = build_report(load(tmp_path), compare_models=True)
    table = {(row.channel, row.model): str(row.revenue) for row in report.models}
    # linkedin under each model: the sum of its shares above.
    # first-touch 100.00 (Later) + 100.01 (Tie) = 200.01; last-touch 100.00 (Two);
    # linear 50 + 20 + 50 + 50.00 + 33.33 = 203.33; time-decay 72.91 + 17.94 + 20.00
    # + 50.00 + 33.22 = 194.07; position-based 50 + 6.67 + 50 + 50.00 + 20 = 176.67.
    assert [table[("linkedin", model)] for model in ATTRIBUTION_MODELS] == [
        "200.01",
        "100.00",
        "203.33",
        "194.07",
        "176.67",
    ]
    # The model never changes the total attributed, nor what rules 1-3 decide.
    totals = {
        model: sum(row.revenue for row in report.models if row.model == model)
        for model in ATTRIBUTION_MODELS
    }
    assert set(totals.values()) == {Decimal("750.01")}


def test_cli_model_and_compare_models(tmp_path: Path) -> None:
    ledger = load(tmp_path)
    path = ledger.options["filename"]
    result = CliRunner().invoke(main, ["report", path, "--model", "linear", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["model"] == "linear" and "models" not in data
    result = CliRunner().invoke(main, ["report", path, "--compare-models", "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["models"]) == 5 * 5
    assert {
        "model": "time-decay",
        "channel": "linkedin",
        "name": "linkedin",
        "revenue": "194.07",
        "cost": "0.00",
        "net": "194.07",
        "roi": None,
    } in data["models"]
    result = CliRunner().invoke(main, ["report", path, "--compare-models"])
    assert "Revenue by attribution model" in result.stdout
    assert "first-touch *" in result.stdout
    folder = tmp_path / "csv"
    CliRunner().invoke(
        main, ["report", path, "--compare-models", "--format", "csv", "--output", str(folder)]
    )
    assert (folder / "models.csv").read_text("utf-8-sig").splitlines()[0] == (
        "channel,model,revenue,cost,net,roi"
    )
    result = CliRunner().invoke(main, ["report", path, "--model", "last-click"])
    assert result.exit_code == 2
