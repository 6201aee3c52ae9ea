"""kartaview:uploadphotos — upload a point layer of photos to KartaView as sequences.

The QGIS side only: streams the features into the planner as plan_types.PhotoInput (position
transformed to WGS 84, capture time to UTC), then the pure upload engine plans, journals and
uploads. Every input feature gets one row in the report, in input order. Nothing is kept per photo
in memory: the plan and the report rows wait in temporary SQLite databases.
"""

import os
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import auth
from ..core.compat import INT, INT64, STRING, new_field
from ..core.log import log_info, log_warning
from ..core.network import make_client
from ..core.settings import Settings
from ..upload import panorama, uploader
from ..upload.identity import DigestCache
from ..upload.journal import CONFIRMED, Journal
from ..upload.journal_errors import JournalError, guard
from ..upload.plan_types import PlanOptions
from ..upload.planner import Plan
from ..upload.report import ReportRows
from . import styling, upload_preview
from .algorithm import KartaViewAlgorithm
from .filters import DECIMALS_1
from .upload_input import read_photos
from .upload_messages import UploadMessages

JOURNAL_ENV = "KARTAVIEW_UPLOAD_JOURNAL"
SKIPPED = "skipped"
WOULD_UPLOAD = "would upload"  # dry run


def journal_path() -> Path:
    """The upload journal, in the QGIS profile folder but outside the plugin's cache folder (which the
    user may clear): $KARTAVIEW_UPLOAD_JOURNAL overrides it for tests and scripted runs."""
    if os.environ.get(JOURNAL_ENV):
        path = Path(os.environ[JOURNAL_ENV])
    else:
        path = Path(QgsApplication.qgisSettingsDirPath()) / "kartaview-upload" / "journal.sqlite"
    with guard(str(path)):
        path.parent.mkdir(parents=True, exist_ok=True)
    return path


def default_concurrency() -> int:
    """The "Parallel uploads" setting, within what the algorithm accepts."""
    return max(1, min(uploader.MAX_CONCURRENCY, Settings().upload_concurrency))


class UploadPhotosAlgorithm(KartaViewAlgorithm):
    INPUT = "INPUT"
    PHOTO_FIELD = "PHOTO_FIELD"
    TIME_FIELD = "TIME_FIELD"
    HEADING_FIELD = "HEADING_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    PROJECTION_FIELD = "PROJECTION_FIELD"
    DETECT_360_BY_SHAPE = "DETECT_360_BY_SHAPE"
    MAX_GAP_SECONDS = "MAX_GAP_SECONDS"
    MAX_GAP_METERS = "MAX_GAP_METERS"
    MAX_PHOTOS = "MAX_PHOTOS"
    KEEP_DUPLICATES = "KEEP_DUPLICATES"
    DRY_RUN = "DRY_RUN"
    CONCURRENCY = "CONCURRENCY"
    AUTHCFG = "AUTHCFG"
    OUTPUT = "OUTPUT"
    PLANNED_SEQUENCES = "PLANNED_SEQUENCES"

    def name(self):
        return "uploadphotos"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Upload photos to KartaView")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Uploads a point layer of geotagged photos (e.g. the output of \"Import geotagged photos\") to "
            "KartaView. With \"Selected features only\" just the selection is uploaded.\n\n"
            "Photos are ordered by capture time and split into sequences by the grouping field if given, "
            "else wherever consecutive photos are more than the maximum gap in time or distance apart, with "
            "at most the maximum number of photos per sequence. Consecutive photos within 0.5 m and 5° of "
            "each other are skipped as near-duplicates unless kept.\n\n"
            "Every photo is recorded in an upload journal in the QGIS profile folder, so running the same "
            "input again after a failure, a cancel or a crash resumes the same sequences: nothing is sent "
            "twice once KartaView has confirmed it, and a sequence is finished only when all of its photos "
            "are confirmed.\n\n"
            "Sign in first (Web ▸ KartaView ▸ Sign in), choose an authentication configuration, or, for "
            "headless runs, set the environment variable KARTAVIEW_ACCESS_TOKEN.\n\n"
            "360° photos are uploaded as panoramas (projection SPHERE, field of view 360 and the yaw of "
            "GPano:PoseHeadingDegrees), so that KartaView shows them as 360°: a photo is 360° when its XMP says "
            "GPano:ProjectionType equirectangular, or, when it has no GPano projection, when it is exactly twice "
            "as wide as high (turn that guess off if you have flat 2:1 photos). A 'projection' field in the "
            "input (PLANE or SPHERE; other values are ignored) overrides both. 360° and flat photos go in "
            "separate sequences.\n\n"
            "The report has one row per input photo with its status: uploaded, already uploaded, skipped "
            "(bad input or near-duplicate; the reason says which), failed (re-run to retry), or in a dry run "
            "'would upload', and its projection.\n\n"
            "Planned sequences: a line per sequence through its photos, with its photo count, 360° photos, "
            "length, time span and, once created, its KartaView id. Loaded into the project, the lines and the "
            "report's points are coloured by sequence (skipped photos by reason): run with \"Dry run\" to see "
            "the splits on the map and change the gaps before sending."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Photos (point layer)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        # Optional only for QGIS 3.22, which rejects a required field parameter left at its default
        # (e.g. in qgis_process); _fields() insists that both exist.
        self.addParameter(QgsProcessingParameterField(
            self.PHOTO_FIELD, self.tr("Photo file field"), "photo", self.INPUT,
            QgsProcessingParameterField.DataType.String, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.TIME_FIELD, self.tr("Capture time field"), "timestamp", self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.HEADING_FIELD, self.tr("Heading field"), "direction", self.INPUT,
            QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.GROUP_FIELD, self.tr("Grouping field (one sequence per value)"), None, self.INPUT,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PROJECTION_FIELD, self.tr("Projection field: PLANE or SPHERE, overriding what the photo says"),
            "projection", self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DETECT_360_BY_SHAPE, self.tr("Photos twice as wide as high without GPano XMP are 360°"), True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_GAP_SECONDS, self.tr("Maximum time gap within a sequence (seconds)"),
            QgsProcessingParameterNumber.Type.Double, 60, minValue=0))
        self.parameterDefinition(self.MAX_GAP_SECONDS).setMetadata(DECIMALS_1)
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_GAP_METERS, self.tr("Maximum distance gap within a sequence (meters)"),
            QgsProcessingParameterNumber.Type.Double, 100, minValue=0))
        self.parameterDefinition(self.MAX_GAP_METERS).setMetadata(DECIMALS_1)
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_PHOTOS, self.tr("Maximum photos per sequence"),
            QgsProcessingParameterNumber.Type.Integer, 1000, minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(
            self.KEEP_DUPLICATES, self.tr("Keep near-duplicate photos"), False))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DRY_RUN, self.tr("Dry run (check and plan, send nothing)"), False))
        # The default is the "Parallel uploads" of the plugin's settings, read each time the
        # algorithm is created (dialog, processing.run, qgis_process).
        self.addParameter(QgsProcessingParameterNumber(
            self.CONCURRENCY, self.tr("Parallel uploads"), QgsProcessingParameterNumber.Type.Integer,
            default_concurrency(), minValue=1, maxValue=uploader.MAX_CONCURRENCY))
        # The signed-in account is the default, read each time the algorithm is created, so the dialog's
        # account field names it rather than "No Authentication"; KARTAVIEW_ACCESS_TOKEN (headless) wins
        # over it, as over an empty field.
        account = "" if os.environ.get(auth.TOKEN_ENV) else Settings().auth_cfg
        self.addParameter(QgsProcessingParameterAuthConfig(
            self.AUTHCFG, self.tr("KartaView account (authentication configuration)"),
            account if account and auth.has_account() else None, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Upload report"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PLANNED_SEQUENCES, self.tr("Planned sequences"), QgsProcessing.SourceType.TypeVectorLine,
            optional=True, createByDefault=True))
        for key, text in (("UPLOADED", self.tr("Photos uploaded")),
                          ("PHOTOS_360", self.tr("Photos sent (or to send) as 360°")),
                          ("ALREADY_UPLOADED", self.tr("Photos already uploaded")),
                          ("SKIPPED", self.tr("Photos skipped")), ("FAILED", self.tr("Photos failed")),
                          ("SEQUENCES", self.tr("Sequences"))):
            self.addOutput(QgsProcessingOutputNumber(key, text))

    # -- running ----------------------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        if source.featureCount() == 0:
            raise QgsProcessingException(self.tr(
                "There are no photos to upload: the layer is empty or no feature is selected."))
        fields = self._fields(source, parameters, context)
        dry_run = self.parameterAsBoolean(parameters, self.DRY_RUN, context)
        token = None
        if not dry_run:
            token = auth.resolve_token(self.parameterAsString(parameters, self.AUTHCFG, context))
            if not token:
                raise QgsProcessingException(self.tr(
                    "Not signed in to KartaView. Sign in (Web ▸ KartaView ▸ Sign in), choose an authentication "
                    "configuration, or set the environment variable KARTAVIEW_ACCESS_TOKEN."))

        options = PlanOptions(
            max_gap_seconds=self.parameterAsDouble(parameters, self.MAX_GAP_SECONDS, context),
            max_gap_meters=self.parameterAsDouble(parameters, self.MAX_GAP_METERS, context),
            max_photos=self.parameterAsInt(parameters, self.MAX_PHOTOS, context),
            keep_duplicates=self.parameterAsBoolean(parameters, self.KEEP_DUPLICATES, context),
            use_groups=bool(fields["group"]),
            detect_360_by_shape=self.parameterAsBoolean(parameters, self.DETECT_360_BY_SHAPE, context),
        )
        # retries=0: the uploader is the one retry layer of uploads (its attempts; README).
        client = make_client(timeout=120, max_workers=uploader.MAX_CONCURRENCY, retries=0)
        try:
            with self._journal(client) as journal, Plan(options, DigestCache(journal)) as plan, \
                    ReportRows() as rows:
                read_photos(source, fields, context, feedback, plan, rows)
                plan.split()
                feedback.pushInfo(self.tr("To upload: {} photo(s) in {} sequence(s). Skipped: {}.").format(
                    plan.photo_count, plan.sequence_count, plan.skipped_count))
                spheres = self._describe_plan(plan, feedback)
                for skip in plan.skipped():
                    rows.set(skip.ref, skip.path, None, None, None, SKIPPED,
                             UploadMessages().reason(skip.reason, skip.detail, fields["time"]), "", None, skip.reason)
                if dry_run:
                    self._dry_run(plan, journal, client, rows)
                else:
                    concurrency = self.parameterAsInt(parameters, self.CONCURRENCY, context)
                    self._upload(plan, journal, client, token, concurrency, rows, fields, feedback)
                # Written even after a journal failure: they list what KartaView confirmed so far.
                results = self._report(parameters, context, source, rows, plan.sequence_count)
                results.update(self._planned_sequences(parameters, context, plan, journal, client))
                results["PHOTOS_360"] = spheres
                return results
        except JournalError as error:  # before anything was sent (opening it, planning)
            raise QgsProcessingException(UploadMessages().journal(error)) from None
        finally:
            client.close()

    def _describe_plan(self, plan, feedback):
        """Log the planned sequences and which photos go as 360°; the number of 360° photos."""
        for sequence in plan.sequences():
            feedback.pushInfo(upload_preview.describe(sequence))
        counts = plan.projection_counts()
        spheres = sum(n for (kind, _), n in counts.items() if kind == panorama.SPHERE)
        if spheres:
            message = self.tr("360° panoramas (sent as SPHERE): {} photo(s); from GPano XMP: {}, from the 2:1 "
                              "shape: {}, from the projection field: {}. The report's 'projection' field says "
                              "which.").format(
                spheres, counts.get((panorama.SPHERE, panorama.FROM_XMP), 0),
                counts.get((panorama.SPHERE, panorama.FROM_SHAPE), 0),
                counts.get((panorama.SPHERE, panorama.FROM_LAYER), 0))
            feedback.pushInfo(message)
            log_info(message)
        return spheres

    def _planned_sequences(self, parameters, context, plan, journal, client):
        sink, dest_id = self.parameterAsSink(parameters, self.PLANNED_SEQUENCES, context,
                                             upload_preview.sequence_fields(), QgsWkbTypes.Type.LineString,
                                             QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:  # the optional output was turned off
            return {}
        upload_preview.write_sequences(sink, plan, journal, client)
        styling.on_completion(context, dest_id, upload_preview.style_sequences,
                                           self.tr("Planned sequences"))
        return {self.PLANNED_SEQUENCES: dest_id}

    @staticmethod
    def _journal(client):
        return Journal(journal_path(), client.base_url)

    def _fields(self, source, parameters, context):
        names = {key: self.parameterAsString(parameters, parameter, context) for key, parameter in (
            ("photo", self.PHOTO_FIELD), ("time", self.TIME_FIELD), ("heading", self.HEADING_FIELD),
            ("group", self.GROUP_FIELD), ("projection", self.PROJECTION_FIELD))}
        layer_fields = source.fields()
        for key in ("photo", "time"):
            if not names[key] or layer_fields.lookupField(names[key]) < 0:
                raise QgsProcessingException(self.tr("The input layer has no field '{}'.").format(names[key]))
        if names["heading"] and layer_fields.lookupField(names["heading"]) < 0:
            names["heading"] = ""  # the default 'direction' is optional: photos without heading are fine
        if names["projection"] and layer_fields.lookupField(names["projection"]) < 0:
            names["projection"] = ""  # so is 'projection': the photos themselves say it
        if names["group"] and layer_fields.lookupField(names["group"]) < 0:
            raise QgsProcessingException(self.tr("The input layer has no field '{}'.").format(names["group"]))
        return names

    def _dry_run(self, plan, journal, client, rows):  # journal errors: see processAlgorithm
        for sequence in plan.sequences():
            for photo in plan.photos(sequence):
                place = journal.photo(photo.key)
                if place is not None and place.state == CONFIRMED:
                    record = journal.sequence(place.sequence_key)
                    rows.set(photo.ref, photo.path, None, record.sequence_id, place.sequence_index,
                             uploader.ALREADY_UPLOADED, UploadMessages().reason(uploader.REASON_JOURNAL, ""),
                             client.web_url(record.sequence_id, place.sequence_index), photo.projection,
                             uploader.REASON_JOURNAL)
                else:
                    rows.set(photo.ref, photo.path, sequence.number, None, photo.index, WOULD_UPLOAD,
                             self.tr("Dry run: would be photo {} of new sequence {}.").format(
                                 photo.index, sequence.number), "", photo.projection)

    def _upload(self, plan, journal, client, token, concurrency, rows, fields, feedback):
        messages = UploadMessages()
        total = max(1, plan.photo_count)
        done = [0]

        def on_photo(result):
            photo = result.photo
            url = client.web_url(result.sequence_id, result.sequence_index) if result.sequence_id else ""
            rows.set(photo.ref, photo.path, result.sequence_number, result.sequence_id, result.sequence_index,
                     result.status, messages.reason(result.reason, result.detail, fields["time"]), url,
                     photo.projection, result.reason or None)
            done[0] += 1
            feedback.setProgress(5.0 + 95.0 * done[0] / total)

        def on_sequence(event):
            message, warning = messages.sequence_event(event, client.web_url)
            (feedback.pushWarning if warning else feedback.pushInfo)(message)
            (log_warning if warning else log_info)(message)

        summary = uploader.Uploader(client, journal, token, concurrency=concurrency, cancel=feedback.isCanceled,
                                    on_photo=on_photo, on_sequence=on_sequence).run(plan)
        if summary.auth_error:
            feedback.reportError(self.tr("KartaView did not accept the access token. Sign in again to "
                                         "KartaView, then run the algorithm again."))
        if summary.journal_error is not None:
            message = self.tr("The upload stopped: {} The report lists each photo's state; the journal {} keeps "
                              "what KartaView confirmed before.").format(
                messages.journal(summary.journal_error), summary.journal_error.path)
            feedback.reportError(message)
            log_warning(message)
            return
        failed = summary.counts.get(uploader.FAILED, 0)
        if failed and not summary.cancelled:
            feedback.reportError(self.tr("Photos that could not be uploaded: {}. See the report for the reasons and "
                                         "run the algorithm again on the same photos to retry.").format(failed))

    def _report(self, parameters, context, source, rows, sequences):
        report_fields = QgsFields()
        for name, kind in (("path", STRING), ("sequence", INT), ("sequence_id", INT64),
                           ("sequence_index", INT), ("status", STRING),
                           ("reason", STRING), ("url", STRING), ("projection", STRING), ("reason_code", STRING)):
            report_fields.append(new_field(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, report_fields, QgsWkbTypes.Type.Point,
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        counts = {}
        cancelled = UploadMessages().reason(uploader.REASON_CANCELLED, "")
        for wkb, path, number, sequence_id, index, status, reason, url, projection, code in rows.rows():
            if status is None:  # never reached: the run was cancelled before
                status, reason, code = uploader.FAILED, cancelled, uploader.REASON_CANCELLED
            counts[status] = counts.get(status, 0) + 1
            feature = QgsFeature(report_fields)
            geometry = QgsGeometry()
            if wkb:
                geometry.fromWkb(wkb)
            feature.setGeometry(geometry)
            feature.setAttributes([path, number, sequence_id, index, status, reason, url, projection, code])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        styling.on_completion(context, dest_id, upload_preview.style_report, self.tr("Upload report"))
        return {self.OUTPUT: dest_id, "UPLOADED": counts.get(uploader.UPLOADED, 0),
                "ALREADY_UPLOADED": counts.get(uploader.ALREADY_UPLOADED, 0), "SKIPPED": counts.get(SKIPPED, 0),
                "FAILED": counts.get(uploader.FAILED, 0), "SEQUENCES": sequences}
