"""The README's performance table, made from build/bench/results.json (`make bench-table`).

`python -m tests.bench.readme_table [RESULTS.json ...]` prints the table; `--write` replaces the
table between the README's markers with it. One row per target: benchmark, target, measured, limit,
pass/fail, why. Given several results files (runs of `make bench`, kept apart), a figure is their
median with the smallest and largest in brackets, and a target passes only if it passed in every run.
"""

import statistics
import sys
from pathlib import Path

from tests.bench.results import RESULTS, describe, load, number_text

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
START = "<!-- bench-table:start (made by `make bench-table` from build/bench/results.json) -->"
END = "<!-- bench-table:end -->"


def _limit(target):
    return " and ".join("{} {}".format({"min": "≥", "max": "≤"}[side], target[side])
                        for side in ("min", "max") if side in target)


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def _measured(targets):
    """One run: its figure and unit; several: "median unit (min-max, n runs)"."""
    if len(targets) == 1:
        return describe(targets[0]).split(" (")[0]
    values = sorted(target["value"] for target in targets)
    unit = " " + targets[0]["unit"] if targets[0].get("unit") else ""
    return "{}{} ({}-{}, {} runs)".format(number_text(statistics.median(values)), unit, number_text(values[0]),
                                         number_text(values[-1]), len(values))


def table(runs: list) -> str:
    """The table of one or more results (dicts as results.json holds)."""
    lines = ["| benchmark | target | measured | limit | result | why this limit |",
             "| --- | --- | --- | --- | --- | --- |"]
    dates, machines = set(), set()
    for benchmark in sorted({name for results in runs for name in results}):
        entries = [results[benchmark] for results in runs if benchmark in results]
        dates.update(entry.get("at", "?") for entry in entries)
        machines.update(entry.get("machine", "?") for entry in entries)
        for name, target in entries[-1]["targets"].items():
            targets = [entry["targets"][name] for entry in entries if name in entry["targets"]]
            passed = sum(1 for each in targets if each["pass"])
            verdict = "pass" if passed == len(targets) else "**FAIL**"
            if len(targets) > 1:
                verdict += " (met in {} of {} runs)".format(passed, len(targets))
            lines.append("| {} | {} | {} | {} | {} | {} |".format(
                _cell(benchmark), _cell(name), _cell(_measured(targets)), _cell(_limit(target)), verdict,
                _cell(target.get("why", ""))))
    lines.append("")
    dates = sorted(dates)
    lines.append("Measured {} on {} (figures in `build/bench/results.json`{}).".format(
        ", ".join(dates) if len(dates) <= 2 else "{} to {}".format(dates[0], dates[-1]), "; ".join(sorted(machines)),
        "" if len(runs) == 1 else "; a figure of several runs is their median (smallest-largest)"))
    return "\n".join(lines)


def write(readme: Path, text: str):
    content = readme.read_text()
    if START not in content or END not in content:
        raise SystemExit("{} has no table markers ({} ... {})".format(readme, START, END))
    head, rest = content.split(START, 1)
    tail = rest.split(END, 1)[1]
    readme.write_text(head + START + "\n" + text + "\n" + END + tail)


def main(argv):
    paths = [arg for arg in argv if not arg.startswith("--")] or [RESULTS]
    runs = [load(path) for path in paths]
    if not all(runs):
        raise SystemExit("no benchmark results in {}: run `make bench` first".format(
            ", ".join(str(path) for path, results in zip(paths, runs) if not results)))
    text = table(runs)
    if "--write" in argv:
        write(README, text)
        print("README performance table written from {}".format(", ".join(str(path) for path in paths)))
    else:
        print(text)
    failed = [name for results in runs for name, entry in results.items() if not entry["pass"]]
    return 1 if failed and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
