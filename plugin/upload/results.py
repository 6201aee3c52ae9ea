"""What an upload run reports: a result per photo, events per sequence, and a summary (uploader.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

UPLOADED = "uploaded"
ALREADY_UPLOADED = "already uploaded"
FAILED = "failed"

REASON_JOURNAL = "journal"  # confirmed in an earlier run
REASON_DUPLICATE = "duplicate"  # KartaView answered "duplicate entry"
REASON_AUTH = "auth"
REASON_REJECTED = "rejected"  # 61x: the server refused a field; resending will not help
REASON_SEND_FAILED = "send_failed"  # transient failures outlasted the retries; re-run
REASON_FILE = "file_error"  # the photo file could not be read any more
REASON_CREATE_FAILED = "create_failed"
REASON_CANCELLED = "cancelled"
REASON_OTHER_RUN = "other_run"  # confirmed by another run while this one waited for it
REASON_JOURNAL_ERROR = "journal_error"  # the journal could not be written: the run stopped
REASON_NOT_JOURNALED = "not_journaled"  # uploaded, but the journal could not record it

EVENT_CREATED = "created"
EVENT_RECREATED = "recreated"  # created again after an interrupted create (see module doc)
EVENT_FINISHED = "finished"
EVENT_LEFT_OPEN = "left_open"  # some photos not confirmed (detail says why); re-run to finish
EVENT_WAITING = "waiting"  # another run holds the sequence (`run`): its `photos` wait for it


@dataclass(frozen=True)
class PhotoResult:
    photo: object  # plan_types.PlannedPhoto
    status: str
    reason: str = ""
    detail: str = ""
    sequence_id: Optional[int] = None
    sequence_index: Optional[int] = None
    sequence_number: Optional[int] = None


@dataclass(frozen=True)
class SequenceEvent:
    kind: str
    number: int
    sequence_id: Optional[int]
    detail: str = ""
    run: Optional[object] = None  # claims.RunInfo of the other run (EVENT_WAITING)
    photos: int = 0  # photos of the sequence not confirmed yet (EVENT_WAITING)


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)  # status -> number of photos
    created: int = 0  # sequences created by this run
    finished: int = 0  # sequences finished by this run
    left_open: int = 0  # sequences still to finish (re-run)
    cancelled: bool = False
    auth_error: str = ""
    journal_error: Optional[Exception] = None  # journal_errors.JournalError that stopped the run
