"""The calls that carry a token, KartaViewClient's write side (a mixin of client.KartaViewClient):
sign-in, the token check, and the upload's sequence creation, photos and finishing.

They use the 1.0 write endpoints with the official uploader's field names. The access token is
always an explicit argument, never stored, and is scrubbed from every message.
"""

import os

from ..about import __version__
from . import formats
from .errors import DuplicateError, KartaViewError, TransientError
from .models import Account, UploadedPhoto
from .multipart import MultipartBody
from .parsing import osv_of, to_int
from .transport import classify

UPLOAD_SOURCE = "QGIS-KartaView {}".format(__version__)
# secret_token of client_auth with an OAuth2 token: not a secret, never the OSM app's client secret.
OAUTH2_SECRET_TOKEN = "oauth2"  # nosec B105 # pragma: allowlist secret # a fixed marker, not a secret


class AuthenticatedCalls:
    """KartaViewClient's calls that carry a token: they use the client's `call`, `_send`, `_transport`
    and `base_url`, and check_token its `sequence`."""

    def client_auth(self, request_token) -> Account:
        """Exchange an OSM OAuth2 access token for a KartaView account (POST /auth/openstreetmap/client_auth).

        secret_token was the OAuth 1.0a token secret; an OAuth2 access token has none, and the
        official uploader's habit of sending its OSM app's client secret there hands that secret
        to KartaView: a fixed marker goes instead (KartaView checks the token against OSM).
        """
        payload = self.call("POST", "auth/openstreetmap/client_auth", "signing in",
                             data={"request_token": request_token, "secret_token": OAUTH2_SECRET_TOKEN},
                             secrets=(request_token,))
        try:
            return Account.from_v1(osv_of(payload))
        except ValueError:
            raise KartaViewError("KartaView's sign-in answer had no access token. "
                                 "Try signing in again later.") from None

    def check_token(self, access_token, cancel=None) -> str | None:
        """Whether KartaView accepts access_token: AuthenticationError when it does not.

        Asks for the account's own sequences (POST /1.0/list/my-list/, which needs the token and
        changes nothing). Returns the account's user name as KartaView gives it (the user of its
        newest sequence, read from that sequence), or None for an account without sequences yet.
        """
        payload = self.call("POST", "1.0/list/my-list/", "checking the access token",
                             data={"access_token": access_token, "page": 1, "ipp": 1}, secrets=(access_token,),
                             cancel=cancel)
        items = payload.get("currentPageItems") if isinstance(payload.get("currentPageItems"), list) else []
        ids = [to_int(item.get("id")) for item in items if isinstance(item, dict)]
        ids = [sequence_id for sequence_id in ids if sequence_id]
        return self.sequence(ids[0], cancel=cancel).username if ids else None

    def create_sequence(self, access_token, lat, lng, *, upload_source=UPLOAD_SOURCE, platform_name=None,
                        device_name=None, metadata_path=None) -> int:
        """Create an upload sequence (POST /1.0/sequence/) and return its id.

        Not retried blindly: a timeout or a failed answer after the request was sent may still have
        created the sequence, and a retry would create a second one. Only failures before sending
        (connection refused, connect timeout) are retried; anything else raises TransientError and
        the caller (the upload engine, with its journal) decides whether to create again.
        """
        fields = [("access_token", access_token), ("uploadSource", upload_source),
                  ("currentCoordinate", formats.coordinate(lat, lng))]
        if platform_name:
            fields.append(("platformName", platform_name))
        if device_name:
            fields.append(("deviceName", device_name))
        files = []
        if metadata_path:
            name = os.path.basename(os.fspath(metadata_path))
            content_type = "application/x-gzip" if name.endswith(".gz") else "text/plain"
            files.append(("metaData", name, content_type, metadata_path))
        payload = self.call("POST", "1.0/sequence/", "creating an upload sequence",
                             body=lambda: MultipartBody(fields, files), idempotent=False, secrets=(access_token,))
        osv = osv_of(payload)
        sequence = osv.get("sequence") if isinstance(osv.get("sequence"), dict) else {}
        sequence_id = to_int(sequence.get("id")) or to_int(osv.get("sequenceId"))
        if sequence_id is None:
            raise KartaViewError("KartaView did not return the id of the new sequence. Check your sequences on "
                                 "kartaview.org before uploading again.")
        return sequence_id

    def upload_photo(self, access_token, sequence_id, sequence_index, lat, lng, photo_path, *, shot_date=None,
                     heading=None, gps_accuracy=None, projection=None, field_of_view=None, projection_yaw=None,
                     cancel=None) -> UploadedPhoto:
        """Upload one JPEG (POST /1.0/photo/), streamed from disk.

        Transient failures are retried: the server may have stored the photo before failing, and the
        retry then gets 660 "duplicate entry", which is success (UploadedPhoto(None, duplicate=True)).
        """
        fields = [("access_token", access_token), ("coordinate", formats.coordinate(lat, lng)),
                  ("sequenceId", str(sequence_id)), ("sequenceIndex", str(sequence_index))]
        if shot_date is not None:
            fields.append(("shotDate", formats.shot_date(shot_date)))
        if heading is not None:  # 0 (north) is a heading too; the official uploader drops it
            fields.append(("headers", formats.number(heading)))
        if gps_accuracy is not None:
            fields.append(("gpsAccuracy", formats.number(gps_accuracy)))
        if projection is not None and field_of_view is not None:
            fields.extend([("projection", str(projection)), ("fieldOfView", str(field_of_view))])
        if projection_yaw is not None:
            fields.append(("projectionYaw", formats.number(projection_yaw)))
        files = [("photo", "{}.jpg".format(sequence_index), "image/jpeg", photo_path)]
        what = "uploading photo {} of sequence {}".format(sequence_index, sequence_id)
        secrets = (access_token,)

        def handle(response):
            photo = osv_of(classify(response, what, secrets=secrets)).get("photo")
            photo_id = to_int(photo.get("id")) if isinstance(photo, dict) else None
            if photo_id is None:
                raise TransientError("KartaView accepted photo {} of sequence {} without confirming it was stored. "
                                     "Upload it again.".format(sequence_index, sequence_id))
            return UploadedPhoto(photo_id, False)

        try:
            return self._send(self._transport.send, "POST", self.base_url + "1.0/photo/", what, handle=handle,
                              body=lambda: MultipartBody(fields, files), secrets=secrets, cancel=cancel)
        except DuplicateError:
            return UploadedPhoto(None, True)

    def finish_sequence(self, access_token, sequence_id) -> None:
        """Mark a sequence as completely uploaded (POST /1.0/sequence/finished-uploading/).
        NotFoundError (671) when the sequence does not exist any more."""
        self.call("POST", "1.0/sequence/finished-uploading/", "finishing sequence {}".format(sequence_id),
                   data={"sequenceId": str(sequence_id), "access_token": access_token}, secrets=(access_token,))
