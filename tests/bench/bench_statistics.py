"""Speed and memory of kartaview:coveragestatistics on 100,000 sequences' worth of lines (`make bench`).

Input: a GeoPackage of 100,000 sequence lines (the sequences layer's fields, 12 vertices each, ~1 km)
spread over a 40 x 40 km square, and 16 district polygons tiling it; no network (the SEQUENCES input).
Output: the per-area table, the long table and the HTML report with plotly.js. Target (issue 18):
under 10 s. Peak memory (ru_maxrss) is printed and recorded with the time in
tests/bench/results/statistics.json.
"""

import json
import os
import random
import resource
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

ALG = "kartaview:coveragestatistics"
SEQUENCE_COUNT = 100_000
TARGET_S = 10.0
WEST, SOUTH, SIZE = 23.3, 46.55, 0.5  # degrees: ~38 x 55 km around Cluj-Napoca
DEVICES = ("Pixel 6", "iPhone 12", "GoPro MAX", "Samsung SM-G991B", None)


def write(layer, path):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error


def make_sequences(path):
    rng = random.Random(18)
    layer = QgsVectorLayer("LineString?crs=EPSG:4326", "sequences", "memory")
    layer.dataProvider().addAttributes(fields_for(SEQUENCES).toList())
    layer.updateFields()
    features = []
    for number in range(SEQUENCE_COUNT):
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


def body():
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    Processing.initialize()
    provider = KartaViewProcessingProvider()  # referenced: the registry does not keep the Python object
    QgsApplication.processingRegistry().addProvider(provider)
    folder = Path(tempfile.mkdtemp(prefix="kartaview-bench-statistics-"))
    sequences, districts = folder / "sequences.gpkg", folder / "districts.gpkg"
    make_sequences(sequences)
    make_districts(districts)
    started = time.perf_counter()
    result = processing.run(ALG, {"SEQUENCES": str(sequences), "AREAS": str(districts), "AREA_NAME_FIELD": "name",
                                  "OUTPUT": str(folder / "stats.gpkg"), "BREAKDOWN": str(folder / "breakdown.csv"),
                                  "OUTPUT_HTML": str(folder / "report.html")})
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    figures = {"sequences": SEQUENCE_COUNT, "areas": 16, "seconds": round(seconds, 2),
               "km": round(result["TOTAL_KM"], 1), "counted_sequences": result["SEQUENCE_COUNT"],
               "peak_rss_mb": round(peak_mb, 1), "target_s": TARGET_S}
    print(json.dumps(figures))
    results = ROOT / "tests" / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "statistics.json").write_text(json.dumps(figures, indent=1) + "\n")
    return seconds


if __name__ == "__main__":
    taken = run_in_qgis(body)
    if taken > TARGET_S:
        print("FAIL: {:.1f} s, over the {:.0f} s target".format(taken, TARGET_S))
        sys.exit(1)
    print("OK: {:.1f} s".format(taken))
