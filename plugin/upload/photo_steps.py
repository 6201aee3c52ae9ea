"""The photo side of the upload (a mixin of uploader.Uploader): send one photo with its journal
entries around it, and turn the answer into a result, a retry or a failure."""

from __future__ import annotations

import heapq
import time

from ..client.errors import AuthenticationError, BadRequestError, Cancelled, KartaViewError, NotFoundError
from .journal_errors import JournalError
from .reading import _Due
from .results import (
    ALREADY_UPLOADED,
    FAILED,
    REASON_AUTH,
    REASON_CANCELLED,
    REASON_DUPLICATE,
    REASON_FILE,
    REASON_JOURNAL_ERROR,
    REASON_NOT_JOURNALED,
    REASON_REJECTED,
    REASON_SEND_FAILED,
    UPLOADED,
    PhotoResult,
)

RETRY = object()


class JournalFailure(Exception):
    """The journal failed around an upload; `result` is KartaView's answer if the photo got there."""

    def __init__(self, error, result=None):
        super().__init__(str(error))
        self.error = error
        self.result = result


class PhotoSteps:
    """Needs the Uploader's client, journal, _summary, _retries and callbacks."""

    # -- photos -----------------------------------------------------------------------------------

    def _send(self, task, sequence_id):
        """Runs on a pool thread: journal, upload (streamed by the client), journal."""
        photo = task.photo
        try:
            self.journal.sending(photo.key)
        except JournalError as error:
            raise JournalFailure(error) from error  # nothing was sent
        try:
            result = self.client.upload_photo(
                self._token, sequence_id, task.index, photo.lat, photo.lng, photo.path,
                shot_date=photo.captured_at, heading=photo.heading, cancel=self.cancelled, **_projection(photo))
        except Exception as error:
            try:
                self.journal.failed(photo.key, "{}: {}".format(type(error).__name__, _message(error)))
            except JournalError as journal_error:
                raise JournalFailure(journal_error) from error
            raise
        try:
            self.journal.confirmed(photo.key, result.photo_id, result.duplicate)
        except JournalError as error:
            # On KartaView, recorded as "sending": a re-run resends it and is answered "duplicate".
            raise JournalFailure(error, result) from error
        return result

    def _handle(self, task, future):
        work = task.work
        error = future.exception()
        if isinstance(error, JournalFailure):
            self._summary.journal_error = self._summary.journal_error or error.error
            if error.result is None:
                self._fail(task, REASON_JOURNAL_ERROR, error.error.detail)
            else:
                work.pending -= 1
                self._emit(PhotoResult(task.photo, UPLOADED, REASON_NOT_JOURNALED, error.error.detail,
                                       work.sequence_id, task.index, work.number))
            return
        failure = self._failure(task, future)
        if failure is RETRY:
            return
        if failure is not None:
            self._fail(task, *failure)
        else:
            result = future.result()
            work.pending -= 1
            reason = REASON_DUPLICATE if result.duplicate else ""
            self._emit(PhotoResult(task.photo, ALREADY_UPLOADED if result.duplicate else UPLOADED, reason, "",
                                   work.sequence_id, task.index, work.number))
        self._settle(work)

    def _failure(self, task, future):
        """None when the upload succeeded, RETRY when it is queued again, else (reason, detail)."""
        try:
            future.result()
        except Cancelled:
            return REASON_CANCELLED, ""
        except AuthenticationError as error:
            self._summary.auth_error = error.message
            return REASON_AUTH, error.message
        except (BadRequestError, NotFoundError) as error:
            return REASON_REJECTED, error.message
        except OSError as error:
            return REASON_FILE, _message(error)
        except KartaViewError as error:
            if task.attempt + 1 < self.attempts and not self.cancelled():
                task.attempt += 1
                due = time.monotonic() + self._wait(task.attempt - 1, error)
                heapq.heappush(self._retries, _Due(due, next(self._tiebreak), task))
                return RETRY
            return REASON_SEND_FAILED, _message(error)
        except Exception as error:  # e.g. the journal could not be written: report, never crash the run
            return REASON_SEND_FAILED, _message(error)
        return None

    def _fail(self, task, reason, detail):
        task.work.pending -= 1
        task.work.failures += 1
        self._emit(PhotoResult(task.photo, FAILED, reason, detail, task.work.sequence_id, task.index,
                               task.work.number))

    def _emit(self, result):
        counts = self._summary.counts
        counts[result.status] = counts.get(result.status, 0) + 1
        self._on_photo(result)


def _projection(photo) -> dict:
    """The panorama fields of a 360° photo; none for a flat one (KartaView's default is PLANE)."""
    if not photo.is_sphere:
        return {}
    return {"projection": photo.projection, "field_of_view": photo.field_of_view or 360,
            "projection_yaw": photo.yaw}


def _message(error) -> str:
    return getattr(error, "message", None) or str(error) or type(error).__name__
