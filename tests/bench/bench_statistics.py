"""Speed and memory of kartaview:coveragestatistics on 100,000 sequences' worth of lines (`make bench`).

Input: a GeoPackage of 100,000 sequence lines (the sequences layer's fields, 12 vertices each, ~1 km)
spread over a 40 x 40 km square, and 16 district polygons tiling it; no network (the SEQUENCES input).
Output: the per-area table, the long table and the HTML report with plotly.js.

Targets (issue 18, issue 16), recorded in build/bench/results.json:
- under 10 s for the 100,000 sequences, from the run to its last output: the CPU seconds of this
  process (the algorithm runs in one thread, so that is its wall time on an idle machine; the wall
  time, also recorded, is what other work on 2 shared cores makes of it), the fastest of 3 runs
  (CPU time grows too when other processes share the cores: 7.6 s idle, 9.5 s at a load of 10);
- memory bounded: the inputs are made in a child process, so this process's peak RSS is QGIS plus
  the algorithm. It runs first on 10,000 sequences, then on 100,000: the peak's growth between the
  two, per extra sequence, is what more data costs (same process, same run, so other work on the
  machine does not decide it); and the peak itself stays under a fixed cap.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime  # noqa: E402

from kartaview.plugin.provider.fields import fields_for  # noqa: E402
from kartaview.plugin.provider.uri import SEQUENCES  # noqa: E402
from tests.bench.qgis_app import run_in_qgis  # noqa: E402
from tests.bench.results import record  # noqa: E402

ALG = "kartaview:coveragestatistics"
SEQUENCE_COUNT = 100_000
SMALL_COUNT = 10_000
TARGET_S = 10.0
# Memory. Measured on main (Dec 2026): peak 524 MB, growth 2.1 KiB per sequence (the lines and their
# pieces are kept to the end: a per-area table needs every piece). Keeping a copy of each input
# feature besides raised the growth to 3.3 KiB and the peak to 634 MB: the limits catch that.
MAX_PEAK_MB = 768
MAX_KIB_PER_SEQUENCE = 2.8
WEST, SOUTH, SIZE = 23.3, 46.55, 0.5  # degrees: ~38 x 55 km around Cluj-Napoca
DEVICES = ("Pixel 6", "iPhone 12", "GoPro MAX", "Samsung SM-G991B", None)


def write(layer, path):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error


def make_sequences(path, count):
    rng = random.Random(18)
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "sequences", "memory")
    layer.dataProvider().addAttributes(fields_for(SEQUENCES).toList())
    layer.updateFields()
    features = []
    for number in range(count):
        x, y = WEST + rng.random() * SIZE, SOUTH + rng.random() * SIZE
        points = []
        for _ in range(12):
            points.append(QgsPointXY(x, y))
            x, y = x + rng.uniform(-0.0015, 0.0015), y + rng.uniform(-0.001, 0.001)
        shot = QDateTime(QDate(2016 + number % 10, 1 + number % 12, 1 + number % 28), QTime(10, 0), Qt.TimeSpec.UTC)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY(points))
        values = {"sequence_id": 1000000 + number, "quality": rng.randint(0, 100), "date_added": shot.addDays(1),
                  "first_shot": shot, "last_shot": shot.addSecs(600), "device": rng.choice(DEVICES),
                  "is_360": rng.random() < 0.15, "username": "driver{}".format(number % 50)}
        feature.setAttributes([values.get(field.name()) for field in layer.fields()])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    write(layer, path)


def make_districts(path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "districts", "memory")
    features, step = [], SIZE / 4
    for row in range(4):
        for column in range(4):
            x, y = WEST + column * step, SOUTH + row * step
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x, y, x + step, y + step)))
            feature.setAttributes(["District {}{}".format("ABCD"[row], column + 1)])
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    write(layer, path)


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def make_inputs(folder):
    """The inputs, in the child process (`--make folder`): their memory is not the algorithm's."""
    folder = Path(folder)
    make_sequences(folder / "small.gpkg", SMALL_COUNT)
    make_sequences(folder / "sequences.gpkg", SEQUENCE_COUNT)
    make_districts(folder / "districts.gpkg")


def body():
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    folder = Path(tempfile.mkdtemp(prefix="kartaview-bench-statistics-"))
    subprocess.run([sys.executable, __file__, "--make", str(folder)], check=True)
    Processing.initialize()
    provider = KartaViewProcessingProvider()  # referenced: the registry does not keep the Python object
    QgsApplication.processingRegistry().addProvider(provider)

    def run(sequences, name):
        started, cpu = time.perf_counter(), time.process_time()
        result = processing.run(ALG, {"SEQUENCES": str(sequences), "AREAS": str(folder / "districts.gpkg"),
                                      "AREA_NAME_FIELD": "name", "OUTPUT": str(folder / (name + ".gpkg")),
                                      "BREAKDOWN": str(folder / (name + ".csv")),
                                      "OUTPUT_HTML": str(folder / (name + ".html"))})
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert Path(folder / (name + ".html")).stat().st_size > 0 and (folder / (name + ".csv")).exists()
        return seconds, cpu, result

    before = rss_mb()
    small_seconds, _, small = run(folder / "small.gpkg", "small")
    small_peak = peak_mb()
    seconds, cpu, result = run(folder / "sequences.gpkg", "stats")
    peak = peak_mb()  # memory from the first large run: later runs reuse what it freed
    timings = [(seconds, cpu)] + [run(folder / "sequences.gpkg", "stats{}".format(n))[:2] for n in (2, 3)]
    seconds, cpu = min(timings, key=lambda timing: timing[1])
    assert small["SEQUENCE_COUNT"] == SMALL_COUNT and result["SEQUENCE_COUNT"] == SEQUENCE_COUNT, (small, result)
    per_sequence_kib = (peak - small_peak) * 1024 / (SEQUENCE_COUNT - SMALL_COUNT)
    figures = {"sequences": SEQUENCE_COUNT, "areas": 16, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
               "runs_wall_cpu_s": [[round(wall, 2), round(spent, 2)] for wall, spent in timings],
               "km": round(result["TOTAL_KM"], 1), "counted_sequences": result["SEQUENCE_COUNT"],
               "rss_before_mb": round(before, 1), "small_sequences": SMALL_COUNT,
               "small_seconds": round(small_seconds, 2), "small_peak_rss_mb": round(small_peak, 1),
               "peak_rss_mb": round(peak, 1), "kib_per_extra_sequence": round(per_sequence_kib, 2)}
    print(json.dumps(figures), flush=True)
    return record("statistics", figures, {
        "100,000 sequences' statistics, CPU seconds (fastest of 3 runs)": {
            "value": round(cpu, 2), "max": TARGET_S, "unit": "s",
            "why": "issue 18: under 10 s. The run is one thread, so its CPU time is its wait on an idle "
                   "machine; the fastest run is the least disturbed by other work (wall times recorded)"},
        "peak RSS, 100,000 sequences": {
            "value": round(peak, 1), "max": MAX_PEAK_MB, "unit": "MB",
            "why": "QGIS plus the algorithm: main peaks at 524 MB; 1.5 x that"},
        "peak RSS growth per extra sequence (10,000 -> 100,000)": {
            "value": round(per_sequence_kib, 2), "max": MAX_KIB_PER_SEQUENCE, "unit": "KiB",
            "why": "main grows 2.1 KiB a sequence; a copy of each input feature kept besides makes it 3.3"}})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        run_in_qgis(lambda: make_inputs(sys.argv[2]))
        sys.exit(0)
    sys.exit(0 if run_in_qgis(body) else 1)
