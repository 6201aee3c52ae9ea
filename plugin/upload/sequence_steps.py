"""The sequence side of the upload (a mixin of uploader.Uploader): create a sequence, finish it once
all its photos are confirmed, report it left open; and the backoff before a call is made again.
The protocol and its crash cases are described in uploader.py."""

from __future__ import annotations

import heapq
import time

from ..client.errors import AuthenticationError, Cancelled, KartaViewError, NotFoundError, TransientError
from . import journal as states
from .journal_errors import JournalError
from .reading import _Due
from .results import (
    EVENT_CREATED,
    EVENT_FINISHED,
    EVENT_LEFT_OPEN,
    EVENT_RECREATED,
    REASON_AUTH,
    REASON_CREATE_FAILED,
    SequenceEvent,
)

POLL = 0.2  # the longest the run's loop waits without looking at cancel and the queues
CREATE, FINISH = "create", "finish"


class SequenceSteps:
    """Needs the Uploader's client, journal, _summary, _calls, attempts, retry delays and callbacks.

    Creates and finishes are queued (`_calls`, by due time) and run on the upload pool like photos,
    each in a slot of the limit; their answers come back to `_called` on the run's thread. A failed
    call is queued again after its backoff: nothing waits meanwhile but the photos of a sequence
    not created yet."""

    # -- sequences --------------------------------------------------------------------------------

    def _create(self, work):
        """Queue the creation of work's sequence (its photos wait in work.waiting). One create at a
        time, so that KartaView numbers the sequences in plan order (the next one is created ahead)."""
        work.ambiguous = work.ambiguous or work.record.state == states.CREATING
        work.attempt = 0
        if any(other.call == CREATE for other in self._works.values() if other is not work):
            work.call = CREATE  # queued behind the create under way
            self._later_creates.append(work)
            return
        self._queue_call(work, CREATE, 0.0)

    def _next_create(self):
        """The create under way is over (made, or given up): the next one may go."""
        if self._later_creates:
            self._queue_call(self._later_creates.popleft(), CREATE, 0.0)

    def _queue_call(self, work, call, delay):
        work.call = call
        heapq.heappush(self._calls, _Due(time.monotonic() + delay, next(self._tiebreak), work))

    def _create_call(self, work):
        """Runs on a pool thread: journal, create, journal."""
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

    def _called(self, work, future, ready):
        """A create or finish call of work answered (on the run's thread)."""
        call, work.call = work.call, None
        error = future.exception()
        if isinstance(error, JournalError):  # the run stops; waiting photos are reported with the rest
            self._summary.journal_error = self._summary.journal_error or error
            return
        if call == CREATE:
            self._created(work, future, error, ready)
        else:
            self._finished(work, error)

    def _created(self, work, future, error, ready):
        self._answered_create(work, future, error, ready)
        if work.call is None:  # not to be tried again
            self._next_create()

    def _answered_create(self, work, future, error, ready):
        if error is None:
            work.sequence_id = future.result()
            work.create_error = None
            self._summary.created += 1
            self._on_sequence(SequenceEvent(EVENT_RECREATED if work.ambiguous else EVENT_CREATED, work.number,
                                            work.sequence_id))
            self._parked -= len(work.waiting)
            ready.extend(work.waiting)
            work.waiting.clear()
            self._settle(work)  # created ahead, its photos may all have been answered otherwise meanwhile
            return
        if isinstance(error, AuthenticationError):
            self._summary.auth_error = error.message
            work.create_error = (REASON_AUTH, error.message)
        elif isinstance(error, TransientError):
            # Possibly created anyway: the journal still says "creating" (see module doc).
            work.ambiguous = True
            if work.attempt + 1 < self.attempts and not self.cancelled():
                work.attempt += 1  # create_error stays None: photos read meanwhile wait for it
                self._queue_call(work, CREATE, self._wait(work.attempt - 1, error))
                return
            work.create_error = (REASON_CREATE_FAILED, error.message)
        else:
            work.create_error = (REASON_CREATE_FAILED, getattr(error, "message", None) or str(error))
        self._parked -= len(work.waiting)
        for task in list(work.waiting):
            self._fail(task, *work.create_error)
        work.waiting.clear()
        self._settle(work)

    def _settle(self, work):
        """Once a closed sequence has all its answers: queue its finish, or forget it (reporting it
        left open when it is not finished)."""
        if not work.closed or work.pending or work.call is not None:
            return
        if self._finish_wanted(work):
            work.attempt = 0
            self._queue_call(work, FINISH, 0.0)
            return
        self._forget(work)

    def _finish_wanted(self, work) -> bool:
        """Is the sequence complete, this run's to finish, and not finished yet?"""
        if work.sequence_id is None or work.pending or work.failures or work.finished:
            return False
        if self.journal.unconfirmed(work.key):
            return False  # photos planned in an earlier run but not part of this one
        if not work.claimed:
            if self.journal.claim(work.key) is not None:
                work.handed_over = True  # another run works on it and will finish it
                return False
            work.claimed = True
        if self.journal.sequence(work.key).state == states.FINISHED:
            work.finished = True  # by another run
            return False
        return True

    def _finish_call(self, work):
        """Runs on a pool thread: journal, finish, journal."""
        was_finishing = self.journal.sequence(work.key).state == states.FINISHING
        self.journal.finishing(work.key)
        try:
            self.client.finish_sequence(self._token, work.sequence_id)
        except NotFoundError:
            if not was_finishing:
                raise
            # The interrupted finish went through; the sequence no longer accepts a second one.
        self.journal.finished(work.key)

    def _finished(self, work, error):
        if error is None:
            work.finished = True
            self._summary.finished += 1
            self._on_sequence(SequenceEvent(EVENT_FINISHED, work.number, work.sequence_id))
        elif isinstance(error, AuthenticationError):
            self._summary.auth_error = error.message
        elif isinstance(error, TransientError):
            work.finish_error = error.message
            if work.attempt + 1 < self.attempts and not self.cancelled():
                self._queue_call(work, FINISH, self._wait(work.attempt, error))
                work.attempt += 1
                return
        else:  # e.g. a redirect the plugin refused to follow
            work.finish_error = getattr(error, "message", None) or str(error)
        self._forget(work)

    def _forget(self, work):
        """Done with the sequence in this run: report it left open unless finished, let go of it."""
        if work.sequence_id is not None and not work.finished and not work.handed_over:
            self._left_open(work)
        if work.claimed:
            self.journal.release(work.key)
            work.claimed = False
        self._works.pop(work.key, None)

    def _left_open(self, work):
        if work.failures:
            detail = "{} photo(s) not confirmed".format(work.failures)
        elif self._summary.cancelled or self._summary.auth_error:
            detail = "the upload was interrupted"
        elif work.finish_error:
            detail = "finishing it failed: {}".format(work.finish_error)
        else:
            detail = "photos of an earlier run of this sequence were not part of this run"
        self._summary.left_open += 1
        self._on_sequence(SequenceEvent(EVENT_LEFT_OPEN, work.number, work.sequence_id, detail))

    # -- waiting ----------------------------------------------------------------------------------

    def _delay(self, attempt) -> float:
        return min(self.max_retry_delay, self.retry_delay * 2 ** attempt)

    def _wait(self, attempt, error) -> float:
        """The pause before the next attempt: our backoff, or the server's Retry-After (429/503) when
        it asked for longer (the client caps what it passes on: MAX_RETRY_AFTER_S)."""
        return max(self._delay(attempt), getattr(error, "retry_after", None) or 0.0)
