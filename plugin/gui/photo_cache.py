"""Photo image bytes kept in memory (LRU) and on disk, both bounded in size; safe across threads.

Keys are (photo id, requested size): a request for `lth` that the server answered with `proc`
(missing lth file) is stored under `lth` with the size served, so the fallback is not redone.
"""

import os
import threading
from collections import OrderedDict
from pathlib import Path

from ..core.log import log_warning

MEMORY_BYTES = 64 * 1024 * 1024


class PhotoCache:
    def __init__(self, folder, disk_max_bytes: int, memory_max_bytes: int = MEMORY_BYTES):
        self.folder = Path(folder)
        self.disk_max_bytes = disk_max_bytes
        self.memory_max_bytes = memory_max_bytes
        self._memory = OrderedDict()  # key -> (bytes, served)
        self._memory_bytes = 0
        self._lock = threading.Lock()
        self._disk = None  # {key: (file name, bytes)}, read lazily (listing the folder costs)

    @staticmethod
    def _file_name(key, served):
        return "{}_{}_{}.jpg".format(key[0], key[1], served)

    def get(self, photo_id, size):
        """(bytes, size served) or None."""
        key = (int(photo_id), size)
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
            name, _ = self._disk_files().get(key, (None, 0))
        if name is None:
            return None
        path = self.folder / name
        try:
            data = path.read_bytes()
            os.utime(path)  # eviction is by last use
        except OSError:
            with self._lock:
                self._disk_files().pop(key, None)
            return None
        entry = (data, name[:-len(".jpg")].split("_")[2])
        with self._lock:
            self._remember(key, entry)
        return entry

    def put(self, photo_id, size, data: bytes, served: str) -> None:
        key = (int(photo_id), size)
        name = self._file_name(key, served)
        # On disk before in memory: a photo once reported cached stays so when memory drops it
        # (else a loader that saw it cached would find it missing and download it again).
        on_disk = True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / "{}.{}.tmp".format(name, threading.get_ident())
            tmp.write_bytes(data)
            tmp.replace(self.folder / name)
        except OSError as error:  # a full or read-only disk only costs the disk cache
            log_warning("Could not write the photo cache in {}: {}".format(self.folder, error))
            on_disk = False
        with self._lock:
            if on_disk:
                self._disk_files()[key] = (name, len(data))
                self._trim_disk()
            self._remember(key, (data, served))

    def contains(self, photo_id, size) -> bool:
        key = (int(photo_id), size)
        with self._lock:
            return key in self._memory or key in self._disk_files()

    # --- under the lock ---------------------------------------------------------------------

    def _remember(self, key, entry):
        old = self._memory.pop(key, None)
        if old is not None:
            self._memory_bytes -= len(old[0])
        self._memory[key] = entry
        self._memory_bytes += len(entry[0])
        while self._memory_bytes > self.memory_max_bytes and len(self._memory) > 1:
            _, (data, _) = self._memory.popitem(last=False)
            self._memory_bytes -= len(data)

    def _disk_files(self):
        if self._disk is None:
            self._disk = {}
            if self.folder.is_dir():
                for entry in os.scandir(self.folder):
                    parts = entry.name[:-len(".jpg")].split("_")
                    if entry.name.endswith(".jpg") and len(parts) == 3 and parts[0].isdigit():
                        self._disk[(int(parts[0]), parts[1])] = (entry.name, entry.stat().st_size)
        return self._disk

    def _trim_disk(self):
        files = self._disk_files()
        total = sum(size for _, size in files.values())
        if total <= self.disk_max_bytes:
            return
        by_age = []
        for key, (name, _) in files.items():
            try:
                by_age.append(((self.folder / name).stat().st_mtime, key))
            except OSError:
                by_age.append((0.0, key))
        for _, key in sorted(by_age):
            if total <= self.disk_max_bytes:
                break
            name, size = files.pop(key)
            total -= size
            try:
                (self.folder / name).unlink()
            except OSError:
                pass
