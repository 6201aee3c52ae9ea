"""Run an upload plan against KartaView, journaled so that nothing is lost and nothing is sent twice.

The protocol is the official uploader's: create a sequence, upload its photos (concurrently), and
finish it only when every one of its photos is confirmed (stored, or answered "duplicate entry",
which means KartaView already has that index of that sequence).

Every network call is announced in the journal before it is made and recorded after it returns:

- A photo found "sending" or "failed" on resume is simply sent again to the same sequence and
  index: if the first attempt reached the server, the answer is 660 and it counts as confirmed.
- A sequence found "creating" on resume is ambiguous: the server may or may not have created it,
  and creating is not idempotent. It is created again. This is safe because no photo is ever sent
  to a sequence whose id the journal does not hold, so the worst outcome of a crash in that
  window is one empty, never-finished sequence on the server; never a photo stored twice.
  (KartaView has no way to find "the sequence I created a second ago" by a client key.)
- A sequence found "finishing" is finished again; a "not found/incorrect status" answer then
  means the first call went through.

Retries are bounded: the client retries transient failures itself (`retries` attempts with
backoff); on top of that a photo that still fails is put back in the queue up to `attempts` times
with its own growing delay, so a bad minute of network does not fail the run. A photo that still
fails is reported with its reason, its sequence is left open and a re-run completes it.

The plan is read lazily: a sequence is recorded in the journal when the upload reaches it, at most
`concurrency` photos are in flight (plus those waiting for a retry), a sequence is finished and
forgotten once its last photo is answered, and the summary keeps counts. So memory does not grow
with the number of photos.

Callbacks (`on_photo`, `on_sequence`) are called on the thread that called `run`; `cancel` is
polled at least every 0.2 s, and `run` returns within a second of it returning True (uploads in
flight finish in the background and still record their outcome in the journal).
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..client.errors import (
    AuthenticationError,
    BadRequestError,
    Cancelled,
    KartaViewError,
    NotFoundError,
    TransientError,
)
from . import journal as states

MAX_CONCURRENCY = 10
_POLL = 0.2

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

EVENT_CREATED = "created"
EVENT_RECREATED = "recreated"  # created again after an interrupted create (see module doc)
EVENT_FINISHED = "finished"
EVENT_LEFT_OPEN = "left_open"  # some photos not confirmed (detail says why); re-run to finish


@dataclass(frozen=True)
class PhotoResult:
    photo: object  # planner.PlannedPhoto
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


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)  # status -> number of photos
    created: int = 0  # sequences created by this run
    finished: int = 0  # sequences finished by this run
    left_open: int = 0  # sequences still to finish (re-run)
    cancelled: bool = False
    auth_error: str = ""


@dataclass
class _Work:
    """One server sequence this run works on (a planned one, or an earlier one holding a photo)."""

    key: str
    number: int
    record: object  # journal.SequenceRecord
    sequence_id: Optional[int] = None
    finished: bool = False
    pending: int = 0  # photos of this run not answered yet
    failures: int = 0
    create_error: Optional[tuple] = None  # (reason, detail) once creation gave up
    closed: bool = False  # no more photos of this run will come to it


@dataclass
class _Task:
    work: _Work
    photo: object
    index: int
    attempt: int = 0


@dataclass(frozen=True)
class _Close:
    """Marks the end of a planned sequence in the stream (key None: the end of the plan)."""

    key: Optional[str]


_RETRY = object()


class _Stop(Exception):
    """Cancel was requested while waiting for a create/finish call."""


class Uploader:
    def __init__(self, client, journal, access_token: str, *, concurrency: int = 4, attempts: int = 3,
                 retry_delay: float = 2.0, max_retry_delay: float = 30.0,
                 cancel: Optional[Callable[[], bool]] = None,
                 on_photo: Optional[Callable[[PhotoResult], None]] = None,
                 on_sequence: Optional[Callable[[SequenceEvent], None]] = None):
        self.client = client
        self.journal = journal
        self._token = access_token
        self.concurrency = max(1, min(MAX_CONCURRENCY, int(concurrency)))
        self.attempts = max(1, int(attempts))
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self._cancel = cancel or (lambda: False)
        self._on_photo = on_photo or (lambda result: None)
        self._on_sequence = on_sequence or (lambda event: None)
        self._cancelled = False

    def cancelled(self) -> bool:
        if not self._cancelled and self._cancel():
            self._cancelled = True
        return self._cancelled

    # -- the run ----------------------------------------------------------------------------------

    def run(self, plan) -> Summary:
        """Upload a split planner.Plan. Its photos are read lazily, a sequence being recorded in
        the journal when the upload reaches it, and at most `concurrency` of them are held at a
        time (plus those waiting for a retry): memory does not grow with the number of photos."""
        self._summary = Summary()
        self._works = {}  # journal sequence key -> _Work, while it may still get or answer photos
        self._stopping = False
        self._exhausted = False
        self._retries = []  # heap of (due time, tiebreak, task)
        self._tiebreak = itertools.count()
        stream = self._stream(plan)
        ready = deque()  # retries that are due
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="kartaview-upload")
        control = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kartaview-sequence")
        in_flight = {}
        try:
            while True:
                if self.cancelled() or self._summary.auth_error:
                    break
                self._fill(stream, ready, in_flight, pool, control)
                if not in_flight:
                    if ready or not (self._exhausted or self._retries):
                        continue
                    if not self._retries:
                        break
                    self._pause(self._retries[0][0] - time.monotonic())
                    self._requeue_due(ready, force=True)
                    continue
                done, _ = wait(in_flight, timeout=_POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    self._handle(in_flight.pop(future), future, control)
        except _Stop:
            pass
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            control.shutdown(wait=False, cancel_futures=True)
        self._stop_remaining(stream, ready, in_flight)
        for work in self._works.values():
            if work.sequence_id is not None and not work.finished:
                self._left_open(work)
        self._works = {}
        return self._summary

    def _stream(self, plan):
        """(sequence, photo, registered) in plan order, and a _Close after each sequence. Each
        sequence is recorded in the journal when reached; once the run stops, the rest are not."""
        for sequence in plan.sequences():
            registered = not self._stopping
            if registered:
                self.journal.register(sequence, plan.photos(sequence))
            for photo in plan.photos(sequence):
                yield sequence, photo, registered
            yield _Close(sequence.key)
        yield _Close(None)

    def _fill(self, stream, ready, in_flight, pool, control):
        self._requeue_due(ready)
        while len(in_flight) < self.concurrency and not self._summary.auth_error and not self.cancelled():
            if ready:
                task = ready.popleft()
            else:
                item = next(stream, None)
                if item is None:
                    self._exhausted = True
                    return
                task = self._close(item.key, control) if isinstance(item, _Close) else self._take(*item)
                if task is None:
                    continue
            work = task.work
            if work.sequence_id is None and work.create_error is None:
                try:
                    self._create(work, control)
                except _Stop:
                    ready.appendleft(task)
                    raise
            if work.create_error is not None:
                self._fail(task, *work.create_error)
                self._settle(work, control)
                continue
            in_flight[pool.submit(self._send, task, work.sequence_id)] = task

    def _take(self, sequence, photo, registered):
        """The task of a photo from the stream, or None when there is nothing to send."""
        place = self.journal.photo(photo.key)
        if not registered:  # the run has stopped: just report the photo
            if place is not None and place.state == states.CONFIRMED:
                record = self.journal.sequence(place.sequence_key)
                self._emit(PhotoResult(photo, ALREADY_UPLOADED, REASON_JOURNAL, "", record and record.sequence_id,
                                       place.sequence_index, sequence.number))
            else:
                reason, detail = self._stop_reason()
                self._emit(PhotoResult(photo, FAILED, reason, detail, None, photo.index, sequence.number))
            return None
        work = self._works.get(place.sequence_key)
        if work is None:
            record = self.journal.sequence(place.sequence_key)
            work = self._works[place.sequence_key] = _Work(place.sequence_key, sequence.number, record,
                                                           record.sequence_id, record.state == states.FINISHED)
        if place.state == states.CONFIRMED:
            self._emit(PhotoResult(photo, ALREADY_UPLOADED, REASON_JOURNAL, "", work.sequence_id,
                                   place.sequence_index, work.number))
            return None
        work.pending += 1
        return _Task(work, photo, place.sequence_index)

    def _close(self, key, control):
        """No more photos will come to the sequence `key` (None: to any sequence); returns None."""
        # A planned sequence only ever holds its own photos; an earlier run's sequence may get
        # photos of any planned sequence, so it closes at the end of the plan.
        if key is None:
            works = list(self._works.values())
        else:
            works = [self._works[key]] if key in self._works else []
        for work in works:
            work.closed = True
            self._settle(work, control)
        return None

    def _settle(self, work, control):
        """Once a closed sequence has all its answers: finish it (or report it left open) and
        forget it."""
        if not work.closed or work.pending:
            return
        self._finish_if_complete(work, control)
        if work.sequence_id is not None and not work.finished:
            self._left_open(work)
        self._works.pop(work.key, None)

    def _requeue_due(self, ready, force=False):
        now = time.monotonic()
        while self._retries and (force or self._retries[0][0] <= now):
            ready.append(heapq.heappop(self._retries)[2])
            force = False

    # -- sequences --------------------------------------------------------------------------------

    def _create(self, work, control):
        ambiguous = work.record.state == states.CREATING
        for attempt in range(self.attempts):
            if attempt:
                self._pause(self._delay(attempt - 1))
            try:
                work.sequence_id = self._blocking(control, self._create_call, work)
            except AuthenticationError as error:
                self._summary.auth_error = error.message
                work.create_error = (REASON_AUTH, error.message)
                return
            except TransientError as error:
                # Possibly created anyway: the journal still says "creating" (see module doc).
                work.create_error = (REASON_CREATE_FAILED, error.message)
                ambiguous = True
                continue
            except KartaViewError as error:
                work.create_error = (REASON_CREATE_FAILED, error.message)
                return
            work.create_error = None
            self._summary.created += 1
            self._on_sequence(SequenceEvent(EVENT_RECREATED if ambiguous else EVENT_CREATED, work.number,
                                            work.sequence_id))
            return

    def _create_call(self, work):
        self.journal.creating(work.key)
        try:
            sequence_id = self.client.create_sequence(self._token, work.record.lat, work.record.lng)
        except (TransientError, Cancelled):
            raise  # no answer: maybe created, "creating" stays (see module doc)
        except KartaViewError:
            self.journal.not_created(work.key)  # KartaView answered no: nothing to recreate next run
            raise
        self.journal.created(work.key, sequence_id)
        return sequence_id

    def _finish_if_complete(self, work, control):
        if work.sequence_id is None or work.pending or work.failures or work.finished:
            return
        if self.journal.unconfirmed(work.key):
            return  # photos planned in an earlier run but not part of this one
        for attempt in range(self.attempts):
            try:
                self._blocking(control, self._finish_call, work)
                work.finished = True
                self._summary.finished += 1
                self._on_sequence(SequenceEvent(EVENT_FINISHED, work.number, work.sequence_id))
                return
            except AuthenticationError as error:
                self._summary.auth_error = error.message
                return
            except TransientError:
                if attempt + 1 < self.attempts:
                    self._pause(self._delay(attempt))
            except KartaViewError:
                return

    def _finish_call(self, work):
        was_finishing = self.journal.sequence(work.key).state == states.FINISHING
        self.journal.finishing(work.key)
        try:
            self.client.finish_sequence(self._token, work.sequence_id)
        except NotFoundError:
            if not was_finishing:
                raise
            # The interrupted finish went through; the sequence no longer accepts a second one.
        self.journal.finished(work.key)

    def _left_open(self, work):
        if work.failures:
            detail = "{} photo(s) not confirmed".format(work.failures)
        elif self._summary.cancelled or self._summary.auth_error:
            detail = "the upload was interrupted"
        else:
            detail = "photos of an earlier run of this sequence were not part of this run"
        self._summary.left_open += 1
        self._on_sequence(SequenceEvent(EVENT_LEFT_OPEN, work.number, work.sequence_id, detail))

    # -- photos -----------------------------------------------------------------------------------

    def _send(self, task, sequence_id):
        """Runs on a pool thread: journal, upload (streamed by the client), journal."""
        photo = task.photo
        self.journal.sending(photo.key)
        try:
            result = self.client.upload_photo(
                self._token, sequence_id, task.index, photo.lat, photo.lng, photo.path,
                shot_date=photo.captured_at, heading=photo.heading, cancel=self.cancelled)
        except Exception as error:
            self.journal.failed(photo.key, "{}: {}".format(type(error).__name__, _message(error)))
            raise
        self.journal.confirmed(photo.key, result.photo_id, result.duplicate)
        return result

    def _handle(self, task, future, control):
        work = task.work
        failure = self._failure(task, future)
        if failure is _RETRY:
            return
        if failure is not None:
            self._fail(task, *failure)
        else:
            result = future.result()
            work.pending -= 1
            reason = REASON_DUPLICATE if result.duplicate else ""
            self._emit(PhotoResult(task.photo, ALREADY_UPLOADED if result.duplicate else UPLOADED, reason, "",
                                   work.sequence_id, task.index, work.number))
        self._settle(work, control)

    def _failure(self, task, future):
        """None when the upload succeeded, _RETRY when it is queued again, else (reason, detail)."""
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
                due = time.monotonic() + self._delay(task.attempt - 1)
                heapq.heappush(self._retries, (due, next(self._tiebreak), task))
                return _RETRY
            return REASON_SEND_FAILED, _message(error)
        except Exception as error:  # e.g. the journal could not be written: report, never crash the run
            return REASON_SEND_FAILED, _message(error)
        return None

    def _fail(self, task, reason, detail):
        task.work.pending -= 1
        task.work.failures += 1
        self._emit(PhotoResult(task.photo, FAILED, reason, detail, task.work.sequence_id, task.index,
                               task.work.number))

    def _stop_reason(self):
        if self._summary.auth_error:
            return REASON_AUTH, self._summary.auth_error
        return REASON_CANCELLED, ""

    def _stop_remaining(self, stream, ready, in_flight):
        """Report every photo not answered: those in hand, then the rest of the plan (without
        recording further sequences in the journal)."""
        self._summary.cancelled = self._cancelled
        self._stopping = True
        reason, detail = self._stop_reason()
        leftovers = list(ready) + [entry[2] for entry in self._retries] + list(in_flight.values())
        ready.clear()
        self._retries = []
        for task in leftovers:
            self._fail(task, reason, detail)
        for item in stream:
            task = None if isinstance(item, _Close) else self._take(*item)
            if task is not None:
                self._fail(task, reason, detail)

    def _emit(self, result):
        counts = self._summary.counts
        counts[result.status] = counts.get(result.status, 0) + 1
        self._on_photo(result)

    # -- waiting ----------------------------------------------------------------------------------

    def _delay(self, attempt) -> float:
        return min(self.max_retry_delay, self.retry_delay * 2 ** attempt)

    def _pause(self, seconds):
        end = time.monotonic() + max(0.0, seconds)
        while time.monotonic() < end:
            if self.cancelled():
                raise _Stop()
            time.sleep(min(_POLL, max(0.0, end - time.monotonic())))

    def _blocking(self, control, function, *args):
        """function(*args) on the control thread, waiting for it while polling cancel."""
        future = control.submit(function, *args)
        while True:
            done, _ = wait([future], timeout=_POLL)
            if done:
                return future.result()
            if self.cancelled():
                raise _Stop()


def _message(error) -> str:
    return getattr(error, "message", None) or str(error) or type(error).__name__
