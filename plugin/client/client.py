"""KartaViewClient: the plugin's only way to talk to the KartaView API (pure Python, `requests` only).

Reads use the endpoints that work today (1.0 nearby-photos, photo-list, tracks; 2.0 sequence and
photo lookups); uploads use the 1.0 write endpoints with the official uploader's field names.
An access token is always an explicit argument: the client never stores it and scrubs it from
every message.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date, datetime, timezone

from ..about import USER_AGENT, __version__
from .answers import READ_DEADLINE_S, UPLOAD_DEADLINE_S
from .errors import DuplicateError, KartaViewError, NotFoundError, TransientError
from .images import first_image_url, image_candidates, is_real_host
from .models import Account, Photo, PhotoList, RoadSegment, Sequence, UploadedPhoto
from .multipart import MultipartBody
from .paging import MAX_PAGES, Paging, read_pages
from .parsing import MAX_ID, Records, parse_records, rows, to_int, total_count
from .transport import Transport, check_cancel, classify

UPLOAD_SOURCE = "QGIS-KartaView {}".format(__version__)
WEB_URL = "https://kartaview.org/"
# secret_token of client_auth with an OAuth2 token: not a secret, never the OSM app's client secret.
OAUTH2_SECRET_TOKEN = "oauth2"  # nosec B105 # pragma: allowlist secret # a fixed marker, not a secret
V2_PAGE_SIZE = 100  # /2.0/photo/ pages silently at ~100 (Rapid 1032dfa16) and caps itemsPerPage at 150


def _fmt(number) -> str:
    """A number as the API expects it in a form field: 12 -> "12", 46.80194 -> "46.80194"."""
    value = float(number)
    return str(int(value)) if value.is_integer() else repr(value)


def _coordinate(lat, lng) -> str:
    return "{},{}".format(_fmt(lat), _fmt(lng))


def _bbox_params(bbox) -> dict:
    """KartaView's bbox corners: top-left = "maxLat,minLng", bottom-right = "minLat,maxLng"."""
    min_lng, min_lat, max_lng, max_lat = bbox
    return {"bbTopLeft": _coordinate(max_lat, min_lng), "bbBottomRight": _coordinate(min_lat, max_lng)}


def _shot_date(value) -> str:
    """"YYYY-MM-DD HH:MM:SS" in UTC; naive datetimes are taken as UTC already."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _day(value) -> str:
    """"YYYY-MM-DD" from a date, a datetime or a string."""
    return value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value)


def _truthy(value) -> bool:
    return value is True or (isinstance(value, (int, str)) and str(value).strip().lower() in ("1", "true"))


def _osv(payload) -> dict:
    osv = payload.get("osv")
    return osv if isinstance(osv, dict) else {}


def _unique(records, key) -> list:
    seen, unique = set(), []
    for record in records:
        if key(record) not in seen:
            seen.add(key(record))
            unique.append(record)
    return unique


def _paged(records, paging: Paging) -> Records:
    """records as Records carrying `paging` (what the pages held) and the count of rejected items."""
    result = Records(records)
    result.rejected, result.paging = paging.rejected, paging
    return result


def _item_count(records) -> int:
    """How many items a page held, read or rejected: the server's real page size."""
    return len(records) + getattr(records, "rejected", 0)


class KartaViewClient:
    """A KartaView API client; one instance can be shared by many threads."""

    DEFAULT_URL = "https://api.openstreetcam.org/"

    def __init__(self, base_url=None, *, timeout=30.0, retries=4, backoff=0.5, max_backoff=8.0,
                 max_workers=8, session=None, proxies=None, user_agent=None, sleep=time.sleep,
                 allow_insecure_http=False, deadline=READ_DEADLINE_S, upload_deadline=UPLOAD_DEADLINE_S,
                 backend=None, request_options=None):
        """timeout: seconds for connect and read (between two bytes), or a (connect, read) tuple.
        deadline / upload_deadline: seconds for a whole exchange (request and complete answer; the
        second when it sends a photo). retries: extra attempts after a transient failure.
        max_workers: concurrent page requests (and connection pool size).
        allow_insecure_http: send the access token over plain http:// to hosts other than this computer.
        backend: what sends the requests without secrets (inside QGIS, QGIS's network access manager);
        request_options(url): proxy and CA keyword arguments for each request `requests` sends (see
        .transport)."""
        url = base_url or os.environ.get("KARTAVIEW_API_URL") or self.DEFAULT_URL
        self.base_url = url.rstrip("/") + "/"
        self.max_workers = max(1, int(max_workers))
        self._transport = Transport(timeout=timeout, retries=retries, backoff=backoff, max_backoff=max_backoff,
                                    pool_size=self.max_workers, session=session, proxies=proxies,
                                    user_agent=user_agent or USER_AGENT, sleep=sleep,
                                    allow_insecure_http=allow_insecure_http, deadline=deadline,
                                    upload_deadline=upload_deadline, backend=backend,
                                    request_options=request_options)

    @property
    def limit(self):
        """The concurrency.AdaptiveLimit every HTTP attempt of this client waits for a slot of (None: no limit
        beyond the connection pool). The layer loader sets it, so it backs off when KartaView says 429/503."""
        return self._transport.limit

    @limit.setter
    def limit(self, limit):
        self._transport.limit = limit

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._transport.close()

    def call(self, method, path, what, **kwargs) -> dict:
        """One request to `path` under the API address, its JSON answer as a dict; `what` names it in
        messages ("listing your KartaView sequences"). For the endpoint modules beside this one
        (my_uploads.py); the transport's keywords (data, params, secrets, idempotent...) pass through."""
        return self._send(self._transport.call, method, self.base_url + path, what, **kwargs)

    @staticmethod
    def _send(call, method, url, what, **kwargs):
        """call(method, url, what, ...), with an answer nested too deeply for Python's JSON decoder
        turned into a KartaViewError, like any other malformed answer: the decoder recurses once per
        level and raises RecursionError near 1,000 levels (KartaView's answers nest ~6)."""
        try:
            return call(method, url, what, **kwargs)
        except RecursionError:
            raise KartaViewError("KartaView sent an answer nested too deeply to be read while {}. The service "
                                 "may be misbehaving; try again later, and report it if it goes on."
                                 .format(what)) from None

    # --- reading -------------------------------------------------------------------------------

    def nearby_photos_page(self, bbox=None, *, point=None, radius_m=None, page=1, ipp=1000, date=None,
                           cancel=None, lazy=False) -> tuple[list[Photo], int]:
        """One page of POST /1.0/list/nearby-photos/ in bbox mode, or in radius mode with
        point=(lng, lat) and radius_m. Returns (photos, total number of photos in all pages).
        lazy=True: the photos as a PhotoList (parsed when used; ids and positions at once)."""
        if bbox is not None:
            params = _bbox_params(bbox)
            what = "searching photos in an area"
        elif point is not None and radius_m is not None:
            lng, lat = point
            # The 2016 server read `coordinate`, later ones `lat`/`lng`: send both.
            params = {"coordinate": _coordinate(lat, lng), "lat": _fmt(lat), "lng": _fmt(lng), "radius": _fmt(radius_m)}
            what = "searching photos around a point"
        else:
            raise ValueError("nearby_photos needs a bbox, or a point and radius_m")
        params.update(page=str(page), ipp=str(ipp))
        if date is not None:
            params["date"] = _day(date)
        payload = self.call("POST", "1.0/list/nearby-photos/", what, data=params, empty_ok=True, cancel=cancel)
        items = payload.get("currentPageItems")
        photos = PhotoList(items) if lazy else parse_records(items, Photo.from_v1)
        total = total_count(payload.get("totalFilteredItems"))
        if total is None:  # without a count, this page is taken as the last one
            total = (page - 1) * ipp + (len(items) if isinstance(items, list) else 0)
        return photos, total

    def nearby_photos(self, bbox=None, *, point=None, radius_m=None, ipp=1000, date=None, max_pages=MAX_PAGES,
                      cancel=None) -> Records:
        """Every photo in the bbox (or radius): page 1, then pages 2..N concurrently, N following what
        the server sends (see paging.py). The result's `paging` says whether the page cap cut it and
        `rejected` how many items could not be read."""
        def fetch(page):
            photos = self.nearby_photos_page(bbox, point=point, radius_m=radius_m, page=page, ipp=ipp, date=date,
                                             cancel=cancel)[0]
            return photos, _item_count(photos)

        first, total = self.nearby_photos_page(bbox, point=point, radius_m=radius_m, page=1, ipp=ipp, date=date,
                                               cancel=cancel)
        pages, paging = read_pages(fetch, first, _item_count(first), total, ipp, max_pages=max_pages or MAX_PAGES,
                                   workers=self.max_workers, check=lambda: check_cancel(cancel))
        return _paged(_unique([photo for page in pages for photo in page], lambda photo: photo.id), paging)

    def sequence_photos(self, sequence_id, cancel=None, *, lazy=False) -> list[Photo]:
        """All photos of a sequence (POST /1.0/sequence/photo-list/), sorted by index.
        An unknown sequence raises NotFoundError. lazy=True: a PhotoList (see nearby_photos_page)."""
        what = "reading the photos of sequence {}".format(sequence_id)
        payload = self.call("POST", "1.0/sequence/photo-list/", what, data={"sequenceId": str(sequence_id)},
                             cancel=cancel)
        if lazy:
            listed = PhotoList(_osv(payload).get("photos"), shot_dates=True)
            photos = listed.unique().by_index()
            photos.rejected = listed.rejected  # kept through unique() and by_index(), which may copy
            return photos
        photos = parse_records(_osv(payload).get("photos"), Photo.from_v1)
        return sorted(_unique(photos, lambda photo: photo.id), key=lambda photo: photo.sequence_index)

    def sequence_photos_v2(self, sequence_id, cancel=None, *, max_pages=MAX_PAGES) -> Records:
        """All photos of a sequence from GET /2.0/photo/?sequenceId=, paging while hasMoreData, up to
        max_pages (the result's `paging.cut` says when that cap stopped it)."""
        photos, rejected, received, page, more = [], 0, 0, 0, True
        while more and page < max_pages:
            page += 1
            payload = self.call("GET", "2.0/photo/", "reading the photos of sequence {}".format(sequence_id),
                                 params={"sequenceId": str(sequence_id), "page": str(page),
                                         "itemsPerPage": str(V2_PAGE_SIZE)}, empty_ok=True, cancel=cancel)
            result = payload.get("result") if isinstance(payload.get("result"), dict) else {}
            items = rows(result.get("data"))
            records = parse_records(items, Photo.from_v2)
            photos.extend(records)
            rejected, received = rejected + records.rejected, received + len(items)
            # An empty page that claims more data would loop forever: stop there too.
            more = _truthy(result.get("hasMoreData")) and bool(items)
        photos = sorted(_unique(photos, lambda photo: photo.id), key=lambda photo: photo.sequence_index)
        return _paged(photos, Paging(None, received, rejected, page, more))

    def sequence(self, sequence_id, cancel=None) -> Sequence:
        """One sequence (GET /2.0/sequence/{id}); NotFoundError when it does not exist."""
        what = "reading sequence {}".format(sequence_id)
        if not 0 <= int(sequence_id) <= MAX_ID:
            raise NotFoundError("There is no KartaView sequence {}: ids are at most {}.".format(sequence_id, MAX_ID))
        payload = self.call("GET", "2.0/sequence/{}".format(int(sequence_id)), what, cancel=cancel)
        result = payload.get("result") if isinstance(payload.get("result"), dict) else {}
        data = result.get("data")
        if isinstance(data, list) and len(data) == 1:  # a list of one where an object was expected
            data = data[0]
        try:
            return Sequence.from_v2(data if isinstance(data, dict) else {})
        except ValueError:
            raise NotFoundError("KartaView returned no sequence while {}. It may have been deleted; refresh the "
                                "data and try again.".format(what)) from None

    def sequences(self, ids, cancel=None) -> dict[int, Sequence]:
        """Several sequences fetched concurrently; ids KartaView does not know are left out."""
        def fetch(sequence_id):
            try:
                return self.sequence(sequence_id, cancel=cancel)
            except NotFoundError:
                return None

        unique_ids = list(dict.fromkeys(int(i) for i in ids))
        if not unique_ids:
            return {}
        found = {}
        with ThreadPoolExecutor(max_workers=min(self.max_workers, len(unique_ids)),
                                thread_name_prefix="kartaview-sequence") as pool:
            futures = [pool.submit(fetch, sequence_id) for sequence_id in unique_ids]
            try:
                for future in as_completed(futures):
                    sequence = future.result()
                    if sequence is not None:
                        found[sequence.id] = sequence
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return {sequence_id: found[sequence_id] for sequence_id in unique_ids if sequence_id in found}

    def road_segments(self, bbox, zoom, *, ipp=1000, max_pages=MAX_PAGES, cancel=None) -> Records:
        """OSM road segments with coverage counts in a bbox (POST /1.0/tracks/), pages concurrently,
        as many as the server's pages hold up to max_pages (see nearby_photos for `paging`)."""
        def fetch(page):
            params = dict(_bbox_params(bbox), zoom=str(zoom), page=str(page), ipp=str(ipp))
            payload = self.call("POST", "1.0/tracks/", "reading the covered roads", data=params, empty_ok=True,
                                 cancel=cancel)
            items = payload.get("currentPageItems")
            return parse_records(items, RoadSegment.from_v1), len(items) if isinstance(items, list) else 0, payload

        first, count, payload = fetch(1)
        total = total_count(payload.get("totalFilteredItems"))
        if total is None:  # without a count, this page is taken as the last one
            total = count
        pages, paging = read_pages(lambda page: fetch(page)[:2], first, count, total, ipp, max_pages=max_pages,
                                   workers=self.max_workers, check=lambda: check_cancel(cancel))
        segments = _unique([segment for page in pages for segment in page], lambda segment: segment.element_id)
        return _paged(segments, paging)

    def image_urls(self, photo: Photo, size: str) -> list[str]:
        """URLs to try, in order, for a photo's image of `size` ("th", "lth" or "proc")."""
        return [url for _, url in image_candidates(self.base_url, photo, size)]

    def image_url(self, photo: Photo, size: str) -> str | None:
        """The first of image_urls() (None when the photo has no image path)."""
        return first_image_url(self.base_url, photo, size)

    def fetch_image(self, photo: Photo, size: str, cancel=None) -> tuple[bytes, str]:
        """(JPEG bytes, size actually served). Tries the fallbacks in order; a 404 moves to the next."""
        what = "downloading an image of photo {}".format(photo.id)

        def handle(response):
            if response.status_code >= 500:
                raise TransientError("The image server failed (HTTP {}) while {}. Try again in a few minutes."
                                     .format(response.status_code, what), http_status=response.status_code)
            if response.status_code == 200 and response.content:
                return response.content
            return None  # missing file (404, 403, empty): try the next candidate

        candidates = image_candidates(self.base_url, photo, size)
        for served, url in candidates:
            content = self._send(self._transport.send, "GET", url, what, handle=handle, cancel=cancel)
            if content is not None:
                return content, served
        raise NotFoundError("KartaView has no image file for photo {} (tried {} address{}). The files of this "
                            "photo are missing on KartaView's storage; try a neighbouring photo."
                            .format(photo.id, len(candidates), "" if len(candidates) == 1 else "es"))

    # --- writing -------------------------------------------------------------------------------

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
            return Account.from_v1(_osv(payload))
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
                  ("currentCoordinate", _coordinate(lat, lng))]
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
        osv = _osv(payload)
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
        fields = [("access_token", access_token), ("coordinate", _coordinate(lat, lng)),
                  ("sequenceId", str(sequence_id)), ("sequenceIndex", str(sequence_index))]
        if shot_date is not None:
            fields.append(("shotDate", _shot_date(shot_date)))
        if heading is not None:  # 0 (north) is a heading too; the official uploader drops it
            fields.append(("headers", _fmt(heading)))
        if gps_accuracy is not None:
            fields.append(("gpsAccuracy", _fmt(gps_accuracy)))
        if projection is not None and field_of_view is not None:
            fields.extend([("projection", str(projection)), ("fieldOfView", str(field_of_view))])
        if projection_yaw is not None:
            fields.append(("projectionYaw", _fmt(projection_yaw)))
        files = [("photo", "{}.jpg".format(sequence_index), "image/jpeg", photo_path)]
        what = "uploading photo {} of sequence {}".format(sequence_index, sequence_id)
        secrets = (access_token,)

        def handle(response):
            photo = _osv(classify(response, what, secrets=secrets)).get("photo")
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

    def web_url(self, sequence_id, index=None) -> str:
        """The sequence's (or photo's) page on kartaview.org; for other servers, under their base URL."""
        base = WEB_URL if is_real_host(self.base_url) else self.base_url
        return "{}details/{}{}".format(base, sequence_id, "" if index is None else "/{}".format(index))
