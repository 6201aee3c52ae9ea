"""The upload plan's data: what goes in (PhotoInput, PlanOptions) and what comes out
(PlannedSequence, PlannedPhoto, and Skip with its REASON_* code); planner.py makes the plan.

Reasons are codes plus an untranslated detail; the QGIS side turns them into translated messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from . import panorama

REASON_NO_PATH = "no_path"
REASON_MISSING_FILE = "missing_file"
REASON_NOT_JPEG = "not_jpeg"
REASON_CORRUPT_JPEG = "corrupt_jpeg"
REASON_TOO_LARGE = "too_large"
REASON_NO_POSITION = "no_position"
REASON_NO_TIME = "no_time"
REASON_SAME_FILE = "same_file"
REASON_SAME_PHOTO = "same_photo"  # another file with the same bytes (a copy)
REASON_NEAR_DUPLICATE = "near_duplicate"


@dataclass(frozen=True)
class PhotoInput:
    """One input photo. `ref` identifies it for the caller (an int or a str, e.g. a feature id);
    position in WGS 84."""

    ref: Any
    path: Optional[str]
    lat: Optional[float]
    lng: Optional[float]
    captured_at: Optional[datetime]  # naive UTC, or aware (converted to UTC)
    heading: Optional[float] = None
    group: Optional[str] = None
    projection: Optional[str] = None  # PLANE or SPHERE from the input layer; None: read from the file


@dataclass(frozen=True)
class PlannedPhoto:
    ref: Any
    path: str  # absolute, symlinks resolved
    key: str  # hash of the file's bytes: the photo's identity in the journal (see identity.py)
    lat: float
    lng: float
    captured_at: datetime  # naive UTC
    heading: Optional[float]
    index: int  # sequenceIndex within its sequence
    projection: str = panorama.PLANE  # SPHERE: upload as a 360° panorama (panorama.py)
    field_of_view: Optional[int] = None
    yaw: Optional[float] = None
    projection_source: str = panorama.FROM_NOTHING

    @property
    def is_sphere(self) -> bool:
        return self.projection == panorama.SPHERE


@dataclass(frozen=True)
class PlannedSequence:
    number: int  # 1-based, in upload order
    key: str  # hash of the member photos' keys in order
    size: int  # number of photos
    lat: float  # position of the first photo
    lng: float
    group: Optional[str] = None
    spheres: int = 0  # photos going as 360° panoramas
    length_m: float = 0.0  # along its photos
    first_shot: Optional[datetime] = None  # naive UTC
    last_shot: Optional[datetime] = None

    @property
    def is_360(self) -> bool:
        return self.size > 0 and self.spheres == self.size


@dataclass(frozen=True)
class Skip:
    ref: Any
    path: Optional[str]
    reason: str  # REASON_*
    detail: str = ""


@dataclass(frozen=True)
class PlanOptions:
    max_gap_seconds: float = 60.0
    max_gap_meters: float = 100.0
    max_photos: int = 1000
    keep_duplicates: bool = False
    use_groups: bool = False  # split by PhotoInput.group instead of by gaps
    detect_360_by_shape: bool = True  # a photo without GPano XMP that is exactly 2:1 is a 360° panorama
