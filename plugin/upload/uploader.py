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

The pipe stays full: every request (photo, create, finish) runs on the pool in a slot of an
AdaptiveLimit (`concurrency` slots, halved while KartaView answers 429/503, see
client/concurrency.py) and is answered in one loop that never sleeps while something could be sent.
A failed call goes back in a queue with the time it is due (backoff or Retry-After), its slot
serving others meanwhile; the next sequence is created while the previous one's last photos are
still in flight; a finish runs beside the next sequence's photos.

The plan is read lazily: a sequence is recorded in the journal when the upload reaches it (or two
rounds of photos before, to create it ahead), at most `concurrency` photos are in hand (plus those
waiting for a retry), a sequence is finished and forgotten once its last photo is answered, and the
summary keeps counts. So memory does not grow with the number of photos.

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
from typing import Callable, Optional

from ..client.concurrency import AdaptiveLimit, is_overload
from . import claims
from .journal_errors import JournalError
from .photo_steps import PhotoSteps
from .reading import PlanReading, _Ahead, _Close, _Task, _Work
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
from .sequence_steps import CREATE, POLL, SequenceSteps

MAX_CONCURRENCY = 10


class Uploader(SequenceSteps, PhotoSteps, PlanReading):
    def __init__(self, client, journal, access_token: str, *, concurrency: int = 4, attempts: int = 3,
                 retry_delay: float = 0.5, max_retry_delay: float = 30.0,
                 cancel: Optional[Callable[[], bool]] = None,
                 on_photo: Optional[Callable[[PhotoResult], None]] = None,
                 on_sequence: Optional[Callable[[SequenceEvent], None]] = None):
        self.client = client
        self.journal = journal
        self._token = access_token
        self.concurrency = max(1, min(MAX_CONCURRENCY, int(concurrency)))
        # Requests in flight (photos, creates, finishes): up to `concurrency`, fewer while KartaView
        # answers 429/503 (client/concurrency.py).
        self.limit = AdaptiveLimit(self.concurrency)
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
        time (plus those waiting for a retry): memory does not grow with the number of photos.

        One loop, which never sleeps while something could be sent: every request (photo, create,
        finish) runs on the pool and is answered here; a failed one goes back in a queue with the
        time it is due (backoff or Retry-After) and its slot serves others meanwhile. The next
        sequence is created about two rounds of photos before its first photo is read (reading.py),
        and a sequence is finished beside the next one's photos."""
        self._summary = Summary()
        self._works = {}  # journal sequence key -> _Work, while it may still get or answer photos
        self._stopping = False
        self._blocked = None  # the stream item held by another run, and when to look again
        self._waited = set()  # (run, sequence key) already announced as waited for
        self.journal.start_run()
        beating = threading.Event()
        threading.Thread(target=self._beat, args=(beating,), daemon=True, name="kartaview-journal-heartbeat").start()
        self._exhausted = False
        self._retries = []  # heap of _Due(task): photos to send again
        self._calls = []  # heap of _Due(work): creates and finishes to make
        self._later_creates = deque()  # creates waiting for the one under way (see _create)
        self._tiebreak = itertools.count()
        self._parked = 0  # photos waiting for their sequence to be created
        self._photos_out = 0  # photos in flight
        stream = self._stream(plan)
        ready = deque()  # photos that can be sent now (retries that are due, photos of a created sequence)
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="kartaview-upload")
        in_flight = {}  # future -> (task or _Work, concurrency slot)
        try:
            while True:
                if self.cancelled() or self._stopped():
                    break
                self._fill(stream, ready, in_flight, pool)
                if self._stopped():
                    break
                if not in_flight and not ready and self._idle():
                    break
                timeout = self._until_due()
                if not in_flight:
                    time.sleep(timeout)
                    continue
                done, _ = wait(in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done:
                    job, slot = in_flight.pop(future)
                    error = future.exception()
                    self.limit.release(slot, overload=is_overload(error), success=error is None)
                    if isinstance(job, _Work):
                        self._called(job, future, ready)
                    else:
                        self._photos_out -= 1
                        self._handle(job, future)
        except JournalError as error:
            self._summary.journal_error = error
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
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

    def _idle(self):
        """Nothing more to do: the plan is read, and no call, retry or photo of another run waits."""
        return self._exhausted and not self._retries and not self._calls and self._blocked is None

    def _until_due(self):
        """How long the loop may wait for an answer before something else is due (at most POLL)."""
        due = [queue[0].at for queue in (self._retries, self._calls) if queue]
        if self._blocked is not None:
            due.append(self._blocked.until)
        return max(0.0, min([POLL] + [when - time.monotonic() for when in due]))

    def _stopped(self):
        return bool(self._summary.auth_error or self._summary.journal_error)

    def _beat(self, stop):
        while not stop.wait(claims.HEARTBEAT_SECONDS):
            try:
                self.journal.heartbeat()
            except JournalError:
                pass  # the run itself meets the error at its next write

    def _fill(self, stream, ready, in_flight, pool):
        """Start what can start, while there are free slots: due creates and finishes first (a
        create unblocks photos, a finish is short), then photos due again, then new photos (at most
        as many in hand as the limit allows)."""
        self._requeue_due(ready)
        self._start_calls(in_flight, pool)
        while not self._stopped() and not self.cancelled():
            if ready:
                task = ready.popleft()
            elif self._photos_out + self._parked >= self.limit.limit:
                return  # as many photos in hand as may be in flight
            elif self._blocked is not None:
                if time.monotonic() < self._blocked.until:
                    self._release_idle()
                    return
                item, self._blocked = self._blocked.item, None
                task = self._take(*item)
                if task is None:
                    continue
            else:
                item = next(stream, None)
                if item is None:
                    self._exhausted = True
                    return
                if isinstance(item, _Ahead):
                    self._ahead(item.sequence, in_flight, pool)
                    continue
                task = self._close(item.key) if isinstance(item, _Close) else self._take(*item)
                if task is None:
                    continue
            work = task.work
            if work.create_error is not None:
                self._fail(task, *work.create_error)
                self._settle(work)
                continue
            if work.sequence_id is None:  # sent once it is created
                work.waiting.append(task)
                self._parked += 1
                if work.call is None:
                    self._create(work)
                    self._start_calls(in_flight, pool)
                continue
            slot = self.limit.try_acquire()
            if slot is None:
                ready.appendleft(task)
                return
            self._photos_out += 1
            in_flight[pool.submit(self._send, task, work.sequence_id)] = (task, slot)

    def _start_calls(self, in_flight, pool):
        """Start the creates and finishes that are due, while there are free slots."""
        now = time.monotonic()
        while self._calls and self._calls[0].at <= now and not self._stopped() and not self.cancelled():
            slot = self.limit.try_acquire()
            if slot is None:
                return
            work = heapq.heappop(self._calls).item
            call = self._create_call if work.call == CREATE else self._finish_call
            in_flight[pool.submit(call, work)] = (work, slot)

    def _requeue_due(self, ready):
        now = time.monotonic()
        while self._retries and self._retries[0].at <= now:
            ready.append(heapq.heappop(self._retries).item)

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
        parked = [task for work in self._works.values() for task in work.waiting]
        leftovers = (list(ready) + [entry.item for entry in self._retries] + parked
                     + [job for job, _ in in_flight.values() if isinstance(job, _Task)])
        ready.clear()
        self._retries = []
        for work in self._works.values():
            work.waiting.clear()
        for task in leftovers:
            self._fail(task, reason, detail)
        if self._blocked is not None:
            self._report_unsent(self._blocked.item.sequence, self._blocked.item.photo)
            self._blocked = None
        for item in stream:
            if not isinstance(item, _Close):
                self._report_unsent(item.sequence, item.photo)
