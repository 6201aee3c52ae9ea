"""Speed and memory of kartaview:coveragegaps, from one city to a country's worth of roads (`make bench`).

The city: every road piece of the sandbox (~4,450 pieces of Cluj-Napoca, android-geometry.json) as a
GeoPackage, sequences (the sandbox's ~120) loaded once, cold, through the plugin's loader and cache.
- warm: 5 runs, GeoPackage in, two GeoPackages out; I/O alone: reading the roads, getting the
  sequences from the warm cache and writing outputs of the same size, no analysis. Targets: warm
  under 10 s, warm / I/O alone under 5 (fastest runs: the least disturbed on a shared machine).
- tiles: the same network cut into ~20 tiles gives the covered and gap lengths of one piece (0.1 %).
Countries: the city's roads and sequences copied side by side along the parallel (same lengths: a
copy differs only in longitude), 64 copies (~285 k roads) and 225 (~1 M); `make bench-national`
(--national) runs 1,124 copies (~5 M, about 45 min on a busy 2-core machine). Each run is a fresh
process (qgis's own Python, sequences from a GeoPackage layer: no network), GeoPackages in and out.
Targets: peak memory (VmHWM, QGIS included) under 1 GiB, at most 100 µs of CPU per road (wall time
is printed too, but on a machine shared with other work it measures that work as well), covered and
gap lengths N times one copy's within 0.1 % (no road lost or counted twice across tiles).
Figures and targets go to build/bench/results.json (tests/bench/results.py); exit 1 on a missed target.

--tile-roads N: the tile size for every run (default: the plugin's). --tile-roads 100000000 is the
whole network in one piece, as before tiles: the 1 M run then misses the memory target.
"""

import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ALG = "kartaview:coveragegaps"
RUNS = 5
SCALES = {"285k": 64, "1M": 225}
NATIONAL = {"5M": 1124}
COPY_GAP_DEG = 0.03  # between copies (~2 km): farther than the tolerance and the tiles' 1 km context
MAX_PEAK_MIB = 1024.0
MAX_US_PER_ROAD = 100.0
MAX_LENGTH_DIFF = 0.001  # 0.1 %


def _plugin(root):
    """Import the plugin tree at `root` as `kartaview` (another tree: a reference run of older code)."""
    if root:
        from tests import plugin_package

        plugin_package.ROOT = Path(root)
    from tests.plugin_package import import_plugin_package

    import_plugin_package()


def _processing():
    from qgis.core import QgsApplication

    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    Processing.initialize()
    provider = KartaViewProcessingProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return provider  # referenced: the registry does not keep the Python object


def _memory_mib(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


# -- the data ---------------------------------------------------------------------------------------------

def _writer(path, fields, wkb_type):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    return QgsVectorFileWriter.create(str(path), fields, wkb_type, QgsCoordinateReferenceSystem("EPSG:4326"),
                                      QgsCoordinateTransformContext(), options)


def _line(coordinates, dx):
    from qgis.core import QgsGeometry

    geometry = QgsGeometry()
    points = [value for lng, lat in coordinates for value in (lng + dx, lat)]
    geometry.fromWkb(struct.pack("<BII{}d".format(len(points)), 1, 2, len(coordinates), *points))
    return geometry


def road_pieces(segments):
    """[(coordinates (lng, lat), element_id, way_id)] of the sandbox's road pieces with a length."""
    return [([(lng, lat) for lat, lng in segment.track], segment.element_id, segment.way_id)
            for segment in segments if len(set(segment.track)) >= 2]


def write_roads(pieces, path, copies=1, dx=0.0):
    """The road pieces, `copies` times, each copy dx degrees east of the previous; returns the count."""
    from qgis.core import QgsFeature, QgsFields, QgsWkbTypes

    from kartaview.plugin.core.compat import STRING, new_field

    fields = QgsFields()
    for name in ("element_id", "way_id"):
        fields.append(new_field(name, STRING))
    writer = _writer(path, fields, QgsWkbTypes.Type.LineString)
    for copy in range(copies):
        features = []
        for coordinates, element_id, way_id in pieces:
            feature = QgsFeature(fields)
            feature.setGeometry(_line(coordinates, copy * dx))
            feature.setAttributes([element_id, way_id])
            features.append(feature)
        writer.addFeatures(features)
    del writer
    return copies * len(pieces)


def write_sequences(tracks, path, copies=1, dx=0.0):
    """The loader's tracks as a sequences layer (the fields the algorithm reads), copied like the roads."""
    from qgis.core import QgsFeature, QgsFields, QgsWkbTypes
    from qgis.PyQt.QtCore import QDateTime, Qt

    from kartaview.plugin.core.compat import BOOL, DATETIME, INT64, new_field

    fields = QgsFields()
    for name, kind in (("sequence_id", INT64), ("date_added", DATETIME), ("first_shot", DATETIME),
                       ("last_shot", DATETIME), ("is_360", BOOL)):
        fields.append(new_field(name, kind))

    def utc(moment):
        if moment is None:
            return None
        value = QDateTime(moment)
        value.setTimeSpec(Qt.TimeSpec.UTC)
        return value

    writer = _writer(path, fields, QgsWkbTypes.Type.LineString)
    for copy in range(copies):
        features = []
        for track in tracks:
            if len(set(track.coordinates)) < 2:
                continue
            feature = QgsFeature(fields)
            feature.setGeometry(_line(track.coordinates, copy * dx))
            feature.setAttributes([track.id * 10000 + copy, utc(track.sequence.date_added), utc(track.first_shot),
                                   utc(track.last_shot), bool(track.sequence.is_360)])
            features.append(feature)
        writer.addFeatures(features)
    del writer


# -- one run in a fresh process ---------------------------------------------------------------------------

def child(roads, sequences, out, tile_roads, plugin_root):
    """Runs in the child process: one run, figures as one JSON line on stdout."""
    _plugin(plugin_root)
    from tests.bench.qgis_app import run_in_qgis

    def body():
        provider = _processing()  # noqa: F841 - kept alive for the run
        import processing

        if tile_roads:
            from kartaview.plugin.processing import coverage_inputs

            coverage_inputs.TILE_ROADS = tile_roads
        before = _memory_mib("VmRSS")
        started, cpu = time.perf_counter(), time.process_time()
        result = processing.run(ALG, {"INPUT": roads, "SEQUENCES": sequences, "OUTPUT": str(Path(out) / "covered.gpkg"),
                                      "GAPS": str(Path(out) / "gaps.gpkg")})
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mib": _memory_mib("VmHWM"),
                          "rss_before_mib": before,
                          "road_km": result["ROAD_KM"], "covered_km": result["COVERED_KM"],
                          "gap_km": result["GAP_KM"], "gap_count": result["GAP_COUNT"]}), flush=True)
        return 0

    return run_in_qgis(body)


def run_child(roads, sequences, work, tile_roads=None, plugin_root=None):
    out = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    command = [sys.executable, __file__, "--child", str(roads), str(sequences), str(out),
               str(tile_roads or 0), plugin_root or ""]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    for path in out.iterdir():
        path.unlink()  # the outputs of millions of roads: gigabytes
    out.rmdir()
    if done.returncode != 0 or not lines:
        raise RuntimeError("the run failed ({}):\n{}".format(done.returncode, done.stderr[-3000:]))
    return json.loads(lines[-1])


# -- the city, in this process ----------------------------------------------------------------------------

def run_algorithm(roads, work, tag, tile_roads=None):
    import processing

    from kartaview.plugin.processing import coverage_inputs

    default = coverage_inputs.TILE_ROADS
    coverage_inputs.TILE_ROADS = tile_roads or default
    covered, gaps = work / "covered-{}.gpkg".format(tag), work / "gaps-{}.gpkg".format(tag)
    started = time.perf_counter()
    try:
        result = processing.run(ALG, {"INPUT": str(roads), "OUTPUT": str(covered), "GAPS": str(gaps)})
    finally:
        coverage_inputs.TILE_ROADS = default
    return time.perf_counter() - started, result


def io_alone(roads, gaps_features, bbox, work, tag):
    """Read the roads, get the sequences from the cache, write outputs of the algorithm's size."""
    from qgis.core import QgsFeature, QgsVectorLayer, QgsWkbTypes

    from kartaview.plugin.core.compat import BOOL, DATETIME, DOUBLE, INT, new_field
    from kartaview.plugin.provider.loader import fetch_sequences

    started = time.perf_counter()
    source = QgsVectorLayer(str(roads), "roads", "ogr")
    fields = source.fields()
    for name, kind in (("covered_m", DOUBLE), ("covered_pct", DOUBLE), ("newest_capture", DATETIME),
                       ("oldest_capture", DATETIME), ("sequence_count", INT), ("has_360", BOOL)):
        fields.append(new_field(name, kind))
    out = []
    for feature in source.getFeatures():
        copy = QgsFeature(fields)
        copy.setGeometry(feature.geometry())
        copy.setAttributes(feature.attributes() + [0.0, 0.0, None, None, 0, False])
        out.append(copy)
    tracks = fetch_sequences(bbox)
    writer = _writer(work / "io-covered-{}.gpkg".format(tag), fields, source.wkbType())
    writer.addFeatures(out)
    del writer
    writer = _writer(work / "io-gaps-{}.gpkg".format(tag), gaps_features[0].fields(), QgsWkbTypes.Type.LineString)
    writer.addFeatures(gaps_features)
    del writer
    return time.perf_counter() - started, len(tracks)


def _diff(value, expected):
    return abs(value - expected) / expected if expected else float(value != expected)


def city(work, sandbox, figures, targets):
    """The Cluj network in this process (loader and cache); returns (road pieces, tracks)."""
    from qgis.core import QgsVectorLayer

    from kartaview.plugin.provider.loader import fetch_sequences

    pieces = road_pieces(sandbox.world.segments)
    roads = work / "cluj-roads.gpkg"
    count = write_roads(pieces, roads)
    cold, result = run_algorithm(roads, work, "cold")
    warm = []
    for run in range(RUNS):
        seconds, result = run_algorithm(roads, work, run)
        warm.append(seconds)
    tiled = run_algorithm(roads, work, "tiled", tile_roads=count // 20)[1]
    whole = run_algorithm(roads, work, "whole", tile_roads=10 ** 9)[1]
    gaps_features = list(QgsVectorLayer(result["GAPS"], "gaps", "ogr").getFeatures())
    extent = QgsVectorLayer(str(roads), "r", "ogr").extent()
    bbox = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    io = [io_alone(roads, gaps_features, bbox, work, run)[0] for run in range(RUNS)]
    figures.update({
        "city_roads": count, "city_sequences": int(result["SEQUENCE_COUNT"]), "city_gaps": len(gaps_features),
        "city_road_km": round(result["ROAD_KM"], 3), "city_covered_km": round(result["COVERED_KM"], 3),
        "city_gap_km": round(result["GAP_KM"], 3), "city_cold_s": round(cold, 2),
        "city_warm_s": round(min(warm), 3), "city_warm_median_s": round(statistics.median(warm), 3),
        "city_io_alone_s": round(min(io), 3), "city_io_alone_median_s": round(statistics.median(io), 3),
        "city_tiled_covered_km": round(tiled["COVERED_KM"], 3), "city_whole_covered_km": round(whole["COVERED_KM"], 3),
        "city_tiled_gap_km": round(tiled["GAP_KM"], 3), "city_whole_gap_km": round(whole["GAP_KM"], 3)})
    targets["city_warm_s"] = {"value": round(min(warm), 3), "max": 10.0, "unit": "s"}
    targets["city_warm_over_io"] = {"value": round(min(warm) / min(io), 2), "max": 5.0, "unit": "x I/O alone"}
    for key in ("covered", "gap"):
        targets["city_tiled_{}_diff".format(key)] = {
            "value": _diff(tiled[key.upper() + "_KM"], whole[key.upper() + "_KM"]), "max": MAX_LENGTH_DIFF,
            "unit": "share of the length in one piece", "why": "tiles must not change the results"}
    print("city: {city_roads} roads ({city_road_km} km), {city_sequences} sequences, {city_gaps} gaps, "
          "{city_covered_km} km covered; cold {city_cold_s} s, warm {city_warm_s} s (median {city_warm_median_s}), "
          "I/O alone {city_io_alone_s} s; in ~20 tiles {city_tiled_covered_km} km covered".format(**figures),
          flush=True)
    return pieces, fetch_sequences(bbox)


def countries(work, pieces, tracks, scales, tile_roads, figures, targets, plugin_root=None):
    longitudes = [lng for coordinates, _, _ in pieces for lng, _ in coordinates]
    dx = max(longitudes) - min(longitudes) + COPY_GAP_DEG
    roads, sequences = work / "copies-roads-1.gpkg", work / "copies-sequences-1.gpkg"
    write_roads(pieces, roads)
    write_sequences(tracks, sequences)
    one = run_child(roads, sequences, work, tile_roads, plugin_root)
    figures["copy_covered_km"], figures["copy_gap_km"] = round(one["covered_km"], 3), round(one["gap_km"], 3)
    for name, copies in scales.items():
        roads = work / "copies-roads-{}.gpkg".format(copies)
        sequences = work / "copies-sequences-{}.gpkg".format(copies)
        started = time.perf_counter()
        count = write_roads(pieces, roads, copies, dx)
        write_sequences(tracks, sequences, copies, dx)
        print("{}: {} roads written in {:.0f} s; running…".format(name, count, time.perf_counter() - started),
              flush=True)
        run = run_child(roads, sequences, work, tile_roads, plugin_root)
        roads.unlink()
        sequences.unlink()
        us, wall_us = 1e6 * run["cpu_seconds"] / count, 1e6 * run["seconds"] / count
        figures.update({"{}_roads".format(name): count, "{}_s".format(name): round(run["seconds"], 1),
                        "{}_cpu_s".format(name): round(run["cpu_seconds"], 1),
                        "{}_wall_us_per_road".format(name): round(wall_us, 1),
                        "{}_us_per_road".format(name): round(us, 1), "{}_peak_mib".format(name): round(run["peak_mib"]),
                        "{}_rss_before_mib".format(name): round(run["rss_before_mib"]),
                        "{}_covered_km".format(name): round(run["covered_km"], 3),
                        "{}_gap_km".format(name): round(run["gap_km"], 3)})
        targets["{}_peak_mib".format(name)] = {"value": round(run["peak_mib"]), "max": MAX_PEAK_MIB, "unit": "MiB"}
        targets["{}_us_per_road".format(name)] = {
            "value": round(us, 1), "max": MAX_US_PER_ROAD, "unit": "µs of CPU",
            "why": "CPU time: wall time on a shared machine measures the other processes too (both printed)"}
        for key in ("covered", "gap"):
            targets["{}_{}_diff".format(name, key)] = {
                "value": _diff(run[key + "_km"], copies * one[key + "_km"]), "max": MAX_LENGTH_DIFF,
                "unit": "share of {} x one copy".format(copies)}
        print("{}: {} roads in {:.1f} s ({:.1f} µs/road; CPU {:.1f} s, {:.1f} µs/road), peak {:.0f} MiB; covered "
              "{:.3f} km ({} x {:.3f}), gaps {:.3f} km".format(
                  name, count, run["seconds"], wall_us, run["cpu_seconds"], us, run["peak_mib"], run["covered_km"],
                  copies, one["covered_km"], run["gap_km"]), flush=True)


def main(arguments):
    from qgis.core import QgsApplication  # noqa: F401 - QGIS is up (run_in_qgis)

    from tests.bench.results import record
    from tests.sandbox import Sandbox

    provider = _processing()  # noqa: F841 - kept alive for the runs
    work = Path(tempfile.mkdtemp(prefix="kartaview-bench-gaps-"))
    figures, targets = {}, {}
    with Sandbox(port=0, data_dir=str(work / "sandbox"), seed=1) as sandbox:
        os.environ.update(KARTAVIEW_API_URL=sandbox.url, KARTAVIEW_CACHE_DIR=str(work / "cache"))
        pieces, tracks = city(work, sandbox, figures, targets)
    scales = NATIONAL if arguments.national else SCALES
    if arguments.copies:
        scales = {"{}x".format(arguments.copies): arguments.copies}
    countries(work, pieces, tracks, scales, arguments.tile_roads, figures, targets, arguments.plugin_root)
    if arguments.tile_roads:
        figures["tile_roads"] = arguments.tile_roads
    if arguments.plugin_root:
        figures["plugin_root"] = arguments.plugin_root
    ok = record("coverage_gaps_national" if arguments.national else "coverage_gaps", figures, targets)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        roads_path, sequences_path, out_dir, tile, plugin_root = sys.argv[2:7]
        sys.exit(child(roads_path, sequences_path, out_dir, int(tile), plugin_root))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national", action="store_true", help="~5 M roads instead of 285 k and 1 M")
    parser.add_argument("--tile-roads", type=int, default=None, help="tile size (roads) for the runs")
    parser.add_argument("--copies", type=int, default=None, help="one run of this many copies instead")
    parser.add_argument("--plugin-root", default=None,
                        help="run the copies with the plugin in this tree (e.g. `git archive` of an older commit)")
    _plugin(None)
    from tests.bench.qgis_app import run_in_qgis

    sys.exit(run_in_qgis(lambda: main(parser.parse_args())))
