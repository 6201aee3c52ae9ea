"""The signed-in user's sequences: `my-list` with their processing status, which moves on over time as
on the real server, and `sequence/remove`, which refuses other users' sequences (618) and unknown or
already deleted ones (671).

Statuses (image_processing_status): NEW while uploading, UPLOAD_FINISHED once finished, then
PROCESSING_FINISHED `processing_s` seconds later (Sandbox.set_upload_processing; KartaView itself
takes minutes to weeks, upload-scripts #145).
"""

import threading
import time
import weakref
from datetime import datetime, timezone

from . import validate
from .envelopes import ApiError, ok_v1, ok_v1_list

DEFAULT_PROCESSING_S = 30.0
_state = weakref.WeakKeyDictionary()  # app -> _UploadsState
_state_lock = threading.Lock()


class _UploadsState:
    def __init__(self):
        self.deleted = set()
        self.processing_s = DEFAULT_PROCESSING_S


def state(app):
    with _state_lock:
        if app not in _state:
            _state[app] = _UploadsState()
        return _state[app]


def _seconds_since(text):
    moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    return time.time() - moment.timestamp()


def processing_status(app, record):
    if not record["finished"]:
        return "NEW"
    if _seconds_since(record["finished_at"]) < state(app).processing_s:
        return "UPLOAD_FINISHED"
    return "PROCESSING_FINISHED"


def _list_item(app, record, photo_count):
    added = datetime.strptime(record["date_added"], "%Y-%m-%d %H:%M:%S")
    lat, lng = record["current_lat"], record["current_lng"]
    position = lat is not None and lng is not None
    return {
        "id": str(record["id"]), "date_added": added.strftime("%Y-%m-%d  (%H:%M)"),
        "country_code": "RO" if position and 43.6 <= lat <= 48.3 and 20.2 <= lng <= 29.7 else None,
        "current_lat": "{:.6f}".format(lat) if position else None,
        "current_lng": "{:.6f}".format(lng) if position else None,
        "location": record["fields"].get("address") or None, "photo_no": str(photo_count), "distance": "0.00",
        "image_processing_status": processing_status(app, record), "obd_info": "0",
        "platform_name": record["fields"].get("platformName"), "user_id": record["user_id"], "reviewed": "0",
        "changes": "0", "recognitions": "0", "meta_data_filename": None, "thumb_name": None,
    }


def my_list(app, req):
    user = app.require_user(req)
    page = validate.integer(req.params, "page", 1, 32000, default=1)
    ipp = validate.integer(req.params, "ipp", 1, 5000, default=100)
    deleted = state(app).deleted
    records = [record for record in reversed(list(app.store.all_sequences().values()))
               if record["user_id"] == user["id"] and record["id"] not in deleted]
    items = [_list_item(app, record, len(record["photos"])) for record in records[(page - 1) * ipp: page * ipp]]
    statuses = [item["image_processing_status"] for item in items]
    return ok_v1_list(items, len(records), tracksStatus={"uploading": statuses.count("NEW"),
                                                         "processing": statuses.count("UPLOAD_FINISHED")})


def remove_sequence(app, req):
    user = app.require_user(req)
    sequence_id = validate.integer(req.params, "sequenceId", 1, 9999999999)
    record = app.store.sequence(sequence_id)
    if record is None:
        if app.world.sequence(sequence_id) is not None:
            raise ApiError(618)  # someone else's: the world's drivers are not the demo user
        raise ApiError(671)
    if record["user_id"] != user["id"]:
        raise ApiError(618)
    uploads = state(app)
    with _state_lock:
        if sequence_id in uploads.deleted:
            raise ApiError(671)
        uploads.deleted.add(sequence_id)
    return ok_v1({"sequenceId": str(sequence_id)})


ROUTES = [
    ("POST", r"/(?:1\.0/list/)?my-list/?", my_list),
    ("POST", r"/1\.0/sequence/remove/?", remove_sequence),
]
