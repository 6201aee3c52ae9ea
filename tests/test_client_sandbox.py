"""The client against the sandbox KartaView, with its faults on: every error class end to end."""

import pytest

from kartaview.plugin.client import KartaViewClient
from kartaview.plugin.client.errors import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    TransientError,
)
from kartaview.plugin.client.models import PhotoList

CENTRE = (23.585, 46.765, 23.605, 46.775)


def no_sleep(_seconds):
    pass


def make_client(sandbox, **kwargs):
    kwargs.setdefault("sleep", no_sleep)
    kwargs.setdefault("timeout", 5.0)
    return KartaViewClient(sandbox.url, **kwargs)


def world_photos_in(world, bbox):
    ids = set()
    for sequence in world.sequences:
        for photo in world.photos(int(sequence["id"])):
            lat, lng = float(photo["lat"]), float(photo["lng"])
            if bbox[0] <= lng <= bbox[2] and bbox[1] <= lat <= bbox[3]:
                ids.add(int(photo["id"]))
    return ids


def test_nearby_photos_pages_to_the_end_and_matches_the_world(fresh_sandbox):
    with make_client(fresh_sandbox) as client:
        photos = client.nearby_photos(CENTRE, ipp=100)
    expected = world_photos_in(fresh_sandbox.world, CENTRE)
    assert len(expected) > 300, "the centre should hold several pages of photos"
    assert {photo.id for photo in photos} == expected
    pages = [entry for entry in fresh_sandbox.request_log if entry["path"].startswith("/1.0/list/nearby-photos")]
    assert len(pages) == -(-len(expected) // 100)


def test_sequence_record_and_its_photos(fresh_sandbox):
    record = fresh_sandbox.world.sequences[0]
    with make_client(fresh_sandbox) as client:
        sequence = client.sequence(int(record["id"]))
        photos = client.sequence_photos(sequence.id)
    assert sequence.country_code == record["countryCode"]
    assert sequence.quality == int(record["quality"])
    assert sequence.distance_km == pytest.approx(float(record["distance"]))
    assert sequence.photo_count == int(record["countActivePhotos"])
    assert [photo.sequence_index for photo in photos] == sorted(photo.sequence_index for photo in photos)
    assert [photo.id for photo in photos] == [int(p["id"]) for p in fresh_sandbox.world.photos(sequence.id)]


def test_lazy_photo_lists_hold_the_same_photos(fresh_sandbox):
    sequence_id = int(fresh_sandbox.world.sequences[0]["id"])
    with make_client(fresh_sandbox) as client:
        page, total = client.nearby_photos_page(CENTRE, ipp=200)
        lazy_page, lazy_total = client.nearby_photos_page(CENTRE, ipp=200, lazy=True)
        photos = client.sequence_photos(sequence_id)
        lazy = client.sequence_photos(sequence_id, lazy=True)
    assert isinstance(lazy_page, PhotoList) and (list(lazy_page), lazy_total) == (page, total) and len(page) == 200
    assert isinstance(lazy, PhotoList) and list(lazy) == photos and photos


def test_road_segments_carry_the_coverage_of_the_ground_truth(fresh_sandbox):
    with make_client(fresh_sandbox) as client:
        segments = client.road_segments((23.50, 46.70, 23.70, 46.85), zoom=14, ipp=200)
    truth = fresh_sandbox.world.ground_truth
    assert segments
    for segment in segments:
        assert segment.coverage == len(truth[segment.element_id])


@pytest.mark.parametrize("kind", ["500", "502html", "690", "empty", "drop"])
def test_transient_faults_are_retried_until_the_answer_comes(fresh_sandbox, kind):
    fresh_sandbox.set_faults(error_rate=0.5, kinds=(kind,), fault_seed=7)
    with make_client(fresh_sandbox, retries=8) as client:
        photos = client.nearby_photos(CENTRE, ipp=200)
    assert {photo.id for photo in photos} == world_photos_in(fresh_sandbox.world, CENTRE)
    assert any(entry.get("fault") for entry in fresh_sandbox.request_log), "no fault was injected"


def test_transient_faults_give_up_after_the_retries(fresh_sandbox):
    fresh_sandbox.set_faults(error_rate=1.0, kinds=("502html",))
    with make_client(fresh_sandbox, retries=2) as client:
        with pytest.raises(TransientError) as raised:
            client.sequence(int(fresh_sandbox.world.sequences[0]["id"]))
    assert len(fresh_sandbox.request_log) == 3
    assert "try again" in raised.value.message.lower()


def test_upload_survives_stored_then_500_as_a_duplicate(fresh_sandbox, tmp_path):
    photo = tmp_path / "p.jpg"
    from PIL import Image

    Image.new("RGB", (64, 48), "red").save(photo, "JPEG")
    with make_client(fresh_sandbox) as client:
        sequence_id = client.create_sequence(fresh_sandbox.token, 46.77, 23.59)
        fresh_sandbox.set_faults(error_rate=1.0, kinds=("stored_then_500",), paths=("/1.0/photo/",))
        result = client.upload_photo(fresh_sandbox.token, sequence_id, 0, 46.77, 23.59, photo)
        fresh_sandbox.clear_faults()
        client.finish_sequence(fresh_sandbox.token, sequence_id)
    assert result.duplicate
    held = fresh_sandbox.uploads()[sequence_id]
    assert len(held["photos"]) == 1 and held["finished"]


def test_revoked_token_is_an_authentication_error_without_the_token(fresh_sandbox):
    fresh_sandbox.set_faults(revoked_tokens=[fresh_sandbox.token])
    with make_client(fresh_sandbox) as client:
        with pytest.raises(AuthenticationError) as raised:
            client.create_sequence(fresh_sandbox.token, 46.77, 23.59)
    assert fresh_sandbox.token not in str(raised.value)
    assert "sign in" in str(raised.value).lower()
    assert len(fresh_sandbox.request_log) == 1, "authentication errors are not retried"


def test_bad_request_names_the_field_and_not_found_is_distinct(fresh_sandbox, tmp_path):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not much of a jpeg")
    with make_client(fresh_sandbox) as client:
        with pytest.raises(BadRequestError) as raised:
            client.upload_photo(fresh_sandbox.token, 999999999, 0, 46.77, 23.59, photo)
        assert raised.value.field == "sequenceId"
        with pytest.raises(NotFoundError):
            client.sequence_photos(999999999)
        with pytest.raises(NotFoundError):
            client.finish_sequence(fresh_sandbox.token, 999999999)


def test_image_fallback_when_the_large_thumbnail_is_missing(fresh_sandbox):
    world = fresh_sandbox.world
    missing = next(iter(world.missing_lth))
    with make_client(fresh_sandbox) as client:
        photo = next(p for p in client.sequence_photos(world.photo(missing)["sequence_id"]) if p.id == missing)
        image, served = client.fetch_image(photo, "lth")
    assert served == "proc"
    assert image[:2] == b"\xff\xd8"
