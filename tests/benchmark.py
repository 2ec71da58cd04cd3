"""Benchmark: how close beancount-timeroi stays to what Beancount itself costs.

Run with ``make bench`` (or ``python tests/benchmark.py``). It generates the
10-year and 1-year example ledgers (``bean-timeroi example``) under
``build/bench/``, then measures side by side, alternating the two sides of
each ratio and taking medians, with ``BEANCOUNT_DISABLE_LOAD_CACHE=1``:

- ``load``:      bean-check with the plugin / the same ledger without the plugin line
                 (and, for reference, ``floor``: the same with a plugin that only adds
                 one plain balanced transaction per time entry, the least any plugin
                 valuing time can cost, since Beancount validates what it adds)
- ``report``:    bean-timeroi report --format json / bean-check
- ``compare``:   bean-timeroi report --compare previous --format json / bean-check (one
                 load, two groupings; SPEC 14)
- ``rss``:       that report's peak memory / bean-check's
- ``fava-cold``: the ROI page for a year not asked for yet / Fava's income
                 statement data (``/api/income_statement?time=YEAR``) for another such year
- ``fava-warm``: the same two requests repeated for one year
- ``compare-cold``, ``compare-warm``: the same, the ROI page with ``compare=previous``
- ``scale``:     the plugin's own time per time entry, 10-year ledger / 1-year ledger
- ``log``:       bean-timeroi log (one entry: a load to check it, the write, a load to
                 see it holds) / bean-check, on a copy of the 10-year ledger
- ``fava-log``:  the page's PUT log for one entry / Fava's own PUT api/add_entries for one
                 entry, each followed by Fava's api/changed (which loads the ledger again
                 when a write is pending: Fava's write leaves it to the next request)

It prints one line per ratio with its target and the medians behind it. It is
not part of ``make test``: timings depend on the machine, ratios much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
TARGETS = {
    "load": 1.20,
    "report": 1.00,
    "compare": 1.05,
    "rss": 1.25,
    "fava-cold": 1.25,
    "fava-warm": 1.00,
    "compare-cold": 1.25,
    "compare-warm": 1.00,
    "scale": 1.20,
    "log": 2.20,
    "fava-log": 1.10,
}

FLOOR_PLUGIN = """
# The least a plugin valuing time entries can cost: one plain transaction each.
from decimal import Decimal
from beancount.core import data
from beancount.core.amount import Amount

__plugins__ = ("floor",)


def floor(entries, options_map, config=None):
    added = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == "time":
            meta = data.new_metadata(entry.meta["filename"], entry.meta["lineno"])
            added.append(data.Transaction(meta, entry.date, "*", None, "time", frozenset(),
                                          frozenset(), [
                data.Posting("Expenses:Time", Amount(Decimal("10.00"), "CAD"), None, None,
                             None, None),
                data.Posting("Income:Time", Amount(Decimal("-10.00"), "CAD"), None, None,
                             None, None)]))
    meta = data.new_metadata("<floor>", 0)
    added.append(data.Open(meta, entries[0].date, "Expenses:Time", None, None))
    added.append(data.Open(meta, entries[0].date, "Income:Time", None, None))
    return entries + added, []
"""

PLUGIN_TIMER = """
import os, sys, time
os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
from beancount import loader
import beancount_timeroi
plugin = beancount_timeroi.timeroi
spent = []
def timed(*args):
    start = time.perf_counter()
    result = plugin(*args)
    spent.append(time.perf_counter() - start)
    return result
beancount_timeroi.timeroi = timed
entries, errors, options = loader.load_file(sys.argv[1])
count = sum(1 for e in entries if type(e).__name__ == "Custom" and e.type == "time")
print(sum(spent) / count)
"""


def run(command: list[str], pythonpath: Path | None = None) -> tuple[float, int]:
    """Wall time (s) and peak memory (kB) of one command."""
    env = {**ENV, "PYTHONPATH": str(pythonpath)} if pythonpath else ENV
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        assert process.stderr is not None  # stderr=PIPE
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def alternate(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[float, float]:
    """Medians of ``first`` and ``second``, called in turn ``runs`` times each."""
    a: list[float] = []
    b: list[float] = []
    for index in range(runs):
        pair = (first, a), (second, b)
        for measure, samples in pair if index % 2 == 0 else pair[::-1]:
            samples.append(measure())
    return statistics.median(a), statistics.median(b)


def line(name: str, ratio: float, detail: str) -> None:
    target = TARGETS.get(name)
    if target is None:
        print(f"{name:<12} {ratio:5.2f}   {'':<20}  {detail}", flush=True)
        return
    verdict = "ok" if ratio <= target else "OVER"
    print(f"{name:<12} {ratio:5.2f}   target <= {target:.2f}  {verdict:<4}  {detail}", flush=True)


def example(years: int) -> Path:
    folder = ROOT / "build" / "bench" / f"{years}y"
    books = folder / "books.beancount"
    if not books.exists():
        subprocess.run(
            [
                str(BIN / "bean-timeroi"),
                "example",
                "--years",
                str(years),
                "--seed",
                "1",
                "--output",
                str(folder),
            ],
            check=True,
            env=ENV,
        )
    return books


def variant(books: Path, name: str, plugin_line: str) -> Path:
    """The same ledger with another plugin line, line numbers kept."""
    path = books.with_name(name)
    text = books.read_text(encoding="utf-8").replace(
        'plugin "beancount_timeroi" "timeroi.yaml"', plugin_line, 1
    )
    path.write_text(text, encoding="utf-8")
    return path


def bench_cli(books: Path, runs: int) -> None:
    check = [str(BIN / "bean-check"), str(books)]
    plain = [str(BIN / "bean-check"), str(variant(books, "no-plugin.beancount", "; no plugin"))]
    (books.parent / "timeroi_floor.py").write_text(FLOOR_PLUGIN, encoding="utf-8")
    floor = [
        str(BIN / "bean-check"),
        str(variant(books, "floor.beancount", 'plugin "timeroi_floor"')),
    ]
    report = [str(BIN / "bean-timeroi"), "report", str(books), "--format", "json"]
    samples: dict[str, list[float]] = {"check": [], "plain": [], "floor": []}
    commands = {"check": check, "plain": plain, "floor": floor}
    order = list(commands)
    for index in range(runs):
        for name in order[index % 3 :] + order[: index % 3]:
            samples[name].append(run(commands[name], books.parent)[0])
    with_plugin, bare, least = (statistics.median(samples[name]) for name in order)
    line(
        "load",
        with_plugin / bare,
        f"bean-check {with_plugin:.2f} s with the plugin, {bare:.2f} s without",
    )
    line(
        "floor",
        least / bare,
        f"bean-check {least:.2f} s with a plugin that only adds one "
        "plain transaction per time entry (reference, no target)",
    )
    memory: dict[str, list[int]] = {"report": [], "check": []}

    def measure(name: str, command: list[str]) -> float:
        elapsed, peak = run(command)
        memory[name].append(peak)
        return elapsed

    report_time, check_time = alternate(
        runs, lambda: measure("report", report), lambda: measure("check", check)
    )
    line(
        "report",
        report_time / check_time,
        f"report {report_time:.2f} s, bean-check {check_time:.2f} s",
    )
    compared = [*report, "--compare", "previous"]
    compare_time, check_time = alternate(runs, lambda: run(compared)[0], lambda: run(check)[0])
    line(
        "compare",
        compare_time / check_time,
        f"report --compare previous {compare_time:.2f} s, bean-check {check_time:.2f} s",
    )
    report_rss, check_rss = statistics.median(memory["report"]), statistics.median(memory["check"])
    line(
        "rss",
        report_rss / check_rss,
        f"report {report_rss / 1024:.0f} MB, bean-check {check_rss / 1024:.0f} MB",
    )


def bench_fava(books: Path, runs: int) -> None:
    from fava.application import create_app

    app = create_app([str(books)], load=True)
    client = app.test_client()
    slug = "example-agency"

    def timed(url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        return elapsed

    api = f"/{slug}/api/income_statement?time={{}}"
    timed(api.format("2016-01"))  # first use of each side: templates, lazy imports
    for name, query in (("fava", ""), ("compare", "&compare=previous")):
        bench_page(timed, f"/{slug}/extension/TimeRoi/?time={{}}{query}", api, name, runs)


def bench_page(timed: Callable[[str], float], page: str, api: str, name: str, runs: int) -> None:
    """The ROI page against Fava's income statement, for periods not asked for before
    (years for the page, months with a comparison), then for 2025 again."""
    timed(page.format("2016-01"))
    if name == "fava":
        periods = iter(str(year) for year in range(2016, 2026))
    else:
        periods = iter(f"{year}-{month:02}" for year in range(2016, 2026) for month in (2, 3))

    def ours() -> float:
        return timed(page.format(next(periods)))

    def favas() -> float:
        return timed(api.format(next(periods)))

    mine, fava = alternate(min(runs, 5), ours, favas)
    line(
        f"{name}-cold",
        mine / fava,
        f"ROI page {mine * 1000:.0f} ms, income statement "
        f"{fava * 1000:.0f} ms (periods not asked for before)",
    )
    mine, fava = alternate(
        runs * 2, lambda: timed(page.format(2025)), lambda: timed(api.format(2025))
    )
    line(
        f"{name}-warm",
        mine / fava,
        f"ROI page {mine * 1000:.1f} ms, income statement {fava * 1000:.1f} ms (2025, asked again)",
    )


def bench_scale(big: Path, small: Path, runs: int) -> None:
    def per_entry(books: Path) -> float:
        output = subprocess.run(
            [sys.executable, "-c", PLUGIN_TIMER, str(books)],
            check=True,
            capture_output=True,
            text=True,
            env=ENV,
        ).stdout
        return float(output)

    ten, one = alternate(runs, lambda: per_entry(big), lambda: per_entry(small))
    line(
        "scale",
        ten / one,
        f"plugin {ten * 1e6:.1f} us per time entry over 10 years, {one * 1e6:.1f} us over 1 year",
    )


def copy_of(books: Path, name: str) -> Path:
    """A fresh copy of an example's folder, to write to."""
    import shutil

    folder = books.parent.parent / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(books.parent, folder)
    return folder / books.name


def bench_log(books: Path, runs: int) -> None:
    target = copy_of(books, "log-cli")
    log = [
        str(BIN / "bean-timeroi"),
        "log",
        str(target),
        "linkedin",
        "0h05",
        "Benchmark",
        "--date",
        "2025-12-31",
    ]
    check = [str(BIN / "bean-check"), str(target)]
    logged, checked = alternate(runs, lambda: run(log)[0], lambda: run(check)[0])
    line("log", logged / checked, f"bean-timeroi log {logged:.2f} s, bean-check {checked:.2f} s")
    bench_fava_log(copy_of(books, "log-fava"), runs)


def bench_fava_log(books: Path, runs: int) -> None:
    from fava.application import create_app

    app = create_app([str(books)], load=True)
    client = app.test_client()
    slug = "example-agency"
    origin = {"Origin": "http://localhost"}
    entry = {"date": "2025-12-31", "channel": "linkedin", "duration": "0h05"}
    note = {
        "t": "Note",
        "date": "2025-12-31",
        "account": "Assets:Bank",
        "comment": "Benchmark",
        "meta": {},
    }

    def timed(write: Callable[[], object]) -> float:
        start = time.perf_counter()
        response = write()
        client.get(f"/{slug}/api/changed")  # loads the ledger again if a write is pending
        elapsed = time.perf_counter() - start
        status = getattr(response, "status_code", 0)
        if status != 200:
            raise SystemExit(f"a write failed: {status} {getattr(response, 'data', b'')[:300]!r}")
        return elapsed

    def ours() -> object:
        return client.put(f"/{slug}/extension/TimeRoi/log", json=entry, headers=origin)

    def favas() -> object:
        return client.put(f"/{slug}/api/add_entries", json={"entries": [note]})

    timed(ours)  # first use of each side
    timed(favas)
    mine, theirs = alternate(runs, lambda: timed(ours), lambda: timed(favas))
    line(
        "fava-log",
        mine / theirs,
        f"PUT log {mine:.2f} s, PUT api/add_entries {theirs:.2f} s (each with the reload)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each side (default 7)")
    parser.add_argument("--only", choices=["cli", "fava", "scale", "log"], help="one group only")
    args = parser.parse_args()
    big, small = example(10), example(1)
    print(
        f"10-year example: {big} ({big.stat().st_size / 1e6:.1f} MB); medians of "
        f"{args.runs} alternating runs",
        flush=True,
    )
    if args.only in (None, "cli"):
        bench_cli(big, args.runs)
    if args.only in (None, "fava"):
        bench_fava(big, args.runs)
    if args.only in (None, "scale"):
        bench_scale(big, small, args.runs)
    if args.only in (None, "log"):
        bench_log(big, args.runs)


if __name__ == "__main__":
    main()
