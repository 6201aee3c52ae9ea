"""The client's parsers over KartaView's real answers (tests/data/kartaview-samples) and odd forms."""

import json
from datetime import datetime

import pytest

from kartaview.plugin.client import Photo, RoadSegment, Sequence, tile_bbox, tiles_for_bbox
from kartaview.plugin.client.images import first_image_url, image_candidates
from kartaview.plugin.client.models import Account, PhotoList
from kartaview.plugin.client.parsing import (
    api_code,
    field_in_message,
    parse_records,
    to_datetime,
    to_float,
    to_int,
    to_position,
    total_count,
)
from tests.sandbox.roads import SAMPLES_DIR as SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))
assert len(SAMPLE_FILES) == 8, "the real KartaView answers are missing from {}".format(SAMPLES)


def load(name):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def track_photos():
    return parse_records(load("android-trackPhotos.json")["osv"]["photos"], Photo.from_v1)


@pytest.fixture(scope="module")
def road_segments():
    return parse_records(load("android-geometry.json")["currentPageItems"], RoadSegment.from_v1)


def rows(data) -> list:
    """The rows of a 2.0 list answer's `result.data`: an array, or an object keyed "0", "483"...
    when the server leaks a PHP array (real-api-behaviours.md 8)."""
    return list(data.values()) if isinstance(data, dict) else data


def _records(payload):
    """The list of records in any of the sample envelopes."""
    if "result" in payload:
        return rows(payload["result"]["data"])
    if "currentPageItems" in payload:
        return payload["currentPageItems"]
    osv = payload["osv"]
    return osv.get("photos") or osv.get("list")


def test_the_samples_are_there():
    assert {p.name for p in SAMPLE_FILES} >= {"android-trackPhotos.json", "android-geometry.json",
                                              "android-userTracks.json", "android-driverTracks.json"}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_parses_completely(path):
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert api_code(payload) == 600
    items = _records(payload)
    factory = {"android-trackPhotos.json": Photo.from_v1, "android-geometry.json": RoadSegment.from_v1}.get(
        path.name, Sequence.from_v2 if path.name.startswith("kvsharp-") else Sequence.from_v1)
    parsed = parse_records(items, factory)
    assert len(parsed) == len(items) > 0


def test_track_photos_values(track_photos):
    assert len(track_photos) == 74
    first = track_photos[0]
    assert first.id == 65388283 and first.sequence_id == 490019 and first.sequence_index == 0
    assert (first.lat, first.lng) == (None, None) and not first.has_position
    assert first.way_id is None and first.match_lat is None and first.match_lng is None
    assert first.gps_accuracy == 0.0
    assert first.shot_date == datetime(2017, 7, 18, 16, 11, 48)
    assert first.date_added == datetime(2017, 7, 18, 16, 14)
    second = track_photos[1]
    assert (second.lat, second.lng) == (46.80194, 23.335299) and second.has_position
    assert second.gps_accuracy == pytest.approx(8.5406)
    assert second.way_id == 343528759
    assert second.match_lat == pytest.approx(46.80192565917969)
    assert second.projection == "PLANE" and not second.is_360
    assert second.lth_path == "storage5/files/photo/2017/7/18/lth/490019_1d9bf_2.jpg"
    assert second.proc_path == "storage5/files/photo/2017/7/18/proc/490019_1d9bf_2.jpg"
    assert second.th_path == "storage5/files/photo/2017/7/18/th/490019_1d9bf_2.jpg"
    assert [p.sequence_index for p in track_photos] == list(range(74))
    assert sum(p.heading is None for p in track_photos) == 3  # the three "" headings
    assert {p.heading for p in track_photos if p.heading is not None} == {335.60913, 355.346}
    assert sum(not p.has_position for p in track_photos) == 1


def test_road_segments_values(road_segments):
    payload = load("android-geometry.json")
    assert total_count(payload["totalFilteredItems"]) == 4630
    assert len(road_segments) == 4454
    first = road_segments[0]
    assert first.element_id == "18032140971803214117169155247"
    assert (first.way_id, first.from_node, first.to_node, first.coverage) == (169155247, 1803214097, 1803214117, 2)
    assert first.track[:2] == ((23.623612, 46.741482), (23.624353, 46.741372))  # lng, lat
    assert all(len(s.track) >= 2 for s in road_segments)
    assert all(23 < lng < 24.5 and 46 < lat < 47.5 for s in road_segments for lng, lat in s.track)


def test_user_tracks_sequences():
    payload = load("android-userTracks.json")
    assert total_count(payload["totalFilteredItems"]) == 219
    sequences = {s.id: s for s in parse_records(payload["currentPageItems"], Sequence.from_v1)}
    first = sequences[505823]
    assert first.date_added == datetime(2017, 7, 31, 13, 12)
    assert (first.photo_count, first.distance_km, first.user_id) == (619, 15.34, 8138)
    assert first.address == "DN1C, Romania, RO" and first.country_code == "eu"
    assert first.processing_status == "PROCESSING_FINISHED" and first.platform_name == "Android"
    assert (first.current_lat, first.current_lng) == (47.09243, 23.90545)
    assert first.bbox == (23.779885, 47.09243, 23.90545, 47.162214)
    assert sequences[505819].bbox is None  # corners all "0.000000"
    assert sequences[497769].bbox is None  # corners half null
    assert sequences[497775].bbox is None  # corners with one 0.000000 coordinate
    assert sequences[499023].current_lng == -0.135108  # London: negative longitudes survive


def test_driver_tracks_sequences():
    payload = load("android-driverTracks.json")
    assert total_count(payload["osv"]["totalFilteredItems"]) == 98  # a plain number here
    sequences = parse_records(payload["osv"]["list"], Sequence.from_v1)
    first = sequences[0]
    assert first.id == 485677
    assert first.date_added == datetime(2017, 7, 14, 14, 51, 47)
    assert first.address.startswith("Strada Tipografiei")
    assert first.status == "TBD" and first.photo_count == 18
    assert first.bbox is None


@pytest.mark.parametrize("text, expected", [
    ("2017-07-18  (16:14)", datetime(2017, 7, 18, 16, 14)),
    ("2017-07-14 14:51:47", datetime(2017, 7, 14, 14, 51, 47)),
    ("Jul 18, 2017", datetime(2017, 7, 18)),
    ("1500387291", datetime(2017, 7, 18, 14, 14, 51)),
    (1500387291, datetime(2017, 7, 18, 14, 14, 51)),
    ("2022-06-07T20:21:22+02:00", datetime(2022, 6, 7, 18, 21, 22)),
    ("2022-06-07T20:21:22Z", datetime(2022, 6, 7, 20, 21, 22)),
    ("2017-07-18", datetime(2017, 7, 18)),
    ("0000-00-00 00:00:00", None),
    ("", None),
    (None, None),
    ("yesterday", None),
    ("2017-13-45 99:99:99", None),
    ("Foo 18, 2017", None),
    ([2017], None),
    ("2017-07-18 16:11+01", datetime(2017, 7, 18, 15, 11)),  # 19 characters, but with an offset
    (" 2017-07-18 16:11:5", None),
    ("2017-07-18  16:11:50", datetime(2017, 7, 18, 16, 11, 50)),
    ("0000-01-01 00:00:00", None),
])
def test_dates(text, expected):
    assert to_datetime(text) == expected


def test_numbers_and_positions():
    assert to_float("8.5406") == 8.5406 and to_float(3) == 3.0
    assert to_float("") is None and to_float(None) is None and to_float("abc") is None
    assert to_float("nan") is None and to_float(True) is None
    assert to_int("42") == 42 and to_int(42.0) == 42 and to_int("4.5") is None and to_int({}) is None
    assert to_int(" 42 ") == 42 and to_int("42.0") == 42 and to_int("1e3") == 1000 and to_int(True) is None
    assert to_int(2 ** 60 + 1) == 2 ** 60 + 1 and to_int(str(2 ** 60 + 1)) == 2 ** 60 + 1  # exact, not via float
    assert to_float(10 ** 400) is None and to_int("1e400") is None  # too large for a float: one bad field
    assert to_position("0.000000", "0.000000") == (None, None)
    assert to_position("46.8", None) == (None, None)
    assert to_position("91", "23") == (None, None)
    assert to_position(0, "23.5") == (0.0, 23.5)  # on the equator, but not the 0,0 marker


def test_api_codes_and_counts():
    assert api_code({"status": {"apiCode": "600"}}) == 600
    assert api_code({"status": {"apiCode": 660}}) == 660
    assert api_code({"status": "oops"}) is None and api_code(None) is None
    assert total_count(["4630"]) == 4630 and total_count(98) == 98 and total_count("7") == 7
    assert total_count([]) is None and total_count(["x"]) is None and total_count(None) is None
    assert field_in_message(" Invalid argument value (sequenceId)") == "sequenceId"
    assert field_in_message(" Something odd") is None


def test_garbage_fields_become_none_and_records_without_id_are_skipped():
    good = {"id": "7", "sequence_id": "3", "sequence_index": "2", "lat": "north", "lng": "23.5",
            "heading": "NaN", "gps_accuracy": [], "shot_date": "0000-00-00 00:00:00", "date_added": "garbage",
            "way_id": "w12", "projection": "", "name": None}
    records = parse_records([good, {"sequence_id": "3", "sequence_index": "1"}, "not a dict", None], Photo.from_v1)
    assert len(records) == 1
    photo = records[0]
    assert (photo.id, photo.sequence_id, photo.sequence_index) == (7, 3, 2)
    assert photo.lat is None and photo.lng is None and photo.heading is None and photo.gps_accuracy is None
    assert photo.shot_date is None and photo.date_added is None and photo.way_id is None
    assert photo.projection is None and photo.proc_path is None
    with pytest.raises(ValueError):
        Photo.from_v1({"id": "", "sequence_id": "3", "sequence_index": "1"})


def test_photo_list_gives_what_from_v1_gives_and_its_columns_without_building_photos():
    items = load("android-trackPhotos.json")["osv"]["photos"]
    odd = [{"sequence_id": "3", "sequence_index": "1"}, "not a dict", None,
           {"id": 7.0, "sequence_id": "490019", "sequenceIndex": 80, "lat": 46.9, "lng": "23.4"},
           {"id": "8", "sequence_id": "490019", "sequence_index": "4.5"}]  # no integral index: left out
    photos = PhotoList(items + odd)
    expected = parse_records(items + odd, Photo.from_v1)
    assert len(photos) == len(expected) == 75
    assert photos.ids == tuple(p.id for p in expected) and photos.indexes == tuple(p.sequence_index for p in expected)
    assert photos.sequence_ids == tuple(p.sequence_id for p in expected)
    assert (photos.lats, photos.lngs) == (tuple(p.lat for p in expected), tuple(p.lng for p in expected))
    assert photos.shot_dates() == tuple(p.shot_date for p in expected)
    read_at_once = PhotoList(items + odd, shot_dates=True)
    read_at_once.pack(b"", None)  # nothing to read again
    assert read_at_once.shot_dates() == photos.shot_dates()
    assert photos._photos == [None] * 75  # noqa: SLF001 - nothing was built for the columns
    assert list(photos) == expected and photos[-1] == expected[-1] and photos[1:3] == expected[1:3]
    assert photos[5] is photos[5]  # built once


def test_photo_list_unique_by_index_positioned_select_concat():
    def item(photo_id, index, lat="46.7", lng="23.5"):
        return {"id": str(photo_id), "sequence_id": "9", "sequence_index": str(index), "lat": lat, "lng": lng}

    first = PhotoList([item(1, 2), item(2, 0, lat="0", lng="0"), item(3, 1)])
    second = PhotoList([item(3, 1), item(4, 3)])
    built = first[0]
    joined = PhotoList.concat([first, second])
    assert joined.ids == (1, 2, 3, 3, 4) and joined[0] is built  # built photos carry over
    assert joined.unique().ids == (1, 2, 3, 4)  # the first of each id
    assert joined.unique().by_index().indexes == (0, 1, 2, 3)
    assert joined.unique().by_index().positioned().ids == (3, 1, 4)  # photo 2 sits at 0,0: no position
    assert joined.select([4, 0]).ids == (4, 1)
    unique = PhotoList([item(5, 0)])
    assert unique.unique() is unique
    assert len(PhotoList()) == 0 and len(PhotoList("not a list")) == 0 and PhotoList().positioned().ids == ()


def test_a_packed_photo_list_reads_its_json_again_when_photos_are_built():
    items = load("android-trackPhotos.json")["osv"]["photos"]
    photos, unpacked = PhotoList(items), []

    def unpack(blob):
        unpacked.append(blob)
        return json.loads(blob)

    first = photos[0]
    photos.pack(json.dumps(items).encode(), unpack)
    assert photos._items is None and photos.ids == PhotoList(items).ids  # noqa: SLF001
    assert photos[0] is first and not unpacked  # what was built stays
    assert list(photos) == parse_records(items, Photo.from_v1) and len(unpacked) == 1  # one read for all
    assert PhotoList(items).shot_dates() == photos.shot_dates()
    assert list(photos.select([3, 1])) == [photos[3], photos[1]] and photos.json_items() == tuple(items)


def test_v1_photo_variants():
    photo = Photo.from_v1({"id": 5, "sequence_id": 9, "sequence_index": 0, "lat": 46.1, "lng": 23.2, "headers": "90",
                           "storage": "storage3", "path": "2016/5/1", "fileName": "9_a.jpg", "username": "zaphod",
                           "projection": "SPHERE", "field_of_view": 360, "timestamp": "1500387291"})
    assert photo.heading == 90.0 and photo.username == "zaphod"
    assert photo.is_360 and photo.field_of_view == "360"
    assert photo.lth_path == "storage3/files/photo/2016/5/1/lth/9_a.jpg"
    assert photo.date_added == datetime(2017, 7, 18, 14, 14, 51)  # from the timestamp


def test_v2_sequence():
    sequence = Sequence.from_v2({
        "id": "1234567", "userId": "42", "dateAdded": "2022-06-07 20:21:22", "dateProcessed": None,
        "currentLat": "0.000000", "currentLng": "0.000000", "nwLat": "46.8", "nwLng": "23.5", "seLat": "46.7",
        "seLng": "23.6", "countryCode": "RO", "stateCode": "CJ", "address": "Cluj", "distance": "4.90",
        "countActivePhotos": "198", "quality": "3", "deviceName": "Pixel", "platformName": "Android",
        "uploadSource": "QGIS-KartaView 0.1.0", "processingStatus": "PROCESSING_FINISHED",
        "uploadStatus": "UPLOADING", "status": "active", "fieldOfView": "360", "user": {"username": "zaphod"}})
    assert sequence.id == 1234567 and sequence.user_id == 42 and sequence.username == "zaphod"
    assert sequence.date_added == datetime(2022, 6, 7, 20, 21, 22) and sequence.date_processed is None
    assert sequence.current_lat is None and sequence.current_lng is None
    assert sequence.bbox == (23.5, 46.7, 23.6, 46.8)
    assert (sequence.distance_km, sequence.photo_count, sequence.quality) == (4.9, 198, 3)
    assert sequence.is_360 and sequence.field_of_view == "360"
    assert sequence.upload_status == "UPLOADING" and sequence.device_name == "Pixel"


def test_account_hides_the_token_from_repr():
    account = Account.from_v1({"access_token": "f00dcafe" * 8, "id": "42", "username": "zaphod", "full_name": "Z B"})
    assert (account.user_id, account.username, account.full_name) == (42, "zaphod", "Z B")
    assert "f00dcafe" not in repr(account)
    with pytest.raises(ValueError):
        Account.from_v1({"id": "42"})


def test_image_candidates_for_the_sandbox_and_360(track_photos):
    base = "http://127.0.0.1:9/"
    assert image_candidates(base, track_photos[1], "th") == [
        ("th", base + "storage5/files/photo/2017/7/18/th/490019_1d9bf_2.jpg"),
        ("lth", base + "storage5/files/photo/2017/7/18/lth/490019_1d9bf_2.jpg"),
        ("proc", base + "storage5/files/photo/2017/7/18/proc/490019_1d9bf_2.jpg")]
    sphere = Photo.from_v1({"id": 1, "sequence_id": 2, "sequence_index": 0, "projection": "SPHERE",
                            "name": "storage1/files/photo/2020/1/1/proc/a.jpg",
                            "lth_name": "storage1/files/photo/2020/1/1/lth/a.jpg"})
    assert [size for size, _ in image_candidates(base, sphere, "proc")] == ["proc", "lth"]
    assert [url for _, url in image_candidates(base, sphere, "lth")] == [
        base + "storage1/files/photo/2020/1/1/wrapped_lth/a.jpg",
        base + "storage1/files/photo/2020/1/1/wrapped_proc/a.jpg"]
    with pytest.raises(ValueError):
        image_candidates(base, sphere, "huge")
    assert first_image_url(base, sphere, "lth") == base + "storage1/files/photo/2020/1/1/wrapped_lth/a.jpg"
    assert first_image_url(base, sphere, "th") == image_candidates(base, sphere, "th")[0][1]  # no th: the next
    assert first_image_url(base, Photo.from_v1({"id": 3, "sequence_id": 2, "sequence_index": 0}), "th") is None


def test_tile_math():
    assert tile_bbox(0, 0, 0) == pytest.approx((-180, -85.0511287798066, 180, 85.0511287798066))
    assert tile_bbox(1, 1, 0) == pytest.approx((0, 0, 180, 85.0511287798066))
    assert tiles_for_bbox((-180, -85, 180, 85), 1) == [(1, 0, 0), (1, 1, 0), (1, 0, 1), (1, 1, 1)]
    assert tiles_for_bbox((10, 10, 20, 20), 1) == [(1, 1, 0)]
    assert tiles_for_bbox(tile_bbox(3, 4, 2), 3) == [(3, 4, 2)]  # edges on boundaries stay inside
    bbox = (23.55, 46.74, 23.65, 46.80)
    tiles = tiles_for_bbox(bbox, 14)
    assert len(tiles) == len(set(tiles)) > 1
    for z, x, y in tiles:
        min_lng, min_lat, max_lng, max_lat = tile_bbox(z, x, y)
        assert min_lng < bbox[2] and max_lng > bbox[0] and min_lat < bbox[3] and max_lat > bbox[1]
    with pytest.raises(ValueError):
        tiles_for_bbox((20, 10, 10, 20), 3)


def test_scrub_hides_token_assignments_even_when_the_token_is_unknown():
    from kartaview.plugin.client.errors import scrub

    text = 'POST /1.0/photo/?access_token=abc123&x=1 {"secret_token": "s3cr3t"} X-Auth-Token: t0k3n'
    assert scrub(text) == 'POST /1.0/photo/?access_token=***&x=1 {"secret_token": "***"} X-Auth-Token: ***'
    assert scrub("token f00d in a message", secrets=("f00d", None)) == "token *** in a message"
