"""The sandbox's deterministic KartaView content: sequences driven along the real Cluj-Napoca roads.

Everything comes from one random.Random(seed), drawn in a fixed order, so the same seed gives the
same sequences, photos, ids and dates. Records are kept exactly as KartaView serves them (strings
everywhere, v1 photos snake_case, v2 sequences camelCase) so routes only filter and page them.
"""

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .geo import bbox_contains, bboxes_intersect, bearing_deg, distance_m, offset
from .roads import GEOMETRY_FILE, RoadGraph, load_segments

USERS = (  # (id, username, full name): the world's drivers; the demo user is the sandbox's own
    ("1101", "cluj_driver", "Ana Pop"),
    ("1102", "mihai.m", "Mihai Muresan"),
    ("1103", "osm_romania", "OSM Romania"),
    ("1104", "kv_mapper", "KV Mapper"),
    ("1105", "bike360", "Ioana 360"),
    ("1106", "taxi_cj", "Taxi Cluj"),
)
DEVICES = (("Android", "Android", "Samsung SM-G991B"), ("iOS", "iOS", "iPhone 12"),
           ("Android", "Android", "Pixel 6"), ("upload-scripts", "other", "GoPro HERO9"))
DEVICES_360 = (("upload-scripts", "other", "GoPro MAX"), ("kv_tools-0.1.0", "other", "Insta360 ONE X2"))
STREETS = ("Strada Memorandumului", "Calea Dorobantilor", "Bulevardul 21 Decembrie 1989", "Strada Horea",
           "Calea Floresti", "Strada Observatorului", "Calea Turzii", "Strada Fabricii",
           "Bulevardul Muncii", "Calea Manastur", "Strada Fantanele", "Calea Baciului")
FIRST_DATE = datetime(2016, 1, 1)
LAST_DATE = datetime(2026, 6, 30)
FIRST_SEQUENCE_ID = 4100000
FIRST_PHOTO_ID = 70000001
SHARE_360 = 0.15
SHARE_LTH_MISSING = 0.10
GRID_DEG = 0.01  # the cells of the photos' spatial index (~1 km): a bbox query reads only its cells


@dataclass
class SequenceData:
    id: int
    user: tuple
    is_360: bool
    date_added: datetime
    photos: list  # v1 photo records, by index
    element_ids: list  # ground truth: the segments driven, in driving order, once each
    v2: dict  # the /2.0/sequence/{id} record
    bbox: tuple  # (min_lat, min_lng, max_lat, max_lng) of the positioned photos


def _fmt_date(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _cell(degrees):
    return math.floor(degrees / GRID_DEG)


def _unix(moment):
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


class World:
    def __init__(self, seed=1, sequence_count=120, geometry_path=GEOMETRY_FILE):
        self.seed = seed
        self.segments = load_segments(geometry_path)
        self.users = [{"id": uid, "username": name, "full_name": full} for uid, name, full in USERS]
        rng = random.Random(seed)
        graph = RoadGraph(self.segments)
        drives = [graph.drive(rng, rng.uniform(200, 1200)) for _ in range(sequence_count)]
        span = (LAST_DATE - FIRST_DATE).total_seconds()
        dates = sorted(FIRST_DATE + timedelta(seconds=int(rng.uniform(0, span))) for _ in drives)
        self._sequences = {}
        self._photo_by_id, self._photo_by_file = {}, {}
        self.missing_lth = set()  # photo ids whose lth file answers 404 (openstreetcam.org #398)
        sequence_id, photo_id = FIRST_SEQUENCE_ID, FIRST_PHOTO_ID
        for drive, date_added in zip(drives, dates):
            sequence_id += rng.randint(1, 400)  # ids grow with upload time, with gaps, as on the real server
            data = self._make_sequence(rng, sequence_id, photo_id, date_added, drive)
            photo_id += 2 * len(data.photos) + rng.randint(0, 50)
            self._sequences[sequence_id] = data
        self.sequences = [data.v2 for data in self._sequences.values()]
        self.sequence_segments = {sid: data.element_ids for sid, data in self._sequences.items()}
        self.ground_truth = {}  # element_id -> [sequence ids driving it]
        for sid, data in self._sequences.items():
            for element_id in data.element_ids:
                self.ground_truth.setdefault(element_id, []).append(sid)
        # nearby-photos order: sequence id descending, then index (SRV16 SQL)
        self._ordered = [(float(p["lat"]), float(p["lng"]), data.v2["dateAdded"][:10], p)
                         for sid in sorted(self._sequences, reverse=True)
                         for data in [self._sequences[sid]] for p in data.photos]
        self._grid = {}  # (row, column) -> positions in _ordered, ascending
        for position, (lat, lng, _, _) in enumerate(self._ordered):
            self._grid.setdefault((_cell(lat), _cell(lng)), []).append(position)

    # ---- generation -------------------------------------------------------------------------
    def _make_sequence(self, rng, sequence_id, first_photo_id, date_added, drive):
        user = USERS[rng.randrange(len(USERS))]
        is_360 = rng.random() < SHARE_360
        upload_source, platform, device = rng.choice(DEVICES_360 if is_360 else DEVICES)
        storage = "storage{}".format(rng.randint(1, 13))
        tag = "{:05x}".format(rng.getrandbits(20))
        path = "{}/{}/{}".format(date_added.year, date_added.month, date_added.day)
        shot = date_added - timedelta(seconds=int(rng.uniform(3600, 72 * 3600)))
        no_gps_start = rng.random() < 0.12  # like the real fixture: the first frame before the GPS fix
        photos, element_ids, driven = [], [], 0.0
        for index, (lat, lng, heading, segment) in enumerate(self._sample(rng, drive)):
            file_name = "{}_{}_{}.jpg".format(sequence_id, tag, index + 1)
            positioned = not (no_gps_start and index == 0)
            noise_n, noise_e = rng.gauss(0, 2.5), rng.gauss(0, 2.5)
            glat, glng = offset(lat, lng, noise_n, noise_e) if positioned else (0.0, 0.0)
            heading_text = "{:.5f}".format(heading) if positioned and rng.random() > 0.01 else ""
            photo = {
                "id": str(first_photo_id + 2 * index), "sequence_id": str(sequence_id), "sequence_index": str(index),
                "lat": "{:.6f}".format(glat), "lng": "{:.6f}".format(glng), "fileName": file_name,
                "name": "{}/files/photo/{}/proc/{}".format(storage, path, file_name),
                "lth_name": "{}/files/photo/{}/lth/{}".format(storage, path, file_name),
                "th_name": "{}/files/photo/{}/th/{}".format(storage, path, file_name),
                "path": path, "date_added": date_added.strftime("%Y-%m-%d  (%H:%M)"),
                "timestamp": str(_unix(date_added)),
                "way_id": segment.way_id if positioned else None,
                "match_lat": "{:.15f}".format(lat) if positioned else None,
                "match_lng": "{:.15f}".format(lng) if positioned else None,
                "heading": heading_text,
                "gps_accuracy": "{:.4f}".format(rng.uniform(2.5, 15.0)) if positioned else "0.0000",
                "storage": storage, "shot_date": _fmt_date(shot),
                "projection": "SPHERE" if is_360 else "PLANE", "field_of_view": "360" if is_360 else None,
            }
            shot += timedelta(seconds=rng.choice((1, 1, 2)))
            if rng.random() < SHARE_LTH_MISSING:
                self.missing_lth.add(int(photo["id"]))
            photos.append(photo)
            self._photo_by_id[int(photo["id"])] = photo
            self._photo_by_file[file_name] = photo
        for index, _track in drive:
            element_id = self.segments[index].element_id
            if element_id not in element_ids:
                element_ids.append(element_id)
            driven += self.segments[index].length_m
        positioned = [(float(p["lat"]), float(p["lng"])) for p in photos if p["lat"] != "0.000000"]
        lats, lngs = [p[0] for p in positioned], [p[1] for p in positioned]
        bbox = (min(lats), min(lngs), max(lats), max(lngs))
        processed = date_added + timedelta(minutes=rng.randint(5, 600))
        v2 = {
            "id": str(sequence_id), "userId": user[0], "username": user[1],
            "dateAdded": _fmt_date(date_added), "dateProcessed": _fmt_date(processed),
            "currentLat": "{:.6f}".format(lats[0]), "currentLng": "{:.6f}".format(lngs[0]),
            "nwLat": "{:.6f}".format(bbox[2]), "nwLng": "{:.6f}".format(bbox[1]),
            "seLat": "{:.6f}".format(bbox[0]), "seLng": "{:.6f}".format(bbox[3]),
            "countryCode": "RO", "stateCode": "CJ",
            "address": "{}, Cluj-Napoca, Romania, RO".format(rng.choice(STREETS)),
            "distance": "{:.2f}".format(driven / 1000.0), "countActivePhotos": str(len(photos)),
            "countMetadataPhotos": str(len(photos)), "countMetadataVideos": "0",
            "sequenceType": "photo", "isVideo": "0", "hasRawData": "0",
            "deviceName": device, "platformName": platform, "platformVersion": None, "appVersion": None,
            "uploadSource": upload_source, "storage": storage, "status": "active",
            # the status values of a real 2023 answer (tests/data/kartaview-samples/kvsharp-*)
            "uploadStatus": "FINISHED", "processingStatus": "FINISHED",
            "imageProcessingStatus": "PROCESSING_FINISHED", "metadataStatus": "FINISHED",
            "matchStatus": "FINISHED", "matched": None, "quality": str(rng.randint(0, 100)),
            "qualityStatus": "NEW", "blurBuild": "0", "blurVersion": "v1",  # fields clients must ignore
            "obdInfo": "0", "clientTotal": None, "metaDataFilename": None, "cameraParameters": None,
            "orgCode": "CMNT", "fieldOfView": "360" if is_360 else None,
        }
        return SequenceData(sequence_id, user, is_360, date_added, photos, element_ids, v2, bbox)

    def _sample(self, rng, drive):
        """(lat, lng, heading, segment) every ~10 m along the drive, on the road centre line."""
        next_at, travelled = 0.0, 0.0
        for index, track in drive:
            segment = self.segments[index]
            for a, b in zip(track, track[1:]):
                step = distance_m(*a, *b)
                if step < 0.01:
                    continue
                heading = bearing_deg(*a, *b)
                while next_at <= travelled + step:
                    t = (next_at - travelled) / step
                    yield a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), heading, segment
                    next_at += rng.uniform(8.0, 12.0)
                travelled += step

    # ---- lookups ----------------------------------------------------------------------------
    def sequence(self, sequence_id):
        data = self._sequences.get(int(sequence_id))
        return data.v2 if data else None

    def sequence_data(self, sequence_id):
        return self._sequences.get(int(sequence_id))

    def photos(self, sequence_id):
        """The v1 photo records of a sequence, by index ([] for an unknown id). Do not mutate."""
        data = self._sequences.get(int(sequence_id))
        return data.photos if data else []

    def photo(self, photo_id):
        return self._photo_by_id.get(int(photo_id))

    def photo_by_file(self, file_name):
        return self._photo_by_file.get(file_name)

    def username(self, photo):
        return self._sequences[int(photo["sequence_id"])].user[1]

    def is_360(self, photo):
        return photo["projection"] == "SPHERE"

    def photo_count(self):
        return len(self._photo_by_id)

    # ---- spatial queries (all in nearby-photos order) -----------------------------------------
    def _candidates(self, bbox):
        """The (lat, lng, day, photo) of the grid cells bbox touches, in nearby-photos order: with
        thousands of sequences a scan of every photo per request would make the sandbox the bottleneck."""
        rows = range(_cell(bbox[0]), _cell(bbox[2]) + 1)
        columns = range(_cell(bbox[1]), _cell(bbox[3]) + 1)
        if len(rows) * len(columns) > len(self._grid):
            return self._ordered
        positions = sorted(position for row in rows for column in columns
                           for position in self._grid.get((row, column), ()))
        return [self._ordered[position] for position in positions]

    def photos_in_bbox(self, bbox, date=None):
        return [p for lat, lng, day, p in self._candidates(bbox)
                if bbox_contains(bbox, lat, lng) and (date is None or day >= date)]

    def photos_near(self, lat, lng, radius_m, date=None):
        north = offset(lat, lng, radius_m, radius_m)
        box = (2 * lat - north[0], 2 * lng - north[1], north[0], north[1])  # the square around the circle
        return [p for plat, plng, day, p in self._candidates(box)
                if bbox_contains(box, plat, plng) and (date is None or day >= date)
                and distance_m(lat, lng, plat, plng) <= radius_m]

    def covered_segments_in_bbox(self, bbox):
        """[(segment, coverage)] of the driven segments touching bbox, in the geometry file's order."""
        return [(s, len(self.ground_truth[s.element_id])) for s in self.segments
                if s.element_id in self.ground_truth and bboxes_intersect(s.bbox, bbox)]

    def sequences_in_bbox(self, bbox):
        return [data.v2 for data in self._sequences.values() if bboxes_intersect(data.bbox, bbox)]
