"""Speed and memory of the `kartaview` layer against the sandbox KartaView (`make bench`).

The sandbox holds SEQUENCES sequences (12.5 times the tests' world: ~330 sequences in the city-centre
view, ~1,200 at the zoom-in threshold; its densest z14 tile holds ~18,000 photos, 19 pages, under
the loader's 20-page cap) and runs in its own process with 100 ms added latency.

1. Cold load of a view on a map canvas: the time from the layer being put on the canvas to the end
   of the final repaint, the first canvas render that started once the loader's last data had
   arrived (the render's start sees the loader's final store generation, with nothing pending):
   what the user waits for. Also the blocking fetch (Processing). Both as a ratio to the latency
   bound from ground truth, not from the plugin's requests: the sandbox's world (same seed and size,
   built here) says which sequences touch the view (S) and how many photos lie in it; any client
   with W = 12 connections (TRUTH_WORKERS) needs one round to find them (a nearby-photos search of the
   view; P pages of the route's maximum 5,000 items), then for each sequence its record
   (/2.0/sequence/{id}: quality, device...) and its whole photo list (its line): no route the
   real KartaView answers gives both (the 2.0 bbox listing times out there). So
   rounds = 1 + ceil((P - 1 + 2 S) / W), times the round trip measured in the same run.
   The canvas's data is checked against the ground truth: every sequence touching the view is there.
   The same run also times a minimal reference client doing exactly those requests (same sandbox,
   same moment, same JSON decoding): the ratio to it is what the shared machine's load moves least.
2. Warm render of that view (data in memory) and from the disk cache in a truly fresh loader (a new
   loader over a new SQLite connection to the same cache file: the loaders and the process's
   shared Cache objects are dropped and closed, as at a QGIS restart; warm OS file cache), as
   ratios to rendering the same features, same style, from a memory layer rendered just before
   (medians of repeated, interleaved renders).
3. Peak and current RSS of this process after panning over the whole sandbox area.

Targets (see TARGETS) are recorded with the figures in build/bench/results.json; the script exits
1 when one is missed. Ratios against baselines of the same run, so the shared machine's load moves
both sides.
"""

import gc
import math
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()

import requests  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from tests.bench.qgis_app import run_in_qgis  # noqa: E402
from tests.bench.results import record  # noqa: E402
from tests.provider_support import expected_sequences  # noqa: E402
from tests.sandbox.geo import M_PER_DEG_LAT  # noqa: E402
from tests.sandbox.process import start_sandbox_process  # noqa: E402
from tests.sandbox.world import World  # noqa: E402

LATENCY_MS = 100
SEED = 1
SEQUENCES = 1500
# The concurrency the ground truth allows any client: the loader's today (12; KartaView's official
# uploader uses 10). Fixed here, not read from the plugin: fewer workers must show as a slower load.
TRUTH_WORKERS = 12
MAX_SEARCH_ITEMS = 5000  # the sandbox's nearby-photos `ipp` maximum (the 2016 server's too)
PHOTO_SPACING_M = 12  # photos are 8-12 m apart: a search 12 m around the view finds every line crossing it
CENTRE = (23.575, 46.762, 23.605, 46.778)  # Cluj-Napoca centre, ~2.3 x 1.8 km
THRESHOLD = (23.555, 46.750, 23.620, 46.785)  # 16 z14 tiles with the loader's margin: the largest view loaded
SANDBOX_AREA = (23.40, 46.60, 23.80, 46.90)
CANVAS_SIZE = (1200, 900)
RENDERS = 21
FRESH_LOADERS = 9
FINAL_REPAINT_TIMEOUT_S = 180
IDLE_WITHOUT_REPAINT_S = 10  # the loader idle this long and no repaint of its last data: it never comes
# Limits: what main achieves today (Dec 2026, 2 shared cores at loads of 3 to 15, 5 runs: min-max in
# the comments) with ~20 % margin. The ratios to the same-run reference client move least with load
# (the canvas's repaints during the load compete for the cores; the reference client draws nothing).
# Halving the loader's workers (WORKERS = 6) missed 7 of the 8 cold targets.
# The centre's blocking fetch is the slowest against its bound, slower than the canvas on the same
# view (the plugin sends ~950 requests there, in pages of 1,000 per tile, where the truth counts ~820).
TARGETS = {
    "cold canvas, city centre": 2.3,  # 1.53-1.91
    "cold canvas, city centre, against the reference client": 1.9,  # 1.38-1.59
    "cold canvas, zoom-in threshold": 2.4,  # 1.37-1.98
    "cold canvas, zoom-in threshold, against the reference client": 1.8,  # 1.18-1.52
    "cold blocking fetch, city centre": 2.9,  # 1.74-2.40
    "cold blocking fetch, city centre, against the reference client": 2.4,  # 1.57-2.04
    "cold blocking fetch, zoom-in threshold": 2.6,  # 1.53-2.13
    "cold blocking fetch, zoom-in threshold, against the reference client": 2.0,  # 1.29-1.64
    "warm render": 1.5,  # 0.97-1.21
    "first render from disk, fresh loader (median)": 1.8,  # 1.16-1.38
    "RSS growth while panning, MiB": 150,  # 23-51 (peak ~1 GiB with the ground truth world built here)
}


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


def ground_truth(world, view, workers):
    """(rounds, what they are made of) any client needs for the sequences touching view, from the
    sandbox's own data (see the module docstring)."""
    sequences = expected_sequences(world, view)
    grow_lat = PHOTO_SPACING_M / M_PER_DEG_LAT
    grow_lng = grow_lat / math.cos(math.radians((view[1] + view[3]) / 2))
    searched = (view[1] - grow_lat, view[0] - grow_lng, view[3] + grow_lat, view[2] + grow_lng)
    photos = len(world.photos_in_bbox(searched))
    pages = max(1, math.ceil(photos / MAX_SEARCH_ITEMS))
    rounds = 1 + math.ceil((pages - 1 + 2 * len(sequences)) / workers)
    return rounds, {"sequences": len(sequences), "photos_in_view": photos, "search_pages": pages,
                    "workers": workers}, sequences


def reference_client(url, view, workers):
    """Seconds a minimal client takes to do what the ground truth counts, in this run (a same-run
    baseline: it pays the same sandbox, round trips and JSON decoding as the plugin, on the same
    machine at the same moment): search the view (pages of MAX_SEARCH_ITEMS), then, W requests at a
    time, the further pages and each found sequence's record and photo list; answers decoded."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    local = threading.local()

    def call(method, path, **kwargs):
        if not hasattr(local, "session"):
            local.session = requests.Session()
        answer = local.session.request(method, url + path, timeout=60, **kwargs)
        answer.raise_for_status()
        return answer.json()

    grow_lat = PHOTO_SPACING_M / M_PER_DEG_LAT
    grow_lng = grow_lat / math.cos(math.radians((view[1] + view[3]) / 2))
    search = {"bbTopLeft": "{},{}".format(view[3] + grow_lat, view[0] - grow_lng),
              "bbBottomRight": "{},{}".format(view[1] - grow_lat, view[2] + grow_lng), "ipp": str(MAX_SEARCH_ITEMS)}

    def page(number):
        return call("POST", "1.0/list/nearby-photos/", data=dict(search, page=str(number)))

    started = time.perf_counter()
    asked, sequences = set(), set()
    with ThreadPoolExecutor(max_workers=workers) as pool:

        def found(answer):  # a search page: ask for its new sequences' records and photo lists
            new = set()
            for item in answer["currentPageItems"]:
                sequence_id = int(item["sequence_id"])
                if sequence_id not in asked:
                    asked.add(sequence_id)
                    new.add(pool.submit(call, "GET", "2.0/sequence/{}".format(sequence_id)))
                    new.add(pool.submit(call, "POST", "1.0/sequence/photo-list/",
                                        data={"sequenceId": str(sequence_id)}))
            return new

        first = page(1)
        pages = math.ceil(int(first["totalFilteredItems"][0]) / MAX_SEARCH_ITEMS)
        pending = {pool.submit(page, number) for number in range(2, pages + 1)} | found(first)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                answer = future.result()
                if "currentPageItems" in answer:
                    pending |= found(answer)
                elif "osv" in answer:
                    sequences.add(int(answer["osv"]["sequenceId"]))
    return time.perf_counter() - started, sequences


def pump(seconds=0.002):
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    time.sleep(seconds)


def make_canvas():
    canvas = QgsMapCanvas()
    canvas.resize(*CANVAS_SIZE)
    canvas.setCanvasColor(QColor("white"))
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.show()
    return canvas


def canvas_view(canvas, bbox):
    """The extent the canvas shows for bbox (widened to its aspect ratio): the view the layer loads."""
    canvas.setExtent(QgsRectangle(*bbox))
    extent = canvas.extent()
    return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())


def cold_canvas(url, canvas, bbox, cache_dir, world):
    """Seconds from putting a new KartaView layer on the canvas to the end of its final repaint."""
    from kartaview.plugin.provider.loader import default_loader

    use_cache_dir(cache_dir)
    loader = default_loader()
    assert loader.store.generation == 0 and loader.pending() == 0, "not a fresh loader"
    view = canvas_view(canvas, bbox)
    control(url, "reset_log")
    layer = QgsVectorLayer("type=sequences", "bench", "kartaview")
    QgsProject.instance().addMapLayer(layer)  # the loader's repaints go to the project's layers
    renders = []  # [started, store generation at the start, finished]
    on_start = canvas.renderStarting.connect(
        lambda: renders.append([time.perf_counter(), loader.store.generation, None]))
    on_end = canvas.mapCanvasRefreshed.connect(lambda: renders and renders[-1].__setitem__(2, time.perf_counter()))
    started = time.perf_counter()
    canvas.setLayers([layer])
    canvas.refresh()
    final = idle = None
    while final is None:
        pump()
        if time.perf_counter() - started > FINAL_REPAINT_TIMEOUT_S:
            raise AssertionError("the view did not load in {} s".format(FINAL_REPAINT_TIMEOUT_S))
        if loader.pending() == 0:
            generation = loader.store.generation
            final = next((r for r in renders if r[1] == generation and r[2] is not None), None)
            idle = idle if idle is not None and idle[0] == generation else (generation, time.perf_counter())
            if final is None and time.perf_counter() - idle[1] > IDLE_WITHOUT_REPAINT_S:
                raise AssertionError("the loader has been idle for {} s and the canvas was not repainted with its "
                                     "last data ({} renders)".format(IDLE_WITHOUT_REPAINT_S, len(renders)))
    seconds = final[2] - started
    canvas.renderStarting.disconnect(on_start)
    canvas.mapCanvasRefreshed.disconnect(on_end)
    rounds, truth, expected = ground_truth(world, view, TRUTH_WORKERS)
    shown = {feature.id() for feature in layer.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(*view)))}
    missing = expected - shown
    assert not missing, "{} sequences touching the view are not on the canvas: {}".format(
        len(missing), sorted(missing)[:10])
    made = request_log(url)
    canvas.setLayers([])
    QgsProject.instance().removeMapLayer(layer.id())
    return {"seconds": seconds, "renders": len(renders), "features": len(shown), "rounds": rounds, "truth": truth,
            "plugin_requests": len(made), "view": [round(v, 5) for v in view]}


def cold_blocking(bbox, cache_dir):
    from kartaview.plugin.provider.loader import fetch_sequences

    use_cache_dir(cache_dir)
    started = time.perf_counter()
    tracks = fetch_sequences(bbox)
    return time.perf_counter() - started, {t.sequence.id for t in tracks}


def map_settings(layer, bbox):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(QgsRectangle(*bbox))
    settings.setOutputSize(QSize(*CANVAS_SIZE))
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


def restart_loaders():
    """What a QGIS restart does to the loaders: every loader's threads end and its cache is written;
    the loaders and the process's shared Cache objects (their SQLite connections) are closed and
    forgotten, so the next layer gets a new loader over a new connection to the same file."""
    from kartaview.plugin.core import cache as cache_module
    from kartaview.plugin.provider import loader as loader_module

    for previous in loader_module._loaders.values():  # noqa: SLF001
        previous.shutdown(wait=True)
    loader_module._loaders.clear()  # noqa: SLF001
    for shared in cache_module._shared.values():  # noqa: SLF001
        shared.close()
    cache_module._shared.clear()  # noqa: SLF001
    gc.collect()


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
    firsts = []
    for _ in range(FRESH_LOADERS):
        fresh = None
        restart_loaders()  # outside the timed render, as in a process that is gone
        fresh = QgsVectorLayer("type=sequences", "bench", "kartaview")
        fresh.loadNamedStyle(style)
        loader = default_loader()
        assert loader.store.generation == 0, "not a fresh loader"
        firsts.append((render_once(memory, bbox), render_once(fresh, bbox)))
        assert loader.pending() == 0, "the disk cache should have answered everything"
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
    gc.collect()
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
    from kartaview.plugin.provider.loader import MAX_VIEW_TILES, WORKERS, Loader

    register_data_provider()
    work = Path(tempfile.mkdtemp(prefix="kartaview-bench-"))
    process, url = start_sandbox_process("--data-dir", work / "sandbox", "--seed", SEED, "--sequences", SEQUENCES)
    os.environ["KARTAVIEW_API_URL"] = url
    world = World(SEED, sequence_count=SEQUENCES)  # the sandbox's data: the ground truth
    figures, ratios = {"sandbox_sequences": SEQUENCES, "latency_ms": LATENCY_MS}, {}
    canvas = make_canvas()
    try:
        control(url, "faults", latency_ms=LATENCY_MS)
        latency = measured_latency(url)
        figures["round_trip_s"] = round(latency, 4)
        print("latency: nominal {} ms, measured {:.1f} ms; ground truth concurrency W = {} (the loader's: {}); "
              "sandbox of {} sequences".format(LATENCY_MS, latency * 1000, TRUTH_WORKERS, WORKERS, SEQUENCES))
        print("view at the threshold: {} z14 tiles (MAX_VIEW_TILES = {})".format(
            Loader.tile_count("sequences", canvas_view(canvas, THRESHOLD)), MAX_VIEW_TILES["sequences"]))
        for name, bbox in (("city centre", CENTRE), ("zoom-in threshold", THRESHOLD)):
            view = canvas_view(canvas, bbox)
            reference, referenced = reference_client(url, view, TRUTH_WORKERS)
            cold = cold_canvas(url, canvas, bbox, work / ("canvas-" + name), world)
            assert tuple(cold["view"]) == tuple(round(v, 5) for v in view)
            bound = cold["rounds"] * latency
            blocking, fetched = cold_blocking(view, work / ("blocking-" + name))
            expected = expected_sequences(world, view)
            assert expected <= fetched, "the blocking fetch missed {} sequences".format(len(expected - fetched))
            assert expected <= referenced, "the reference client missed {} sequences".format(len(expected - referenced))
            for kind, seconds in (("cold canvas, ", cold["seconds"]), ("cold blocking fetch, ", blocking)):
                ratios[kind + name] = seconds / bound
                ratios[kind + name + ", against the reference client"] = seconds / reference
            figures["cold " + name] = dict(cold, seconds=round(cold["seconds"], 3), bound_s=round(bound, 3),
                                           ratio=round(cold["seconds"] / bound, 2), blocking_s=round(blocking, 3),
                                           blocking_ratio=round(blocking / bound, 2), blocking_features=len(fetched),
                                           reference_client_s=round(reference, 3),
                                           reference_ratio=round(reference / bound, 2))
            print("cold {:<18} ground truth {} -> {} rounds, bound {:.2f} s; reference client {:.2f} s (ratio {:.2f})."
                  " Canvas {:.2f} s to the final repaint ({} renders) of {} sequences: ratio {:.2f}, {:.2f} x the "
                  "reference (the plugin sent {} requests). Blocking fetch {:.2f} s: ratio {:.2f}, {:.2f} x the "
                  "reference".format(name, cold["truth"], cold["rounds"], bound, reference, reference / bound,
                                     cold["seconds"], cold["renders"], cold["features"], cold["seconds"] / bound,
                                     cold["seconds"] / reference, cold["plugin_requests"], blocking, blocking / bound,
                                     blocking / reference), flush=True)
        # The compute floor: the same cold load without added latency (parsing, caching, scheduling).
        control(url, "faults", latency_ms=0)
        cpu = time.process_time()
        floor = cold_canvas(url, canvas, CENTRE, work / "floor", world)["seconds"]
        cpu = time.process_time() - cpu
        control(url, "faults", latency_ms=LATENCY_MS)
        figures["cold city centre"].update(zero_latency_seconds=round(floor, 3), zero_latency_cpu_seconds=round(cpu, 3))
        print("cold city centre without added latency (compute floor): {:.2f} s to the final repaint, {:.2f} CPU "
              "seconds in this process".format(floor, cpu), flush=True)
        features, baseline, in_memory, firsts = warm(CENTRE, work / "canvas-city centre")
        single_ratio = firsts[0][1] / firsts[0][0]
        median_ratio = statistics.median(fresh / memory for memory, fresh in firsts)
        ratios["warm render"] = in_memory / baseline
        ratios["first render from disk, fresh loader (median)"] = median_ratio
        figures["warm render"] = {"features": features, "memory_layer_s": round(baseline, 4),
                                  "kartaview_s": round(in_memory, 4), "ratio": round(in_memory / baseline, 2),
                                  "fresh_loader_pairs_s": [[round(m, 4), round(f, 4)] for m, f in firsts],
                                  "ratio_from_disk": round(single_ratio, 2),
                                  "ratio_from_disk_median": round(median_ratio, 2)}
        print("warm render of {} sequences ({}x{}, medians of {} interleaved renders): memory layer {:.1f} ms, "
              "kartaview {:.1f} ms, ratio {:.2f}".format(features, *CANVAS_SIZE, RENDERS, baseline * 1000,
                                                        in_memory * 1000, in_memory / baseline))
        print("first render from the disk cache in a fresh loader (new loader, new SQLite connection, same cache "
              "file), each against a memory layer render just before it: the first {:.1f} / {:.1f} ms, ratio "
              "{:.2f}; median ratio of {} fresh loaders {:.2f} (kartaview ms: {})".format(
                  firsts[0][1] * 1000, firsts[0][0] * 1000, single_ratio, len(firsts), median_ratio,
                  " ".join("{:.1f}".format(f * 1000) for _, f in firsts)), flush=True)
        views, panned, before, after, peak = pan(url, work / "pan")
        ratios["RSS growth while panning, MiB"] = after - before
        figures["memory"] = {"views": views, "features_seen": panned, "rss_before_mib": round(before, 1),
                             "rss_after_mib": round(after, 1), "peak_rss_mib": round(peak, 1)}
        print("memory: panned {} views over the sandbox area ({} features seen): RSS {:.0f} MiB before, {:.0f} MiB "
              "after, peak {:.0f} MiB".format(views, panned, before, after, peak), flush=True)
    finally:
        canvas.setLayers([])
        canvas.deleteLater()
        process.terminate()
        process.wait(timeout=10)
    whys = {"RSS growth while panning, MiB": "the memory store is bounded (LRUs); what is evicted stays on disk",
            "warm render": "a render of data in memory against a memory layer rendered in turn",
            "first render from disk, fresh loader (median)": "a QGIS restart: new loader, new SQLite connection"}

    def why(name):
        if name in whys:
            return whys[name]
        if name.endswith("reference client"):
            return "against a minimal client doing the ground truth's requests in the same run"
        return "over the ground-truth latency bound (the fewest request rounds any client needs)"

    targets = {name: {"value": round(value, 2), "max": TARGETS[name],
                      "unit": "MiB" if "MiB" in name else "x baseline" if "render" in name else
                      "x reference" if name.endswith("reference client") else "x bound", "why": why(name)}
               for name, value in ratios.items()}
    return 0 if record("provider", figures, targets) else 1


if __name__ == "__main__":
    sys.exit(run_in_qgis(main, gui=True))
