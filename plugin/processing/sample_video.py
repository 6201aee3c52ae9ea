"""kartaview:samplevideo — a video and its GPS track become JPEG frames every N metres of travel.

The track says when the camera had moved another DISTANCE_M metres (analysis.track.Track.every:
standing still adds nothing); those moments, on the video's clock, are decoded in one FFmpeg run
(upload.video.extract) and each frame is placed on the track at its exact time. The point layer has
the fields kartaview:uploadphotos reads, plus `projection` (SPHERE for 360 equirectangular video).
"""

import os
import re
from datetime import datetime, timezone

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from ..analysis.track import Miss
from ..core.compat import DOUBLE, STRING
from ..core.settings import Settings
from ..upload import video
from . import track_input
from .algorithm import KartaViewAlgorithm
from .filters import DECIMALS_1
from .track_input import WGS84, iso_utc

SPHERE = "SPHERE"
PLANE = "PLANE"
DETECT, FORCE_360, FORCE_FLAT = 0, 1, 2
FFMPEG_HELP_URL = "https://ffmpeg.org/download.html"


class SampleVideoAlgorithm(KartaViewAlgorithm):
    VIDEO = "VIDEO"
    DISTANCE_M = "DISTANCE_M"
    VIDEO_START = "VIDEO_START"
    PROJECTION = "PROJECTION"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT = "OUTPUT"

    def name(self):
        return "samplevideo"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Sample video frames along a GPS track")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Turns a video (MP4, MOV; 360° equirectangular included) and the GPS track recorded with it into "
            "JPEG photos every few metres of travel, ready for \"Upload photos to KartaView\" (KartaView "
            "prefers photos to video). No frames are taken while standing still.\n\n"
            "The video's start is its creation time (as the camera wrote it in the file) unless given; the "
            "time of a frame on the GPS clock is that start plus its time in the video, minus the camera "
            "clock's lead over the GPS. Cameras often write a local time as if it were UTC: the offset "
            "corrects that too (e.g. 7200 for a camera on UTC+2).\n\n"
            "The GPS data some cameras record inside the video (GoPro's GPMF telemetry, Insta360's and DJI's "
            "own formats) is not read: export it as GPX first (e.g. with the camera maker's app or "
            "gopro2gpx).\n\n") + self.tr(
            "360° video is recognised by its spherical metadata or by its 2:1 shape (choose \"flat\" to turn "
            "that off); its frames are marked projection = SPHERE so that they are uploaded as 360° photos.\n\n"
            "Decoding uses FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not include: they "
            "are found on the PATH, or set in Settings ▸ Options ▸ KartaView.\n\n") + track_input.track_help()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterFile(
            self.VIDEO, self.tr("Video file"), QgsProcessingParameterFile.Behavior.File,
            fileFilter=self.tr("Videos (*.mp4 *.MP4 *.mov *.MOV *.m4v *.insv *.360 *.avi *.mkv);;All files (*)")))
        track_input.add_track_parameters(self, time_zone=False)
        self.addParameter(QgsProcessingParameterNumber(
            self.DISTANCE_M, self.tr("Distance between frames (metres of travel)"),
            QgsProcessingParameterNumber.Type.Double, 3, minValue=0.5))
        self.parameterDefinition(self.DISTANCE_M).setMetadata(DECIMALS_1)
        self.addParameter(QgsProcessingParameterString(
            self.VIDEO_START, self.tr("Start of the video, UTC on the camera clock (ISO 8601; empty: the "
                                      "video's creation time)"), "", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.PROJECTION, self.tr("Projection"),
            [self.tr("Detect (360° metadata or 2:1 shape)"), self.tr("360° equirectangular"), self.tr("Flat")],
            defaultValue=DETECT))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, self.tr("Folder for the frames")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Video frames"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("FRAMES", self.tr("Frames written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = self.parameterAsFile(parameters, self.VIDEO, context)
        if not path or not os.path.isfile(path):
            raise QgsProcessingException(self.tr("The video file {} does not exist.").format(path))
        ffmpeg, ffprobe = self._programs()
        try:
            info = video.probe(ffprobe, path)
        except video.VideoError as error:
            raise QgsProcessingException(self.tr(
                "FFmpeg cannot read the video {}: {}").format(path, error)) from None
        if parameters.get(track_input.TRACK) in (None, ""):
            raise QgsProcessingException(self.tr(
                "No GPS track is given for the video. The plugin does not read the GPS data cameras record "
                "inside video files (GoPro GPMF, Insta360, DJI): export it as a GPX file (e.g. with the camera "
                "maker's app or gopro2gpx) and give that as the GPS track."))
        track = track_input.read_track(self, parameters, context, feedback)
        offset = self.parameterAsDouble(parameters, track_input.TIME_OFFSET, context)
        spacing = self.parameterAsDouble(parameters, self.DISTANCE_M, context)
        start = self._start(parameters, context, info)
        gps_start = start - offset  # the video's first frame on the GPS clock
        spherical = self._spherical(parameters, context, info)
        feedback.pushInfo(self.tr(
            "Video: {}×{}, {:.1f} s, {:.2f} frames/s, {}; starts at {} UTC on the GPS clock ({} UTC on the "
            "camera clock, {:+.1f} s offset).").format(
            info.width, info.height, info.duration, info.frame_rate,
            self.tr("360° equirectangular") if spherical else self.tr("flat"),
            iso_utc(gps_start), iso_utc(start), offset))

        wanted = [t for t in track.every(spacing, gps_start, gps_start + info.duration)
                  if not isinstance(track.locate(t), Miss)]
        if not wanted:
            overlap = min(track.end, gps_start + info.duration) - max(track.start, gps_start)
            if overlap < 0:
                raise QgsProcessingException(self.tr(
                    "The video ({} to {} UTC on the GPS clock) and the track ({} to {}) do not overlap in time. "
                    "Check the time offset, the video's start and that the track belongs to the video.").format(
                    iso_utc(gps_start), iso_utc(gps_start + info.duration), iso_utc(track.start),
                    iso_utc(track.end)))
            feedback.pushWarning(self.tr("The track does not move during the video: no frames to take."))

        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        prefix = re.sub(r"[^\w.-]+", "_", os.path.splitext(os.path.basename(path))[0]) or "frame"
        feedback.pushInfo(self.tr("Decoding {} frame(s), one every {:.1f} m, into {}.").format(
            len(wanted), spacing, folder))
        duration = max(info.duration, 1e-6)
        try:
            frames = video.extract(
                ffmpeg, path, [t - gps_start + info.start for t in wanted], folder, prefix,
                cancel=feedback.isCanceled, ffmpeg_version=info.ffmpeg_version,
                progress=lambda seconds: feedback.setProgress(100.0 * (seconds - info.start) / duration))
        except video.VideoError as error:
            raise QgsProcessingException(self.tr("FFmpeg failed on the video {}: {}").format(path, error)) from None
        except OSError as error:
            raise QgsProcessingException(self.tr("The frames cannot be written to {}: {}").format(
                folder, error)) from None

        fields = track_input.photo_fields((("projection", STRING), ("video_time", DOUBLE)))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.Point,
                                             QgsCoordinateReferenceSystem(WGS84))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        written = 0
        for frame in frames:
            video_time = frame.video_time - info.start
            seconds = gps_start + video_time
            place = track.locate(seconds)
            if isinstance(place, Miss):  # the frame came out just past the track's end
                continue
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(place.lng, place.lat)))
            feature.setAttributes([frame.path, iso_utc(seconds), place.heading, SPHERE if spherical else PLANE,
                                   round(video_time, 3)])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            written += 1
        feedback.pushInfo(self.tr("Wrote {} frame(s) to {}.").format(written, folder))
        return {self.OUTPUT: dest_id, self.OUTPUT_FOLDER: folder, "FRAMES": written}

    def _programs(self):
        settings = Settings()
        try:
            return (video.find_program("ffmpeg", settings.ffmpeg_path),
                    video.find_program("ffprobe", settings.ffprobe_path))
        except video.FFmpegMissing as missing:
            if missing.configured:
                where = self.tr("The path set for {} ({}) is not a program.").format(
                    missing.program, missing.configured)
            else:
                where = self.tr("{} is not found on the PATH.").format(missing.program)
            raise QgsProcessingException(where + " " + self.tr(
                "Reading videos needs FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not "
                "include. Install FFmpeg ({}; on Debian or Ubuntu: sudo apt install ffmpeg; on macOS: brew "
                "install ffmpeg), then put its bin folder on the PATH or set both programs in Settings ▸ "
                "Options ▸ KartaView.").format(FFMPEG_HELP_URL)) from None

    def _start(self, parameters, context, info):
        """The video's start, UTC seconds on the camera clock."""
        text = (self.parameterAsString(parameters, self.VIDEO_START, context) or "").strip()
        if text:
            value = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
            if not value.isValid():
                raise QgsProcessingException(self.tr(
                    "The video start '{}' is not a date and time (e.g. 2026-05-01T10:00:00Z).").format(text))
            return track_input.utc_seconds(value)
        if info.created is None:
            raise QgsProcessingException(self.tr(
                "The video has no creation time: give the start of the video (UTC on the camera clock)."))
        return info.created.astimezone(timezone.utc).timestamp() if isinstance(info.created, datetime) else 0.0

    def _spherical(self, parameters, context, info):
        choice = self.parameterAsEnum(parameters, self.PROJECTION, context)
        if choice == FORCE_360:
            return True
        if choice == FORCE_FLAT:
            return False
        return info.spherical or info.width == 2 * info.height
