"""Frames of a video at chosen moments, through the FFmpeg programs (kartaview:samplevideo). No QGIS.

QGIS's installers ship no FFmpeg, so `ffmpeg` and `ffprobe` are looked up on PATH unless their paths
are configured. `probe` reads the video's size, duration, start time and 360 metadata with ffprobe;
`extract` writes the frames at the wanted times as JPEGs in ONE ffmpeg run: a `select` filter keeps
each frame whose time is the first at or after a wanted time (the expression is a binary search over
the sorted times, so each decoded frame costs a few comparisons however many frames are wanted),
and `showinfo` reports the exact time of each frame written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess  # nosec B404 # FFmpeg's programs decode the videos: there is no Python API for them
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, List, Optional, Sequence

PROGRAMS = ("ffmpeg", "ffprobe")
_SHOWINFO = re.compile(r"Parsed_showinfo.*\bn:\s*(\d+).*\bpts_time:\s*(-?[\d.]+)")


class FFmpegMissing(Exception):
    """A program is not found: `program` is its name, `configured` the path set for it (if any)."""

    def __init__(self, program: str, configured: str = ""):
        super().__init__(program)
        self.program = program
        self.configured = configured


class VideoError(Exception):
    """FFmpeg could not read the video (the message is FFmpeg's own last words)."""


@dataclass(frozen=True)
class VideoInfo:
    duration: float  # seconds
    width: int
    height: int
    created: Optional[datetime]  # aware UTC: the container's creation_time, when it has one
    spherical: bool  # the file says it is an equirectangular 360 video (Spherical Video V2 / V1 metadata)
    frame_rate: float
    start: float = 0.0  # the first frame's time on the clock of `select` and `showinfo` (pts_time)
    ffmpeg_version: tuple = ()  # (major, minor) of ffprobe, from the same installation; (): a git build


@dataclass(frozen=True)
class Frame:
    path: str
    video_time: float  # seconds from the start of the video
    wanted: float  # the wanted time it answers (same clock as video_time)


def find_program(name: str, configured: str = "") -> str:
    """The program's path: the configured one if set (it must exist), else found on PATH."""
    if configured:
        if os.path.isfile(configured) and os.access(configured, os.X_OK):
            return configured
        found = shutil.which(configured)  # a bare name set in the options
        if found:
            return found
        raise FFmpegMissing(name, configured)
    found = shutil.which(name)
    if not found:
        raise FFmpegMissing(name)
    return found


def probe(ffprobe: str, path: str) -> VideoInfo:
    command = [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
               "-show_program_version", "-select_streams", "v:0", str(path)]
    # a list (no shell); the program is the user's own ffprobe, the path a file they chose
    result = subprocess.run(command, capture_output=True, text=True, errors="replace", **_no_window())  # nosec B603
    if result.returncode != 0:
        raise VideoError(_last_words(result.stderr) or "ffprobe exit status {}".format(result.returncode))
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        raise VideoError("ffprobe gave no readable answer") from None
    streams = answer.get("streams") or []
    if not streams:
        raise VideoError("the file has no video stream")
    stream, container = streams[0], answer.get("format") or {}
    width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    if _rotation(stream) in (90, 270):
        width, height = height, width  # ffmpeg turns the frames upright (autorotate)
    duration = _number(stream.get("duration")) or _number(container.get("duration"))
    if not width or not height or not duration:
        raise VideoError("the video stream has no size or no duration")
    created = _utc((stream.get("tags") or {}).get("creation_time")
                   or (container.get("tags") or {}).get("creation_time"))
    spherical = any(str(item.get("side_data_type", "")).lower() == "spherical mapping"
                    and str(item.get("projection", "equirectangular")).lower() == "equirectangular"
                    for item in stream.get("side_data_list") or [])
    spherical = spherical or str((stream.get("tags") or {}).get("spherical", "")).lower() == "true"
    return VideoInfo(duration=duration, width=width, height=height, created=created, spherical=spherical,
                     frame_rate=_rate(stream.get("avg_frame_rate")) or _rate(stream.get("r_frame_rate")),
                     start=_number(stream.get("start_time")) or 0.0,
                     ffmpeg_version=_version((answer.get("program_version") or {}).get("version")))


def selection(times: Sequence[float]) -> str:
    """A `select` expression true for the first frame at or after each of the sorted `times`: frame
    t is kept when some wanted time w has prev_t < w <= t, i.e. count(<= t) > count(<= prev_t)."""
    def count(variable, low, high):  # number of times[low:high] <= variable, as a balanced tree of ifs
        if low >= high:
            return str(low)
        middle = (low + high) // 2
        return "if(lt({v},{w}),{left},{right})".format(
            v=variable, w=repr(float(times[middle])), left=count(variable, low, middle),
            right=count(variable, middle + 1, high))

    previous = "if(isnan(prev_t),-1,prev_t)"  # no frame before the first: wanted times are >= 0
    return "gt({},{})".format(count("t", 0, len(times)), count(previous, 0, len(times)))


def _version(text) -> tuple:
    """(5, 1) of '5.1.9-0+deb12u1', (6, 0) of 'n6.0'; () for git builds ('N-112345-g...')."""
    match = re.match(r"^n?(\d+)\.(\d+)", str(text or ""))
    return (int(match.group(1)), int(match.group(2))) if match else ()


def extract(ffmpeg: str, path: str, times: Sequence[float], folder: str, prefix: str, quality: int = 2,
            cancel: Callable[[], bool] = lambda: False,
            progress: Callable[[float], None] = lambda seconds: None, ffmpeg_version: tuple = ()) -> List[Frame]:
    """Write the frames at the sorted `times` (seconds from the video's start) as
    folder/prefix_000001.jpg, ... in one ffmpeg run; times falling on the same frame give one frame.
    `ffmpeg_version` picks the options FFmpeg of that version knows (git builds, (), are recent).
    Raises VideoError when ffmpeg fails; returns what was written so far when cancelled."""
    times = sorted(times)
    if not times:
        return []
    os.makedirs(folder, exist_ok=True)
    script = os.path.join(folder, ".{}-select.txt".format(prefix))
    # The expression of thousands of times is long: a filter script file keeps it off the command line.
    with open(script, "w", encoding="ascii") as stream:
        stream.write("select='{}',showinfo".format(selection(times)))
    passthrough = ["-vsync", "0"] if ffmpeg_version and ffmpeg_version < (5, 1) else ["-fps_mode", "passthrough"]
    # -filter_script was replaced by "-/filter" (the option's value read from a file) in FFmpeg 7.0
    # and is gone from FFmpeg 8 (Debian sid)
    filters = ["-/filter:v", script] if not ffmpeg_version or ffmpeg_version >= (7, 0) else ["-filter_script:v", script]
    pattern = os.path.join(folder, prefix + "_%06d.jpg")
    command = [ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-y", "-loglevel", "info", "-i", str(path), "-an", "-sn",
               "-dn", *filters, *passthrough, "-q:v", str(quality), "-f", "image2", pattern]
    frames = []
    tail = []
    # a list (no shell); the program is the user's own ffmpeg, the paths files and folders they chose
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,  # nosec B603
                               errors="replace", **_no_window())
    try:
        for line in process.stderr:
            if cancel():
                process.terminate()
                break
            match = _SHOWINFO.search(line)
            if match:
                number, seconds = int(match.group(1)), float(match.group(2))
                frames.append((number, seconds))
                progress(seconds)
            else:
                tail = (tail + [line.rstrip()])[-8:]
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        try:
            os.remove(script)
        except OSError:
            pass
    if process.returncode != 0 and not cancel():
        raise VideoError(_last_words("\n".join(tail)) or "ffmpeg exit status {}".format(process.returncode))
    written = []
    wanted = iter(times)
    pending = next(wanted)
    for number, seconds in frames:
        file = pattern % (number + 1)
        if not os.path.exists(file):
            continue
        answered = pending
        # the wanted times this frame answers: every one up to its time (several when they fall on one frame)
        while pending is not None and pending <= seconds + 1e-6:
            answered = pending
            pending = next(wanted, None)
        written.append(Frame(file, seconds, answered))
    return written


def _no_window():
    """On Windows, no console window flashing up for each program run."""
    flag = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return {"creationflags": flag} if flag else {}


def _last_words(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _number(value) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _rate(value) -> float:
    try:
        numerator, denominator = str(value).split("/")
        return float(numerator) / float(denominator) if float(denominator) else 0.0
    except (TypeError, ValueError):
        return 0.0


def _rotation(stream) -> int:
    rotation = (stream.get("tags") or {}).get("rotate")
    for item in stream.get("side_data_list") or []:
        if "rotation" in item:
            rotation = item["rotation"]
    try:
        return int(float(rotation)) % 360
    except (TypeError, ValueError):
        return 0


def _utc(text) -> Optional[datetime]:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
