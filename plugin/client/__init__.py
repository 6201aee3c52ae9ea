"""Pure-Python KartaView API client (no qgis import): models, errors, the client and tile math."""

from .client import KartaViewClient
from .errors import (
                     AuthenticationError,
                     BadRequestError,
                     Cancelled,
                     DuplicateError,
                     KartaViewError,
                     NotFoundError,
                     TransientError,
)
from .models import Account, Photo, PhotoList, RoadSegment, Sequence, UploadedPhoto
from .tiles import tile_bbox, tiles_for_bbox

__all__ = [
    "KartaViewClient",
    "KartaViewError", "TransientError", "DuplicateError", "AuthenticationError", "BadRequestError",
    "NotFoundError", "Cancelled",
    "Photo", "PhotoList", "Sequence", "RoadSegment", "Account", "UploadedPhoto",
    "tiles_for_bbox", "tile_bbox",
]
