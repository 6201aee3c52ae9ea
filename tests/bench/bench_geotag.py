"""Geotagging and video sampling speed and memory (`make bench`).

- kartaview:geotagphotos: 10,000 JPEGs (with EXIF times) against a 20,000-point GPX track, in a
  fresh process: the algorithm's time (target under 10 s) and the process's peak RSS, compared
  with the same run on 1,000 of the photos (target: under 1.1x; photos are streamed).
- kartaview:samplevideo on a 60 s 360 video (1280x640, 30 frames/s) and a GPX track at 10 m/s: a
  frame every 3 m, against FFmpeg alone extracting the same frames, two ways: an ffmpeg run with a
  `select` summing eq(n,...) of their frame numbers, and one with the algorithm's own filter (the
  decoding alone, without probing, the track and the layer), all in one QGIS process. Target: the
  algorithm at least 0.8x the speed of the faster of the two (the best of 5 runs each, alternated).
Figures go to build/bench/results.json through tests/bench/results.record; exit status 1 when a
target is missed.
"""

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PHOTOS = 10_000
FEW_PHOTOS = 1_000
TRACK_POINTS = 20_000
MAX_SECONDS = 10.0
MAX_GROWTH = 1.1
MIN_VIDEO_RATIO = 0.8
VIDEO = {"seconds": 60, "size": (1280, 640), "rate": 30, "speed": 10.0, "spacing": 3.0}
REPEATS = 5


def track_point(seconds, speed=5.0):
    """A wandering drive: heading turns slowly, so the track bends everywhere."""
    from tests.geotag_support import T0, metres_to_lat_lng

    # closed form of moving at `speed` with heading = 0.01 rad/s * t (a circle of radius speed/0.01)
    radius = speed / 0.01
    north = radius * math.sin(0.01 * seconds)
    east = radius * (1 - math.cos(0.01 * seconds))
    return (T0 + timedelta(seconds=seconds), *metres_to_lat_lng(north, east))


def prepare(work):
    from tests.geotag_support import T0, camera_text, make_photo, write_gpx

    gpx = write_gpx(work / "track.gpx", (track_point(s) for s in range(TRACK_POINTS)))
    many, few = work / "photos-10000", work / "photos-1000"
    many.mkdir()
    few.mkdir()
    for index in range(PHOTOS):
        when = T0 + timedelta(seconds=2 * index + 0.5)
        path = make_photo(many / "p{:05d}.jpg".format(index), seed=index, camera_time=camera_text(when),
                          subsec="500")
        if index < FEW_PHOTOS:
            os.link(path, few / "p{:05d}.jpg".format(index))
    return gpx, many, few


def child(kind, *args):
    """In a fresh process: run one algorithm, print its seconds and the process's peak RSS."""
    from tests.bench.qgis_app import run_in_qgis
    from tests.plugin_package import import_plugin_package

    import_plugin_package()
    body = _video_runs if kind == "video" else (lambda *a: _run_algorithm(kind, *a))
    print(json.dumps(run_in_qgis(lambda: body(*args))))


def _video_runs(path, gpx, work):
    """REPEATS rounds, in this one QGIS process (as in a desktop QGIS that has been running a while, and
    under the same conditions for both): the algorithm, then FFmpeg alone extracting the same frames two
    ways: a sum of eq(n,...) of their numbers (in groups: FFmpeg's expression parser refuses a flat sum
    of more than about 100 terms), and the algorithm's own select filter."""
    from kartaview.plugin.upload.video import selection

    work, rate = Path(work), VIDEO["rate"]
    ours, plain_runs, same_runs = [], [], []
    for attempt in range(REPEATS):
        out = work / "frames-{}".format(attempt)
        answer = _run_algorithm("video", path, gpx, str(out), str(work / "frames-{}.gpkg".format(attempt)))
        ours.append(answer["seconds"])
        numbers = sorted({int(round(t * rate)) for t in answer["video_times"]})
        groups = ["(" + "+".join("eq(n,{})".format(n) for n in numbers[i:i + 40]) + ")"
                  for i in range(0, len(numbers), 40)]
        plain_runs.append(ffmpeg_alone(path, work / "plain-{}".format(attempt),
                                       "select='{}'".format("+".join(groups)), len(numbers)))
        same = "select='{}'".format(selection([n / rate for n in numbers]))
        same_runs.append(ffmpeg_alone(path, work / "same-{}".format(attempt), same, len(numbers)))
        if len(list(out.glob("*.jpg"))) != len(numbers):
            raise SystemExit("the algorithm wrote {} frames, not {}".format(len(list(out.glob("*.jpg"))), len(numbers)))
    return {"frames": len(numbers), "ours": ours, "plain": plain_runs, "same": same_runs}


def _run_algorithm(kind, *args):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    registry = QgsApplication.processingRegistry()
    provider = KartaViewProcessingProvider()
    registry.addProvider(provider)
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    if kind == "geotag":
        folder, gpx, output = args
        algorithm = registry.createAlgorithmById("kartaview:geotagphotos")
        parameters = {"PHOTOS_FOLDER": folder, "TRACK": gpx, "TIME_ZONE": "UTC", "OUTPUT": output,
                      "UNCOVERED": output.replace(".gpkg", "-uncovered.gpkg")}
    else:
        video, gpx, folder, output = args
        algorithm = registry.createAlgorithmById("kartaview:samplevideo")
        parameters = {"VIDEO": video, "TRACK": gpx, "DISTANCE_M": VIDEO["spacing"], "OUTPUT_FOLDER": folder,
                      "OUTPUT": output}
    started = time.perf_counter()
    results, ok = algorithm.run(parameters, context, feedback)
    seconds = time.perf_counter() - started
    if not ok:
        raise SystemExit("the algorithm failed")
    answer = {"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}
    if kind == "geotag":
        answer["geotagged"] = results["GEOTAGGED"]
    else:
        layer = QgsVectorLayer(results["OUTPUT"], "frames", "ogr")
        answer["video_times"] = sorted(f["video_time"] for f in layer.getFeatures())
        del layer
    del algorithm, context
    registry.removeProvider(provider)
    return answer


def run_child(*args):
    result = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True,
                            cwd=str(ROOT))
    if result.returncode != 0:
        raise SystemExit("child {} failed:\n{}".format(args[0], result.stderr[-3000:]))
    return json.loads(result.stdout.strip().splitlines()[-1])


def geotag(work, gpx, many, few):
    large = run_child("geotag", many, gpx, work / "tagged-10000.gpkg")
    small = run_child("geotag", few, gpx, work / "tagged-1000.gpkg")
    if large["geotagged"] != PHOTOS or small["geotagged"] != FEW_PHOTOS:
        raise SystemExit("not every photo was geotagged: {} {}".format(large, small))
    growth = large["peak_mib"] / small["peak_mib"]
    print("geotagphotos: {} photos against {} track points in {:.2f} s ({:.0f} photos/s); peak RSS {:.1f} MiB, "
          "with {} photos {:.1f} MiB: {:.3f}x".format(PHOTOS, TRACK_POINTS, large["seconds"],
                                                     PHOTOS / large["seconds"], large["peak_mib"], FEW_PHOTOS,
                                                     small["peak_mib"], growth), flush=True)
    return large, small, growth


def video(work):
    from tests.plugin_package import import_plugin_package

    import_plugin_package()
    from tests.geotag_support import T0, write_gpx

    seconds, rate = VIDEO["seconds"], VIDEO["rate"]
    path = work / "ride360.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size={}x{}:rate={}".format(*VIDEO["size"], rate), "-t", str(seconds),
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", str(rate),
                    "-metadata", "creation_time={}".format(T0.strftime("%Y-%m-%dT%H:%M:%SZ")), str(path)], check=True)
    gpx = write_gpx(work / "ride.gpx", (track_point(s, VIDEO["speed"]) for s in range(seconds + 5)))
    runs = run_child("video", path, gpx, work)
    ours, plain_runs, same_runs, frames = runs["ours"], runs["plain"], runs["same"], runs["frames"]
    fastest = min(min(plain_runs), min(same_runs))
    ratio = fastest / min(ours)
    print("samplevideo: {} frames of a {} s {}x{} {} frames/s video in {:.2f} s (best of {}); FFmpeg alone {:.2f} s "
          "(eq(n) sum) and {:.2f} s (the same select filter): {:.2f}x the faster".format(
              frames, seconds, *VIDEO["size"], rate, min(ours), REPEATS, min(plain_runs), min(same_runs),
              ratio), flush=True)
    return frames, ours, plain_runs, same_runs, ratio


def ffmpeg_alone(video_path, folder, select, expected):
    """Seconds FFmpeg alone takes to write the selected frames as JPEGs (same quality as the algorithm)."""
    folder = Path(folder)
    folder.mkdir()
    script = folder.with_suffix(".txt")
    script.write_text(select)
    started = time.perf_counter()
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(video_path), "-an", "-sn", "-dn",
                    "-filter_script:v", str(script), "-fps_mode", "passthrough", "-q:v", "2",
                    str(folder / "f_%06d.jpg")], check=True)
    seconds = time.perf_counter() - started
    if len(list(folder.glob("*.jpg"))) != expected:
        raise SystemExit("FFmpeg alone wrote {} frames, not {}".format(len(list(folder.glob("*.jpg"))), expected))
    return seconds


def main():
    from tests.bench.results import record

    with tempfile.TemporaryDirectory(prefix="kartaview-bench-geotag-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        gpx, many, few = prepare(work)
        print("made {} photos and a {}-point GPX track in {:.1f} s".format(PHOTOS, TRACK_POINTS,
                                                                          time.perf_counter() - started), flush=True)
        large, small, growth = geotag(work, gpx, many, few)
        frames, ours, plain_runs, same_runs, ratio = video(work)
    figures = {
        "geotag_photos": PHOTOS, "geotag_track_points": TRACK_POINTS, "geotag_seconds": round(large["seconds"], 2),
        "geotag_peak_mib_10000": round(large["peak_mib"], 1), "geotag_peak_mib_1000": round(small["peak_mib"], 1),
        "video_frames": frames, "video_seconds": [round(s, 2) for s in ours],
        "ffmpeg_alone_eq_sum_seconds": [round(s, 2) for s in plain_runs],
        "ffmpeg_alone_same_filter_seconds": [round(s, 2) for s in same_runs],
    }
    targets = {
        "geotag_10000_photos_seconds": {"value": round(large["seconds"], 2), "max": MAX_SECONDS, "unit": "s",
                                        "why": "issue 17"},
        "geotag_memory_10000_vs_1000": {"value": round(growth, 3), "max": MAX_GROWTH, "unit": "x",
                                        "why": "issue 17: photos are streamed"},
        "video_speed_vs_ffmpeg_alone": {"value": round(ratio, 3), "min": MIN_VIDEO_RATIO, "unit": "x",
                                        "why": "issue 17: one ffmpeg run for all frames"},
    }
    return 0 if record("geotag", figures, targets) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        sys.exit(main())
