"""Photo dock speed against the sandbox KartaView with 100 ms added latency (`make bench`).

Measured through the real widgets (map tool click on a canvas, dock buttons), each as the time
until the dock shows the first image of the photo, and as a ratio to one request round: the
median time of a single small request to the same sandbox, measured in the same run.
- click to first pixel, photo found by the API radius search (no layer: search + image = 2 rounds)
- click to first pixel, photo point of a layer with only ids (sequence list + image = 2 rounds)
- click to first pixel, photo point of the KartaView photos layer, whose fields name the image
  (image = 1 round; the sequence list loads beside it)
- step to the next photo without prefetch (1 round) and with the ±2 prefetch done (≈ 0 rounds)
Results also go to tests/bench/results/photo.json.
"""

import json
import os
import statistics
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
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtCore import QPoint, Qt  # noqa: E402
from qgis.PyQt.QtTest import QTest  # noqa: E402

from tests.bench.qgis_app import run_in_qgis  # noqa: E402

LATENCY_MS = 100
REPEATS = 5
RESULTS = ROOT / "tests" / "bench" / "results" / "photo.json"


def _photos_layer_source(photos, client):
    """A memory copy of the KartaView photos layer: the provider's fields and attribute rows."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from kartaview.plugin.provider.fields import fields_for, photo_attributes
    from kartaview.plugin.provider.uri import PHOTOS

    source = QgsVectorLayer("Point?crs=EPSG:4326", "kv photos", "memory")
    source.dataProvider().addAttributes(fields_for(PHOTOS).toList())
    source.updateFields()
    features = []
    for photo in photos:
        feature = QgsFeature(source.fields())
        feature.setAttributes(photo_attributes(photo, client))
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(photo.lng, photo.lat)))
        features.append(feature)
    source.dataProvider().addFeatures(features)
    return source


def main():
    from kartaview.plugin.client.client import KartaViewClient
    from kartaview.plugin.client.models import Photo
    from kartaview.plugin.gui.background import Background
    from kartaview.plugin.gui.map_tool import PhotoMapTool
    from kartaview.plugin.gui.photo_cache import PhotoCache
    from kartaview.plugin.gui.photo_dock import PhotoDock
    from kartaview.plugin.gui.photo_loader import PhotoLoader
    from tests.photo_support import pump, sequence_ids, wait_until
    from tests.sandbox import Sandbox
    from tests.test_photo_map_tool import _points_source

    work = Path(tempfile.mkdtemp(prefix="kartaview-bench-photo-"))
    with Sandbox(port=0, data_dir=str(work / "sandbox"), seed=1, latency_ms=LATENCY_MS) as sandbox:
        client = KartaViewClient(sandbox.url)
        sequences = sequence_ids(sandbox, min_photos=30)[:3 * REPEATS]
        for sequence_id in sequences:  # the sandbox draws each JPEG once; time the network, not PIL
            for record in sandbox.world.photos(sequence_id)[:12]:
                for size in ("th", "lth"):
                    client.fetch_image(Photo.from_v1(record), size)

        rounds = []
        for sequence_id in sequences:
            started = time.perf_counter()
            client.fetch_image(Photo.from_v1(sandbox.world.photos(sequence_id)[0]), "th")
            rounds.append(time.perf_counter() - started)
        round_s = statistics.median(rounds)

        canvas = QgsMapCanvas()
        canvas.resize(600, 600)
        canvas.show()
        mercator = QgsCoordinateReferenceSystem("EPSG:3857")
        canvas.setDestinationCrs(mercator)
        to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance())
        figures = {"click_api": [], "click_layer": [], "click_photos_layer": [], "step_cold": [],
                   "step_prefetched": []}
        kinds = ("click_api", "click_layer", "click_photos_layer")

        def measure(run, sequence_id):
            kind = kinds[run // REPEATS]
            via_layer = kind != "click_api"
            factory = (lambda c: lambda: c)(KartaViewClient(sandbox.url))
            loader = PhotoLoader(factory, cache=PhotoCache(work / "cache{}".format(run), 10**9))
            dock = PhotoDock(canvas, client_factory=factory, loader=loader)
            shown = []
            dock.imageShown.connect(lambda photo, served: shown.append((photo.id, time.perf_counter())))
            background = Background()
            photos = [Photo.from_v1(r) for r in sandbox.world.photos(sequence_id)]
            target = next(p for p in photos[5:] if p.has_position)
            positioned = [p for p in photos if p.has_position]
            source = {"click_api": lambda: None, "click_layer": lambda: _points_source(positioned),
                      "click_photos_layer": lambda: _photos_layer_source(positioned, client)}[kind]()
            canvas.setLayers([source] if via_layer else [])
            tool = PhotoMapTool(canvas, background, client_factory=factory,
                                layer_filter=lambda layer: layer is source)
            tool.photoPicked.connect(dock.show_ref)
            centre = to_map.transform(QgsPointXY(target.lng, target.lat))
            canvas.setExtent(QgsRectangle(centre.x() - 60, centre.y() - 60, centre.x() + 60, centre.y() + 60))
            pixel = canvas.getCoordinateTransform().transform(centre)
            canvas.setMapTool(tool)

            started = time.perf_counter()
            QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(round(pixel.x()), round(pixel.y())))
            wait_until(lambda: shown, timeout=10, what="the first image")
            figures[kind].append(shown[0][1] - started)
            wait_until(lambda: len(dock.sequence_photos()) > 1 and not loader.is_loading(), what="the sequence")

            if not via_layer:
                prefetch = loader.prefetch
                loader.prefetch = lambda photos: None  # a step as if nothing had been prefetched
                pump(1.0)  # let the prefetch started with the sequence finish, then forget it all
                loader.cache = PhotoCache(work / "cold{}".format(run), 10**9)
                figures["step_cold"].append(_step(dock, shown, wait_until))
                loader.prefetch = prefetch
                dock.go_to(dock.position())  # starts the prefetch around the current photo
            ahead = dock.sequence_photos()[dock.position() + 1]
            wait_until(lambda: loader.cache.contains(ahead.id, "lth"), what="the prefetch")
            figures["step_prefetched"].append(_step(dock, shown, wait_until))

            canvas.unsetMapTool(tool)
            dock.release()
            dock.deleteLater()
            background.shutdown()

        for run, sequence_id in enumerate(sequences):
            measure(run, sequence_id)
        canvas.setLayers([])

    report = {"latency_ms": LATENCY_MS, "request_round_s": round(round_s, 4)}
    print("One request round (median of {} image requests): {:.0f} ms".format(len(rounds), round_s * 1000))
    for name, label in (("click_api", "click to first pixel, API radius search"),
                         ("click_layer", "click to first pixel, point of an ids-only layer"),
                         ("click_photos_layer", "click to first pixel, point of the photos layer"),
                         ("step_cold", "step to next photo, without prefetch"),
                         ("step_prefetched", "step to next photo, prefetched")):
        median = statistics.median(figures[name])
        report[name] = {"median_s": round(median, 4), "rounds": round(median / round_s, 2),
                        "rounds_vs_100ms": round(median / (LATENCY_MS / 1000), 2)}
        print("{:<48} {:6.0f} ms = {:4.2f} rounds ({:4.2f} x 100 ms)".format(
            label, median * 1000, median / round_s, median / (LATENCY_MS / 1000)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    return 0


def _step(dock, shown, wait_until):
    before = len(shown)
    started = time.perf_counter()
    QTest.mouseClick(dock.nextButton, Qt.MouseButton.LeftButton)
    wait_until(lambda: len(shown) > before, timeout=10, what="the next photo")
    return shown[before][1] - started


if __name__ == "__main__":
    raise SystemExit(run_in_qgis(main, gui=True))
