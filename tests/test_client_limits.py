"""The client against servers that page, count and number oddly (issue 14, points 1 and 3): paging
follows what the server sends, every paged request is capped, malformed answers are KartaViewErrors
and unreadable records are counted, not fatal."""

import json

import pytest

from kartaview.plugin.client import KartaViewClient
from kartaview.plugin.client.errors import KartaViewError
from kartaview.plugin.client.models import Photo, PhotoList, RoadSegment, Sequence
from kartaview.plugin.client.paging import MAX_PAGES, plan
from kartaview.plugin.client.parsing import parse_records
from tests.sandbox.roads import SAMPLES_DIR
from tests.test_client_http import Reply, Stub, ok, v1_photo
from tests.test_client_parsing import rows

CENTRE = (23.585, 46.765, 23.605, 46.775)
WIDE = (23.50, 46.70, 23.70, 46.85)


def client_of(url, **kwargs):
    kwargs.setdefault("max_workers", 4)
    return KartaViewClient(url, retries=0, sleep=lambda _: None, timeout=5.0, **kwargs)


def world_photo_ids(world, bbox):
    lng0, lat0, lng1, lat1 = bbox
    return {int(p["id"]) for p in world.photos_in_bbox((lat0, lng0, lat1, lng1))}


def requests_to(sandbox, route):
    return [entry for entry in sandbox.request_log if entry["path"].startswith(route)]


@pytest.fixture
def stub():
    server = Stub()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


# ---- 1. paging by what the server sends --------------------------------------------------------
def test_a_server_capping_its_pages_loses_no_photo(fresh_sandbox):
    fresh_sandbox.set_faults(page_cap=150)
    with client_of(fresh_sandbox.url) as client:
        photos = client.nearby_photos(CENTRE, ipp=1000)
    expected = world_photo_ids(fresh_sandbox.world, CENTRE)
    assert len(expected) > 450, "needs several capped pages"
    assert {photo.id for photo in photos} == expected
    assert not photos.paging.cut and photos.paging.received == len(expected)


def test_a_huge_claimed_total_costs_one_wave_of_requests(fresh_sandbox):
    fresh_sandbox.set_faults(claimed_total=200_000)
    with client_of(fresh_sandbox.url, max_workers=4) as client:
        photos = client.nearby_photos(CENTRE, ipp=1000)
        segments = client.road_segments(WIDE, zoom=14, ipp=1000)
    assert {photo.id for photo in photos} == world_photo_ids(fresh_sandbox.world, CENTRE)
    # page 1 holds them all; one wave of 4 pages finds the empty page that ends the list
    assert len(requests_to(fresh_sandbox, "/1.0/list/nearby-photos")) <= 1 + 4
    assert len(requests_to(fresh_sandbox, "/1.0/tracks")) <= 1 + 4
    assert {s.element_id for s in segments} == {
        s.element_id for s, _ in fresh_sandbox.world.covered_segments_in_bbox((46.70, 23.50, 46.85, 23.70))}
    assert not segments.paging.cut


def test_every_paged_endpoint_stops_at_the_page_cap_and_says_so(fresh_sandbox):
    fresh_sandbox.set_faults(page_cap=2)
    with client_of(fresh_sandbox.url) as client:
        segments = client.road_segments(WIDE, zoom=14, ipp=1000)
        photos = client.nearby_photos(CENTRE, ipp=1000)
    assert len(requests_to(fresh_sandbox, "/1.0/tracks")) == MAX_PAGES
    assert len(requests_to(fresh_sandbox, "/1.0/list/nearby-photos")) == MAX_PAGES
    assert segments.paging.cut and photos.paging.cut
    assert (len(segments), len(photos)) == (2 * MAX_PAGES, 2 * MAX_PAGES)


def test_the_page_plan():
    assert plan(150, 4630, 1000) == (20, True)  # 31 pages of 150 needed: capped, and said
    assert plan(150, 2900, 1000) == (20, False)
    assert plan(37, 10 ** 9, 1000) == (20, True)  # an empty page will end it (read_pages)
    assert plan(0, 10 ** 9, 1000) == (1, False)
    assert plan(1000, None, 1000) == (20, True) and plan(999, None, 1000) == (1, False)


# ---- 3. malformed answers and records --------------------------------------------------------
def test_deeply_nested_json_is_a_kartaview_error(stub):
    stub.route("/2.0/sequence/5", Reply(body="[" * 100_000 + "]" * 100_000))
    stub.route("/1.0/list/nearby-photos/", Reply(body='{"currentPageItems": ' + "[" * 100_000 + "]" * 100_000 + "}"))
    with client_of(stub.url) as client:
        with pytest.raises(KartaViewError) as raised:
            client.sequence(5)
        assert "nested too deeply" in raised.value.message
        with pytest.raises(KartaViewError):
            client.nearby_photos(CENTRE)


def test_huge_ids_are_rejected_per_record_and_counted(fresh_sandbox):
    fresh_sandbox.set_faults(huge_ids=2, page_cap=100)
    with client_of(fresh_sandbox.url) as client:
        photos = client.nearby_photos(CENTRE, ipp=1000)
        lazy, _ = client.nearby_photos_page(CENTRE, ipp=1000, lazy=True)
        segments = client.road_segments(WIDE, zoom=14)
    pages = len(requests_to(fresh_sandbox, "/1.0/list/nearby-photos")) - 1
    assert photos.rejected == photos.paging.rejected == 2 * pages and lazy.rejected == 2
    assert len(photos) == len(world_photo_ids(fresh_sandbox.world, CENTRE)) - 2 * pages
    assert max(photo.sequence_id for photo in photos) < 2 ** 63
    assert segments.rejected == 2 * len(requests_to(fresh_sandbox, "/1.0/tracks"))
    assert all((s.way_id or 0) < 2 ** 63 for s in segments)


def test_absurd_values_become_unknown_and_absurd_identities_reject_the_record():
    sequence = Sequence.from_v2({"id": "12", "quality": "1e12", "countActivePhotos": "99999999999"})
    assert (sequence.quality, sequence.photo_count) == (None, None)
    assert Sequence.from_v2({"id": "12", "quality": "87"}).quality == 87
    records = parse_records([v1_photo(1), dict(v1_photo(2), sequence_index=str(2 ** 40)),
                             dict(v1_photo(3), id=str(2 ** 63)), dict(v1_photo(4), id="-4"), "junk",
                             dict(v1_photo(5), way_id=str(2 ** 70))], Photo.from_v1)
    assert [photo.id for photo in records] == [1, 5] and records.rejected == 4
    assert records[1].way_id is None
    assert len(PhotoList([v1_photo(1), dict(v1_photo(3), sequence_id=str(2 ** 64))])) == 1
    with pytest.raises(ValueError):
        RoadSegment.from_v1({"element_id": "x", "way_id": str(2 ** 63), "from": "1", "to": "2"})


def test_the_sequence_of_a_huge_id_is_not_found_without_asking(stub):
    with client_of(stub.url) as client:
        with pytest.raises(KartaViewError):
            client.sequence(2 ** 63)
    assert stub.received == []


# ---- the parsers agree with real recorded answers -----------------------------------------------
def test_real_v2_answers_parse_including_the_php_array_leak():
    single = json.loads((SAMPLES_DIR / "kvsharp-sequence-list-2.0_id.json").read_text())
    sequence = Sequence.from_v2(rows(single["result"]["data"])[0])
    assert (sequence.id, sequence.country_code, sequence.photo_count, sequence.quality) == (7068281, "AU", 484, None)
    assert sequence.bbox == pytest.approx((144.406030, -38.024748, 144.418275, -38.018144))
    leak = json.loads((SAMPLES_DIR / "kvsharp-sequence-list-2.0_join-photos.json").read_text())
    data = rows(leak["result"]["data"])  # an object keyed "0" and "483"
    assert len(data) == 2 and {Sequence.from_v2(row).id for row in data} == {7068281}
    one_photo = json.loads((SAMPLES_DIR / "kvsharp-sequence-list-2.0_join-photo.json").read_text())
    assert Sequence.from_v2(rows(one_photo["result"]["data"])[0]).id == 7068281


def test_nearby_page_of_rejected_items_still_pages_on(stub):
    """A page whose items are all unreadable is a full page, not the end of the list."""
    def answer(request):
        page = int(request.form["page"])
        items = [dict(v1_photo(page * 10 + n), id=str(2 ** 63)) if page == 1 else v1_photo(page * 10 + n)
                 for n in range(2)]
        return ok(currentPageItems=items, totalFilteredItems=["4"])
    stub.route("/1.0/list/nearby-photos/", answer)
    with client_of(stub.url) as client:
        photos = client.nearby_photos(CENTRE, ipp=2)
    assert [photo.id for photo in photos] == [20, 21] and photos.rejected == 2
