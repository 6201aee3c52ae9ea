"""Stress run of the QGIS network backend (plugin/core/qgis_http.py): not part of the suite.

    .venv/bin/python tests/stress_qgis_network.py --requests 50000 --threads 12 --latency-ms 150
    .venv/bin/python tests/stress_qgis_network.py --requests 12000 --tracked   # the old backend's defect

THREADS worker threads send the mix the layer loader sends (nearby-photos searches, photo lists,
sequence records, lazy photo lists, road-coverage pages, thumbnails) through QgisBackend
against a sandbox KartaView in its own process with added latency, while the main thread runs
Qt's event loop as desktop QGIS's does. The client retries nothing, so every failure shows.
Prints the count of requests, of failures by message, and the rate; exits 1 on any failure.

--tracked leaves PyQt's destruction tracking on the replies (the backend before the fix): PyQt
learns that a reply wrapped in a worker thread was deleted through a queued call to the main thread,
which then marks whatever wrapper sits at that address by then, often the next reply of the same
thread ("wrapped C/C++ object of type QNetworkReply has been deleted").

Measured here (2 shared cores, 12 threads, main thread running its event loop unless said; the mix then
read 2.0 photo pages where it now reads lazy photo lists):
--tracked, all failures that error: 4 in 20,000 requests at 150 ms latency, 2 in 20,000 at 20 ms.
As the plugin sends them, 0 failed in each run: 50,000 at 150 ms; 50,000 at 20 ms; 20,000 with
--thread-life 100 (204 threads, each thread's manager deleted at its end); 20,000 with --main-idle.
"""

import argparse
import collections
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import import_plugin_package  # noqa: E402
from tests.sandbox.process import start_sandbox_process  # noqa: E402

import_plugin_package()

from qgis.core import QgsApplication  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50000)
    parser.add_argument("--threads", type=int, default=12)
    parser.add_argument("--latency-ms", type=float, default=150)
    parser.add_argument("--tracked", action="store_true", help="the old backend: replies' destruction tracked")
    parser.add_argument("--main-idle", action="store_true", help="the main thread runs no event loop (qgis_process)")
    parser.add_argument("--thread-life", type=int, default=0,
                        help="a worker thread ends after this many requests and a new one takes over (0: never); "
                             "QGIS deletes a thread's network manager when the thread ends")
    args = parser.parse_args(argv)

    app = QgsApplication([], False)
    app.initQgis()
    from kartaview.plugin.core import network, qgis_http

    qgis_http.UNTRACK_REPLIES = not args.tracked
    sandbox, url = start_sandbox_process("--latency-ms", args.latency_ms)
    try:
        return run(app, network, qgis_http, url, args)
    finally:
        sandbox.terminate()
        sandbox.wait()


def run(app, network, qgis_http, url, args):
    exchanges = [0]
    exchanges_lock = threading.Lock()

    class CountingBackend(qgis_http.QgisBackend):
        def exchange(self, *args, **kwargs):
            with exchanges_lock:
                exchanges[0] += 1
            return super().exchange(*args, **kwargs)

    client = network.make_client(base_url=url, backend=CountingBackend(), retries=0)
    # The sandbox's city centre: photos and sequences to ask for (found through `requests`).
    bbox = (23.55, 46.75, 23.62, 46.79)
    with network.make_client(base_url=url, backend=None) as plain:
        photos = list(plain.nearby_photos_page(bbox, page=1, ipp=1000)[0])
    sequence_ids = sorted({photo.sequence_id for photo in photos})
    assert photos and sequence_ids, "the sandbox has no photos in {}".format(bbox)
    print("{} photos, {} sequences in the view; {} requests on {} threads (each for {} requests), latency {} ms, "
          "replies {}, main thread {}".format(
              len(photos), len(sequence_ids), args.requests, args.threads, args.thread_life or "all",
              args.latency_ms, "tracked (old backend)" if args.tracked else "untracked",
              "idle" if args.main_idle else "running its event loop"), flush=True)

    mix = [
        lambda i: client.nearby_photos_page(bbox, page=1 + i % 2, ipp=200),
        lambda i: client.sequence_photos(sequence_ids[i % len(sequence_ids)]),
        lambda i: client.sequence(sequence_ids[i % len(sequence_ids)]),
        lambda i: client.sequence_photos(sequence_ids[(i + 1) % len(sequence_ids)], lazy=True),
        lambda i: client.road_segments(bbox, 16, max_pages=1),
        lambda i: client.fetch_image(photos[i % len(photos)], "th"),
    ]
    counter = iter(range(args.requests))
    counter_lock = threading.Lock()
    failures = collections.Counter()
    done = [0]
    finished = threading.Event()

    threads = []

    def worker():
        for _ in range(args.thread_life or args.requests):
            with counter_lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                mix[i % len(mix)](i)
            except Exception as error:  # every failure counts, whatever its kind
                with counter_lock:
                    failures["{}: {}".format(type(error).__name__, error)[:200]] += 1
            with counter_lock:
                done[0] += 1
        start_worker()  # this thread ends: another takes over

    def start_worker():
        thread = threading.Thread(target=worker)
        with counter_lock:
            threads.append(thread)
        thread.start()

    def join():
        joined = 0
        while True:
            with counter_lock:
                if joined == len(threads):
                    break
                thread = threads[joined]
            thread.join()
            joined += 1
        finished.set()

    started = time.monotonic()
    for _ in range(args.threads):
        start_worker()
    threading.Thread(target=join, daemon=True).start()
    last = started
    while not finished.is_set():
        if args.main_idle:
            finished.wait(0.5)
        else:
            app.processEvents()
            time.sleep(0.002)
        if time.monotonic() - last > 30:
            last = time.monotonic()
            print("  {} done, {} failed, {:.0f} s".format(done[0], sum(failures.values()), last - started), flush=True)
    app.processEvents()
    elapsed = time.monotonic() - started
    failed = sum(failures.values())
    print("{} calls, {} HTTP exchanges through QGIS's manager, in {:.0f} s ({:.0f}/s), {} threads: {} failed{}".format(
        done[0], exchanges[0], elapsed, exchanges[0] / elapsed, len(threads), failed,
        " (1 call in {:.0f})".format(done[0] / failed) if failed else ""))
    for message, count in failures.most_common():
        print("  {:6d}  {}".format(count, message))
    client.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
