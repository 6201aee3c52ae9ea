"""The sandbox KartaView behaves like the real one: envelopes, types, paging, validation, uploads, faults."""

import base64
import hashlib
import io
import subprocess
import sys
import time

import pytest
import requests
from PIL import Image

from tests.sandbox import Sandbox
from tests.sandbox.geo import distance_m
from tests.sandbox.world import World

CENTRE = {"bbTopLeft": "46.785,23.56", "bbBottomRight": "46.755,23.62"}  # Cluj-Napoca centre


@pytest.fixture(scope="module")
def sb(tmp_path_factory):
    with Sandbox(port=0, data_dir=str(tmp_path_factory.mktemp("sb")), seed=1) as server:
        yield server


@pytest.fixture
def own_sb(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "data"), seed=1) as server:
        yield server


def post(sb, route, **data):
    return requests.post(sb.url + route, data=data, timeout=10)


def all_strings(record, nullable=()):
    return all(isinstance(v, str) or (v is None and k in nullable) for k, v in record.items())


def jpeg(index=0):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (index * 20 % 255, 90, 30)).save(out, "JPEG")
    return out.getvalue()


def upload(sb, sequence_id, index, token=None, **extra):
    data = {"access_token": token or sb.token, "sequenceId": str(sequence_id), "sequenceIndex": str(index),
            "coordinate": "46.77,23.59", "shotDate": "2024-05-01 10:00:0{}".format(index % 10),
            "headers": "90.5", "gpsAccuracy": "4.2"}
    data.update(extra)
    return requests.post(sb.url + "1.0/photo/", data=data, files={"photo": ("p.jpg", jpeg(index), "image/jpeg")},
                         timeout=10)


def create(sb, token=None):
    answer = requests.post(sb.url + "1.0/sequence/", data={"currentCoordinate": "46.77,23.59", "uploadSource": "test",
                                                        "access_token": token or sb.token},
                           files={"metaData": ("track.txt", b"meta", "text/plain")}, timeout=10)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["osv"]["sequence"]["id"])


# ---- data -------------------------------------------------------------------------------------
def test_world_is_deterministic_sized_and_fast():
    started = time.time()
    first = World(seed=7)
    assert time.time() - started < 2.0
    second = World(seed=7)
    assert first.sequences == second.sequences and first.ground_truth == second.ground_truth
    assert all(first.photos(s["id"]) == second.photos(s["id"]) for s in first.sequences)
    assert World(seed=8).sequences != first.sequences
    assert len(first.sequences) == 120 and 3000 < first.photo_count() < 20000
    assert 0.05 < sum(1 for s in first.sequences if s["fieldOfView"] == "360") / 120 < 0.3
    assert len({s["userId"] for s in first.sequences}) >= 4
    years = {s["dateAdded"][:4] for s in first.sequences}
    assert min(years) == "2016" and max(years) >= "2025"


def test_photos_follow_the_road_every_ten_metres(sb):
    world = sb.world
    photos = [p for s in world.sequences for p in world.photos(s["id"])]
    assert any(p["lat"] == "0.000000" for p in photos) and any(p["heading"] == "" for p in photos)
    for sequence in world.sequences[:20]:
        positioned = [p for p in world.photos(sequence["id"]) if p["match_lat"]]
        steps = [distance_m(float(a["match_lat"]), float(a["match_lng"]), float(b["match_lat"]), float(b["match_lng"]))
                 for a, b in zip(positioned, positioned[1:])]
        assert max(steps) < 12.5 and sum(steps) / len(steps) > 7
        for photo in positioned:  # GPS noise of a few metres around the road
            assert distance_m(float(photo["lat"]), float(photo["lng"]), float(photo["match_lat"]),
                              float(photo["match_lng"])) < 15
        assert float(sequence["distance"]) * 1000 >= sum(steps) * 0.9
        assert sequence["countActivePhotos"] == str(len(world.photos(sequence["id"])))


def test_ground_truth_matches_tracks_coverage(sb):
    world = sb.world
    answer = post(sb, "1.0/tracks/", bbTopLeft="47.0,23.3", bbBottomRight="46.6,23.9", ipp="100000").json()
    coverage = {item["element_id"]: int(item["coverage"]) for item in answer["currentPageItems"]}
    assert coverage == {eid: len(sids) for eid, sids in world.ground_truth.items()}
    assert len(world.segments) == 4454 and 0 < len(coverage) < 4454
    for sid, element_ids in world.sequence_segments.items():
        assert all(sid in world.ground_truth[eid] for eid in element_ids)


# ---- read routes ------------------------------------------------------------------------------
def test_nearby_photos_envelope_and_types(sb):
    answer = post(sb, "1.0/list/nearby-photos/", ipp="50", **CENTRE)
    body = answer.json()
    assert answer.status_code == 200
    assert body["status"] == {"apiCode": "600", "apiMessage": " The request has been processed without incidents ",
                              "httpCode": 200, "httpMessage": "Success"}
    assert isinstance(body["totalFilteredItems"], list) and body["totalFilteredItems"][0].isdigit()
    item = body["currentPageItems"][0]
    assert {"id", "sequence_id", "sequence_index", "lat", "lng", "heading", "name", "lth_name", "th_name",
            "shot_date", "date_added", "username", "projection"} <= set(item)
    assert all_strings(item, nullable=("field_of_view", "way_id", "match_lat", "match_lng"))
    assert "  (" in item["date_added"]


@pytest.mark.parametrize("mode", ["bbox", "coordinate", "latlng"])
def test_nearby_paging_is_exhaustive_non_overlapping_and_ordered(sb, mode):
    params = {"bbox": CENTRE, "coordinate": {"coordinate": "46.77,23.59", "radius": "800"},
              "latlng": {"lat": "46.77", "lng": "23.59", "radius": "800"}}[mode]
    seen, page, total = [], 1, None
    while True:
        body = post(sb, "1.0/list/nearby-photos/", page=str(page), ipp="700", **params).json()
        total = int(body["totalFilteredItems"][0])
        if not body["currentPageItems"]:
            break
        seen += body["currentPageItems"]
        page += 1
    ids = [p["id"] for p in seen]
    assert len(ids) == len(set(ids)) == total > 700
    keys = [(-int(p["sequence_id"]), int(p["sequence_index"])) for p in seen]
    assert keys == sorted(keys)
    if mode != "bbox":
        assert all(distance_m(46.77, 23.59, float(p["lat"]), float(p["lng"])) <= 800 for p in seen)


def test_nearby_date_filter(sb):
    everything = int(post(sb, "1.0/list/nearby-photos/", **CENTRE).json()["totalFilteredItems"][0])
    body = post(sb, "1.0/list/nearby-photos/", date="2021-01-01", ipp="5000", **CENTRE).json()
    assert 0 < int(body["totalFilteredItems"][0]) < everything
    dates = {sb.world.sequence(p["sequence_id"])["dateAdded"] for p in body["currentPageItems"]}
    assert min(dates) >= "2021-01-01"


@pytest.mark.parametrize("params, code, field", [
    ({"coordinate": "46.77,23.59", "radius": "6000"}, "612", "radius"),
    ({"coordinate": "46.77,23.59"}, "610", "radius"),
    ({"coordinate": "north"}, "611", "coordinate"),
    ({"page": "Infinity", **CENTRE}, "611", "page"),
    ({"ipp": "5001", **CENTRE}, "612", "ipp"),
    ({}, "610", "bbTopLeft"),
])
def test_nearby_validation_errors(sb, params, code, field):
    answer = post(sb, "1.0/list/nearby-photos/", **params)
    assert answer.status_code == 400
    assert list(answer.json()) == ["status"]
    assert answer.json()["status"]["apiCode"] == code and answer.json()["status"]["apiMessage"].endswith(
        "({})".format(field))


def test_tracks_paging_and_root_alias(sb):
    first = post(sb, "1.0/tracks/", zoom="15.5", page="1", ipp="40", **CENTRE).json()
    second = post(sb, "tracks", zoom="15", page="2", ipp="40", **CENTRE).json()
    assert first["removeTracks"] == "" and first["totalFilteredItems"] == second["totalFilteredItems"]
    assert len(first["currentPageItems"]) == 40
    first_ids = {s["element_id"] for s in first["currentPageItems"]}
    assert not first_ids & {s["element_id"] for s in second["currentPageItems"]}
    segment = first["currentPageItems"][0]
    assert int(segment["coverage"]) >= 1 and all(isinstance(v, str) for pair in segment["track"] for v in pair)


def test_photo_list_and_details(sb):
    sequence = sb.world.sequences[3]
    body = post(sb, "1.0/sequence/photo-list/", sequenceId=sequence["id"]).json()
    assert body["osv"]["sequenceId"] == sequence["id"]
    indexes = [int(p["sequence_index"]) for p in body["osv"]["photos"]]
    assert indexes == list(range(len(indexes))) and len(indexes) == int(sequence["countActivePhotos"])
    details = post(sb, "details", id=sequence["id"]).json()["osv"]
    assert details["count_active_photos"] == sequence["countActivePhotos"] and len(details["photos"]) == len(indexes)
    missing = post(sb, "1.0/sequence/photo-list/", sequenceId="12")
    assert missing.status_code == 400 and missing.json()["status"]["apiCode"] == "601"


def test_v2_photos_paging_cap_and_radius(sb):
    sequence = max(sb.world.sequences, key=lambda s: int(s["countActivePhotos"]))
    pages, page = [], 1
    while True:
        body = requests.get(sb.url + "2.0/photo/", params={"sequenceId": sequence["id"], "page": page,
                                                          "itemsPerPage": 50}, timeout=10).json()
        assert body["status"]["apiCode"] == 600 and len(body["result"]["data"]) <= 50
        pages.append(body["result"]["data"])
        if not body["result"]["hasMoreData"]:
            break
        page += 1
    photos = [p for data in pages for p in data]
    assert len(photos) == int(sequence["countActivePhotos"]) > 100 and len(pages) > 2
    assert photos[0]["fileurlProc"].startswith(sb.url) and photos[0]["sequenceId"] == sequence["id"]
    near = requests.get(sb.url + "2.0/photo/", params={"lat": "46.77", "lng": "23.59", "radius": "1500",
                                                       "itemsPerPage": "500"}, timeout=10).json()["result"]
    assert len(near["data"]) == 150 and near["hasMoreData"]  # the page size cap
    assert all(float(p["distance"]) <= 1500 for p in near["data"])
    huge = requests.get(sb.url + "2.0/photo/", params={"lat": "46.77", "lng": "23.59", "radius": "6000"}, timeout=10)
    assert huge.status_code == 400 and huge.json()["status"]["apiCode"] == 408
    one = requests.get(sb.url + "2.0/photo/{}".format(photos[5]["id"]), timeout=10).json()["result"]["data"]
    assert one["sequenceIndex"] == "5"


def test_v2_sequence_record(sb):
    sequence360 = next(s for s in sb.world.sequences if s["fieldOfView"] == "360")
    body = requests.get(sb.url + "2.0/sequence/{}".format(sequence360["id"]), timeout=10).json()
    data = body["result"]["data"]
    assert body["status"]["apiCode"] == 600
    assert data["countryCode"] == "RO" and data["status"] == "active" and data["fieldOfView"] == "360"
    assert 0 <= int(data["quality"]) <= 100 and float(data["distance"]) > 0
    assert all(isinstance(data[k], str) for k in ("id", "userId", "username", "dateAdded", "distance",
                                                  "countActivePhotos", "nwLat", "seLng", "currentLat"))
    assert len(data["distance"].split(".")[1]) == 2
    unknown = requests.get(sb.url + "2.0/sequence/77", timeout=10)
    assert unknown.status_code == 400 and unknown.json()["status"]["apiCode"] == 601
    listing = requests.get(sb.url + "2.0/sequence/", params={"tLeft": "46.785,23.56", "bRight": "46.755,23.62",
                                                            "itemsPerPage": 20}, timeout=10).json()
    assert len(listing["result"]["data"]) == 20 and listing["result"]["hasMoreData"] is True


def test_images_sizes_missing_lth_and_tiles(sb):
    world = sb.world
    photo = next(world.photo(pid) for pid in sorted(world.missing_lth) if not world.is_360(world.photo(pid)))
    assert requests.get(sb.url + photo["lth_name"], timeout=10).status_code == 404
    sizes = {}
    for key in ("name", "th_name"):
        answer = requests.get(sb.url + photo[key], timeout=10)
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "image/jpeg"
        sizes[key] = Image.open(io.BytesIO(answer.content)).size
    assert sizes == {"name": (1600, 1200), "th_name": (200, 150)}
    ok = next(p for p in world.photos(photo["sequence_id"]) if int(p["id"]) not in world.missing_lth)
    assert Image.open(io.BytesIO(requests.get(sb.url + ok["lth_name"], timeout=10).content)).size == (800, 600)
    pano = next(p for s in world.sequences if s["fieldOfView"] == "360" for p in world.photos(s["id"]))
    wrapped = requests.get(sb.url + pano["name"].replace("/proc/", "/wrapped_proc/"), timeout=10)
    assert Image.open(io.BytesIO(wrapped.content)).size == (2048, 1024)
    assert requests.get(sb.url + photo["name"].replace("/proc/", "/wrapped_proc/"), timeout=10).status_code == 404
    assert requests.get(sb.url + photo["name"].replace("storage", "storage9"), timeout=10).status_code == 404
    tile = requests.get(sb.url + "2.0/sequence/tiles/4648/2903/13.png", timeout=10)
    assert tile.content[:8] == b"\x89PNG\r\n\x1a\n"


# ---- auth and uploads -------------------------------------------------------------------------
def test_osm_oauth_and_client_auth(own_sb):
    page = requests.get(own_sb.url + "oauth2/authorize", params={"client_id": "x"}, timeout=10)
    assert "sandbox-code" in page.text
    redirect = requests.get(own_sb.url + "oauth2/authorize", params={
        "client_id": "x", "redirect_uri": "http://127.0.0.1:9/cb", "state": "s1"}, allow_redirects=False, timeout=10)
    assert redirect.headers["Location"] == "http://127.0.0.1:9/cb?code=sandbox-code&state=s1"
    osm = post(own_sb, "oauth2/token", grant_type="authorization_code", code="sandbox-code", client_id="x",
               client_secret="s", redirect_uri="urn:ietf:wg:oauth:2.0:oob").json()
    assert osm["token_type"] == "Bearer"
    assert post(own_sb, "oauth2/token", grant_type="authorization_code", code="nope", client_id="x").status_code == 400
    bad = post(own_sb, "auth/openstreetmap/client_auth", request_token="forged", secret_token="s")
    assert bad.status_code == 401 and bad.text == "Invalid access token\n"
    account = post(own_sb, "auth/openstreetmap/client_auth", request_token=osm["access_token"],
                   secret_token="s").json()["osv"]
    assert set(account) == {"access_token", "id", "username", "full_name", "type", "externalUserId", "role"}
    assert account["username"] == own_sb.username and account["access_token"] != own_sb.token
    assert create(own_sb, token=account["access_token"]) > 0


def test_upload_flow_duplicate_and_persistence(tmp_path):
    data_dir = str(tmp_path / "data")
    with Sandbox(port=0, data_dir=data_dir, seed=1) as sb:
        sequence_id = create(sb)
        answer = upload(sb, sequence_id, 0, projection="SPHERE", fieldOfView="360")
        assert answer.status_code == 200
        photo = answer.json()["osv"]["photo"]
        assert photo["sequenceId"] == str(sequence_id) and photo["sequenceIndex"] == "0"
        duplicate = upload(sb, sequence_id, 0)
        assert duplicate.status_code == 400 and duplicate.json()["status"] == {
            "apiCode": "660", "apiMessage": " You are not allowed to add a duplicate entry (sequenceIndex)",
            "httpCode": 400, "httpMessage": "Bad Request"}
        assert upload(sb, sequence_id, 1).status_code == 200
        finished = post(sb, "1.0/sequence/finished-uploading/", sequenceId=str(sequence_id), access_token=sb.token)
        assert finished.json()["osv"] == {"sequenceId": str(sequence_id)}
        listed = post(sb, "1.0/sequence/photo-list/", sequenceId=str(sequence_id)).json()["osv"]["photos"]
        assert requests.get(sb.url + listed[0]["name"], timeout=10).content == jpeg(0)
        assert {e["params"].get("access_token") for e in sb.request_log} == {None, "***"}  # masked in the log
    with Sandbox(port=0, data_dir=data_dir, seed=1) as again:
        held = again.uploads()[sequence_id]
        assert held["finished"] is True and held["fields"]["uploadSource"] == "test"
        assert [(p["sequence_index"], p["fields"]["shotDate"]) for p in held["photos"]] == [
            (0, "2024-05-01 10:00:00"), (1, "2024-05-01 10:00:01")]
        assert held["photos"][0]["fields"]["projection"] == "SPHERE"
        assert upload(again, sequence_id, 1).json()["status"]["apiCode"] == "660"
        assert requests.get(again.url + "__sandbox__/uploads", timeout=10).json()[str(sequence_id)]["finished"]


@pytest.mark.parametrize("change, code, field", [
    ({"files": {}}, "610", "photo"),
    ({"files": {"photo": ("big.jpg", b"x" * (20 * 1024 * 1024 + 1))}}, "612", "photo"),
    ({"sequenceId": "99999999"}, "612", "sequenceId"),
    ({"coordinate": "46.7"}, "611", "coordinate"),
    ({"coordinate": "96.7,23.5"}, "612", "coordinate"),
    ({"coordinate": ""}, "610", "coordinate"),
    ({"access_token": "wrong"}, "401", None),
])
def test_upload_validation(own_sb, change, code, field):
    sequence_id = create(own_sb)
    data = {"access_token": own_sb.token, "sequenceId": str(sequence_id), "sequenceIndex": "0",
            "coordinate": "46.77,23.59"}
    files = change.pop("files", {"photo": ("p.jpg", jpeg(), "image/jpeg")})
    data.update(change)
    answer = requests.post(own_sb.url + "1.0/photo/", data=data, files=files or {"other": ("a", b"1")}, timeout=20)
    status = answer.json()["status"]
    assert answer.status_code == 400 and status["apiCode"] == code
    assert field is None or status["apiMessage"].endswith("({})".format(field))


def test_not_owner_and_unknown_finish(own_sb):
    world_sequence = own_sb.world.sequences[0]["id"]
    assert upload(own_sb, world_sequence, 0).json()["status"]["apiCode"] == "618"
    unknown = post(own_sb, "1.0/sequence/finished-uploading/", sequenceId="99999999", access_token=own_sb.token)
    assert unknown.status_code == 400 and unknown.json()["status"]["apiCode"] == "671"
    no_token = requests.post(own_sb.url + "1.0/sequence/", data={"currentCoordinate": "46.7,23.5"}, timeout=10)
    assert no_token.json()["status"]["apiCode"] == "401"
    in_query = requests.post(own_sb.url + "1.0/sequence/", params={"access_token": own_sb.token},
                             files={"uploadSource": (None, "q")}, timeout=10)
    assert in_query.status_code == 200


# ---- faults -----------------------------------------------------------------------------------
def fault_answers(sb, kind, route="1.0/list/nearby-photos/"):
    sb.set_faults(error_rate=1.0, kinds=[kind], fault_seed=3)
    try:
        return requests.post(sb.url + route, data=CENTRE, timeout=10)
    finally:
        sb.clear_faults()


def test_fault_kinds(own_sb):
    answer = fault_answers(own_sb, "500")
    assert answer.status_code == 500 and answer.json()["status"]["apiCode"] == "690"
    answer = fault_answers(own_sb, "502html")
    assert answer.status_code == 502 and "<h1>502 Bad Gateway</h1>" in answer.text
    answer = fault_answers(own_sb, "690")
    assert answer.status_code == 400 and answer.json()["status"]["apiCode"] == "690"
    answer = fault_answers(own_sb, "empty")
    assert answer.status_code == 200 and answer.content == b""
    with pytest.raises(requests.ConnectionError):
        fault_answers(own_sb, "drop")
    assert fault_answers(own_sb, "stored_then_500").status_code == 200  # nothing to store on a read
    assert [e["fault"] for e in own_sb.request_log] == ["500", "502html", "690", "empty", "drop", None]


def test_stored_then_500_makes_the_retry_a_duplicate(own_sb):
    sequence_id = create(own_sb)
    own_sb.set_faults(error_rate=1.0, kinds=["stored_then_500"], paths=["/1.0/photo"])
    assert upload(own_sb, sequence_id, 4).status_code == 500
    own_sb.clear_faults()
    assert upload(own_sb, sequence_id, 4).json()["status"]["apiCode"] == "660"
    assert [p["sequence_index"] for p in own_sb.uploads()[sequence_id]["photos"]] == [4]


def test_faults_are_deterministic_and_limited_to_paths(own_sb):
    def run():
        own_sb.set_faults(error_rate=0.5, kinds=["500", "690"], fault_seed=11, paths=["/2.0/"])
        codes = [requests.get(own_sb.url + "2.0/sequence/" + own_sb.world.sequences[0]["id"], timeout=10).status_code
                 for _ in range(12)]
        assert post(own_sb, "1.0/list/nearby-photos/", **CENTRE).status_code == 200
        return codes
    first = run()
    assert first == run() and {200, 400, 500} >= set(first) and 200 in first and len(set(first)) > 1


def test_revoked_tokens_latency_and_http_control(own_sb):
    own_sb.set_faults(revoked_tokens=[own_sb.token])
    revoked = requests.post(own_sb.url + "1.0/sequence/", data={"access_token": own_sb.token}, timeout=10)
    assert revoked.status_code == 400 and revoked.json()["status"]["apiCode"] == "401"
    control = requests.post(own_sb.url + "__sandbox__/faults", json={"latency_ms": 150, "revoked_tokens": []},
                            timeout=10)
    assert control.json()["latency_ms"] == 150
    started = time.time()
    assert post(own_sb, "1.0/list/nearby-photos/", ipp="1", **CENTRE).status_code == 200
    assert time.time() - started >= 0.15
    assert requests.post(own_sb.url + "__sandbox__/faults", json={"kinds": ["bogus"]}, timeout=10).status_code == 400
    log = requests.get(own_sb.url + "__sandbox__/log", timeout=10).json()
    assert log[-1]["path"] == "/1.0/list/nearby-photos/" and log[-1]["api_code"] == 600
    requests.post(own_sb.url + "__sandbox__/reset_log", timeout=10)
    assert own_sb.request_log == []


def test_command_line_runs_and_stops_on_sigterm(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "tests.sandbox", "--port", "0", "--token", "cli-token",
                                "--data-dir", str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split()[-1]
        assert "cli-token" in process.stdout.readline()
        assert requests.post(url + "1.0/sequence/", data={"access_token": "cli-token"}, timeout=10).status_code == 200
    finally:
        process.terminate()
    assert process.wait(timeout=10) == 0


def test_osm_oauth_checks_pkce_as_osm_does(own_sb):
    verifier = "v" * 43
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    token = {"grant_type": "authorization_code", "code": "sandbox-code", "client_id": "public"}
    assert post(own_sb, "oauth2/token", **token).status_code == 401  # a public client without PKCE
    requests.get(own_sb.url + "oauth2/authorize", params={"client_id": "public", "code_challenge": challenge,
                                                          "code_challenge_method": "S256"}, timeout=10)
    assert post(own_sb, "oauth2/token", code_verifier="w" * 43, **token).status_code == 400
    assert post(own_sb, "oauth2/token", code_verifier=verifier, **token).json()["token_type"] == "Bearer"
