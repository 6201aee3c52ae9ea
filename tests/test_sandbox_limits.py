"""The sandbox plays the answers that test a client's limits (page caps, a claimed total, huge ids, 408
and 690 inside HTTP 400) when switched on, and its records agree with KartaView's real recorded ones."""

import json
import time

import pytest
import requests

from tests.sandbox import Sandbox
from tests.sandbox.records import photo_v2
from tests.sandbox.roads import SAMPLES_DIR

CENTRE = {"bbTopLeft": "46.785,23.56", "bbBottomRight": "46.755,23.62"}


@pytest.fixture
def sb(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "data"), seed=1) as server:
        yield server


def nearby(sb, **data):
    return requests.post(sb.url + "1.0/list/nearby-photos/", data=dict(CENTRE, **data), timeout=10).json()


def test_page_cap_pages_by_what_it_sends(sb):
    whole = nearby(sb, ipp="5000")
    total = int(whole["totalFilteredItems"][0])
    sb.set_faults(page_cap=150)
    first, second = nearby(sb, ipp="1000", page="1"), nearby(sb, ipp="1000", page="2")
    assert [len(first["currentPageItems"]), len(second["currentPageItems"])] == [150, 150]
    assert first["totalFilteredItems"] == [str(total)]  # the true total: only the page size is capped
    assert [p["id"] for p in first["currentPageItems"] + second["currentPageItems"]] == \
        [p["id"] for p in whole["currentPageItems"][:300]]
    sb.clear_faults()
    assert len(nearby(sb, ipp="1000")["currentPageItems"]) == 1000


def test_claimed_total_and_the_empty_page_past_the_end(sb):
    sb.set_faults(claimed_total=10 ** 9)
    answer = nearby(sb, ipp="5000")
    assert answer["totalFilteredItems"] == ["1000000000"]
    assert nearby(sb, ipp="5000", page="3")["currentPageItems"] == []  # 6,079 photos: 2 pages
    tracks = requests.post(sb.url + "1.0/tracks/", data=CENTRE, timeout=10).json()
    assert tracks["totalFilteredItems"] == ["1000000000"]


def test_huge_ids_on_every_list(sb):
    sb.set_faults(huge_ids=2)
    items = nearby(sb, ipp="10")["currentPageItems"]
    assert [int(p["sequence_id"]) >= 2 ** 63 for p in items] == [True, True] + [False] * 8
    segments = requests.post(sb.url + "1.0/tracks/", data=dict(CENTRE, ipp="5"), timeout=10).json()
    assert int(segments["currentPageItems"][0]["way_id"]) >= 2 ** 63
    sequence_id = sb.world.sequences[0]["id"]
    v2 = requests.get(sb.url + "2.0/photo/", params={"sequenceId": sequence_id}, timeout=10).json()
    assert int(v2["result"]["data"][1]["id"]) >= 2 ** 63 and int(v2["result"]["data"][2]["id"]) < 2 ** 63


@pytest.mark.parametrize("kind", ["408", "690"])
def test_overload_codes_come_inside_http_400_typed_per_api_family(sb, kind):
    sb.set_faults(error_rate=1.0, kinds=[kind])
    v1 = requests.post(sb.url + "1.0/list/nearby-photos/", data=CENTRE, timeout=10)
    v2 = requests.get(sb.url + "2.0/sequence/" + sb.world.sequences[0]["id"], timeout=10)
    assert (v1.status_code, v2.status_code) == (400, 400)
    assert v1.json()["status"]["apiCode"] == kind  # 1.0: a string, as in every real 1.0 answer
    assert v2.json()["status"]["apiCode"] == int(kind)  # 2.0: a number
    assert v2.json()["status"]["httpMessage"] == "Bad Request"


def test_settings_are_switchable_over_http_and_validated(sb):
    answer = requests.post(sb.url + "__sandbox__/faults", json={"page_cap": 7, "claimed_total": 99}, timeout=10)
    assert (answer.json()["page_cap"], answer.json()["claimed_total"]) == (7, 99)
    assert len(nearby(sb, ipp="1000")["currentPageItems"]) == 7
    assert requests.post(sb.url + "__sandbox__/faults", json={"huge_ids": -1}, timeout=10).status_code == 400
    sb.clear_faults()
    assert sb.faults.settings.page_cap == 0


def _json_type(value):
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__


def _disagreements(real, ours):
    """Fields both records have whose JSON types differ (null is allowed on either side)."""
    return {key: (real[key], ours[key]) for key in set(real) & set(ours)
            if real[key] is not None and ours[key] is not None and _json_type(real[key]) != _json_type(ours[key])}


def test_sandbox_records_agree_with_real_v2_answers(sb):
    real = json.loads((SAMPLES_DIR / "kvsharp-sequence-list-2.0_join-photos.json").read_text())
    real_sequence = real["result"]["data"]["0"]
    real_photo = real_sequence["photos"][0]
    sequence_id = sb.world.sequences[0]["id"]
    ours = requests.get(sb.url + "2.0/sequence/" + sequence_id, timeout=10).json()
    assert ours["status"] == {"apiCode": 600, "apiMessage": "The request has been processed without incidents",
                              "httpCode": 200, "httpMessage": "Success"} == real["status"]
    assert _disagreements(real_sequence, ours["result"]["data"]) == {}
    for key in ("uploadStatus", "processingStatus", "imageProcessingStatus"):
        assert ours["result"]["data"][key] == real_sequence[key]
    photo = photo_v2(sb.world.photos(int(sequence_id))[0], sb.url)
    assert _disagreements(real_photo, photo) == {}
    assert {"heading", "headers"} <= set(photo)  # both, as real v2 photos


def test_bandwidth_limits_each_connection_both_ways_and_the_log_has_sizes(sb):
    """bandwidth_mbit: a body takes its size over the link (the upload benchmark's photos); the request
    log says when a request's first byte came and how big its body was."""
    body = b"x" * 400_000
    started = time.monotonic()
    requests.post(sb.url + "1.0/list/nearby-photos/", data=body, timeout=10)
    unlimited = time.monotonic() - started
    sb.set_faults(bandwidth_mbit=8)  # 1 MB/s: 0.4 s for the body
    started = time.monotonic()
    requests.post(sb.url + "1.0/list/nearby-photos/", data=body, timeout=10)
    limited = time.monotonic() - started
    assert unlimited < 0.2 and 0.38 <= limited < 1.5
    entry = sb.request_log[-1]
    assert entry["bytes"] == len(body) and entry["t"] - entry["arrived"] >= 0.38
    answer = requests.get(sb.url + "1.0/list/nearby-photos/", params=dict(CENTRE, ipp="5000"), timeout=10)
    big = len(answer.content)
    sb.set_faults(bandwidth_mbit=80)  # 10 MB/s: answers are paced too
    started = time.monotonic()
    requests.get(sb.url + "1.0/list/nearby-photos/", params=dict(CENTRE, ipp="5000"), timeout=10)
    assert time.monotonic() - started >= big / 10e6 * 0.95
