"""Kill the uploading process at random points, resume until done: every photo once, every sequence finished."""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

from kartaview.plugin.upload.plan_types import PlanOptions
from tests.plugin_package import ROOT
from tests.test_upload_uploader import assert_all_stored_once, stored
from tests.upload_support import plan_upload, track

KILLS = 6


def test_killed_uploads_resume_to_exactly_once(fresh_sandbox, tmp_path):
    photos = track(tmp_path, 20)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps([{"ref": p.ref, "path": p.path, "lat": p.lat, "lng": p.lng,
                                     "time": p.captured_at.isoformat(), "heading": p.heading} for p in photos]))
    journal = tmp_path / "journal.sqlite"
    fresh_sandbox.set_faults(latency_ms=40)  # wide enough windows for the kills to land mid-request
    env = dict(os.environ, KARTAVIEW_ACCESS_TOKEN=fresh_sandbox.token)
    command = [sys.executable, "-m", "tests.upload_crash_driver", str(manifest), str(journal), fresh_sandbox.url]
    rng = random.Random(7)
    finished_early = mid_run = 0
    for _ in range(KILLS):
        # Killed once it has reported a few results (not after a fixed time: a fast machine would be
        # done by then), a moment later, so the kill lands among the requests still in flight.
        output, killed = run_until_killed(command, env, rng.randint(1, 3), rng.uniform(0.0, 0.06))
        finished_early += not killed
        mid_run += killed and bool(output) and "DONE" not in output  # killed after some photos were answered
    final = subprocess.run(command, cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stdout + final.stderr
    assert final.stdout.strip().splitlines()[-1].startswith("DONE")
    assert mid_run >= 2, (mid_run, finished_early)  # the kills did interrupt uploads

    plan = plan_upload(photos, PlanOptions(max_photos=5))
    assert_all_stored_once(fresh_sandbox, plan)
    server = stored(fresh_sandbox)
    # A kill between "create sent" and "id recorded" can leave an empty sequence (see uploader.py);
    # photos are never sent to one.
    assert len([s for s in server if not s[2]]) <= KILLS
    assert len([s for s in server if s[2]]) == plan.sequence_count


def run_until_killed(command, env, results, delay):
    """Run the driver and SIGKILL it `delay` seconds after it has reported `results` photo results
    (unless it ends first). Returns (its output, whether it was killed)."""
    process = subprocess.Popen(command, cwd=str(ROOT), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watchdog = threading.Timer(60.0, process.kill)  # a hung driver fails the test, not the suite
    watchdog.start()
    try:
        lines, ended = [], False
        while len(lines) < results and not ended:
            lines.append(process.stdout.readline().decode())
            ended = not lines[-1] or lines[-1].startswith("DONE")
        if not ended:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        return "".join(lines) + process.communicate()[0].decode(), not ended
    finally:
        watchdog.cancel()
