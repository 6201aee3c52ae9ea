"""Speed and memory of the `kartaview` layer against the sandbox KartaView (`make bench`).

1. Cold load of a city-centre view with 100 ms added latency: time until the last feature is
   available, for the canvas (non-blocking) and for Processing (blocking fetch), as a ratio to the
   latency bound: the request rounds the data needs at the loader's concurrency x the measured
   round trip (rounds = ceil(tiles/W) + ceil(further pages/W) + ceil(sequence requests/W)).
   Also the same for a view at the "zoom in" threshold (MAX_VIEW_TILES), and the compute floor
   (the centre view without added latency) with the CPU seconds this process spent on it, its disk
   cache writes included: a figure other work on a shared machine does not inflate.
2. Warm render of that view (data in memory) and from the disk cache in a fresh loader, as ratios
   to rendering the same features, same style, from a memory layer (the two rendered in turn, so
   that both see the same machine; medians of repeated renders). The image shows the view widened
   to its aspect ratio; the memory layer holds every sequence drawn there.
   From the disk cache: the first render of a new layer in a fresh loader over the same cache (what
   reopening QGIS or the project gives; warm OS file cache), each paired with a memory layer render
   just before it: the first pair's ratio, and the median ratio of FRESH_LOADERS pairs (single
   renders are noisy on a shared machine).
3. Peak and current RSS of this process after panning over the whole sandbox area.

The sandbox runs in its own process. Results also go to tests/bench/results/provider.json.
"""

import gc
import json
import math
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()

import requests  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from tests.bench.qgis_app import run_in_qgis  # noqa: E402

LATENCY_MS = 100
CENTRE = (23.575, 46.762, 23.605, 46.778)  # Cluj-Napoca centre, ~2.3 x 1.8 km, 6 z14 tiles
SANDBOX_AREA = (23.40, 46.60, 23.80, 46.90)
RENDERS = 21
FRESH_LOADERS = 9


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox(data_dir):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tests.sandbox", "--port", str(port), "--data-dir",
                                str(data_dir)], cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    process.stdout.readline()
    return process, "http://127.0.0.1:{}/".format(port)


def control(url, route, **body):
    answer = requests.post(url + "__sandbox__/" + route, json=body, timeout=10)
    answer.raise_for_status()


def request_log(url):
    return requests.get(url + "__sandbox__/log", timeout=10).json()


def measured_latency(url, samples=15):
    times = []
    with requests.Session() as session:
        for _ in range(samples):
            started = time.perf_counter()
            session.get(url + "2.0/sequence/1", timeout=10)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def use_cache_dir(path):
    """A new cache folder means a new loader (and an empty cache): a cold start."""
    os.environ["KARTAVIEW_CACHE_DIR"] = str(path)


def rounds_needed(log, workers):
    nearby = [entry for entry in log if "nearby-photos" in entry["path"]]
    first = sum(1 for entry in nearby if str(entry["params"].get("page", "1")) == "1")
    sequences = sum(1 for entry in log if "/2.0/sequence/" in entry["path"] or "photo-list" in entry["path"])
    rounds = (math.ceil(first / workers) + math.ceil((len(nearby) - first) / workers)
              + math.ceil(sequences / workers))
    return rounds, {"tile_first_pages": first, "further_pages": len(nearby) - first,
                    "sequence_requests": sequences}


def cold_canvas(url, bbox, cache_dir):
    from kartaview.plugin.provider.loader import WORKERS, default_loader

    use_cache_dir(cache_dir)
    control(url, "reset_log")
    layer = QgsVectorLayer("type=sequences", "bench", "kartaview")
    request = QgsFeatureRequest().setFilterRect(QgsRectangle(*bbox))
    started = time.perf_counter()
    served_at_once = len(list(layer.getFeatures(request)))
    loader = default_loader()
    while loader.pending():
        time.sleep(0.002)
    seconds = time.perf_counter() - started
    count = len(list(layer.getFeatures(request)))
    rounds, requests_made = rounds_needed(request_log(url), WORKERS)
    return seconds, served_at_once, count, rounds, requests_made


def cold_blocking(url, bbox, cache_dir):
    from kartaview.plugin.provider.loader import fetch_sequences

    use_cache_dir(cache_dir)
    started = time.perf_counter()
    tracks = fetch_sequences(bbox)
    return time.perf_counter() - started, len(tracks)


def map_settings(layer, bbox):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(QgsRectangle(*bbox))
    settings.setOutputSize(QSize(1200, 900))
    return settings


def render_once(layer, bbox):
    job = QgsMapRendererParallelJob(map_settings(layer, bbox))
    started = time.perf_counter()
    job.start()
    job.waitForFinished()
    return time.perf_counter() - started


def interleaved_medians(layers, bbox, repeats=RENDERS):
    """Median render time of each layer, rendering them in turn so that both see the same machine."""
    times = [[] for _ in layers]
    for _ in range(repeats):
        for layer, spent in zip(layers, times):
            spent.append(render_once(layer, bbox))
    return [statistics.median(spent) for spent in times]


def memory_copy(layer, bbox):
    copy = QgsVectorLayer("LineString?crs=epsg:4326", "memory", "memory")
    copy.dataProvider().addAttributes(layer.fields().toList())
    copy.updateFields()
    copy.dataProvider().addFeatures(list(layer.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(*bbox)))))
    return copy


def warm(bbox, cache_dir):
    from kartaview.plugin.provider.loader import default_loader

    style = str(ROOT / "ui" / "styles" / "sequences.qml")
    use_cache_dir(cache_dir)
    layer = QgsVectorLayer("type=sequences", "bench", "kartaview")
    layer.loadNamedStyle(style)
    # The renders draw the map's visible extent: bbox widened to the image's aspect ratio, so more
    # sequences than bbox holds. Both layers must draw the same ones: load it all, then copy it.
    visible = map_settings(layer, bbox).visibleExtent()
    drawn = (visible.xMinimum(), visible.yMinimum(), visible.xMaximum(), visible.yMaximum())
    list(layer.getFeatures(QgsFeatureRequest().setFilterRect(visible)))
    while default_loader().pending():
        time.sleep(0.005)
    memory = memory_copy(layer, drawn)
    assert memory.featureCount() == len(list(layer.getFeatures(QgsFeatureRequest().setFilterRect(visible))))
    memory.loadNamedStyle(style)
    features = memory.featureCount()
    baseline, in_memory = interleaved_medians([memory, layer], bbox)
    # A fresh loader over the same disk cache: QGIS restarted (or the memory store evicted). Each
    # first render is paired with a render of the memory layer just before it, its baseline.
    from kartaview.plugin.provider import loader as loader_module

    firsts = []
    fresh = None
    for _ in range(FRESH_LOADERS):
        fresh = None
        # The benchmark simulates a restart: the previous loader's threads end and it is freed now,
        # as in a process that is gone, not during the timed render.
        for previous in loader_module._loaders.values():  # noqa: SLF001
            previous.shutdown(wait=True)
        loader_module._loaders.clear()  # noqa: SLF001
        gc.collect()
        fresh = QgsVectorLayer("type=sequences", "bench", "kartaview")
        fresh.loadNamedStyle(style)
        firsts.append((render_once(memory, bbox), render_once(fresh, bbox)))
        assert default_loader().pending() == 0, "the disk cache should have answered everything"
    return features, baseline, in_memory, firsts


def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pan(url, cache_dir):
    """Pan views at the zoom-in threshold over the whole sandbox area, loading each completely."""
    from kartaview.plugin.provider.loader import MAX_VIEW_TILES, default_loader

    control(url, "faults", latency_ms=0)
    use_cache_dir(cache_dir)
    layer = QgsVectorLayer("type=sequences", "bench", "kartaview")
    loader = default_loader()
    width, height = 0.06, 0.035  # 12-16 z14 tiles at this latitude: under the threshold
    assert loader.tile_count("sequences", (23.5, 46.7, 23.5 + width, 46.7 + height)) <= MAX_VIEW_TILES["sequences"]
    before = rss_mib()
    views = features = 0
    lng = SANDBOX_AREA[0]
    while lng < SANDBOX_AREA[2]:
        lat = SANDBOX_AREA[1]
        while lat < SANDBOX_AREA[3]:
            request = QgsFeatureRequest().setFilterRect(QgsRectangle(lng, lat, lng + width, lat + height))
            list(layer.getFeatures(request))
            while loader.pending():
                time.sleep(0.005)
                QCoreApplication.processEvents()
            features += len(list(layer.getFeatures(request)))
            views += 1
            lat += height
        lng += width
    return views, features, before, rss_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    from kartaview.plugin.plugin import register_data_provider
    from kartaview.plugin.provider.loader import MAX_VIEW_TILES, WORKERS, Loader, default_loader

    register_data_provider()
    work = Path(tempfile.mkdtemp(prefix="kartaview-bench-"))
    process, url = start_sandbox(work / "sandbox")
    os.environ["KARTAVIEW_API_URL"] = url
    results = {}
    try:
        control(url, "faults", latency_ms=LATENCY_MS)
        latency = measured_latency(url)
        print("latency: nominal {} ms, measured {:.1f} ms; loader concurrency W = {}".format(
            LATENCY_MS, latency * 1000, WORKERS))
        threshold = (23.555, 46.750, 23.620, 46.785)  # 16 z14 tiles: the largest view still loaded
        print("view at the threshold: {} z14 tiles (MAX_VIEW_TILES = {})".format(
            Loader.tile_count("sequences", threshold), MAX_VIEW_TILES["sequences"]))
        for name, bbox in (("city centre", CENTRE), ("zoom-in threshold", threshold)):
            seconds, at_once, count, rounds, made = cold_canvas(url, bbox, work / ("canvas-" + name))
            bound = rounds * latency
            blocking, fetched = cold_blocking(url, bbox, work / ("blocking-" + name))
            results["cold " + name] = {"seconds": round(seconds, 3), "features": count, "served_at_once": at_once,
                                       "rounds": rounds, "requests": made, "bound_s": round(bound, 3),
                                       "ratio": round(seconds / bound, 2), "blocking_seconds": round(blocking, 3),
                                       "blocking_ratio": round(blocking / bound, 2), "blocking_features": fetched}
            print("cold {:<18} canvas {:.2f} s to the last of {} sequences ({} served at once); {} request rounds "
                  "({}) -> bound {:.2f} s; ratio {:.2f}. Blocking fetch {:.2f} s ({} sequences), ratio {:.2f}".format(
                      name, seconds, count, at_once, rounds, made, bound, seconds / bound, blocking, fetched,
                      blocking / bound), flush=True)
        # The compute floor: the same cold load without added latency (parsing, caching, scheduling).
        control(url, "faults", latency_ms=0)
        cpu = time.process_time()
        floor = cold_canvas(url, CENTRE, work / "floor")[0]
        default_loader().store.flush()  # the load's disk cache writes are part of its work
        cpu = time.process_time() - cpu
        control(url, "faults", latency_ms=LATENCY_MS)
        results["cold city centre"].update(zero_latency_seconds=round(floor, 3), zero_latency_cpu_seconds=round(cpu, 3))
        print("cold city centre without added latency (compute floor): {:.2f} s, {:.2f} CPU seconds in this process"
              .format(floor, cpu), flush=True)
        features, baseline, in_memory, firsts = warm(CENTRE, work / "canvas-city centre")
        single_ratio = firsts[0][1] / firsts[0][0]
        median_ratio = statistics.median(fresh / memory for memory, fresh in firsts)
        results["warm render"] = {"features": features, "memory_layer_s": round(baseline, 4),
                                  "kartaview_s": round(in_memory, 4), "ratio": round(in_memory / baseline, 2),
                                  "fresh_loader_pairs_s": [[round(m, 4), round(f, 4)] for m, f in firsts],
                                  "ratio_from_disk": round(single_ratio, 2),
                                  "ratio_from_disk_median": round(median_ratio, 2)}
        print("warm render of {} sequences (1200x900, medians of {} interleaved renders): memory layer {:.1f} ms, "
              "kartaview {:.1f} ms, ratio {:.2f}".format(features, RENDERS, baseline * 1000, in_memory * 1000,
                                                        in_memory / baseline))
        print("first render from the disk cache in a fresh loader (new layer, same cache), each against a memory "
              "layer render just before it: the first fresh loader {:.1f} / {:.1f} ms, ratio {:.2f}; median ratio "
              "of {} fresh loaders {:.2f} (kartaview ms: {})".format(
                  firsts[0][1] * 1000, firsts[0][0] * 1000, single_ratio, len(firsts), median_ratio,
                  " ".join("{:.1f}".format(f * 1000) for _, f in firsts)), flush=True)
        views, panned, before, after, peak = pan(url, work / "pan")
        results["memory"] = {"views": views, "features_seen": panned, "rss_before_mib": round(before, 1),
                             "rss_after_mib": round(after, 1), "peak_rss_mib": round(peak, 1)}
        print("memory: panned {} views over the sandbox area ({} features seen): RSS {:.0f} MiB before, {:.0f} MiB "
              "after, peak {:.0f} MiB".format(views, panned, before, after, peak), flush=True)
    finally:
        process.terminate()
        process.wait(timeout=10)
    out = ROOT / "tests" / "bench" / "results" / "provider.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("results written to {}".format(out))


if __name__ == "__main__":
    run_in_qgis(main)
