"""KartaViewClient: the plugin's only way to talk to the KartaView API (pure Python, `requests` only).

Reads use the endpoints that work today (1.0 nearby-photos, photo-list, tracks; 2.0 sequence
lookups); the calls that carry a token (sign-in, uploads) come from authenticated.py, with
the 1.0 write endpoints and the official uploader's field names. An access token is always an
explicit argument: the client never stores it and scrubs it from every message.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from ..about import USER_AGENT
from . import formats
from .answers import READ_DEADLINE_S, UPLOAD_DEADLINE_S
from .authenticated import AuthenticatedCalls
from .errors import KartaViewError, NotFoundError, TransientError
from .images import first_image_url, image_candidates, is_real_host
from .models import Photo, PhotoList, RoadSegment, Sequence
from .paging import MAX_PAGES, Paging, read_pages
from .parsing import MAX_ID, Records, osv_of, parse_records, total_count
from .transport import Transport, check_cancel

WEB_URL = "https://kartaview.org/"


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


class KartaViewClient(AuthenticatedCalls):
    """A KartaView API client; one instance can be shared by many threads. The reads are here, the
    calls that carry a token (client_auth, check_token, create_sequence, upload_photo,
    finish_sequence) in AuthenticatedCalls."""

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
            params = formats.bbox_params(bbox)
            what = "searching photos in an area"
        elif point is not None and radius_m is not None:
            lng, lat = point
            # The 2016 server read `coordinate`, later ones `lat`/`lng`: send both.
            params = {"coordinate": formats.coordinate(lat, lng), "lat": formats.number(lat),
                      "lng": formats.number(lng), "radius": formats.number(radius_m)}
            what = "searching photos around a point"
        else:
            raise ValueError("nearby_photos needs a bbox, or a point and radius_m")
        params.update(page=str(page), ipp=str(ipp))
        if date is not None:
            params["date"] = formats.day(date)
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
            listed = PhotoList(osv_of(payload).get("photos"), shot_dates=True)
            photos = listed.unique().by_index()
            photos.rejected = listed.rejected  # kept through unique() and by_index(), which may copy
            return photos
        photos = parse_records(osv_of(payload).get("photos"), Photo.from_v1)
        return sorted(_unique(photos, lambda photo: photo.id), key=lambda photo: photo.sequence_index)

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
            params = dict(formats.bbox_params(bbox), zoom=str(zoom), page=str(page), ipp=str(ipp))
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

    def web_url(self, sequence_id, index=None) -> str:
        """The sequence's (or photo's) page on kartaview.org; for other servers, under their base URL."""
        base = WEB_URL if is_real_host(self.base_url) else self.base_url
        return "{}details/{}{}".format(base, sequence_id, "" if index is None else "/{}".format(index))
