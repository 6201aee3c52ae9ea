"""Record shapes derived from the stored ones: v2 photos, uploaded photos and sequences, /details."""

from datetime import datetime

UPLOAD_STORAGE = "storage1"


def photo_v2(photo, base_url, distance_m=None, projection_yaw=None):
    """A v1 photo record as /2.0/photo/ shows it: camelCase, full image URLs (v1 records have no yaw)."""
    proc, lth, th = photo["name"], photo["lth_name"], photo["th_name"]
    record = {
        "id": photo["id"], "sequenceId": photo["sequence_id"], "sequenceIndex": photo["sequence_index"],
        "lat": photo["lat"], "lng": photo["lng"], "matchLat": photo["match_lat"], "matchLng": photo["match_lng"],
        "wayId": photo["way_id"], "heading": photo["heading"], "gpsAccuracy": photo["gps_accuracy"],
        # Real v2 photos carry `headers` too, which can disagree with `heading` (real-api-behaviours.md 13).
        "headers": "0.00",
        "shotDate": photo["shot_date"], "dateAdded": photo["date_added"].replace("  (", " ").rstrip(")") + ":00",
        "name": photo["fileName"], "path": photo["path"], "storage": photo["storage"],
        "fileurl": base_url + proc.replace("/proc/", "/{{sizeprefix}}/"),
        "fileurlProc": base_url + proc, "fileurlLTh": base_url + lth, "fileurlTh": base_url + th,
        "filepathLTh": lth.split("/files/photo/", 1)[-1], "projection": photo["projection"],
        "fieldOfView": photo["field_of_view"], "projectionYaw": projection_yaw, "status": "active",
        "visibility": "public", "autoImgProcessingResult": "ORIGINAL",
    }
    if distance_m is not None:
        record["distance"] = "{:.2f}".format(distance_m)
    return record


def uploaded_photo_path(record, folder):
    added = datetime.strptime(record["date_added"], "%Y-%m-%d %H:%M:%S")
    return "{}/files/photo/{}/{}/{}/{}/{}".format(UPLOAD_STORAGE, added.year, added.month, added.day,
                                                  folder, record["stored_name"])


def uploaded_photo_v1(record):
    """A stored upload as a v1 photo (photo-list, /details), with paths the sandbox serves."""
    fields = record["fields"]
    added = datetime.strptime(record["date_added"], "%Y-%m-%d %H:%M:%S")
    fov = fields.get("fieldOfView") or None
    return {
        "id": str(record["id"]), "sequence_id": str(record["sequence_id"]),
        "sequence_index": str(record["sequence_index"]),
        "lat": "{:.6f}".format(record["lat"]), "lng": "{:.6f}".format(record["lng"]),
        "fileName": record["stored_name"], "name": uploaded_photo_path(record, "proc"),
        "lth_name": uploaded_photo_path(record, "lth"), "th_name": uploaded_photo_path(record, "th"),
        "path": "{}/{}/{}".format(added.year, added.month, added.day),
        "date_added": added.strftime("%Y-%m-%d  (%H:%M)"), "timestamp": str(int(added.timestamp())),
        "way_id": None, "match_lat": None, "match_lng": None,
        "heading": fields.get("heading") or fields.get("headers") or "",
        "gps_accuracy": fields.get("gpsAccuracy"), "storage": UPLOAD_STORAGE,
        "shot_date": fields.get("shotDate"), "projection": fields.get("projection") or "PLANE",
        "field_of_view": fov,
    }


def uploaded_photo_created(record):
    """The osv.photo answer of POST /1.0/photo/ (camelCase, KT api10 docstring)."""
    fields = record["fields"]
    return {
        "id": str(record["id"]), "sequenceId": str(record["sequence_id"]),
        "sequenceIndex": str(record["sequence_index"]), "dateAdded": record["date_added"],
        "photoName": record["stored_name"], "lat": "{:.6f}".format(record["lat"]),
        "lng": "{:.6f}".format(record["lng"]), "gpsAccuracy": fields.get("gpsAccuracy"),
        "headers": fields.get("headers") or fields.get("heading"), "shotDate": fields.get("shotDate"),
        "autoImgProcessingResult": "ORIGINAL", "status": "active", "multipleInsert": [],
        "path": uploaded_photo_path(record, "proc").rsplit("/proc/", 1)[0],
        "projection": fields.get("projection") or "PLANE", "fieldOfView": fields.get("fieldOfView"),
        "projectionYaw": fields.get("projectionYaw"), "videoIndex": None, "visibility": "public",
    }


def uploaded_sequence_v2(record, photo_count):
    """An uploaded sequence as /2.0/sequence/{id} and the create call show it."""
    fields = record["fields"]
    lat, lng = record["current_lat"], record["current_lng"]
    has_position = lat is not None and lng is not None
    in_romania = has_position and 43.6 <= lat <= 48.3 and 20.2 <= lng <= 29.7
    return {
        "id": str(record["id"]), "userId": record["user_id"], "username": record["username"],
        "dateAdded": record["date_added"], "dateProcessed": None,
        "currentLat": "{:.6f}".format(lat) if has_position else None,
        "currentLng": "{:.6f}".format(lng) if has_position else None,
        "countryCode": "RO" if in_romania else None, "stateCode": None, "address": None,
        "distance": "0.00", "countActivePhotos": str(photo_count), "sequenceType": "photo", "isVideo": "0",
        "deviceName": fields.get("deviceName"), "platformName": fields.get("platformName"),
        "platformVersion": fields.get("platformVersion"), "appVersion": fields.get("appVersion"),
        "uploadSource": fields.get("uploadSource"), "storage": UPLOAD_STORAGE, "status": "active",
        "uploadStatus": "FINISHED" if record["finished"] else "UPLOADING",
        "processingStatus": "NEW", "imagesStatus": "NEW", "quality": None, "obdInfo": fields.get("obdInfo", "0"),
        "metaDataFilename": None, "track": None, "matchTrack": None, "fieldOfView": None,
    }


def details(sequence, photos, owner):
    """The osv of POST /details (snake_case, 2016 + 2019 web fields) from a v2 sequence record."""
    added = datetime.strptime(sequence["dateAdded"], "%Y-%m-%d %H:%M:%S")
    return {
        "id": sequence["id"], "user": sequence["username"], "user_id": sequence["userId"],
        "date_added": added.strftime("%b %d, %Y"), "platform": sequence["platformName"],
        "address": sequence["address"], "country_code": sequence["countryCode"],
        "current_lat": sequence["currentLat"], "current_lng": sequence["currentLng"],
        "nw_lat": sequence.get("nwLat"), "nw_lng": sequence.get("nwLng"),
        "se_lat": sequence.get("seLat"), "se_lng": sequence.get("seLng"),
        "distance": sequence["distance"], "count_active_photos": str(len(photos)),
        "image_processing_status": sequence["processingStatus"], "obd_info": "0", "reviewed": "0",
        "changed": "0", "recognitions": "0", "meta_data_filename": None, "owner": owner, "photos": photos,
    }
