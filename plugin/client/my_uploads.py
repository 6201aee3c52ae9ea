"""The signed-in user's own sequences ("my uploads") and their deletion.

- `POST /1.0/list/my-list/` (access_token, page, ipp): the caller's sequences, newest first, as v1 list
  items (kartaview-api.md §3, §4.3: snake_case strings, `date_added` "YYYY-MM-DD  (HH:MM)",
  `image_processing_status` NEW / UPLOAD_FINISHED / PROCESSING_FINISHED / PROCESSING_FAILED ...).
  KartaView processes an upload after it is finished, sometimes for weeks (upload-scripts #145).
- `POST /1.0/sequence/remove/` (access_token, sequenceId): deletes one; refused with 618 for a sequence
  of someone else, 671/601 for one that does not exist (any more).

Functions over a KartaViewClient (no QGIS); every message is the client's, never holding the token.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from .errors import KartaViewError
from .parsing import to_datetime, to_float, to_int, to_str, total_count

MY_LIST_PATH = "1.0/list/my-list/"
REMOVE_PATH = "1.0/sequence/remove/"
IPP = 100  # the official uploader's page size
MAX_PAGES = 50
# KartaView's processing states (image_processing_status), in the order an upload goes through them
UPLOADING, UPLOAD_FINISHED, PROCESSING_FINISHED, PROCESSING_FAILED = (
    "NEW", "UPLOAD_FINISHED", "PROCESSING_FINISHED", "PROCESSING_FAILED")


@dataclass(frozen=True)
class MyUpload:
    id: int
    date_added: datetime | None
    photo_count: int | None
    distance_km: float | None
    status: str  # image_processing_status as KartaView sends it ("" when missing)
    location: str | None
    country_code: str | None

    @classmethod
    def from_v1(cls, item: dict) -> "MyUpload":
        sequence_id = to_int(item.get("id"))
        if sequence_id is None:
            raise ValueError("a my-list item without an id")
        return cls(sequence_id, to_datetime(item.get("date_added")), to_int(item.get("photo_no")),
                   to_float(item.get("distance")), to_str(item.get("image_processing_status")) or "",
                   to_str(item.get("location")), to_str(item.get("country_code")))

    def describe(self) -> str:
        """How a person recognises the sequence: id, date, photos, place (for a confirmation)."""
        parts = ["{}".format(self.id)]
        if self.date_added is not None:
            parts.append(self.date_added.strftime("%Y-%m-%d %H:%M"))
        if self.photo_count is not None:
            parts.append("{} photos".format(self.photo_count))
        if self.location:
            parts.append(self.location)
        return ", ".join(parts)


def my_uploads_page(client, access_token, page=1, ipp=IPP) -> tuple[list[MyUpload], int]:
    """One page of the caller's sequences and the total number of them."""
    payload = client.call("POST", MY_LIST_PATH, "listing your KartaView sequences",
                           data={"access_token": access_token, "page": str(page), "ipp": str(ipp)},
                           secrets=(access_token,))
    items = payload.get("currentPageItems") or []
    uploads = []
    for item in items if isinstance(items, list) else []:
        try:
            uploads.append(MyUpload.from_v1(item))
        except (ValueError, TypeError, AttributeError):
            continue  # one unreadable item does not hide the others
    total = total_count(payload.get("totalFilteredItems"))
    return uploads, len(uploads) if total is None else total


def my_uploads(client, access_token, ipp=IPP) -> list[MyUpload]:
    """All the caller's sequences (pages one after another: few users have thousands), newest first."""
    uploads, total = my_uploads_page(client, access_token, 1, ipp)
    for page in range(2, min(MAX_PAGES, math.ceil(total / ipp)) + 1):
        more, _total = my_uploads_page(client, access_token, page, ipp)
        if not more:
            break
        uploads.extend(more)
    seen, unique = set(), []
    for upload in uploads:  # a sequence finishing between two pages may show on both
        if upload.id not in seen:
            seen.add(upload.id)
            unique.append(upload)
    return unique


def delete_sequence(client, access_token, sequence_id) -> None:
    """Delete one of the caller's sequences. AuthenticationError (618) for a sequence of someone else,
    NotFoundError when it does not exist (any more); nothing is retried that could delete twice."""
    if to_int(sequence_id) is None:
        raise KartaViewError("Not a sequence id: {!r}.".format(sequence_id))
    client.call("POST", REMOVE_PATH, "deleting sequence {}".format(sequence_id),
                 data={"access_token": access_token, "sequenceId": str(sequence_id)}, secrets=(access_token,))
