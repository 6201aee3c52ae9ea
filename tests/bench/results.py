"""Each benchmark's figures and targets, merged into build/bench/results.json (minimal version: the
benchmark-results helper owns this file; same signature and target format).

record(benchmark, figures, targets) replaces that benchmark's entry and keeps the others. A target is
{"value": 0.91, "min": 0.9, "unit": "x bound", "why": "..."} with "min" and/or "max" (inclusive);
record() adds "pass" and returns whether every target was met.
"""

import json
import math
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("KARTAVIEW_BENCH_RESULTS", ROOT / "build" / "bench" / "results.json"))


def passes(target: dict) -> bool:
    value = target["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
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
    temporary = RESULTS.with_name(".results-{}.json".format(os.getpid()))
    temporary.write_text(json.dumps(results, indent=2, default=str) + "\n")
    os.replace(temporary, RESULTS)
    for name, target in checked.items():
        print("{} {}: {} (target {}{})".format("PASS" if target["pass"] else "FAIL", name, target["value"],
                                              ">= {}".format(target["min"]) if "min" in target else "",
                                              " <= {}".format(target["max"]) if "max" in target else ""), flush=True)
    return results[benchmark]["pass"]
