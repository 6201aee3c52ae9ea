"""Runs at the same time on one journal: who works on which sequence (a mixin of journal.Journal).

A run registers itself (`start_run`: process id, host, start time) and beats every few seconds
(`heartbeat`). It sends photos to a sequence, or creates or finishes it, only while it holds the
sequence's claim (`take`), which it gets in the same transaction that reads where the photo goes:
so no other run creates the same sequence again, and no other plan moves the photo elsewhere
meanwhile (journal.register keeps a photo where another run holds the claim). A claim is given
back (`release`) as soon as the run has no photo of that sequence in flight, so two runs never
wait for each other at the same time.

A claim whose run is gone counts as free: it is a run of this process that ended (even if the
journal could not record it), its process no longer exists (same host, POSIX), or its heartbeat is
older than STALE_SECONDS (a run killed on another host, or on Windows). So a killed
run's sequences are taken over by the next run, which resends its unconfirmed photos to the same
sequence and index (KartaView answers "duplicate entry" for one it already has).
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

STALE_SECONDS = 20.0
HEARTBEAT_SECONDS = 3.0
_FORGET_SECONDS = 24 * 3600.0  # rows of runs that died are dropped after a day
_ACTIVE = set()  # the runs of this process that have not ended (two toolbox runs in one QGIS)


@dataclass(frozen=True)
class RunInfo:
    run: str
    pid: int
    host: str
    started: str  # ISO 8601, UTC


@dataclass(frozen=True)
class Take:
    """Where a photo goes (`place`, `record`), and `blocker`: the other run holding its sequence
    (then this run must not send it yet), or None when this run now holds the claim."""

    place: object  # journal.PhotoRecord
    record: object  # journal.SequenceRecord
    blocker: Optional[RunInfo] = None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


class Claims:
    """Needs self._transaction(), self._reading(), self._sequence_row(), self._photo_row(), self.namespace."""

    def __init__(self):
        self.run_id = uuid.uuid4().hex
        self.host = socket.gethostname()

    def start_run(self) -> RunInfo:
        started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        now = time.time()
        with self._transaction() as db:
            db.execute("DELETE FROM runs WHERE heartbeat < ?", (now - _FORGET_SECONDS,))
            db.execute("INSERT OR REPLACE INTO runs (run, pid, host, started, heartbeat) VALUES (?,?,?,?,?)",
                       (self.run_id, os.getpid(), self.host, started, now))
        _ACTIVE.add(self.run_id)
        return RunInfo(self.run_id, os.getpid(), self.host, started)

    def heartbeat(self):
        with self._transaction() as db:
            db.execute("UPDATE runs SET heartbeat=? WHERE run=?", (time.time(), self.run_id))

    def end_run(self):
        """Give back every claim of this run and forget it."""
        _ACTIVE.discard(self.run_id)
        with self._transaction() as db:
            db.execute("UPDATE sequences SET owner=NULL WHERE owner=?", (self.run_id,))
            db.execute("DELETE FROM runs WHERE run=?", (self.run_id,))

    def take(self, photo_key: str) -> Optional[Take]:
        """Where the photo goes and, unless it is confirmed or another live run holds its sequence,
        the claim of that sequence for this run. None for a photo never registered."""
        with self._transaction() as db:
            place = self._photo_row(db, photo_key)
            if place is None:
                return None
            record = self._sequence_row(db, place.sequence_key)
            if place.state == "confirmed":
                return Take(place, record)
            blocker = self._claimed_by_other(db, place.sequence_key)
            if blocker is None:
                db.execute("UPDATE sequences SET owner=? WHERE namespace=? AND key=?",
                           (self.run_id, self.namespace, place.sequence_key))
            return Take(place, record, blocker)

    def claim(self, sequence_key: str) -> Optional[RunInfo]:
        """Claim a sequence (to finish it): None when this run holds it, else the run that does."""
        with self._transaction() as db:
            blocker = self._claimed_by_other(db, sequence_key)
            if blocker is None:
                db.execute("UPDATE sequences SET owner=? WHERE namespace=? AND key=?",
                           (self.run_id, self.namespace, sequence_key))
            return blocker

    def release(self, sequence_key: str):
        with self._transaction() as db:
            db.execute("UPDATE sequences SET owner=NULL WHERE namespace=? AND key=? AND owner=?",
                       (self.namespace, sequence_key, self.run_id))

    def _claimed_by_other(self, db, sequence_key) -> Optional[RunInfo]:
        """The live run other than this one that holds the sequence, if any."""
        row = db.execute(
            "SELECT r.run, r.pid, r.host, r.started, r.heartbeat FROM sequences s JOIN runs r ON r.run = s.owner"
            " WHERE s.namespace=? AND s.key=? AND s.owner != ?",
            (self.namespace, sequence_key, getattr(self, "run_id", ""))).fetchone()
        if row is None:
            return None
        run, pid, host, started, heartbeat = row
        if time.time() - heartbeat > STALE_SECONDS:
            return None
        if host == self.host and pid == os.getpid():
            return None if run not in _ACTIVE else RunInfo(run, pid, host, started)
        if host == self.host and os.name == "posix" and not _pid_alive(pid):
            return None
        return RunInfo(run, pid, host, started)
