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

Runs at the same time on the same journal (see claims.py) never send a photo twice: a run takes
a photo only with the claim of its sequence; a photo whose sequence another live run holds makes
this run wait (EVENT_WAITING says for which run), reading no further into the plan meanwhile, and
once the other run lets go the photo is reported "already uploaded" by it, or sent by this run.

A journal that can no longer be written (full disk, ...) stops the run like a revoked token: the
photos are reported (REASON_JOURNAL_ERROR; REASON_NOT_JOURNALED for one KartaView confirmed after
the journal failed) and `Summary.journal_error` holds the JournalError naming the file.

Retries are bounded: a photo that fails is put back in the queue up to `attempts` times with its
own growing delay (or the server's Retry-After), so a bad minute of network does not fail the run.
This is the only retry layer of an upload: the Processing algorithm gives the uploader a client
that does not retry by itself (retries=0), so a photo is sent at most `attempts` times (the client
retried 4 times inside each attempt: up to 15 sends of one photo). A photo that still fails is
reported with its reason, its sequence is left open and a re-run completes it.

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
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable, Optional

from . import claims
from . import journal as states
from .journal_errors import JournalError
from .photo_steps import PhotoSteps
from .results import (  # noqa: F401 (the names callers know as uploader.*)
    ALREADY_UPLOADED,
    EVENT_CREATED,
    EVENT_FINISHED,
    EVENT_LEFT_OPEN,
    EVENT_RECREATED,
    EVENT_WAITING,
    FAILED,
    REASON_AUTH,
    REASON_CANCELLED,
    REASON_CREATE_FAILED,
    REASON_DUPLICATE,
    REASON_FILE,
    REASON_JOURNAL,
    REASON_JOURNAL_ERROR,
    REASON_NOT_JOURNALED,
    REASON_OTHER_RUN,
    REASON_REJECTED,
    REASON_SEND_FAILED,
    UPLOADED,
    PhotoResult,
    SequenceEvent,
    Summary,
)
from .sequence_steps import POLL, SequenceSteps, Stop

MAX_CONCURRENCY = 10
_RECHECK = 0.5  # how often a photo held by another run is looked at again


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
    claimed: bool = False  # this run holds its claim in the journal
    handed_over: bool = False  # another run holds it now and will finish it
    finish_error: Optional[str] = None  # why finishing it failed, said when it is left open


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


class Uploader(SequenceSteps, PhotoSteps):
    def __init__(self, client, journal, access_token: str, *, concurrency: int = 4, attempts: int = 3,
                 retry_delay: float = 0.5, max_retry_delay: float = 30.0,
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
        self._blocked = None  # the stream item held by another run, and when to look again
        self._waited = set()  # (run, sequence key) already announced as waited for
        self.journal.start_run()
        beating = threading.Event()
        threading.Thread(target=self._beat, args=(beating,), daemon=True, name="kartaview-journal-heartbeat").start()
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
                if self.cancelled() or self._stopped():
                    break
                self._fill(stream, ready, in_flight, pool, control)
                if self._stopped():
                    break
                if not in_flight:
                    if ready or not (self._exhausted or self._retries):
                        if self._blocked is not None and not ready:
                            self._pause(POLL)  # waiting for another run
                        continue
                    if not self._retries:
                        break
                    self._pause(self._retries[0][0] - time.monotonic())
                    self._requeue_due(ready, force=True)
                    continue
                done, _ = wait(in_flight, timeout=POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    self._handle(in_flight.pop(future), future, control)
        except Stop:
            pass
        except JournalError as error:
            self._summary.journal_error = error
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            control.shutdown(wait=False, cancel_futures=True)
        try:
            self._stop_remaining(stream, ready, in_flight)
            for work in self._works.values():
                if work.sequence_id is not None and not work.finished and not work.handed_over:
                    self._left_open(work)
        finally:
            self._works = {}
            beating.set()
            try:
                self.journal.end_run()
            except JournalError:
                pass  # the claims of a run that is gone are free anyway (see claims.py)
        return self._summary

    def _stopped(self):
        return bool(self._summary.auth_error or self._summary.journal_error)

    def _beat(self, stop):
        while not stop.wait(claims.HEARTBEAT_SECONDS):
            try:
                self.journal.heartbeat()
            except JournalError:
                pass  # the run itself meets the error at its next write

    def _stream(self, plan):
        """(sequence, photo, registered) in plan order, and a _Close after each sequence. Each
        sequence is recorded in the journal when reached; once the run stops, the rest are not."""
        for sequence in plan.sequences():
            registered = not self._stopping
            if registered:
                try:
                    self.journal.register(sequence, plan.photos(sequence))
                except JournalError as error:  # its photos are reported as not sent
                    self._summary.journal_error = self._summary.journal_error or error
                    registered = False
            for photo in plan.photos(sequence):
                yield sequence, photo, registered
            yield _Close(sequence.key)
        yield _Close(None)

    def _fill(self, stream, ready, in_flight, pool, control):
        self._requeue_due(ready)
        while len(in_flight) < self.concurrency and not self._stopped() and not self.cancelled():
            if ready:
                task = ready.popleft()
            elif self._blocked is not None:
                if time.monotonic() < self._blocked[1]:
                    self._release_idle()
                    return
                item, self._blocked = self._blocked[0], None
                task = self._take(*item)
                if task is None:
                    continue
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
                except (Stop, JournalError):
                    ready.appendleft(task)  # reported with the rest
                    raise
            if work.create_error is not None:
                self._fail(task, *work.create_error)
                self._settle(work, control)
                continue
            in_flight[pool.submit(self._send, task, work.sequence_id)] = task

    def _take(self, sequence, photo, registered):
        """The task of a photo from the stream, or None when there is nothing to send now (sets
        self._blocked when another run holds its sequence)."""
        if not registered:  # the run has stopped: just report the photo
            self._report_unsent(sequence, photo)
            return None
        try:
            take = self.journal.take(photo.key)
        except JournalError as error:
            self._summary.journal_error = self._summary.journal_error or error
            self._report_unsent(sequence, photo)
            return None
        place = take.place
        if take.blocker is not None:
            self._blocked = ((sequence, photo, registered), time.monotonic() + _RECHECK)
            self._waiting(take, sequence)
            return None
        work = self._works.get(place.sequence_key)
        if work is None:
            work = self._works[place.sequence_key] = _Work(place.sequence_key, sequence.number, take.record,
                                                           take.record.sequence_id)
        work.record = take.record  # as of now: another run may have created or finished it meanwhile
        work.finished = work.finished or take.record.state == states.FINISHED
        if work.sequence_id is None:
            work.sequence_id = take.record.sequence_id
        if place.state == states.CONFIRMED:
            waited = any(key == place.sequence_key for _, key in self._waited)
            self._emit(PhotoResult(photo, ALREADY_UPLOADED, REASON_OTHER_RUN if waited else REASON_JOURNAL, "",
                                   work.sequence_id, place.sequence_index, work.number))
            return None
        work.claimed = True
        work.handed_over = False
        work.pending += 1
        return _Task(work, photo, place.sequence_index)

    def _waiting(self, take, sequence):
        """Another run holds the photo's sequence: say so once per run and sequence, and let go of
        the sequences this run has nothing in flight for (so the two runs never wait for each other)."""
        key = (take.blocker.run, take.place.sequence_key)
        if key not in self._waited:
            self._waited.add(key)
            self._on_sequence(SequenceEvent(EVENT_WAITING, sequence.number, take.record.sequence_id,
                                            run=take.blocker, photos=self.journal.unconfirmed(key[1])))
        self._release_idle()

    def _release_idle(self):
        for work in self._works.values():
            if work.claimed and not work.pending:
                self.journal.release(work.key)
                work.claimed = False

    def _report_unsent(self, sequence, photo):
        """Report a photo the stopped run will not send (reading the journal only)."""
        try:
            place = self.journal.photo(photo.key)
            record = self.journal.sequence(place.sequence_key) if place is not None else None
        except JournalError:
            place = record = None
        if place is not None and place.state == states.CONFIRMED:
            self._emit(PhotoResult(photo, ALREADY_UPLOADED, REASON_JOURNAL, "", record and record.sequence_id,
                                   place.sequence_index, sequence.number))
        else:
            reason, detail = self._stop_reason()
            self._emit(PhotoResult(photo, FAILED, reason, detail, None, photo.index, sequence.number))

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
        if work.sequence_id is not None and not work.finished and not work.handed_over:
            self._left_open(work)
        if work.claimed:
            self.journal.release(work.key)
            work.claimed = False
        self._works.pop(work.key, None)

    def _requeue_due(self, ready, force=False):
        now = time.monotonic()
        while self._retries and (force or self._retries[0][0] <= now):
            ready.append(heapq.heappop(self._retries)[2])
            force = False

    def _stop_reason(self):
        if self._summary.journal_error is not None:
            return REASON_JOURNAL_ERROR, self._summary.journal_error.detail
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
        if self._blocked is not None:
            self._report_unsent(*self._blocked[0][:2])
            self._blocked = None
        for item in stream:
            if not isinstance(item, _Close):
                self._report_unsent(*item[:2])
