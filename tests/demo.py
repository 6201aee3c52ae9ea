"""`make demo`: the plugin's main jobs, headless, against the sandbox KartaView.

Starts the sandbox, talks to it with the plugin's client, then runs the Processing algorithms the
way a user runs them from a shell (`qgis_process`): download the coverage of a Cluj-Napoca extent
to a GeoPackage and render it to a PNG, upload a small photo track (and re-run it to show the
resume), find the streets without imagery, draw the coverage overview and a frame of the
Temporal Controller's animation, and write the coverage statistics report. Prints what it did and
where the outputs are; the sandbox is stopped at the end, also on failure.
"""

import json
import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from tests.gpkg import gpkg_writer  # noqa: E402
from tests.plugin_package import ROOT, import_plugin_package  # noqa: E402
from tests.qgis_process_runner import make_plugin_home, run_qgis_process  # noqa: E402
from tests.sandbox import Sandbox  # noqa: E402
from tests.sandbox.roads import GEOMETRY_FILE  # noqa: E402

import_plugin_package()

from kartaview.plugin.core.compat import DATETIME, DOUBLE, INT64, STRING  # noqa: E402

OUT = ROOT / "build" / "demo"
# Cluj-Napoca centre, lon/lat: the sandbox's sequences drive the real roads here.
EXTENT = (23.560, 46.755, 23.620, 46.785)
EXTENT_PARAM = "{},{},{},{} [EPSG:4326]".format(EXTENT[0], EXTENT[2], EXTENT[1], EXTENT[3])


def step(title):
    print("\n== {} ==".format(title), flush=True)


def run_algorithm(home, env, algorithm, **params):
    args = ["run", "kartaview:" + algorithm, "--json", "--"]
    args += ["{}={}".format(key, value) for key, value in params.items()]
    result = run_qgis_process(home, args, env=env, timeout=900)
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise SystemExit("qgis_process {} failed (exit {})".format(algorithm, result.returncode))
    answer = json.loads(result.stdout[result.stdout.index("{"):])
    return answer


def show_log(answer):
    """The lines the algorithm logged (qgis_process --json gives them under log/info)."""
    log = answer.get("log") or {}
    lines = log.get("info", []) if isinstance(log, dict) else str(log).splitlines()
    for line in lines:
        if line.strip():
            print("   ", line.strip())


def client_tour(sandbox):
    from kartaview.plugin.client import KartaViewClient

    client = KartaViewClient(sandbox.url)
    photos = client.nearby_photos(EXTENT, ipp=500)
    sequence_ids = sorted({photo.sequence_id for photo in photos})
    print("nearby-photos over the extent: {} photos of {} sequences (pages of 500, fetched "
          "concurrently)".format(len(photos), len(sequence_ids)))
    sequence = client.sequence(sequence_ids[0])
    print("sequence {}: country {}, quality {}, {} km, {} photos, by {}".format(
        sequence.id, sequence.country_code, sequence.quality, sequence.distance_km,
        sequence.photo_count, sequence.username))
    track = client.sequence_photos(sequence.id)
    with_position = [photo for photo in track if photo.has_position]
    print("photo-list: {} photos, {} with a position".format(len(track), len(with_position)))
    image, size = client.fetch_image(with_position[0], "lth")
    path = OUT / "first-photo.jpg"
    path.write_bytes(image)
    print("photo {} ({} served): {}".format(with_position[0].id, size, path))
    client.close()


def render_map(gpkg, png):
    sequences = QgsVectorLayer(str(gpkg), "KartaView sequences", "ogr")
    if not sequences.isValid():
        raise SystemExit("cannot open {}".format(gpkg))
    style = ROOT / "ui" / "styles" / "sequences.qml"
    if style.exists():
        sequences.loadNamedStyle(str(style))
    QgsProject.instance().addMapLayer(sequences)
    settings = QgsMapSettings()
    settings.setLayers([sequences])
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(sequences.crs())
    settings.setExtent(sequences.extent().buffered(0.002))
    settings.setOutputSize(QSize(1200, 900))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(png), "PNG")
    count = sequences.featureCount()
    QgsProject.instance().clear()
    return count


def make_photo_track(folder):
    """12 JPEGs along a sandbox road and a point GeoPackage shaped like native:importphotos' output; the
    last 6 from a 360° camera (2:1 with GPano XMP), which go as SPHERE in a sequence of their own."""
    from tests.upload_support import gpano_xmp, with_xmp

    segments = json.loads(GEOMETRY_FILE.read_text())["currentPageItems"]
    road = max(segments, key=lambda item: len(item["track"]))["track"][:12]
    path = folder / "my-track.gpkg"
    fields, writer = gpkg_writer(
        path, QgsWkbTypes.Type.Point,
        [("photo", STRING), ("timestamp", DATETIME), ("direction", DOUBLE)])
    start = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    for index, (lat, lng) in enumerate(road):
        panorama = index >= 6
        image = Image.new("RGB", (1280, 640) if panorama else (640, 480), (40, 90 + index * 10, 160))
        ImageDraw.Draw(image).text((20, 20), "demo photo {}".format(index), fill="white")
        photo = folder / "IMG_{:04d}.jpg".format(index)
        image.save(photo, "JPEG", quality=80)
        if panorama:
            photo.write_bytes(with_xmp(photo.read_bytes(), gpano_xmp(heading=90)))
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(lng), float(lat))))
        when = start + timedelta(seconds=2 * index)
        feature.setAttributes([str(photo), QDateTime.fromSecsSinceEpoch(int(when.timestamp())), 90.0])
        writer.addFeature(feature)
    del writer
    return path


def write_roads(path):
    """The sandbox's road network (the real Cluj-Napoca OSM pieces) inside the extent, as a GeoPackage."""
    fields, writer = gpkg_writer(
        path, QgsWkbTypes.Type.LineString, [("element_id", STRING), ("way_id", INT64)])
    count = 0
    for item in json.loads(GEOMETRY_FILE.read_text())["currentPageItems"]:
        points = [QgsPointXY(float(lng), float(lat)) for lat, lng in item["track"]]
        inside = any(EXTENT[0] <= p.x() <= EXTENT[2] and EXTENT[1] <= p.y() <= EXTENT[3] for p in points)
        if len(points) < 2 or not inside:
            continue
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPolylineXY(points))
        feature.setAttributes([item["element_id"], int(item["way_id"])])
        writer.addFeature(feature)
        count += 1
    del writer
    return count


def main():
    app = QgsApplication([], False)
    app.initQgis()
    try:
        run_demo()
    finally:
        app.exitQgis()


def run_demo():
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kartaview-demo-"))
    home = make_plugin_home(work / "qgis")
    with Sandbox(port=0, data_dir=str(work / "sandbox"), seed=1) as sandbox:
        env = {
            "KARTAVIEW_API_URL": sandbox.url,
            "KARTAVIEW_CACHE_DIR": str(work / "cache"),
            "KARTAVIEW_ACCESS_TOKEN": sandbox.token,
        }
        os.environ.update({k: v for k, v in env.items() if k != "KARTAVIEW_ACCESS_TOKEN"})
        print("Sandbox KartaView at {} (demo user {})".format(sandbox.url, sandbox.username))

        step("1. The KartaView client")
        client_tour(sandbox)

        step("2. kartaview:downloadsequences over Cluj-Napoca centre (qgis_process)")
        gpkg = OUT / "kartaview-sequences.gpkg"
        gpkg.unlink(missing_ok=True)
        run_algorithm(home, env, "downloadsequences", EXTENT=EXTENT_PARAM, TYPE=0, OUTPUT=gpkg)
        png = OUT / "kartaview-sequences.png"
        count = render_map(gpkg, png)
        print("{} sequences with their attributes written to {}".format(count, gpkg))
        print("map rendered to {}".format(png))

        step("3. kartaview:uploadphotos: a 12-photo track, then the same run again (qgis_process)")
        track = make_photo_track(work)
        preview, planned = OUT / "upload-preview.gpkg", OUT / "upload-planned-sequences.gpkg"
        for path in (preview, planned):
            path.unlink(missing_ok=True)
        answer = run_algorithm(home, env, "uploadphotos", INPUT=track, DRY_RUN="true", OUTPUT=preview,
                               PLANNED_SEQUENCES=planned)
        print("dry run (the preview before sending; nothing sent):")
        show_log(answer)
        print("    planned sequences (lines): {}\n    photos (points): {}".format(planned, preview))
        for attempt in ("first run", "second run (resumes: nothing sent twice)"):
            report = OUT / "upload-report-{}.gpkg".format("1" if attempt == "first run" else "2")
            report.unlink(missing_ok=True)
            answer = run_algorithm(home, env, "uploadphotos", INPUT=track, OUTPUT=report)
            print(attempt + ":")
            show_log(answer)
            counts = answer.get("results", {})
            print("    uploaded {UPLOADED}, already uploaded {ALREADY_UPLOADED}, skipped {SKIPPED}, "
                  "failed {FAILED}".format(**counts))
            print("    report: {}".format(report))
        held = sandbox.uploads()
        print("the sandbox now holds {} uploaded sequence(s) with {} photo(s), {} of them 360° (SPHERE)".format(
            len(held), sum(len(s["photos"]) for s in held.values()),
            sum(p["fields"].get("projection") == "SPHERE" for s in held.values() for p in s["photos"])))

        step("4. kartaview:coveragegaps: streets of the extent without imagery (qgis_process)")
        roads = OUT / "cluj-roads.gpkg"
        roads.unlink(missing_ok=True)
        print("{} road pieces of the sandbox network written to {}".format(write_roads(roads), roads))
        covered = OUT / "roads-coverage.gpkg"
        gaps = OUT / "coverage-gaps.gpkg"
        for path in (covered, gaps):
            path.unlink(missing_ok=True)
        answer = run_algorithm(home, env, "coveragegaps", INPUT=roads, OUTPUT=covered, GAPS=gaps)
        show_log(answer)
        print("roads with coverage: {}\ngaps (the task list): {}".format(covered, gaps))

        from tests.demo_analyst import animation_frame, overview

        step("5. The coverage overview: KartaView's coverage tiles as a QGIS XYZ layer")
        png, tiles = overview(sandbox, EXTENT, OUT)
        print("{} coverage tiles drawn to {}".format(tiles, png))

        step("6. Time: one frame of the Temporal Controller's animation of the downloaded sequences")
        png, shown, total = animation_frame(gpkg, ROOT / "ui" / "styles", OUT)
        print("{} of {} sequences captured in the frame, drawn to {}".format(shown, total, png))

        step("7. kartaview:coveragestatistics: km by year, quality, device, 360° and the roads covered")
        report = OUT / "coverage-statistics.html"
        table = OUT / "coverage-statistics.gpkg"
        for path in (report, table):
            path.unlink(missing_ok=True)
        answer = run_algorithm(home, env, "coveragestatistics", EXTENT=EXTENT_PARAM, ROADS=roads, OUTPUT=table,
                               BREAKDOWN="TEMPORARY_OUTPUT", OUTPUT_HTML=report)
        show_log(answer)
        print("table per area: {}\nreport with charts (open it in a browser): {}".format(table, report))
    print("\nSandbox stopped. All outputs are in {}".format(OUT))


if __name__ == "__main__":
    sys.exit(main())
