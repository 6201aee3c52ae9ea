"""Upload speed and memory of the upload engine against the sandbox KartaView (`make bench`).

Speed: 500 photos with 100 ms added latency at concurrency 1, 4 and 10, without and with 10 %
injected transient failures. Each rate is printed as a ratio to the latency bound
(concurrency / latency), using the round-trip latency measured in the same run next to the nominal
100 ms. The client is configured as the plugin configures it (its default retries and backoff).

Memory: the peak RSS of a process uploading 500 and then 5,000 photos (~75 KB each) must not grow
with the number of photos (5,000 may need at most 2 % more than 500, the noise of the measure):
files are streamed from disk and the plan, the journal and the report rows live in SQLite. Measured
twice: the engine alone (planner, journal, uploader, fed by a generator), and the whole path of a
user's run, `qgis_process.bin run kartaview:uploadphotos` on a GeoPackage of photos (QGIS's own
baseline is larger; what matters is that it does not grow).

`--memory-only` runs only the memory part (about 2 minutes; the speed part takes about 5).

The sandbox runs in its own process so that its work does not share the uploader's interpreter.
Results also go to tests/bench/results/upload.json.
"""

import json
import logging
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()

import requests  # noqa: E402

from kartaview.plugin.client.client import KartaViewClient  # noqa: E402
from kartaview.plugin.upload.journal import Journal  # noqa: E402
from kartaview.plugin.upload.planner import PlanOptions, plan_upload  # noqa: E402
from kartaview.plugin.upload.uploader import UPLOADED, Uploader  # noqa: E402
from tests.upload_support import track, with_comment  # noqa: E402

TOKEN = "bench-token"
LATENCY_MS = 100
SPEED_PHOTOS = 500
MEMORY_COUNTS = (500, 5000)
MAX_GROWTH = 1.02
FAULT_KINDS = ["500", "502html", "690", "stored_then_500", "drop"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox(data_dir):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tests.sandbox", "--port", str(port), "--token", TOKEN,
                                "--data-dir", str(data_dir)], cwd=str(ROOT), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    process.stdout.readline()  # "KartaView sandbox at ..." once it listens
    return process, "http://127.0.0.1:{}/".format(port)


def set_faults(url, **settings):
    requests.post(url + "__sandbox__/faults", json=settings, timeout=10).raise_for_status()


def measured_latency(url, samples=20):
    """Median round trip of a cheap API call, in seconds (the injected latency plus the overhead)."""
    times = []
    with requests.Session() as session:
        for _ in range(samples):
            started = time.perf_counter()
            session.get(url + "2.0/sequence/1", timeout=10)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def upload(url, photos, journal_path, concurrency):
    """(seconds, photos uploaded) of one journaled upload of `photos` as one or more sequences."""
    with plan_upload(photos, PlanOptions(max_photos=1000, keep_duplicates=True)) as plan:
        started = time.perf_counter()
        with KartaViewClient(url, timeout=120, max_workers=10) as client, \
                Journal(journal_path, client.base_url) as journal:
            summary = Uploader(client, journal, TOKEN, concurrency=concurrency).run(plan)
    return time.perf_counter() - started, summary.counts.get(UPLOADED, 0) + summary.counts.get("already uploaded", 0)


def speed(url, work):
    (work / "speed").mkdir()
    photos = track(work / "speed", SPEED_PHOTOS, step_m=10.0)
    set_faults(url, latency_ms=LATENCY_MS, error_rate=0.0)
    latency = measured_latency(url)
    print("latency: nominal {} ms, measured {:.1f} ms".format(LATENCY_MS, latency * 1000))
    rows = []
    for error_rate in (0.0, 0.1):
        set_faults(url, latency_ms=LATENCY_MS, error_rate=error_rate, kinds=FAULT_KINDS, fault_seed=1)
        for concurrency in (1, 4, 10):
            seconds, done = upload(url, photos, work / "journal-{}-{}.sqlite".format(error_rate, concurrency),
                                   concurrency)
            rate = SPEED_PHOTOS / seconds
            row = {"errors": error_rate, "concurrency": concurrency, "seconds": round(seconds, 2),
                   "confirmed": done, "photos_per_s": round(rate, 2),
                   "ratio_nominal": round(rate / (concurrency / (LATENCY_MS / 1000.0)), 3),
                   "ratio_measured": round(rate / (concurrency / latency), 3)}
            rows.append(row)
            print("errors {:>4.0%}  concurrency {:>2}  {:>6.1f} s  {:>3}/{} confirmed  {:>6.2f} photos/s  "
                  "ratio to bound: {:.2f} (nominal) {:.2f} (measured)".format(
                      error_rate, concurrency, seconds, done, SPEED_PHOTOS, rate, row["ratio_nominal"],
                      row["ratio_measured"]), flush=True)
    set_faults(url, latency_ms=0, error_rate=0.0)
    return {"latency_ms_measured": round(latency * 1000, 1), "runs": rows}


def photo_positions(count):
    """(i, lat, lng, capture time) of the memory runs' photos: one street, one per second."""
    from datetime import datetime, timedelta

    start = datetime(2024, 5, 1, 8)
    for i in range(count):
        yield i, 46.77 + i * 1e-5, 23.59, start + timedelta(seconds=i)


def photo_path(directory, i):
    return os.path.join(directory, "p{:05d}.jpg".format(i))  # not pathlib: it interns every file name


def memory_child(url, directory, count, journal_path):
    """In a child process: upload `count` photos from `directory` with the engine, print the peak RSS in MiB."""
    logging.getLogger("kartaview").setLevel(logging.ERROR)
    from kartaview.plugin.upload.planner import PhotoInput

    # A generator, as the algorithm feeds the planner: only the engine's own memory is measured.
    photos = (PhotoInput(i, photo_path(directory, i), lat, lng, when) for i, lat, lng, when in photo_positions(count))
    seconds, done = upload(url, photos, journal_path, 10)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"count": count, "confirmed": done, "seconds": round(seconds, 1), "peak_mib": round(peak_mib, 1)}))


def layer_child(directory, count, gpkg):
    """In a child process: write the point layer of `count` photos that QGIS's "Import geotagged photos"
    would make (photo, timestamp, direction), to a GeoPackage."""
    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsWkbTypes
    from qgis.PyQt.QtCore import QDateTime

    from kartaview.plugin.core.compat import DATETIME, DOUBLE, STRING
    from tests.gpkg import gpkg_writer

    app = QgsApplication([], False)
    app.initQgis()
    fields, writer = gpkg_writer(gpkg, QgsWkbTypes.Type.Point,
                                 [("photo", STRING), ("timestamp", DATETIME), ("direction", DOUBLE)])
    for i, lat, lng, when in photo_positions(count):
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lng, lat)))
        feature.setAttributes([photo_path(directory, i), QDateTime(when), 0.0])
        writer.addFeature(feature)
    del writer
    app.exitQgis()


def algorithm_peak(url, work, directory, count):
    """Run kartaview:uploadphotos with qgis_process.bin on a GeoPackage of `count` photos: its peak RSS."""
    from tests.qgis_process_runner import make_plugin_home

    gpkg = work / "photos-{}.gpkg".format(count)
    subprocess.run([sys.executable, __file__, "--layer-child", str(directory), str(count), str(gpkg)], check=True,
                   cwd=str(ROOT), capture_output=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    home = make_plugin_home(work / "qgis-home")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=str(home / "plugins"),
               QGIS_CUSTOM_CONFIG_PATH=str(home / "config"), KARTAVIEW_API_URL=url, KARTAVIEW_ACCESS_TOKEN=TOKEN,
               KARTAVIEW_UPLOAD_JOURNAL=str(work / "journal-algorithm-{}.sqlite".format(count)))
    started = time.perf_counter()
    with open(work / "qgis-process-{}.log".format(count), "w") as log:
        process = subprocess.Popen(["qgis_process.bin", "run", "kartaview:uploadphotos", "--INPUT={}".format(gpkg),
                                    "--CONCURRENCY=10", "--MAX_PHOTOS=1000", "--KEEP_DUPLICATES=true",
                                    "--OUTPUT={}".format(work / "report-{}.gpkg".format(count))],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = (work / "qgis-process-{}.log".format(count)).read_text()
    if status != 0 or "UPLOADED:\t{}".format(count) not in output:
        raise RuntimeError("qgis_process failed:\n" + output[-3000:])
    return {"count": count, "confirmed": count, "seconds": round(seconds, 1),
            "peak_mib": round(usage.ru_maxrss / 1024.0, 1)}


def compare(label, results, photo_kib):
    """Print and return the growth of the peak from the smaller to the larger run."""
    small, large = results
    growth = large["peak_mib"] / small["peak_mib"]
    per_photo_kib = (large["peak_mib"] - small["peak_mib"]) * 1024 / (large["count"] - small["count"])
    print("memory ({}): peak with {} photos / peak with {} photos = {:.3f}; {:.2f} KiB per extra photo "
          "(a photo is {} KiB)".format(label, large["count"], small["count"], growth, per_photo_kib, photo_kib),
          flush=True)
    return {"runs": results, "growth": round(growth, 3), "kib_per_extra_photo": round(per_photo_kib, 2)}


def memory(url, work):
    from PIL import Image

    directory = work / "memory"
    directory.mkdir()
    source = directory / "source.jpg"
    Image.frombytes("RGB", (256, 256), os.urandom(256 * 256 * 3)).save(str(source), "JPEG", quality=95)
    jpeg = source.read_bytes()
    for i in range(max(MEMORY_COUNTS)):  # distinct bytes: the plugin knows a photo by its contents
        with open(photo_path(directory, i), "wb") as stream:
            stream.write(with_comment(jpeg, "bench photo {}".format(i)))
    photo_kib = source.stat().st_size // 1024
    print("memory: photos of {} KiB".format(photo_kib))
    engine, algorithm = [], []
    for count in MEMORY_COUNTS:
        output = subprocess.run([sys.executable, __file__, "--memory-child", url, str(directory), str(count),
                                 str(work / "journal-memory-{}.sqlite".format(count))], capture_output=True,
                                text=True, check=True, cwd=str(ROOT)).stdout
        engine.append(json.loads(output.strip().splitlines()[-1]))
        print("memory (engine): {count} photos ({confirmed} confirmed) in {seconds} s, peak RSS {peak_mib} MiB".format(
            **engine[-1]), flush=True)
    for count in MEMORY_COUNTS:
        algorithm.append(algorithm_peak(url, work, directory, count))
        print("memory (qgis_process kartaview:uploadphotos): {count} photos in {seconds} s, peak RSS {peak_mib} "
              "MiB".format(**algorithm[-1]), flush=True)
    return {"engine": compare("engine", engine, photo_kib),
            "algorithm": compare("qgis_process kartaview:uploadphotos", algorithm, photo_kib)}


def main(memory_only=False):
    logging.getLogger("kartaview").setLevel(logging.ERROR)  # the client's per-retry warnings
    with tempfile.TemporaryDirectory(prefix="kartaview-bench-") as tmp:
        work = Path(tmp)
        sandbox, url = start_sandbox(work / "sandbox")
        try:
            results = {} if memory_only else {"speed": speed(url, work)}
            results["memory"] = memory(url, work)
        finally:
            sandbox.terminate()
            sandbox.wait(timeout=30)
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    previous = json.loads((out / "upload.json").read_text()) if (out / "upload.json").exists() else {}
    (out / "upload.json").write_text(json.dumps(dict(previous, **results), indent=2))
    # Streaming: ten times the photos may not need more memory (within the noise of the measure).
    return 0 if max(m["growth"] for m in results["memory"].values()) <= MAX_GROWTH else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--memory-child":
        memory_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) > 1 and sys.argv[1] == "--layer-child":
        layer_child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(main(memory_only="--memory-only" in sys.argv))
