"""kartaview:uploadphotos in QGIS Processing and headless with qgis_process, against the sandbox."""

import json
import os
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime

from kartaview.plugin.core.compat import DATETIME, DOUBLE, STRING, new_field
from kartaview.plugin.upload.plan_types import PhotoInput
from tests.conftest import run_qgis_process
from tests.test_upload_uploader import assert_all_stored_once, sha1, stored
from tests.upload_support import START, make_jpeg, plan_upload, track

ALG = "kartaview:uploadphotos"


def photos_source(photos, crs="EPSG:3857"):
    """A memory point layer like native:importphotos makes (photo, timestamp, direction) in `crs`."""
    kv_vl = QgsVectorLayer("Point?crs={}".format(crs), "photos", "memory")
    kv_vl.dataProvider().addAttributes([new_field("photo", STRING), new_field("timestamp", DATETIME),
                                        new_field("direction", DOUBLE), new_field("track", STRING)])
    kv_vl.updateFields()
    to_crs = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(crs),
                                    QgsProject.instance())
    features = []
    for photo in photos:
        feature = QgsFeature(kv_vl.fields())
        if photo.lat is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(to_crs.transform(QgsPointXY(photo.lng, photo.lat))))
        time = QDateTime(photo.captured_at) if photo.captured_at else None
        feature.setAttributes([photo.path, time, photo.heading, photo.group])
        features.append(feature)
    kv_vl.dataProvider().addFeatures(features)
    return kv_vl


def report(result):
    rows = [f.attributes() for f in result["OUTPUT"].getFeatures()]
    names = result["OUTPUT"].fields().names()
    return [dict(zip(names, row)) for row in rows]


def run_alg(parameters):
    import processing

    return processing.run(ALG, dict({"OUTPUT": "memory:"}, **parameters))


def test_upload_from_a_layer_in_another_crs_with_bad_rows(kartaview_processing, upload_env, tmp_path):
    photos = track(tmp_path, 6)
    bad = [
        PhotoInput(6, str(tmp_path / "gone.jpg"), photos[0].lat, photos[0].lng, START),
        PhotoInput(7, make_jpeg(tmp_path / "nowhere.jpg", 50), None, None, START),
        PhotoInput(8, make_jpeg(tmp_path / "notime.jpg", 51), photos[0].lat, photos[0].lng, None),
        PhotoInput(9, photos[1].path, photos[1].lat, photos[1].lng, START + timedelta(seconds=2)),
    ]
    kv_vl = photos_source(photos + bad)
    result = run_alg({"INPUT": kv_vl, "MAX_PHOTOS": 4})
    rows = report(result)
    assert [r["status"] for r in rows] == ["uploaded"] * 6 + ["skipped"] * 4
    assert ["does not exist" in rows[6]["reason"], "No position" in rows[7]["reason"],
            "timestamp" in rows[8]["reason"], "twice" in rows[9]["reason"]] == [True] * 4
    assert (result["UPLOADED"], result["SKIPPED"], result["FAILED"], result["SEQUENCES"]) == (6, 4, 0, 2)
    assert [(r["sequence"], r["sequence_index"]) for r in rows[:6]] == [(1, 0), (1, 1), (1, 2), (1, 3), (2, 0),
                                                                         (2, 1)]
    assert rows[0]["url"] == "{}details/{}/0".format(upload_env.url, rows[0]["sequence_id"])
    geometries = [f.geometry() for f in result["OUTPUT"].getFeatures()]
    assert [g.asWkt(2) for g in geometries] == [f.geometry().asWkt(2) for f in kv_vl.getFeatures()]
    assert geometries[7].isNull()  # the photo without position keeps its empty geometry
    server = stored(upload_env)
    assert [(len(p), done) for _, done, p in server] == [(4, True), (2, True)]
    fields = server[0][2][1][2]
    lat, lng = (float(x) for x in fields["coordinate"].split(","))
    assert (lat, lng) == (pytest.approx(photos[1].lat, abs=1e-7), pytest.approx(photos[1].lng, abs=1e-7))
    assert server[0][2][1][1] == sha1(photos[1].path)

    again = report(run_alg({"INPUT": kv_vl, "MAX_PHOTOS": 4}))
    assert [r["status"] for r in again[:6]] == ["already uploaded"] * 6
    assert [r["sequence_id"] for r in again[:6]] == [r["sequence_id"] for r in rows[:6]]


def test_selected_features_only_and_an_empty_selection(kartaview_processing, upload_env, tmp_path):
    photos = track(tmp_path, 5)
    kv_vl = photos_source(photos, crs="EPSG:4326")
    QgsProject.instance().addMapLayer(kv_vl)
    try:
        ids = [f.id() for f in kv_vl.getFeatures()]
        kv_vl.selectByIds(ids[1:3])
        selected = QgsProcessingFeatureSourceDefinition(kv_vl.id(), True)
        rows = report(run_alg({"INPUT": selected}))
        assert [r["status"] for r in rows] == ["uploaded", "uploaded"]
        assert sorted(d for _, _, p in stored(upload_env) for _, d, _ in p) == sorted(
            sha1(p.path) for p in photos[1:3])
        kv_vl.removeSelection()
        with pytest.raises(QgsProcessingException, match="no feature is selected"):
            run_alg({"INPUT": selected})
    finally:
        QgsProject.instance().removeMapLayer(kv_vl.id())


def test_dry_run_sends_nothing(kartaview_processing, upload_env, tmp_path, monkeypatch):
    monkeypatch.delenv("KARTAVIEW_ACCESS_TOKEN")  # a dry run needs no account
    photos = track(tmp_path, 4)
    kv_vl = photos_source(photos + [replace(photos[0], ref=9)])
    upload_env.reset_log()
    result = run_alg({"INPUT": kv_vl, "DRY_RUN": True, "MAX_PHOTOS": 3})
    rows = report(result)
    assert [r["status"] for r in rows] == ["would upload"] * 4 + ["skipped"]
    assert [(r["sequence"], r["sequence_index"]) for r in rows[:4]] == [(1, 0), (1, 1), (1, 2), (2, 0)]
    assert result["SEQUENCES"] == 2
    assert upload_env.request_log == [] and stored(upload_env) == []


def test_auth_config_account_and_not_signed_in(kartaview_processing, upload_env, tmp_path, monkeypatch):
    from kartaview.plugin.core import auth

    monkeypatch.delenv("KARTAVIEW_ACCESS_TOKEN")
    auth_manager = QgsApplication.authManager()
    if not auth_manager.masterPasswordIsSet():
        auth_manager.setMasterPassword("test-master", True)
    auth.sign_out()
    kv_vl = photos_source(track(tmp_path, 2))
    with pytest.raises(QgsProcessingException, match="Not signed in"):
        run_alg({"INPUT": kv_vl})
    config_id = auth.save_account(upload_env.token, upload_env.username)
    try:
        auth.Settings().auth_cfg = ""  # only the explicit AUTHCFG parameter can work now
        rows = report(run_alg({"INPUT": kv_vl, "AUTHCFG": config_id}))
        assert [r["status"] for r in rows] == ["uploaded", "uploaded"]
    finally:
        auth.Settings().auth_cfg = config_id
        auth.sign_out()


def test_revoked_token_reports_sign_in_again_and_never_shows_the_token(kartaview_processing, upload_env, tmp_path):
    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, *args: messages.append(text))
    kv_vl = photos_source(track(tmp_path, 3))
    upload_env.set_faults(revoked_tokens=[upload_env.token])
    rows = report(run_alg({"INPUT": kv_vl}))
    assert {r["status"] for r in rows} == {"failed"}
    assert all("sign in again" in r["reason"] for r in rows)
    upload_env.clear_faults()
    rows = report(run_alg({"INPUT": kv_vl}))
    assert {r["status"] for r in rows} == {"uploaded"}
    # KartaView refused the first create: nothing was interrupted, so no "may have left an empty sequence"
    assert not [m for m in messages if "interrupted" in m]
    assert_token_nowhere(upload_env.token, messages, rows, tmp_path / "journal.sqlite")


def assert_token_nowhere(token, messages, rows, journal):
    """The token is in no message of the QGIS log, no report row and not in the journal file."""
    assert not [m for m in messages if token in m]
    assert all(token not in str(r) for r in rows)
    assert token.encode() not in journal.read_bytes()


@pytest.mark.parametrize("hostile", ["finish-redirected-to-another-host", "plain-http-api"])
def test_a_hostile_server_never_gets_the_token_and_it_shows_nowhere(kartaview_processing, upload_env, tmp_path,
                                                                     monkeypatch, hostile):
    """A redirecting proxy in front of KartaView sends finish-upload to a second host; or the API
    address is plain http to another computer (a proxy on the way reads it). The second host gets
    nothing, no sequence is taken for finished, and the token is in no output."""
    from kartaview.plugin.core import network
    from tests.hostile_server import HostileServer, redirect

    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, *args: messages.append(text))
    kv_vl = photos_source(track(tmp_path, 3))
    with HostileServer() as elsewhere, HostileServer(forward_to=upload_env.url) as proxy:
        if hostile == "plain-http-api":
            monkeypatch.setenv("KARTAVIEW_API_URL", "http://kartaview.example/")
            monkeypatch.setattr(network, "qgis_proxies", lambda url="": {"http": elsewhere.url})
        else:
            path = "/1.0/sequence/finished-uploading/"
            proxy.route(path, redirect(307, elsewhere.url.rstrip("/") + path))
            monkeypatch.setenv("KARTAVIEW_API_URL", proxy.url)
        rows = report(run_alg({"INPUT": kv_vl}))
        assert elsewhere.received == []
    said = " ".join(messages + [str(r["reason"]) for r in rows])
    if hostile == "plain-http-api":
        assert {r["status"] for r in rows} == {"failed"} and "plain http" in said
        assert stored(upload_env) == []
    else:
        # the photos are on the server, but the sequence is said to be not finished, and is not
        assert {r["status"] for r in rows} == {"uploaded"} and "is not finished" in said
        # and the reason is the refused redirect, not a guess about earlier runs
        assert "tried to send the request to another address" in said and "earlier run" not in said
        assert [finished for _, finished, _ in stored(upload_env)] == [False]
    assert_token_nowhere(upload_env.token, messages, rows, tmp_path / "journal.sqlite")


def test_headless_qgis_process_run(qgis_process_home, upload_env, tmp_path):
    photos = track(tmp_path, 5)
    geojson = tmp_path / "photos.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lng, p.lat]},
         "properties": {"photo": p.path, "timestamp": p.captured_at.isoformat(), "direction": p.heading}}
        for p in photos]}))
    output = tmp_path / "report.geojson"
    env = {key: os.environ[key] for key in ("KARTAVIEW_ACCESS_TOKEN", "KARTAVIEW_UPLOAD_JOURNAL", "KARTAVIEW_API_URL")}
    completed = run_qgis_process(qgis_process_home, ["run", ALG, "--INPUT={}".format(geojson), "--CONCURRENCY=2",
                                                     "--OUTPUT={}".format(output)], env=env, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert upload_env.token not in completed.stdout + completed.stderr
    statuses = [f["properties"]["status"] for f in json.loads(output.read_text())["features"]]
    assert statuses == ["uploaded"] * 5
    assert "UPLOADED:\t5" in completed.stdout
    assert_all_stored_once(upload_env, plan_upload(photos))


def test_cancel_stops_within_a_second_and_reports_the_rest(kartaview_processing, upload_env, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    class CancelAfterTwo(QgsProcessingFeedback):
        cancelled_at = None

        def setProgress(self, progress):  # noqa: N802 (QGIS API name)
            super().setProgress(progress)
            if progress > 5 + 95 * 2 / 12 and self.cancelled_at is None:
                self.cancelled_at = time.monotonic()
                self.cancel()

    upload_env.set_faults(latency_ms=300)
    kv_vl = photos_source(track(tmp_path, 12))
    feedback = CancelAfterTwo()
    result = processing.run(ALG, {"INPUT": kv_vl, "CONCURRENCY": 2, "OUTPUT": "memory:"}, feedback=feedback)
    assert time.monotonic() - feedback.cancelled_at < 1.0
    rows = report(result)
    assert len(rows) == 12 and {r["status"] for r in rows} == {"uploaded", "failed"}
    assert all("Cancelled" in r["reason"] for r in rows if r["status"] == "failed")


def test_the_parallel_uploads_setting_is_the_default_concurrency(kartaview_processing, upload_env, tmp_path,
                                                                  monkeypatch):
    from kartaview.plugin.core.settings import Settings
    from kartaview.plugin.upload import uploader

    monkeypatch.delenv("KARTAVIEW_UPLOAD_CONCURRENCY", raising=False)
    settings = Settings()
    saved = settings.upload_concurrency
    used = []
    init = uploader.Uploader.__init__

    def recording_init(self, *args, **kwargs):
        used.append(kwargs["concurrency"])
        init(self, *args, **kwargs)

    monkeypatch.setattr(uploader.Uploader, "__init__", recording_init)
    try:
        for value, expected in ((7, 7), (25, uploader.MAX_CONCURRENCY), (0, 1)):
            settings.upload_concurrency = value
            algorithm = kartaview_processing.createAlgorithmById(ALG)  # as the dialog and processing.run do
            parameter = algorithm.parameterDefinition("CONCURRENCY")
            assert (parameter.defaultValue(), parameter.maximum()) == (expected, uploader.MAX_CONCURRENCY)
        settings.upload_concurrency = 3
        run_alg({"INPUT": photos_source(track(tmp_path, 2))})  # no CONCURRENCY given
        run_alg({"INPUT": photos_source(track(tmp_path, 2, first=2)), "CONCURRENCY": 5})
        assert used == [3, 5]
    finally:
        settings.upload_concurrency = saved


def test_one_retry_layer_a_failing_photo_is_sent_at_most_attempts_times(kartaview_processing, upload_env, tmp_path,
                                                                        monkeypatch):
    """Issue 14 point 4: the client retried 4 times inside each of the uploader's 3 attempts (15 sends
    of one photo); the uploader is now the only retry layer for uploads."""
    from kartaview.plugin.upload import uploader

    monkeypatch.setattr(uploader.Uploader, "_delay", lambda self, attempt: 0.05)  # the test's time only
    kv_vl = photos_source(track(tmp_path, 1))
    upload_env.set_faults(error_rate=1.0, kinds=["500"], paths=["/1.0/photo/"])
    rows = report(run_alg({"INPUT": kv_vl}))
    assert [r["status"] for r in rows] == ["failed"]
    sends = [entry for entry in upload_env.request_log if entry["path"].rstrip("/") == "/1.0/photo"]
    assert len(sends) == 3, "one photo sent {} times".format(len(sends))
