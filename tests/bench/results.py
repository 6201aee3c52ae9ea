"""Each benchmark's figures and targets, merged into build/bench/results.json (`make bench`).

record(benchmark, figures, targets) replaces that benchmark's entry and keeps the others, so a
benchmark run alone updates its own line. A target is a dict:

    {"value": 1.21, "max": 1.6, "unit": "x bound", "why": "main measured 1.05-1.21; margin for a shared machine"}

with "max" and/or "min" (inclusive); record() adds "pass". The README's table is made from this
file by tests/bench/readme_table.py. A benchmark exits non-zero when record() returns False.
"""

import json
import math
import os
import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("KARTAVIEW_BENCH_RESULTS", ROOT / "build" / "bench" / "results.json"))


def passes(target: dict) -> bool:
    value = target["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False  # a figure that could not be measured misses its target
    if "max" not in target and "min" not in target:
        raise ValueError("a target needs a max or a min: {!r}".format(target))
    return ("max" not in target or value <= target["max"]) and ("min" not in target or value >= target["min"])


def load(path=None) -> dict:
    path = Path(path or RESULTS)
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return {}


def record(benchmark: str, figures: dict, targets: dict) -> bool:
    """Merge this benchmark's figures and targets (each with its pass/fail) into results.json, print
    each target's verdict, and say whether every target was met."""
    checked = {name: dict(target, **{"pass": passes(target)}) for name, target in targets.items()}
    results = load()
    results[benchmark] = {"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                          "machine": "{} CPUs, {}".format(os.cpu_count(), platform.platform(terse=True)),
                          "figures": figures, "targets": checked,
                          "pass": all(target["pass"] for target in checked.values())}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    # Written whole then renamed: a benchmark killed mid-write never leaves half a file to the others.
    handle, temporary = tempfile.mkstemp(dir=RESULTS.parent, prefix=".results-", suffix=".json")
    with os.fdopen(handle, "w") as out:
        json.dump(results, out, indent=2, default=str)
        out.write("\n")
    os.replace(temporary, RESULTS)
    for name, target in checked.items():
        print("{} {}: {}".format("PASS" if target["pass"] else "FAIL", name, describe(target)), flush=True)
    print("{}: figures and targets written to {}".format(benchmark, RESULTS), flush=True)
    return results[benchmark]["pass"]


def describe(target: dict) -> str:
    """"1.21 x bound (max 1.6)"."""
    unit = " " + target["unit"] if target.get("unit") else ""
    limits = ", ".join("{} {}".format(side, number_text(target[side])) for side in ("min", "max") if side in target)
    return "{}{} ({})".format(number_text(target["value"]), unit, limits)


def number_text(value):
    if isinstance(value, float):
        return "{:.3g}".format(value) if abs(value) < 1000 else "{:,.0f}".format(value)
    return str(value)
