"""Sign-in and upload routes: OSM OAuth2 stand-in, client_auth, create sequence, photo, finish."""

import html
import secrets
import time
from urllib.parse import urlencode, urlsplit

from . import validate
from .envelopes import ApiError, Response, json_response, ok_v1, plain
from .records import uploaded_photo_created, uploaded_sequence_v2
from .store import Duplicate

OAUTH_CODE = "sandbox-code"  # the one authorization code the OSM stand-in hands out
MAX_PHOTO_BYTES = 20 * 1024 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
PROJECTIONS = ("PLANE", "PLAIN", "CYLINDER", "SPHERE", "FISHEYE", "CUBE")


def oauth_authorize(app, req):
    """OSM's consent page: redirects a loopback redirect_uri with the code, else shows the code (oob)."""
    redirect_uri = req.params.get("redirect_uri", "urn:ietf:wg:oauth:2.0:oob")
    parts = urlsplit(redirect_uri)
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        query = {"code": OAUTH_CODE}
        if "state" in req.params:
            query["state"] = req.params["state"]
        location = redirect_uri + ("&" if parts.query else "?") + urlencode(query)
        return Response(302, b"", "text/plain", headers={"Location": location})
    page = ("<!DOCTYPE html><html><head><title>Sandbox OpenStreetMap: authorize</title></head><body>"
            "<h1>Authorization code</h1><p>Client {}: copy this code into the application:</p>"
            "<code id=\"authorization_code\">{}</code></body></html>").format(
        html.escape(req.params.get("client_id", "?")), OAUTH_CODE)
    return plain(200, page, "text/html; charset=utf-8")


def oauth_token(app, req):
    params = req.params
    if params.get("grant_type") != "authorization_code":
        return json_response(400, {"error": "unsupported_grant_type"})
    if not params.get("client_id"):
        return json_response(401, {"error": "invalid_client"})
    if params.get("code") != OAUTH_CODE:
        return json_response(400, {"error": "invalid_grant", "error_description": "The provided authorization "
                                   "grant is invalid, expired, revoked or was issued to another client."})
    token = secrets.token_urlsafe(32)
    app.store.add_token(token, "osm", app.demo["id"])
    return json_response(200, {"access_token": token, "token_type": "Bearer", "scope": "read_prefs",
                               "created_at": int(time.time())})


def client_auth(app, req):
    request_token, secret = req.params.get("request_token"), req.params.get("secret_token")
    if (not request_token or not secret or app.faults.is_revoked(request_token)
            or app.store.token_user(request_token, "osm") is None):
        return plain(401, "Invalid access token\n", api_code=401)
    token = secrets.token_hex(32)
    app.store.add_token(token, "kartaview", app.demo["id"])
    demo = app.demo
    return ok_v1({"access_token": token, "id": demo["id"], "username": demo["username"],
                  "full_name": demo["full_name"], "type": "user", "externalUserId": demo["osm_id"],
                  "role": "ROLE_USER"})


def create_sequence(app, req):
    user = app.require_user(req)
    params = req.params
    lat = lng = None
    if params.get("currentCoordinate"):
        lat, lng = validate.coordinate(params["currentCoordinate"], "currentCoordinate")
    if len(params.get("platformName", "")) > 100:
        raise ApiError(612, "platformName")
    if params.get("obdInfo", "0") not in ("0", "1"):
        raise ApiError(612, "obdInfo")
    fields = {key: value for key, value in params.items() if key != "access_token"}
    sequence_id = app.store.create_sequence(user["id"], user["username"], lat, lng, fields,
                                            req.files.get("metaData"))
    return ok_v1({"sequence": uploaded_sequence_v2(app.store.sequence(sequence_id), 0)})


def _owned_sequence(app, user, sequence_id, unknown_code, unknown_field=None):
    """The caller's uploaded sequence; 618 for anybody else's (the world's belong to its drivers)."""
    record = app.store.sequence(sequence_id)
    if record is None:
        if app.world.sequence(sequence_id) is not None:
            raise ApiError(618)
        raise ApiError(unknown_code, unknown_field)
    if record["user_id"] != user["id"]:
        raise ApiError(618)
    return record


def upload_photo(app, req):
    user = app.require_user(req)
    params = req.params
    sequence_id = validate.integer(params, "sequenceId", 1, 9999999999)
    sequence_index = validate.integer(params, "sequenceIndex", 0, 10 ** 10)
    lat, lng = validate.coordinate(validate.required(params, "coordinate"), "coordinate")
    validate.number(params, "gpsAccuracy", 0, 999999.9999, default=0)
    # The panorama fields (kartaview-api.md 7.1; the official uploader sends "PLAIN", sic, for flat photos).
    if params.get("projection") and params["projection"].strip() not in PROJECTIONS:
        raise ApiError(612, "projection")
    validate.number(params, "fieldOfView", 0, 360, default=0)
    validate.number(params, "projectionYaw", -360, 360, default=0)
    if "photo" not in req.files:
        raise ApiError(610, "photo")
    file_name, data = req.files["photo"]
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise ApiError(612, "photo")
    _owned_sequence(app, user, sequence_id, 612, "sequenceId")
    fields = {key: value for key, value in params.items() if key != "access_token"}
    try:
        record = app.store.add_photo(sequence_id, sequence_index, lat, lng, fields, file_name, data)
    except Duplicate:
        raise ApiError(660, "sequenceIndex") from None
    return ok_v1({"photo": uploaded_photo_created(record)})


def finish_sequence(app, req):
    user = app.require_user(req)
    sequence_id = validate.integer(req.params, "sequenceId", 1, 9999999999)
    _owned_sequence(app, user, sequence_id, 671)
    app.store.finish(sequence_id)
    return ok_v1({"sequenceId": str(sequence_id)})


ROUTES = [
    ("GET", r"/oauth2/authorize/?", oauth_authorize),
    ("POST", r"/oauth2/token/?", oauth_token),
    ("POST", r"/auth/openstreetmap/client_auth/?", client_auth),
    ("POST", r"/1\.0/sequence/?", create_sequence),
    ("POST", r"/1\.0/photo/?", upload_photo),
    ("POST", r"/1\.0/sequence/finished-uploading/?", finish_sequence),
]
STORING_PATHS = ("/1.0/photo",)  # where the stored_then_500 fault applies
