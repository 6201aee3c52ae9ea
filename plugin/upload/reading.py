"""Reading the plan for the upload (a mixin of uploader.Uploader): the stream of photos, sequences
recorded in the journal as the upload reaches them (or created ahead), a photo taken with the claim of
its sequence or found held by another run, and the photos a stopped run reports unsent."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from . import journal as states
from .journal_errors import JournalError
from .results import (
    ALREADY_UPLOADED,
    EVENT_WAITING,
    FAILED,
    REASON_JOURNAL,
    REASON_OTHER_RUN,
    PhotoResult,
    SequenceEvent,
)

_RECHECK = 0.5  # how often a photo held by another run is looked at again
# The next sequence is created when this many rounds of the limit's photos of the current one are
# left to read: time for its create (and a retry or two of it) while the current one's photos go.
AHEAD_ROUNDS = 2


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
    waiting: deque = field(default_factory=deque)  # photos taken while it is being created
    call: Optional[str] = None  # CREATE or FINISH while one is queued or in flight
    attempt: int = 0  # of that call
    ambiguous: bool = False  # a create may have gone through (see module doc)


@dataclass
class _Task:
    work: _Work
    photo: object
    index: int
    attempt: int = 0


class _Next(NamedTuple):
    """In the stream: a planned photo to send (registered: its sequence is in the journal)."""
    sequence: object  # plan_types.PlannedSequence
    photo: object  # plan_types.PlannedPhoto
    registered: bool


class _Due(NamedTuple):
    """An entry of the uploader's heaps: what is due at `at` (monotonic seconds); `order` keeps equal
    times first come, first served, so that `item` is never compared."""
    at: float
    order: int
    item: object  # _Task (a photo to send again) or _Work (a create or finish to make)


class _Blocked(NamedTuple):
    """A stream item whose sequence another run holds, and when to look again."""
    item: _Next
    until: float


@dataclass(frozen=True)
class _Close:
    """Marks the end of a planned sequence in the stream (key None: the end of the plan)."""

    key: Optional[str]


@dataclass(frozen=True)
class _Ahead:
    """In the stream: the next planned sequence is recorded in the journal and may be created now."""

    sequence: object  # plan_types.PlannedSequence


class PlanReading:
    """Needs the Uploader's journal, limit, _summary, _works, _stopping, _blocked, _waited and callbacks."""

    def _stream(self, plan):
        """_Next(sequence, photo, registered) in plan order, and a _Close after each sequence. Each
        sequence is recorded in the journal when reached, or a little before: when the photos of the
        one before it left to read are about two rounds of the limit, an _Ahead says it may be
        created now (so that it is ready when its photos come). Once the run stops, no further
        sequence is recorded."""
        sequences = plan.sequences()
        current = next(sequences, None)
        registered = self._register(plan, current)
        while current is not None:
            following, following_registered = next(sequences, None), None
            # never before the current sequence's first photo: sequences are created in plan order
            ahead_at = max(1, current.size - AHEAD_ROUNDS * self.limit.limit)
            for position, photo in enumerate(plan.photos(current)):
                if position == ahead_at and following is not None:
                    following_registered = self._register(plan, following)
                    if following_registered:
                        yield _Ahead(following)
                yield _Next(current, photo, registered)
            if following is not None and following_registered is None:
                following_registered = self._register(plan, following)
            yield _Close(current.key)
            current, registered = following, following_registered
        yield _Close(None)

    def _register(self, plan, sequence):
        """Record a planned sequence in the journal; False when the run has stopped (or cannot write)."""
        if sequence is None or self._stopping:
            return False
        try:
            self.journal.register(sequence, plan.photos(sequence))
        except JournalError as error:  # its photos are reported as not sent
            self._summary.journal_error = self._summary.journal_error or error
            return False
        return True

    def _ahead(self, sequence, in_flight, pool):
        """Create a planned sequence before its first photo is read, when this run will send photos
        to it (they may all sit in earlier sequences) and no other run holds it."""
        record = self.journal.sequence(sequence.key)
        if (record is None or record.sequence_id is not None or record.state == states.FINISHED
                or sequence.key in self._works or not self.journal.unconfirmed(sequence.key)):
            return
        if self.journal.claim(sequence.key) is not None:
            return  # its photos will wait for the other run as usual
        work = self._works[sequence.key] = _Work(sequence.key, sequence.number, record, claimed=True)
        self._create(work)
        self._start_calls(in_flight, pool)

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
            self._blocked = _Blocked(_Next(sequence, photo, registered), time.monotonic() + _RECHECK)
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
            if work.claimed and not work.pending and work.call is None:  # never under a create/finish
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

    def _close(self, key):
        """No more photos will come to the sequence `key` (None: to any sequence); returns None."""
        # A planned sequence only ever holds its own photos; an earlier run's sequence may get
        # photos of any planned sequence, so it closes at the end of the plan.
        if key is None:
            works = list(self._works.values())
        else:
            works = [self._works[key]] if key in self._works else []
        for work in works:
            work.closed = True
            self._settle(work)
        return None
