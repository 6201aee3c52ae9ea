"""Each benchmark's figures and targets, merged into build/bench/results.json (`make bench`).

Minimal version (the benchmark helper's branch owns the full one, with the same signature):
record(benchmark, figures, targets) replaces that benchmark's entry and keeps the others. A target
is a dict {"value": 1.21, "max": 1.6, "unit": "...", "why": "..."} with "max" and/or "min"
(inclusive); record() adds "pass" and returns whether every target was met.
"""

import json
import math
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("KARTAVIEW_BENCH_RESULTS", ROOT / "build" / "bench" / "results.json"))


def passes(target: dict) -> bool:
    value = target["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if "max" not in target and "min" not in target:
        raise ValueError("a target needs a max or a min: {!r}".format(target))
    return ("max" not in target or value <= target["max"]) and ("min" not in target or value >= target["min"])


def record(benchmark: str, figures: dict, targets: dict) -> bool:
    checked = {name: dict(target, **{"pass": passes(target)}) for name, target in targets.items()}
    try:
        results = json.loads(RESULTS.read_text())
    except FileNotFoundError:
        results = {}
    results[benchmark] = {"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "figures": figures,
                          "targets": checked, "pass": all(t["pass"] for t in checked.values())}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=RESULTS.parent, prefix=".results-", suffix=".json")
    with os.fdopen(handle, "w") as out:
        json.dump(results, out, indent=2, default=str)
        out.write("\n")
    os.replace(temporary, RESULTS)
    for name, target in checked.items():
        bounds = " ".join("{} {}".format(k, target[k]) for k in ("min", "max") if k in target)
        print("{} {}: {} ({})".format("PASS" if target["pass"] else "FAIL", name, target["value"], bounds), flush=True)
    return results[benchmark]["pass"]
