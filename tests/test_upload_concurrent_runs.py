"""Two uploads of the same photos at once (two toolbox runs, a batch run beside a headless one) store
each photo once: the runs coordinate through the journal, and the one that waits says so."""

import json
import os
import subprocess
import threading

from kartaview.plugin.upload import uploader as up
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PlanOptions
from tests.conftest import ROOT, make_plugin_home
from tests.test_upload_uploader import assert_all_stored_once, make_client, sha1, stored
from tests.upload_support import plan_upload, track

ALG = "kartaview:uploadphotos"


def test_two_runs_of_the_same_photos_at_once_store_each_photo_once(fresh_sandbox, tmp_path):
    """Two runs in one QGIS (two threads, as two toolbox runs are), each with its own journal
    connection on the same file, started together on 40 photos."""
    photos = track(tmp_path, 40)
    fresh_sandbox.set_faults(latency_ms=20)
    start = threading.Barrier(2)
    outcomes = [None, None]

    def one_run(number):
        results, events = [], []
        plan = plan_upload(photos, PlanOptions(max_photos=15))
        with make_client(fresh_sandbox) as client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
            uploader = up.Uploader(client, journal, fresh_sandbox.token, concurrency=3, retry_delay=0.05,
                                   on_photo=results.append, on_sequence=events.append)
            start.wait()
            summary = uploader.run(plan)
        outcomes[number] = summary, results, events

    threads = [threading.Thread(target=one_run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    plan = plan_upload(photos, PlanOptions(max_photos=15))
    assert_all_stored_once(fresh_sandbox, plan)  # 40 photos stored, not 80
    assert len([s for s in stored(fresh_sandbox) if s[2]]) == plan.sequence_count == 3
    statuses = [sorted({r.status for r in results}) for _, results, _ in outcomes]
    assert all(set(s) <= {up.UPLOADED, up.ALREADY_UPLOADED} for s in statuses), statuses
    assert [len(results) for _, results, _ in outcomes] == [40, 40]  # each run reports every photo
    assert sum(summary.counts.get(up.UPLOADED, 0) for summary, _, _ in outcomes) == 40
    # The run that waited said for whom, and its photos are "uploaded by another run".
    waits = [e for _, _, events in outcomes for e in events if e.kind == up.EVENT_WAITING]
    assert waits and all(e.run.pid == os.getpid() and e.photos > 0 for e in waits)
    others = [r for _, results, _ in outcomes for r in results if r.reason == up.REASON_OTHER_RUN]
    assert others and all(r.status == up.ALREADY_UPLOADED for r in others)
    assert all(done for _, done, p in stored(fresh_sandbox) if p)  # every sequence finished, by one run


def test_two_headless_runs_at_once_store_each_photo_once(fresh_sandbox, tmp_path, tmp_path_factory):
    """Two qgis_process runs (two processes) on the same layer at the same time."""
    photos = track(tmp_path, 30)
    geojson = tmp_path / "photos.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lng, p.lat]},
         "properties": {"photo": p.path, "timestamp": p.captured_at.isoformat(), "direction": p.heading}}
        for p in photos]}))
    fresh_sandbox.set_faults(latency_ms=150)  # long enough for the two runs to overlap
    runs = []
    for number in range(2):  # each with a QGIS profile of its own, as two users' shells would be
        home = make_plugin_home(tmp_path_factory.mktemp("qgis-home"))
        env = dict(os.environ, KARTAVIEW_ACCESS_TOKEN=fresh_sandbox.token, QT_QPA_PLATFORM="offscreen",
                   KARTAVIEW_UPLOAD_JOURNAL=str(tmp_path / "journal.sqlite"), QGIS_PLUGINPATH=str(home / "plugins"),
                   QGIS_CUSTOM_CONFIG_PATH=str(home / "config"))
        output = tmp_path / "report{}.geojson".format(number)
        command = ["qgis_process.bin", "run", ALG, "--INPUT={}".format(geojson), "--CONCURRENCY=1",
                   "--OUTPUT={}".format(output)]
        runs.append((subprocess.Popen(command, cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True), output))
    texts = []
    for process, _output in runs:
        text = process.communicate(timeout=240)[0]
        assert process.returncode == 0, text
        texts.append(text)
    reports = [[f["properties"] for f in json.loads(output.read_text())["features"]] for _, output in runs]
    assert_all_stored_once(fresh_sandbox, plan_upload(photos))  # 30 photos stored, not 60
    assert all({r["status"] for r in rows} <= {"uploaded", "already uploaded"} for rows in reports), reports
    assert sum(r["status"] == "uploaded" for rows in reports for r in rows) == 30
    # The one that waited said so, naming the other run's start and process.
    assert any("being uploaded by another run started at" in text for text in texts), texts


def test_two_runs_of_overlapping_photos_split_differently_store_each_photo_once(fresh_sandbox, tmp_path):
    """One run uploads photos 0-29 in sequences of 10, the other 0-39 in sequences of 7, at once."""
    photos = track(tmp_path, 40)
    fresh_sandbox.set_faults(latency_ms=20)
    start = threading.Barrier(2)
    outcomes = [None, None]

    def one_run(number, chosen, max_photos):
        results = []
        plan = plan_upload(chosen, PlanOptions(max_photos=max_photos))
        with make_client(fresh_sandbox) as client, Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
            uploader = up.Uploader(client, journal, fresh_sandbox.token, concurrency=3, retry_delay=0.05,
                                   on_photo=results.append)
            start.wait()
            outcomes[number] = uploader.run(plan), results

    threads = [threading.Thread(target=one_run, args=(0, photos[:30], 10)),
               threading.Thread(target=one_run, args=(1, photos, 7))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    held = sorted(digest for _, _, stored_photos in stored(fresh_sandbox) for _, digest, _ in stored_photos)
    assert held == sorted(sha1(p.path) for p in photos)  # 40 photos, each once
    assert [len(results) for _, results in outcomes] == [30, 40]
    assert all(r.status in (up.UPLOADED, up.ALREADY_UPLOADED) for _, results in outcomes for r in results)
