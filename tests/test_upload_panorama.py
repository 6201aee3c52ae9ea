"""360° photos: GPano XMP and the 2:1 shape read from the JPEG header, the plan's projections and
sequences, and the panorama fields KartaView (the sandbox) receives."""

from datetime import timedelta
from pathlib import Path

import pytest

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.upload import panorama
from kartaview.plugin.upload.journal import Journal
from kartaview.plugin.upload.plan_types import PhotoInput, PlanOptions
from kartaview.plugin.upload.uploader import Uploader
from tests.upload_support import START, gpano_xmp, make_jpeg, make_panorama, offset, plan_upload, sequences, with_xmp


def test_gpano_equirectangular_with_heading_is_a_sphere(tmp_path):
    path = make_panorama(tmp_path / "a.jpg", 1, size=(60, 40), xmp=gpano_xmp(heading="271.5"))
    assert panorama.detect(path) == panorama.Projection(panorama.SPHERE, 360, 271.5, panorama.FROM_XMP)


def test_gpano_as_elements_under_another_prefix(tmp_path):
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:pano='
           '"http://ns.google.com/photos/1.0/panorama/"><pano:ProjectionType>equirectangular</pano:ProjectionType>'
           '<pano:PoseHeadingDegrees>-90</pano:PoseHeadingDegrees></rdf:Description></rdf:RDF></x:xmpmeta>')
    path = make_panorama(tmp_path / "a.jpg", 1, size=(60, 40), xmp=xmp)
    assert panorama.detect(path) == panorama.Projection(panorama.SPHERE, 360, 270.0, panorama.FROM_XMP)


def test_a_partial_panorama_has_its_horizontal_field_of_view(tmp_path):
    xmp = gpano_xmp(extra='GPano:CroppedAreaImageWidthPixels="3000" GPano:FullPanoWidthPixels="6000"')
    projection = panorama.detect(make_panorama(tmp_path / "a.jpg", 1, xmp=xmp))
    assert (projection.kind, projection.field_of_view, projection.yaw) == (panorama.SPHERE, 180, None)


def test_the_2_to_1_shape_is_a_fallback_that_can_be_turned_off(tmp_path):
    path = make_panorama(tmp_path / "a.jpg", 1, size=(64, 32))
    assert panorama.detect(path) == panorama.Projection(panorama.SPHERE, 360, None, panorama.FROM_SHAPE)
    assert panorama.detect(path, by_shape=False) == panorama.FLAT
    assert panorama.detect(make_jpeg(tmp_path / "b.jpg", 2, size=(64, 33))) == panorama.FLAT
    # The file says it is something else: the shape is not looked at.
    other = make_panorama(tmp_path / "c.jpg", 3, size=(64, 32), xmp=gpano_xmp("cylindrical"))
    assert panorama.detect(other) == panorama.FLAT


def test_the_input_layer_overrides_the_file(tmp_path):
    sphere = make_panorama(tmp_path / "a.jpg", 1, xmp=gpano_xmp(heading=10))
    flat = make_jpeg(tmp_path / "b.jpg", 2)
    assert panorama.detect(sphere, override=panorama.PLANE).kind == panorama.PLANE
    assert panorama.detect(flat, override=panorama.SPHERE) == panorama.Projection(
        panorama.SPHERE, 360, None, panorama.FROM_LAYER)
    assert panorama.detect(sphere, override="SPHERE").yaw == 10.0  # the file's yaw is kept
    assert [panorama.layer_value(v) for v in ("sphere", " PLANE ", "fisheye", None, 1)] == [
        "SPHERE", "PLANE", None, None, None]


def test_reading_is_bounded(tmp_path):
    """A GPano packet after MAX_XMP_BYTES of other XMP is not read; after less it is."""
    jpeg = with_xmp(Path(make_jpeg(tmp_path / "a.jpg", 1, size=(60, 40))).read_bytes(), gpano_xmp())
    filler = "x" * 60000

    def behind(count):
        data = jpeg
        for _ in range(count):
            data = with_xmp(data, filler)  # each goes right after the start marker, before the GPano one
        path = tmp_path / "behind{}.jpg".format(count)
        path.write_bytes(data)
        return path

    assert 5 * len(filler) > panorama.MAX_XMP_BYTES > 2 * len(filler)
    assert panorama.detect(behind(2)).kind == panorama.SPHERE
    assert panorama.detect(behind(5)).kind == panorama.PLANE


@pytest.mark.parametrize("data", [b"", b"\xff\xd8", b"\xff\xd8\xff\xe1\x00", b"\xff\xd8\xff\xe1\xff\xff\x00",
                                  b"\xff\xd8\xff\xc0\x00\x11\x08", b"GIF89a", b"\xff\xd8\xff\xff\xff\xff"])
def test_broken_headers_give_a_flat_photo_not_an_error(tmp_path, data):
    path = tmp_path / "broken.jpg"
    path.write_bytes(data)
    assert panorama.detect(path) == panorama.FLAT


def mixed_track(directory):
    """3 flat photos, 3 panoramas (GPano, heading 10°, 20°, 30°), 2 flat ones: every 10 m and 2 s, heading east."""
    photos = []
    for i in range(8):
        lat, lng = offset(46.77, 23.59, 0.0, i * 10.0)
        name = directory / "p{:02d}.jpg".format(i)
        path = make_panorama(name, i, xmp=gpano_xmp(heading=10 * (i - 2))) if 3 <= i <= 5 else make_jpeg(name, i)
        photos.append(PhotoInput(i, path, lat, lng, START + timedelta(seconds=2 * i), heading=90.0))
    return photos


def test_the_plan_keeps_360_and_flat_photos_in_sequences_of_their_own(tmp_path):
    plan = plan_upload(mixed_track(tmp_path))
    planned = sequences(plan)
    assert [[p.ref for p in photos] for _, photos in planned] == [[0, 1, 2], [3, 4, 5], [6, 7]]
    assert [(s.spheres, s.is_360) for s, _ in planned] == [(0, False), (3, True), (0, False)]
    assert [s.length_m for s, _ in planned] == pytest.approx([20.0, 20.0, 10.0], abs=0.05)  # offset() is approximate
    assert [(s.first_shot, s.last_shot) for s, _ in planned][1] == (START + timedelta(seconds=6),
                                                                    START + timedelta(seconds=10))
    spheres = planned[1][1]
    assert [(p.projection, p.field_of_view, p.yaw, p.projection_source) for p in spheres] == [
        ("SPHERE", 360, 10.0, "xmp"), ("SPHERE", 360, 20.0, "xmp"), ("SPHERE", 360, 30.0, "xmp")]
    assert {(p.projection, p.field_of_view) for p in planned[0][1]} == {("PLANE", None)}


def test_groups_are_kept_as_given_and_the_layer_overrides_the_file(tmp_path):
    photos = [PhotoInput(p.ref, p.path, p.lat, p.lng, p.captured_at, p.heading, group="one",
                         projection="PLANE" if p.ref == 4 else ("sphere" if p.ref == 7 else None))
              for p in mixed_track(tmp_path)]
    planned = sequences(plan_upload(photos, PlanOptions(use_groups=True)))
    assert len(planned) == 1 and planned[0][0].spheres == 3 and not planned[0][0].is_360
    assert [p.projection for p in planned[0][1]] == ["PLANE"] * 3 + ["SPHERE", "PLANE", "SPHERE"] + [
        "PLANE", "SPHERE"]
    assert planned[0][1][7].projection_source == "layer"


def test_the_2_to_1_fallback_in_the_plan_and_off(tmp_path):
    photos = [PhotoInput(i, make_panorama(tmp_path / "s{}.jpg".format(i), i), *offset(46.77, 23.59, 0, 10 * i),
                         START + timedelta(seconds=2 * i)) for i in range(3)]
    assert [s.spheres for s, _ in sequences(plan_upload(photos))] == [3]
    assert [s.spheres for s, _ in sequences(plan_upload(photos, PlanOptions(detect_360_by_shape=False)))] == [0]


def test_panoramas_reach_kartaview_as_spheres_and_come_back_as_such(fresh_sandbox, tmp_path):
    plan = plan_upload(mixed_track(tmp_path))
    with KartaViewClient(fresh_sandbox.url, retries=0, timeout=10) as client, \
            Journal(tmp_path / "journal.sqlite", client.base_url) as journal:
        summary = Uploader(client, journal, fresh_sandbox.token, concurrency=3).run(plan)
        assert summary.counts == {"uploaded": 8}
        uploads = sorted(fresh_sandbox.uploads().items())
        assert len(uploads) == 3
        sent = [[photo["fields"] for photo in record["photos"]] for _, record in uploads]
        assert [(f["projection"], f["fieldOfView"], float(f["projectionYaw"])) for f in sent[1]] == [
            ("SPHERE", "360", 10.0), ("SPHERE", "360", 20.0), ("SPHERE", "360", 30.0)]
        assert not any("projection" in f or "fieldOfView" in f for f in sent[0] + sent[2])
        # What the API serves back: v1 photo lists (the dock), and the 2.0 photos (read raw below).
        flat_id, sphere_id = uploads[0][0], uploads[1][0]
        assert [p.is_360 for p in client.sequence_photos(sphere_id)] == [True] * 3
        assert [p.is_360 for p in client.sequence_photos(flat_id)] == [False] * 3
    import json
    from urllib.request import urlopen
    with urlopen("{}2.0/photo/?sequenceId={}".format(fresh_sandbox.url, sphere_id)) as answer:
        data = json.loads(answer.read())["result"]["data"]
    assert [(d["projection"], d["fieldOfView"], float(d["projectionYaw"])) for d in data] == [
        ("SPHERE", "360", 10.0), ("SPHERE", "360", 20.0), ("SPHERE", "360", 30.0)]


def test_xmp_after_a_large_exif_segment_is_found(tmp_path):
    """Cameras write EXIF (APP1 too, up to 64 KiB) before the XMP: it is skipped, not read."""
    exif = b"Exif\x00\x00" + bytes(60000)
    jpeg = with_xmp(Path(make_jpeg(tmp_path / "a.jpg", 1, size=(60, 40))).read_bytes(), gpano_xmp(heading=90))
    path = tmp_path / "camera.jpg"
    path.write_bytes(jpeg[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + jpeg[2:])
    assert panorama.detect(path) == panorama.Projection(panorama.SPHERE, 360, 90.0, panorama.FROM_XMP)
