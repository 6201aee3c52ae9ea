"""Each benchmark's figures and targets, merged into build/bench/results.json (`make bench`).

record(benchmark, figures, targets) replaces that benchmark's entry and keeps the others. A target is
{"value": v, "max": m and/or "min": m, "unit": ..., "why": ...}; record() adds "pass" to each and
returns whether every target was met (a benchmark then exits non-zero when not).
"""

import json
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("KARTAVIEW_BENCH_RESULTS", ROOT / "build" / "bench" / "results.json"))


def passes(target: dict) -> bool:
    value = target["value"]
    if value is None or value != value:  # not measured (None or NaN): missed
        return False
    return ("max" not in target or value <= target["max"]) and ("min" not in target or value >= target["min"])


def record(benchmark: str, figures: dict, targets: dict) -> bool:
    checked = {name: dict(target, **{"pass": passes(target)}) for name, target in targets.items()}
    try:
        results = json.loads(RESULTS.read_text())
    except FileNotFoundError:
        results = {}
    results[benchmark] = {"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "figures": figures,
                          "targets": checked, "pass": all(target["pass"] for target in checked.values())}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=RESULTS.parent, prefix=".results-", suffix=".json")
    with os.fdopen(handle, "w") as out:
        json.dump(results, out, indent=2, default=str)
        out.write("\n")
    os.replace(temporary, RESULTS)  # whole or not at all
    for name, target in checked.items():
        print("{} {}: {} (max {}, min {}) {}".format("PASS" if target["pass"] else "FAIL", name, target["value"],
                                                    target.get("max"), target.get("min"), target.get("unit", "")))
    return results[benchmark]["pass"]
