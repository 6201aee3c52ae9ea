"""Secrets against a hostile server: redirects, plain http, the OpenStreetMap app's secret.

KartaView here is a tiny server of the test's own (tests/hostile_server.py) that redirects; a
second one on another port ("elsewhere") records whatever reaches it, or reads plain http as a
proxy on the way would. Every case also checks that the token is in no message and no log line.
"""

import json
import logging
import re

import pytest
import requests
from qgis.PyQt.QtCore import Qt

from kartaview.plugin.client import KartaViewClient, Photo
from kartaview.plugin.client.redirects import InsecureAddressError, RedirectRefused, redirect_target
from tests.backends import BACKENDS, client_factory
from tests.hostile_server import Answer, HostileServer, json_ok, redirect

TOKEN = "5ec2e7" * 10
OSM_TOKEN = "osm-oauth2-token-0123456789"
OK = '{"status": {"apiCode": "600", "apiMessage": "ok", "httpCode": 200}}'
CREATED = '{"status": {"apiCode": "600"}, "osv": {"sequence": {"id": "77"}}}'
PHOTO = '{"status": {"apiCode": "600"}, "osv": {"photo": {"id": "99"}}}'
HOSTILE_NAME = 'zaphod<img src="file:///etc/passwd"><b>'  # a user name is the server's word too
ACCOUNT = json.dumps({"status": {"apiCode": "600"}, "osv": {"access_token": TOKEN, "id": "42",
                                                           "username": HOSTILE_NAME}})


@pytest.fixture
def kartaview():
    with HostileServer() as server:
        yield server


@pytest.fixture
def elsewhere():
    with HostileServer() as server:
        yield server


@pytest.fixture(params=BACKENDS)
def client(request, kartaview):
    """A client of each backend (inside QGIS the calls with a secret still go through requests)."""
    with client_factory(request)(kartaview.url, retries=1, sleep=lambda s: None, timeout=5.0) as kv:
        yield kv


@pytest.fixture
def jpeg(tmp_path):
    path = tmp_path / "5.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9")
    return path


def assert_hidden(text, *secrets):
    for secret in (TOKEN, OSM_TOKEN) + secrets:
        assert secret not in text


CALLS = {
    "finish-upload": ("/1.0/sequence/finished-uploading/", lambda kv, jpeg: kv.finish_sequence(TOKEN, 77)),
    "upload-photo": ("/1.0/photo/", lambda kv, jpeg: kv.upload_photo(TOKEN, 77, 5, 46.77, 23.59, jpeg)),
    "create-sequence": ("/1.0/sequence/", lambda kv, jpeg: kv.create_sequence(TOKEN, 46.77, 23.59)),
    "sign-in": ("/auth/openstreetmap/client_auth", lambda kv, jpeg: kv.client_auth(OSM_TOKEN)),
}


@pytest.mark.parametrize("status", [307, 308, 301, 302])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_redirect_to_another_host_never_gets_the_credentials(kartaview, elsewhere, client, jpeg, caplog, call,
                                                               status):
    """A redirecting proxy points every authenticated call at a second host: nothing reaches it, and
    the error names where KartaView tried to send the request."""
    caplog.set_level(logging.DEBUG)
    path, run = CALLS[call]
    kartaview.route(path, redirect(status, elsewhere.url + "steal" + path))
    elsewhere.route("/steal" + path, json_ok(ACCOUNT if call == "sign-in" else OK))
    with pytest.raises(RedirectRefused) as error:
        run(client, jpeg)
    message = str(error.value)
    assert elsewhere.url + "steal" in message and "KartaView settings" in message
    assert elsewhere.received == []
    assert len(kartaview.received) == 1
    assert_hidden(message + caplog.text)


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_moved_finish_call_is_never_taken_for_finished(kartaview, client, status):
    """301/302/303 would turn the POST into a GET without its form: the server never gets the call,
    so the sequence must not be reported finished."""
    kartaview.route("/1.0/sequence/finished-uploading/", redirect(status, "/moved/finished-uploading/"))
    kartaview.route("/moved/finished-uploading/", json_ok(OK))
    with pytest.raises(RedirectRefused, match="HTTP {}".format(status)):
        client.finish_sequence(TOKEN, 77)
    assert [seen.path for seen in kartaview.received] == ["/1.0/sequence/finished-uploading/"]


def test_a_same_host_307_is_followed_with_the_whole_request(kartaview, client, jpeg):
    kartaview.route("/1.0/sequence/finished-uploading/", redirect(307, "/v1b/finished-uploading/"))
    kartaview.route("/v1b/finished-uploading/", json_ok(OK))
    client.finish_sequence(TOKEN, 77)
    moved = kartaview.received[1]
    assert (moved.method, moved.path, moved.form) == ("POST", "/v1b/finished-uploading/",
                                                      {"sequenceId": "77", "access_token": TOKEN})

    kartaview.route("/1.0/photo/", redirect(308, kartaview.url + "v1b/photo/"))
    kartaview.route("/v1b/photo/", json_ok(PHOTO))
    assert client.upload_photo(TOKEN, 77, 5, 46.77, 23.59, jpeg).photo_id == 99
    assert jpeg.read_bytes() in kartaview.received[-1].body  # the photo was sent again, whole


def test_a_call_sent_once_is_not_sent_again_on_a_same_host_redirect(kartaview, client):
    kartaview.route("/1.0/sequence/", redirect(307, "/v1b/sequence/"))
    kartaview.route("/v1b/sequence/", json_ok(CREATED))
    with pytest.raises(RedirectRefused, match="only once"):
        client.create_sequence(TOKEN, 46.77, 23.59)
    assert len(kartaview.received) == 1


def test_image_files_still_follow_their_redirect_to_the_storage_host(kartaview, elsewhere, client):
    """Unauthenticated image GETs move to the storage host (the real API redirects /storageN/...)."""
    kartaview.route("/storage5/files/photo/th/1.jpg", redirect(302, elsewhere.url + "files/photo/th/1.jpg"))
    elsewhere.route("/files/photo/th/1.jpg", Answer(200, b"\xff\xd8jpeg\xff\xd9", {"Content-Type": "image/jpeg"}))
    photo = Photo(1, 2, 0, 46.77, 23.59, None, None, None, None, None, None, None, None, None, None, None, None,
                  "storage5/files/photo/th/1.jpg")
    assert client.fetch_image(photo, "th") == (b"\xff\xd8jpeg\xff\xd9", "th")


def test_the_redirect_policy():
    base = "https://api.openstreetcam.org/1.0/photo/"
    follow = dict(authenticated=True, idempotent=True)
    assert redirect_target("POST", base, 307, "/2.0/photo/", **follow) == "https://api.openstreetcam.org/2.0/photo/"
    for method, status, location, kwargs in [
        ("POST", 307, "https://evil.example/1.0/photo/", follow),
        ("POST", 308, "http://api.openstreetcam.org/1.0/photo/", follow),  # not to plain http either
        ("POST", 307, "https://api.openstreetcam.org:8443/1.0/photo/", follow),
        ("POST", 302, "/1.0/photo/", follow),
        ("POST", 307, "/again/", dict(authenticated=True, idempotent=False)),
        ("POST", 301, "/moved/", dict(authenticated=False, idempotent=True)),
        ("GET", 302, "javascript:alert(1)", dict(authenticated=False, idempotent=True)),
        ("GET", 302, "", dict(authenticated=False, idempotent=True)),
    ]:
        with pytest.raises(RedirectRefused):
            redirect_target(method, base, status, location, **kwargs)
    with pytest.raises(RedirectRefused, match="more than 5"):
        redirect_target("GET", base, 302, "/x", authenticated=False, idempotent=True, hops=5)
    assert redirect_target("GET", base, 301, "https://storage5.openstreetcam.org/f.jpg", authenticated=False,
                           idempotent=True) == "https://storage5.openstreetcam.org/f.jpg"


# --- plain http ------------------------------------------------------------------------------

@pytest.mark.parametrize("call", sorted(CALLS))
def test_the_token_never_goes_over_plain_http_to_another_computer(elsewhere, jpeg, caplog, call):
    """A KartaView address on plain http: a proxy on the way (elsewhere) would read the token."""
    caplog.set_level(logging.DEBUG)
    path, run = CALLS[call]
    elsewhere.route(path, json_ok({"create-sequence": CREATED, "upload-photo": PHOTO,
                                   "sign-in": ACCOUNT}.get(call, OK)))
    on_the_way = {"http": elsewhere.url}
    with KartaViewClient("http://kartaview.example/", proxies=on_the_way, retries=0) as kv:
        with pytest.raises(InsecureAddressError) as error:
            run(kv, jpeg)
        assert elsewhere.received == []
        assert "http://kartaview.example/" in str(error.value) and "https://" in str(error.value)
        assert_hidden(str(error.value) + caplog.text)
    with KartaViewClient("http://kartaview.example/", proxies=on_the_way, retries=0, allow_insecure_http=True) as kv:
        run(kv, jpeg)  # allowed on purpose: then it goes (the proxy saw it, which is what was accepted)
    secret = OSM_TOKEN if call == "sign-in" else TOKEN
    assert secret.encode() in elsewhere.everything()


def test_the_setting_allows_plain_http_for_people_who_know_why(qgis_app, elsewhere, monkeypatch):
    from kartaview.plugin.core import network
    from kartaview.plugin.core.network import make_client
    from kartaview.plugin.core.settings import Settings

    elsewhere.route("/1.0/sequence/finished-uploading/", json_ok(OK))
    # elsewhere as QGIS's proxy: the plugin's clients take the proxy QGIS gives for each request
    monkeypatch.setattr(network, "qgis_proxies", lambda url="": {"http": elsewhere.url})
    monkeypatch.setenv("KARTAVIEW_API_URL", "http://kartaview.example/")
    monkeypatch.delenv("KARTAVIEW_ALLOW_INSECURE_HTTP", raising=False)
    settings = Settings()
    saved = settings.allow_insecure_http
    try:
        settings.allow_insecure_http = False
        with make_client(retries=0) as kv, pytest.raises(InsecureAddressError):
            kv.finish_sequence(TOKEN, 77)
        assert elsewhere.received == []
        settings.allow_insecure_http = True
        with make_client(retries=0) as kv:
            kv.finish_sequence(TOKEN, 77)
        assert len(elsewhere.received) == 1
        settings.allow_insecure_http = False
        monkeypatch.setenv("KARTAVIEW_ALLOW_INSECURE_HTTP", "1")
        with make_client(retries=0) as kv:
            kv.finish_sequence(TOKEN, 77)
        assert len(elsewhere.received) == 2
    finally:
        settings.allow_insecure_http = saved


# --- signing in with OpenStreetMap ------------------------------------------------------------

def test_the_osm_code_exchange_never_follows_a_redirect_to_another_host(qgis_app, kartaview, elsewhere, caplog):
    from kartaview.plugin.core import auth

    caplog.set_level(logging.DEBUG)
    kartaview.route("/oauth2/token", redirect(307, elsewhere.url + "oauth2/token"))
    elsewhere.route("/oauth2/token", json_ok('{"access_token": "%s"}' % OSM_TOKEN))
    with pytest.raises(RedirectRefused) as error:
        auth.exchange_osm_code(kartaview.url, "kv-client", "kv-app-secret", "the-code", "the-verifier")
    assert elsewhere.received == [] and elsewhere.url in str(error.value)
    assert "OpenStreetMap" in str(error.value)
    assert_hidden(str(error.value) + caplog.text, "kv-app-secret", "the-code", "the-verifier")


def test_the_osm_code_exchange_never_goes_over_plain_http_to_another_computer(qgis_app, elsewhere, monkeypatch):
    from kartaview.plugin.core import auth

    monkeypatch.delenv("KARTAVIEW_ALLOW_INSECURE_HTTP", raising=False)
    monkeypatch.setattr(auth, "requests_options", lambda url="": {"proxies": {"http": elsewhere.url}})
    with pytest.raises(InsecureAddressError, match="OpenStreetMap app's secret"):
        auth.exchange_osm_code("http://osm.example/", "kv-client", "kv-app-secret", "the-code", "v")
    assert elsewhere.received == []


def test_signing_in_with_osm_never_sends_the_osm_app_secret_to_kartaview(qgis_app, sandbox, kartaview, monkeypatch):
    """The dialog exchanges the code at OpenStreetMap (the sandbox plays it) with the app's secret;
    KartaView (a server of the test's own, recording) gets the OSM token and never that secret."""
    from kartaview.plugin.core import auth
    from kartaview.plugin.gui import sign_in_dialog as module

    manager = qgis_app.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master", True)
    monkeypatch.delenv("KARTAVIEW_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("KARTAVIEW_AUTHCFG", raising=False)
    monkeypatch.setenv("KARTAVIEW_API_URL", kartaview.url)
    kartaview.route("/auth/openstreetmap/client_auth", json_ok(ACCOUNT))
    opened = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    auth.sign_out()
    dialog = module.SignInDialog()
    try:
        dialog.methodTabs.setCurrentIndex(module.OSM_TAB)
        dialog.osmUrlEdit.setText(sandbox.url)
        dialog.clientIdEdit.setText("kv-client")
        dialog.clientSecretEdit.setText("kv-secret")
        dialog.openBrowserButton.click()
        page = requests.get(opened[0], timeout=10).text
        dialog.codeEdit.setText(re.search(r'id="authorization_code">([^<]+)<', page).group(1))
        dialog.signInButton.click()
        assert auth.signed_in() and auth.token() == TOKEN, dialog.messageLabel.text()
        sent = kartaview.everything()
        assert len(kartaview.received) == 1 and b"request_token=" in sent
        assert b"kv-secret" not in sent
        # the name KartaView gave is shown as it is, never rendered as HTML
        assert dialog.accountLabel.textFormat() == Qt.TextFormat.PlainText
        assert HOSTILE_NAME in dialog.accountLabel.text()
    finally:
        auth.sign_out()
        dialog.deleteLater()



SEARCH_ANSWER = json.dumps({"status": {"apiCode": "600"}, "currentPageItems": [], "totalFilteredItems": ["0"]})


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_search_moved_by_a_body_dropping_redirect_is_not_followed(kartaview, client, status):
    """The nearby-photos search is a POST (through QGIS's manager inside QGIS): the same policy."""
    kartaview.route("/1.0/list/nearby-photos/", redirect(status, "/moved/nearby-photos/"))
    kartaview.route("/moved/nearby-photos/", json_ok(SEARCH_ANSWER))
    with pytest.raises(RedirectRefused, match="HTTP {}".format(status)):
        client.nearby_photos_page((23.55, 46.74, 23.65, 46.80), ipp=10)
    assert [seen.path for seen in kartaview.received] == ["/1.0/list/nearby-photos/"]


def test_a_search_follows_a_same_host_307_with_its_form_but_never_another_host(kartaview, elsewhere, client):
    kartaview.route("/1.0/list/nearby-photos/", redirect(307, "/v1b/nearby-photos/"))
    kartaview.route("/v1b/nearby-photos/", json_ok(SEARCH_ANSWER))
    assert client.nearby_photos_page((23.55, 46.74, 23.65, 46.80), ipp=10) == ([], 0)
    moved = kartaview.received[1]
    assert (moved.method, moved.path, moved.form["ipp"]) == ("POST", "/v1b/nearby-photos/", "10")

    kartaview.route("/1.0/list/nearby-photos/", redirect(307, elsewhere.url + "nearby-photos/"))
    with pytest.raises(RedirectRefused, match="another address"):
        client.nearby_photos_page((23.55, 46.74, 23.65, 46.80), ipp=10)
    assert elsewhere.received == []
