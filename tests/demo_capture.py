"""The capture part of `make demo` (issue 17): photos without GPS plus a GPX track, and a short 360
video plus its GPX, each made ready for upload with kartaview:geotagphotos / kartaview:samplevideo
and uploaded to the demo's sandbox with kartaview:uploadphotos (all through qgis_process)."""

import json
import math
import shutil
from datetime import datetime, timedelta, timezone

from tests.geotag_support import camera_text, make_photo, make_video, write_gpx
from tests.sandbox.roads import GEOMETRY_FILE

START = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
SPEED = 6.0  # m/s along the road
CAMERA_AHEAD = 4.0  # the demo camera's clock runs 4 s ahead of the GPS
CAMERA_ZONE = timedelta(hours=2)  # and shows Bucharest winter time (UTC+02:00)


def _road():
    """The longest road of the sandbox's Cluj-Napoca network, as (lat, lng) points."""
    segments = json.loads(GEOMETRY_FILE.read_text())["currentPageItems"]
    return [(float(lat), float(lng)) for lat, lng in max(segments, key=lambda item: len(item["track"]))["track"]]


def _metres(a, b):
    north = (b[0] - a[0]) * 111_195.0
    east = (b[1] - a[1]) * 111_195.0 * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


def drive(seconds_total):
    """(time, lat, lng) every second of a drive along the road at SPEED, with a 15 s stop halfway."""
    road = _road()
    cumulative = [0.0]
    for a, b in zip(road, road[1:]):
        cumulative.append(cumulative[-1] + _metres(a, b))
    stop_at, stop_for = seconds_total // 2, 15
    for second in range(seconds_total + 1):
        moving = second if second < stop_at else max(stop_at, second - stop_for)
        along = min(SPEED * moving, cumulative[-1])
        i = max(1, next((k for k, c in enumerate(cumulative) if c >= along), len(cumulative) - 1))
        f = (along - cumulative[i - 1]) / max(cumulative[i] - cumulative[i - 1], 1e-9)
        lat = road[i - 1][0] + f * (road[i][0] - road[i - 1][0])
        lng = road[i - 1][1] + f * (road[i][1] - road[i - 1][1])
        yield START + timedelta(seconds=second), lat, lng


def run_capture(work, out, run_algorithm, show_log):
    """Runs both paths; prints what it did. `run_algorithm(name, **params)` runs one with qgis_process."""
    gpx = write_gpx(out / "demo-drive.gpx", drive(90))
    print("GPX track of a 90 s drive (with a 15 s stop) along a sandbox road: {}".format(gpx))

    card = work / "card"
    card.mkdir(exist_ok=True)
    for index in range(20):
        wall = START + timedelta(seconds=4 * index + 1 + CAMERA_AHEAD) + CAMERA_ZONE
        make_photo(card / "GOPR{:04d}.JPG".format(index), seed=500 + index, size=(640, 480),
                   camera_time=camera_text(wall))
    print("20 photos without GPS, camera clock on UTC+02:00 and {:.0f} s fast: {}".format(CAMERA_AHEAD, card))
    tagged = out / "geotagged-photos.gpkg"
    uncovered = out / "photos-not-covered.gpkg"
    for path in (tagged, uncovered):
        path.unlink(missing_ok=True)
    answer = run_algorithm("geotagphotos", PHOTOS_FOLDER=card, TRACK=gpx, TIME_OFFSET=CAMERA_AHEAD,
                           TIME_ZONE="UTC+02:00", OUTPUT=tagged, UNCOVERED=uncovered)
    show_log(answer)
    print("geotagged photos (ready for uploadphotos): {}".format(tagged))
    answer = run_algorithm("uploadphotos", INPUT=tagged, OUTPUT=out / "upload-report-geotagged.gpkg")
    counts = answer.get("results", {})
    print("uploaded {UPLOADED} geotagged photo(s) in {SEQUENCES} sequence(s); skipped {SKIPPED} (near-duplicates: "
          "taken during the stop)".format(**counts))

    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        print("FFmpeg is not installed (make setup installs it): the video part is skipped")
        return
    video = make_video(work / "demo-360.mp4", 40, size=(640, 320), rate=10, created=START + timedelta(seconds=10))
    print("a 40 s 360° video (2:1 equirectangular test pattern) recorded from second 10 of the drive: {}".format(
        video))
    frames_folder = out / "video-frames"
    shutil.rmtree(frames_folder, ignore_errors=True)
    frames = out / "video-frames.gpkg"
    frames.unlink(missing_ok=True)
    answer = run_algorithm("samplevideo", VIDEO=video, TRACK=gpx, DISTANCE_M=3, OUTPUT_FOLDER=frames_folder,
                           OUTPUT=frames)
    show_log(answer)
    print("frames every 3 m (none during the stop), marked projection = SPHERE: {} and {}".format(
        frames_folder, frames))
    answer = run_algorithm("uploadphotos", INPUT=frames, OUTPUT=out / "upload-report-video.gpkg")
    counts = answer.get("results", {})
    print("uploaded {UPLOADED} video frame(s) in {SEQUENCES} sequence(s)".format(**counts))
