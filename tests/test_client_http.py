"""The client's HTTP behaviour against a scripted stub server (stdlib http.server on 127.0.0.1:0)."""

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

from kartaview.plugin.client import (
    AuthenticationError,
    BadRequestError,
    Cancelled,
    KartaViewClient,
    KartaViewError,
    NotFoundError,
    Photo,
    TransientError,
    UploadedPhoto,
)
from kartaview.plugin.client.multipart import MultipartBody
from tests.backends import BACKENDS, client_factory

TOKEN = "f00dcafe" * 8
OK = {"apiCode": "600", "apiMessage": " The request has been processed without incidents ", "httpCode": 200,
      "httpMessage": "Success"}
HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


@dataclass
class Reply:
    status: int = 200
    body: object = None  # dict -> JSON, str/bytes -> as is
    content_type: str = "application/json"
    delay: float = 0.0
    drop: bool = False  # close the socket without answering


def ok(**payload):
    return Reply(body={"status": OK, **payload})


def api_error(code, message, status=400):
    return Reply(status, {"status": {"apiCode": code, "apiMessage": message, "httpCode": status,
                                     "httpMessage": "Bad Request"}})


@dataclass
class Received:
    method: str
    path: str
    query: dict
    form: dict
    files: dict  # name -> (filename, content type, bytes)
    headers: dict = field(repr=False)


def _parse_body(content_type, body):
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        form, files = {}, {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename() is None:
                form[name] = part.get_payload(decode=True).decode()
            else:
                files[name] = (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
        return form, files
    return dict(parse_qsl(body.decode())), {}


class Stub:
    """Routes map a path to a list of replies (the last one repeats) or to a function of the request."""

    def __init__(self):
        self.routes = {}
        self.received = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.stub = self
        self.url = "http://127.0.0.1:{}/".format(self.server.server_address[1])
        # A short poll interval keeps shutdown() (each test's teardown) fast.
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def route(self, path, *replies):
        self.routes[path] = replies[0] if len(replies) == 1 and callable(replies[0]) else list(replies)

    def hits(self, path):
        return [r for r in self.received if r.path == path]

    def reply_for(self, request):
        with self.lock:
            self.received.append(request)
            script = self.routes.get(request.path)
            if script is None:
                return Reply(404, "not found", "text/plain")
            if callable(script):
                return script(request)
            return script.pop(0) if len(script) > 1 else script[0]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        stub = self.server.stub
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        form, files = _parse_body(self.headers.get("Content-Type", ""), body)
        reply = stub.reply_for(Received(self.command, url.path, dict(parse_qsl(url.query)), form, files,
                                        dict(self.headers)))
        with stub.lock:
            stub.in_flight += 1
            stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
        try:
            time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                return
            data = reply.body if isinstance(reply.body, bytes) else (
                json.dumps(reply.body) if isinstance(reply.body, dict) else (reply.body or "")).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)
        finally:
            with stub.lock:
                stub.in_flight -= 1

    do_POST = do_GET  # noqa: N815


@pytest.fixture
def stub():
    server = Stub()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture(params=BACKENDS)
def make(request):
    """A client factory, make(url, **client kwargs), for each backend."""
    return client_factory(request)


@pytest.fixture
def client(stub, sleeps, make):
    with make(stub.url, retries=2, backoff=0.5, max_backoff=4.0, timeout=3.0, max_workers=4,
              sleep=sleeps.append) as kv:
        yield kv


@pytest.fixture
def jpeg(tmp_path):
    path = tmp_path / "frame.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400 + b"\xff\xd9")
    return path


def v1_photo(photo_id, index=0, sequence_id=900):
    return {"id": str(photo_id), "sequence_id": str(sequence_id), "sequence_index": str(index),
            "lat": "46.77", "lng": "23.6", "heading": "",
            "name": "storage5/files/photo/2017/7/18/proc/{}.jpg".format(photo_id),
            "lth_name": "storage5/files/photo/2017/7/18/lth/{}.jpg".format(photo_id),
            "th_name": "storage5/files/photo/2017/7/18/th/{}.jpg".format(photo_id)}


def paged(total, ipp, make, delay=0.0, key="currentPageItems"):
    """A route answering page N of `total` records with `make(i)` and totalFilteredItems ["total"]."""
    def answer(request):
        page, size = int(request.form["page"]), int(request.form["ipp"])
        assert size == ipp
        items = [make(i) for i in range((page - 1) * ipp, min(total, page * ipp))]
        return Reply(body={"status": OK, key: items, "totalFilteredItems": [str(total)]}, delay=delay)
    return answer


def upload(client, jpeg, **kwargs):
    return client.upload_photo(TOKEN, 77, 5, 46.80194, 23.335299, jpeg, **kwargs)


# --- reading -------------------------------------------------------------------------------------

def test_nearby_photos_fetches_every_page_once_and_concurrently(stub, client):
    stub.route("/1.0/list/nearby-photos/", paged(2500, 1000, lambda i: v1_photo(1000 + i, i), delay=0.15))
    photos = client.nearby_photos((23.5, 46.7, 23.6, 46.8))
    assert len(photos) == 2500 and len({p.id for p in photos}) == 2500
    assert [p.id for p in photos[:2]] == [1000, 1001] and photos[-1].id == 3499  # page order kept
    hits = stub.hits("/1.0/list/nearby-photos/")
    assert hits[0].form["page"] == "1"
    assert sorted(int(h.form["page"]) for h in hits) == [1, 2, 3]
    assert {(h.form["bbTopLeft"], h.form["bbBottomRight"]) for h in hits} == {("46.8,23.5", "46.7,23.6")}
    assert stub.max_in_flight >= 2  # pages 2 and 3 overlapped


def test_nearby_photos_radius_mode_date_and_page_cap(stub, client):
    stub.route("/1.0/list/nearby-photos/", paged(5000, 1000, lambda i: v1_photo(i + 1, i)))
    photos = client.nearby_photos(point=(23.6, 46.77), radius_m=300, date=datetime(2020, 5, 1, 12), max_pages=2)
    assert len(photos) == 2000
    hits = stub.hits("/1.0/list/nearby-photos/")
    assert len(hits) == 2
    form = hits[0].form
    assert (form["coordinate"], form["lat"], form["lng"], form["radius"]) == ("46.77,23.6", "46.77", "23.6", "300")
    assert form["date"] == "2020-05-01" and "bbTopLeft" not in form


def test_nearby_photos_page_returns_total_and_empty_601(stub, client):
    stub.route("/1.0/list/nearby-photos/", ok(currentPageItems=[v1_photo(1), {"id": ""}], totalFilteredItems=["4630"]),
               api_error("601", " The request has an empty response "))
    photos, total = client.nearby_photos_page((23.5, 46.7, 23.6, 46.8), ipp=2)
    assert total == 4630 and [p.id for p in photos] == [1]
    assert client.nearby_photos_page((23.5, 46.7, 23.6, 46.8)) == ([], 0)
    with pytest.raises(ValueError):
        client.nearby_photos_page()


def test_sequence_photos_sorted_and_unknown_sequence(stub, client):
    stub.route("/1.0/sequence/photo-list/",
               ok(osv={"sequenceId": "900", "photos": [v1_photo(3, 2), v1_photo(1, 0), v1_photo(2, 1)]}),
               api_error("601", " The request has an empty response "))
    assert [p.sequence_index for p in client.sequence_photos(900)] == [0, 1, 2]
    assert stub.hits("/1.0/sequence/photo-list/")[0].form == {"sequenceId": "900"}
    with pytest.raises(NotFoundError) as error:
        client.sequence_photos(901)
    assert error.value.api_code == 601 and len(stub.hits("/1.0/sequence/photo-list/")) == 2


def test_sequence_and_sequences_leave_out_unknown_ids(stub, client):
    stub.route("/2.0/sequence/5", Reply(body={"status": {"apiCode": 600}, "result": {"data": {
        "id": "5", "countActivePhotos": "198", "distance": "4.90", "uploadStatus": "UPLOADING"}}}))
    stub.route("/2.0/sequence/6", Reply(400, {"status": {"apiCode": 601, "apiMessage": "empty response"}}))
    sequence = client.sequence(5)
    assert (sequence.id, sequence.photo_count, sequence.distance_km) == (5, 198, 4.9)
    with pytest.raises(NotFoundError):
        client.sequence(6)
    assert list(client.sequences([5, 6, 5])) == [5]
    assert len(stub.hits("/2.0/sequence/6")) == 2  # not retried


def test_road_segments_pages_concurrently(stub, client):
    def segment(i):
        return {"element_id": str(i), "from": "1", "to": "2", "way_id": "3", "coverage": "2",
                "track": [["46.74", "23.62"], ["46.75", "23.63"]]}

    stub.route("/1.0/tracks/", paged(2500, 1000, segment, delay=0.15))
    segments = client.road_segments((23.5, 46.7, 23.6, 46.8), 15)
    assert len(segments) == 2500
    assert segments[0].track == ((23.62, 46.74), (23.63, 46.75))
    hits = stub.hits("/1.0/tracks/")
    assert sorted(int(h.form["page"]) for h in hits) == [1, 2, 3]
    assert {h.form["zoom"] for h in hits} == {"15"}
    assert stub.max_in_flight >= 2


def test_fetch_image_falls_back_from_lth_to_proc(stub, client):
    photo = Photo.from_v1(v1_photo(42))
    stub.route("/storage5/files/photo/2017/7/18/lth/42.jpg", Reply(404, "Not Found", "text/plain"))
    stub.route("/storage5/files/photo/2017/7/18/proc/42.jpg", Reply(body=b"\xff\xd8proc", content_type="image/jpeg"))
    assert client.fetch_image(photo, "lth") == (b"\xff\xd8proc", "proc")
    assert [h.path.split("/")[-2] for h in stub.received] == ["lth", "proc"]
    assert client.image_urls(photo, "lth")[0] == stub.url + "storage5/files/photo/2017/7/18/lth/42.jpg"


def test_fetch_image_retries_server_errors_and_reports_missing_files(stub, client, sleeps):
    photo = Photo.from_v1(v1_photo(42))
    stub.route("/storage5/files/photo/2017/7/18/th/42.jpg", Reply(503, HTML_502, "text/html"),
               Reply(body=b"\xff\xd8th", content_type="image/jpeg"))
    assert client.fetch_image(photo, "th") == (b"\xff\xd8th", "th") and len(sleeps) == 1
    with pytest.raises(NotFoundError) as error:
        client.fetch_image(Photo.from_v1(v1_photo(43)), "proc")
    assert "43" in str(error.value)
    assert len(stub.received) == 2 + 3


def test_storage_host_rewrite_for_the_real_api(monkeypatch):
    monkeypatch.delenv("KARTAVIEW_API_URL", raising=False)
    photo = Photo.from_v1(v1_photo(42))
    for base in (None, "https://kartaview.org"):
        with KartaViewClient(base) as real:
            assert real.image_urls(photo, "proc") == [
                "https://storage5.openstreetcam.org/files/photo/2017/7/18/proc/42.jpg",
                "https://storage5.openstreetcam.org/files/photo/2017/7/18/lth/42.jpg",
                "https://storage5.openstreetcam.org/files/photo/2017/7/18/th/42.jpg"]
    full = Photo.from_v1({"id": "1", "sequence_id": "2", "sequence_index": "0",
                          "lth_name": "https://kartaview.org/storage3/files/photo/2022/1/1/lth/1.jpg",
                          "name": "https://storage3.openstreetcam.org/files/photo/2022/1/1/proc/1.jpg"})
    with KartaViewClient("http://127.0.0.1:1/") as local:
        assert local.image_urls(full, "lth") == ["https://storage3.openstreetcam.org/files/photo/2022/1/1/lth/1.jpg",
                                                 "https://storage3.openstreetcam.org/files/photo/2022/1/1/proc/1.jpg"]


# --- failures and retries -------------------------------------------------------------------------

TRANSIENT_REPLIES = {
    "http-500": Reply(500, "Internal Server Error", "text/plain"),
    "html-502": Reply(502, HTML_502, "text/html"),
    "empty-200": Reply(200, ""),
    "not-json-200": Reply(200, "<?php echo $oops; Fatal error", "text/html"),
    "api-690": api_error("690", " An unexpected server error has occurred "),
    "api-408": api_error(408, "Query timeout"),
}


@pytest.mark.parametrize("kind", TRANSIENT_REPLIES)
def test_transient_answers_are_retried_then_raised(stub, client, sleeps, kind):
    stub.route("/1.0/sequence/photo-list/", TRANSIENT_REPLIES[kind])
    with pytest.raises(TransientError) as error:
        client.sequence_photos(900)
    assert len(stub.hits("/1.0/sequence/photo-list/")) == 3  # retries=2
    assert len(sleeps) == 2
    assert "try again" in str(error.value).lower() and "3 attempts" in str(error.value)
    assert error.value.http_status == TRANSIENT_REPLIES[kind].status


def test_a_wrong_api_address_is_reported_at_once(stub, client, sleeps):
    with pytest.raises(KartaViewError) as error:
        client.sequence_photos(900)  # the stub answers unknown paths with a plain-text 404
    assert not isinstance(error.value, TransientError) and "API address" in str(error.value)
    assert len(stub.received) == 1 and not sleeps


def test_a_transient_failure_then_success_returns_the_answer(stub, client, sleeps):
    stub.route("/1.0/sequence/photo-list/", TRANSIENT_REPLIES["html-502"],
               ok(osv={"sequenceId": "900", "photos": [v1_photo(1)]}))
    assert [p.id for p in client.sequence_photos(900)] == [1]
    assert len(stub.hits("/1.0/sequence/photo-list/")) == 2 and len(sleeps) == 1


def test_backoff_is_capped_exponential_full_jitter_through_the_injected_sleep(stub):
    stub.route("/2.0/sequence/1", TRANSIENT_REPLIES["http-500"])
    sleeps = []
    started = time.monotonic()
    with KartaViewClient(stub.url, retries=5, backoff=0.5, max_backoff=2.0, sleep=sleeps.append) as kv:
        with pytest.raises(TransientError):
            kv.sequence(1)
    assert len(sleeps) == 5 and len(stub.received) == 6
    caps = [0.5, 1.0, 2.0, 2.0, 2.0]
    assert all(0 <= pause <= cap for pause, cap in zip(sleeps, caps))
    assert len(set(sleeps)) > 1  # jittered, not a fixed delay
    assert time.monotonic() - started < 2  # no real sleeping


def test_timeouts_are_transient_and_bounded(stub, sleeps, make):
    stub.route("/2.0/sequence/1", Reply(body={"status": {"apiCode": 600}}, delay=1.0))
    started = time.monotonic()
    with make(stub.url, retries=1, timeout=0.2, sleep=sleeps.append) as kv:
        with pytest.raises(TransientError) as error:
            kv.sequence(1)
    assert "timed out" in str(error.value)
    assert len(stub.received) == 2 and len(sleeps) == 1
    assert time.monotonic() - started < 1.5


def test_dropped_connections_are_transient(stub, client, sleeps):
    stub.route("/1.0/tracks/", Reply(drop=True))
    with pytest.raises(TransientError) as error:
        client.road_segments((23.5, 46.7, 23.6, 46.8), 15)
    assert "connection" in str(error.value)
    # Qt's HTTP layer itself sends a request once more when the connection closes before any answer
    # (only requests without secrets, all of them reads, go through QGIS's manager).
    sent_per_attempt = 1 if client._transport.backend is None else 2
    assert len(stub.received) == 3 * sent_per_attempt and len(sleeps) == 2


def test_large_answers_arrive_whole(stub, client):
    items = [v1_photo(i, i) for i in range(3000)]  # about 1 MB, read in one go rather than in 10 kB chunks
    stub.route("/1.0/list/nearby-photos/", ok(currentPageItems=items, totalFilteredItems=["3000"]))
    photos, total = client.nearby_photos_page((23.5, 46.7, 23.6, 46.8), ipp=3000, lazy=True)
    assert total == 3000 and photos.ids == tuple(range(3000)) and photos[2999].th_path.endswith("/2999.jpg")


def test_a_plain_text_answer_in_an_unknown_charset_is_still_quoted(stub, client):
    stub.route("/2.0/sequence/5", Reply(401, "Token expired", "text/plain; charset=x-no-such-charset"))
    with pytest.raises(AuthenticationError, match="Token expired"):
        client.sequence(5)


def test_client_auth_plain_text_401_asks_to_sign_in_again(stub, client, sleeps):
    stub.route("/auth/openstreetmap/client_auth", Reply(401, "Invalid access token\n", "text/plain"))
    with pytest.raises(AuthenticationError) as error:
        client.client_auth("osm-oauth2-token")
    message = str(error.value)
    assert "sign in again" in message.lower() and "Invalid access token" in message
    assert "osm-oauth2-token" not in message
    assert error.value.http_status == 401 and len(stub.received) == 1 and not sleeps
    assert stub.received[0].form == {"request_token": "osm-oauth2-token", "secret_token": "oauth2"}


def test_client_auth_success(stub, client):
    stub.route("/auth/openstreetmap/client_auth", Reply(body={"status": {"apiCode": 600}, "osv": {
        "access_token": TOKEN, "id": "42", "username": "zaphod", "full_name": "Zaphod B"}}))
    account = client.client_auth("osm-oauth2-token")
    assert (account.access_token, account.user_id, account.username) == (TOKEN, 42, "zaphod")


@pytest.mark.parametrize("reply", [
    api_error(401, " You have to be authenticated in order to access this method ", status=401),
    api_error("618", " You are not allowed to change sequence of user with token {}".format(TOKEN)),
], ids=["api-401", "api-618"])
def test_authentication_codes_are_not_retried_and_scrub_the_token(stub, client, sleeps, reply):
    stub.route("/1.0/sequence/finished-uploading/", reply)
    with pytest.raises(AuthenticationError) as error:
        client.finish_sequence(TOKEN, 77)
    assert TOKEN not in str(error.value) and "sign in again" in str(error.value).lower()
    assert error.value.api_code in (401, 618)
    assert len(stub.received) == 1 and not sleeps


def test_bad_request_names_the_field_and_is_not_retried(stub, client, jpeg, sleeps):
    stub.route("/1.0/photo/", api_error("612", " Invalid argument value (sequenceId)"))
    with pytest.raises(BadRequestError) as error:
        upload(client, jpeg)
    assert error.value.field == "sequenceId" and "'sequenceId'" in str(error.value)
    assert error.value.api_code == 612 and error.value.http_status == 400
    assert len(stub.received) == 1 and not sleeps


def test_token_never_appears_in_messages_or_logs(stub, client, jpeg, caplog):
    caplog.set_level(logging.DEBUG)
    stub.route("/1.0/photo/", Reply(500, "<html>request access_token={} failed</html>".format(TOKEN), "text/html"),
               api_error("690", " Unexpected error for token {} ".format(TOKEN)))
    with pytest.raises(TransientError) as error:
        upload(client, jpeg)
    assert len(stub.received) == 3
    assert TOKEN not in str(error.value) and TOKEN not in repr(error.value.args)
    assert "Retrying" in caplog.text and TOKEN not in caplog.text


def test_cancel_stops_before_and_between_attempts(stub, client):
    stub.route("/2.0/sequence/1", TRANSIENT_REPLIES["http-500"])
    with pytest.raises(Cancelled):
        client.sequence(1, cancel=lambda: True)
    assert stub.received == []
    with pytest.raises(Cancelled):  # cancelled once the first attempt reached the server
        client.sequence(1, cancel=lambda: bool(stub.received))
    assert len(stub.received) == 1


# --- writing ---------------------------------------------------------------------------------------

def test_upload_photo_sends_the_official_multipart_fields(stub, client, jpeg):
    stub.route("/1.0/photo/", ok(osv={"photo": {"id": "99", "sequenceId": "77", "sequenceIndex": "5"}}))
    shot = datetime(2017, 7, 18, 16, 11, 50, tzinfo=timezone(timedelta(hours=2)))
    result = upload(client, jpeg, shot_date=shot, heading=0, gps_accuracy=8.5, projection="PLANE",
                    projection_yaw=12.5)
    assert result == UploadedPhoto(99, False)
    received = stub.received[0]
    assert received.form == {"access_token": TOKEN, "coordinate": "46.80194,23.335299", "sequenceId": "77",
                             "sequenceIndex": "5", "shotDate": "2017-07-18 14:11:50", "headers": "0",
                             "gpsAccuracy": "8.5", "projectionYaw": "12.5"}  # projection without fov: left out
    assert received.files == {"photo": ("5.jpg", "image/jpeg", jpeg.read_bytes())}
    assert int(received.headers["Content-Length"]) > jpeg.stat().st_size
    assert "Transfer-Encoding" not in received.headers
    assert received.headers["User-Agent"].startswith("QGIS-KartaView-plugin/")


def test_upload_photo_sends_projection_only_with_field_of_view(stub, client, jpeg):
    stub.route("/1.0/photo/", ok(osv={"photo": {"id": "100"}}))
    upload(client, jpeg, projection="SPHERE", field_of_view="360", shot_date=datetime(2020, 1, 2, 3, 4, 5))
    form = stub.received[0].form
    assert (form["projection"], form["fieldOfView"], form["shotDate"]) == ("SPHERE", "360", "2020-01-02 03:04:05")
    assert "headers" not in form and "gpsAccuracy" not in form


@pytest.mark.parametrize("reply", [
    api_error("660", " You are not allowed to add a duplicate entry (sequenceIndex)"),
    api_error(406, "Duplicate key"),
    api_error("690", " SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry '77-5'"),
], ids=["660", "406", "duplicate-entry-message"])
def test_upload_duplicate_is_success(stub, client, jpeg, sleeps, reply):
    stub.route("/1.0/photo/", reply)
    assert upload(client, jpeg) == UploadedPhoto(None, True)
    assert len(stub.received) == 1 and not sleeps


def test_upload_retried_after_the_server_stored_it_reports_duplicate(stub, client, jpeg, sleeps):
    stub.route("/1.0/photo/", Reply(502, HTML_502, "text/html"),
               api_error("660", " You are not allowed to add a duplicate entry (sequenceIndex)"))
    assert upload(client, jpeg) == UploadedPhoto(None, True)
    hits = stub.hits("/1.0/photo/")
    assert len(hits) == 2 and len(sleeps) == 1
    assert hits[1].files["photo"][2] == jpeg.read_bytes()  # the retry re-sent the whole file


def test_upload_answer_without_photo_id_is_retried(stub, client, jpeg):
    stub.route("/1.0/photo/", ok(osv={}), ok(osv={"photo": {"id": "7"}}))
    assert upload(client, jpeg) == UploadedPhoto(7, False)
    assert len(stub.received) == 2


def test_create_sequence_fields_and_metadata_file(stub, client, tmp_path):
    metadata = tmp_path / "track.txt"
    metadata.write_text("1500387291.0;46.8;23.3;;;;\n")
    stub.route("/1.0/sequence/", ok(osv={"sequence": {"id": "555", "currentLat": "46.8"}}))
    assert client.create_sequence(TOKEN, 46.8, 23.3, platform_name="QGIS", device_name="GoPro",
                                  metadata_path=metadata) == 555
    received = stub.received[0]
    assert received.form == {"access_token": TOKEN, "uploadSource": received.form["uploadSource"],
                             "currentCoordinate": "46.8,23.3", "platformName": "QGIS", "deviceName": "GoPro"}
    assert received.form["uploadSource"].startswith("QGIS-KartaView ")
    assert received.files == {"metaData": ("track.txt", "text/plain", metadata.read_bytes())}


@pytest.mark.parametrize("reply", [Reply(500, "oops", "text/plain"), Reply(body={"status": OK}, delay=1.0)],
                         ids=["http-500", "timeout"])
def test_create_sequence_is_not_retried_after_sending(stub, sleeps, reply):
    stub.route("/1.0/sequence/", reply)
    with KartaViewClient(stub.url, retries=3, timeout=0.3, sleep=sleeps.append) as kv:
        with pytest.raises(TransientError):
            kv.create_sequence(TOKEN, 46.8, 23.3)
    assert len(stub.received) == 1 and not sleeps


def test_create_sequence_retries_when_the_server_was_never_reached(sleeps):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    with KartaViewClient("http://127.0.0.1:{}/".format(dead_port), retries=2, sleep=sleeps.append) as kv:
        with pytest.raises(TransientError) as error:
            kv.create_sequence(TOKEN, 46.8, 23.3)
    assert len(sleeps) == 2 and TOKEN not in str(error.value)


def test_finish_sequence(stub, client):
    stub.route("/1.0/sequence/finished-uploading/", ok(osv={"sequenceId": "77"}),
               api_error("671", " Incorrect status (sequenceId)"))
    client.finish_sequence(TOKEN, 77)
    assert stub.received[0].form == {"sequenceId": "77", "access_token": TOKEN}
    with pytest.raises(NotFoundError) as error:
        client.finish_sequence(TOKEN, 78)
    assert error.value.api_code == 671 and TOKEN not in str(error.value)


# --- configuration ---------------------------------------------------------------------------------

def test_base_url_from_environment_and_web_urls(monkeypatch):
    monkeypatch.setenv("KARTAVIEW_API_URL", "http://127.0.0.1:8765/api")
    with KartaViewClient() as kv:
        assert kv.base_url == "http://127.0.0.1:8765/api/"
        assert kv.web_url(12, 3) == "http://127.0.0.1:8765/api/details/12/3"
    monkeypatch.delenv("KARTAVIEW_API_URL")
    with KartaViewClient() as kv:
        assert kv.base_url == KartaViewClient.DEFAULT_URL
        assert kv.web_url(12) == "https://kartaview.org/details/12"
        assert kv.web_url(12, 0) == "https://kartaview.org/details/12/0"


def test_connection_pool_is_sized_for_the_workers():
    with KartaViewClient("http://127.0.0.1:1/", max_workers=12) as kv:
        assert kv._transport.session.get_adapter("http://127.0.0.1:1/")._pool_maxsize == 12


def test_multipart_body_streams_in_small_reads(tmp_path):
    path = tmp_path / "big.jpg"
    path.write_bytes(bytes(range(256)) * 1000)
    body = MultipartBody([("a", "1")], [("photo", "0.jpg", "image/jpeg", path)])
    chunks = []
    while True:
        chunk = body.read(1000)
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    assert len(data) == len(body) and max(map(len, chunks)) == 1000
    assert path.read_bytes() in data and data.endswith("--{}--\r\n".format(body.boundary).encode())
