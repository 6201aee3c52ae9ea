"""The README's performance table, made from build/bench/results.json (`make bench-table`).

`python -m tests.bench.readme_table` prints the table; `--write` replaces the table between the
README's markers with it. One row per target: benchmark, target, measured, limit, pass/fail, why.
"""

import sys
from pathlib import Path

from tests.bench.results import RESULTS, describe, load

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
START = "<!-- bench-table:start (made by `make bench-table` from build/bench/results.json) -->"
END = "<!-- bench-table:end -->"


def _limit(target):
    return " and ".join("{} {}".format({"min": "≥", "max": "≤"}[side], target[side])
                        for side in ("min", "max") if side in target)


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(results: dict) -> str:
    lines = ["| benchmark | target | measured | limit | result | why this limit |",
             "| --- | --- | --- | --- | --- | --- |"]
    dates = set()
    for benchmark in sorted(results):
        entry = results[benchmark]
        dates.add(entry.get("at", "?"))
        for name, target in entry["targets"].items():
            measured = describe(target).split(" (")[0]
            lines.append("| {} | {} | {} | {} | {} | {} |".format(
                _cell(benchmark), _cell(name), _cell(measured), _cell(_limit(target)),
                "pass" if target["pass"] else "**FAIL**", _cell(target.get("why", ""))))
    machines = sorted({results[b].get("machine", "?") for b in results})
    lines.append("")
    lines.append("Measured {} on {} (figures in `build/bench/results.json`).".format(
        ", ".join(sorted(dates)), "; ".join(machines)))
    return "\n".join(lines)


def write(readme: Path, text: str):
    content = readme.read_text()
    if START not in content or END not in content:
        raise SystemExit("{} has no table markers ({} ... {})".format(readme, START, END))
    head, rest = content.split(START, 1)
    tail = rest.split(END, 1)[1]
    readme.write_text(head + START + "\n" + text + "\n" + END + tail)


def main(argv):
    results = load()
    if not results:
        raise SystemExit("no benchmark results in {}: run `make bench` first".format(RESULTS))
    text = table(results)
    if "--write" in argv:
        write(README, text)
        print("README performance table written from {}".format(RESULTS))
    else:
        print(text)
    failed = [name for name, entry in results.items() if not entry["pass"]]
    return 1 if failed and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
