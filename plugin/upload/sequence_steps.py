"""The sequence side of the upload (a mixin of uploader.Uploader): create a sequence, finish it once
all its photos are confirmed, report it left open; and the waits that poll for cancel meanwhile.
The protocol and its crash cases are described in uploader.py."""

from __future__ import annotations

import time
from concurrent.futures import wait

from ..client.errors import AuthenticationError, Cancelled, KartaViewError, NotFoundError, TransientError
from . import journal as states
from .results import (
    EVENT_CREATED,
    EVENT_FINISHED,
    EVENT_LEFT_OPEN,
    EVENT_RECREATED,
    REASON_AUTH,
    REASON_CREATE_FAILED,
    SequenceEvent,
)

POLL = 0.2


class Stop(Exception):
    """Cancel was requested while waiting for a create/finish call."""


class SequenceSteps:
    """Needs the Uploader's client, journal, _summary, attempts, retry delays and callbacks."""

    # -- sequences --------------------------------------------------------------------------------

    def _create(self, work, control):
        ambiguous = work.record.state == states.CREATING
        error = None
        for attempt in range(self.attempts):
            if attempt:
                self._pause(self._wait(attempt - 1, error))
            try:
                work.sequence_id = self._blocking(control, self._create_call, work)
            except AuthenticationError as error:
                self._summary.auth_error = error.message
                work.create_error = (REASON_AUTH, error.message)
                return
            except TransientError as failure:
                error = failure
                # Possibly created anyway: the journal still says "creating" (see module doc).
                work.create_error = (REASON_CREATE_FAILED, failure.message)
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
        if not work.claimed:
            if self.journal.claim(work.key) is not None:
                work.handed_over = True  # another run works on it and will finish it
                return
            work.claimed = True
        if self.journal.sequence(work.key).state == states.FINISHED:
            work.finished = True  # by another run
            return
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
            except TransientError as error:
                work.finish_error = error.message
                if attempt + 1 < self.attempts:
                    self._pause(self._wait(attempt, error))
            except KartaViewError as error:
                work.finish_error = error.message  # e.g. a redirect the plugin refused to follow
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

    def _pause(self, seconds):
        end = time.monotonic() + max(0.0, seconds)
        while time.monotonic() < end:
            if self.cancelled():
                raise Stop()
            time.sleep(min(POLL, max(0.0, end - time.monotonic())))

    def _blocking(self, control, function, *args):
        """function(*args) on the control thread, waiting for it while polling cancel."""
        future = control.submit(function, *args)
        while True:
            done, _ = wait([future], timeout=POLL)
            if done:
                return future.result()
            if self.cancelled():
                raise Stop()
