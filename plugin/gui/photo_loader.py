"""Photo images loaded off the GUI thread: progressive sizes, cancellation, caching, prefetch.

`show(photo)` fetches the small thumbnail and the large image at the same time (the client falls
back lth -> proc -> th when a file is missing) and emits each as a QImage, never a smaller after a
larger. A newer `show` makes the older one stale: its results are dropped and its pending requests
are cancelled, because a request is only pursued while its photo is still wanted (shown or
prefetched). The same image asked twice (prefetch, then show) is downloaded once.
"""

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtGui import QImage

from ..client.errors import Cancelled, KartaViewError
from ..core.cache import api_scope
from ..core.log import log_warning
from ..core.messages import unreachable, user_message
from ..core.network import shared_client
from ..core.settings import Settings
from .photo_cache import PhotoCache

RANK = {"th": 0, "lth": 1, "proc": 2}
PREFETCH_SIZE = "lth"
DISK_SHARE = 0.5  # of the plugin's cache size setting, the rest is the coverage cache's


def default_cache(api_url: str) -> PhotoCache:
    """The photo cache of the API at api_url: photo ids are one server's, so each address has its folder."""
    settings = Settings()
    folder = hashlib.sha256(api_scope(api_url).encode("utf-8")).hexdigest()[:16]
    return PhotoCache(settings.cache_dir / "photos" / folder, int(settings.cache_max_mb * DISK_SHARE * 1024 * 1024))


class PhotoLoader(QObject):
    # ticket, Photo, size requested, size served, QImage, JPEG bytes
    imageLoaded = pyqtSignal(int, object, str, str, QImage, bytes)  # noqa: N815 (Qt signal naming)
    # ticket, Photo, the sentence to show, True when KartaView gave no answer (worth retrying by itself)
    loadFailed = pyqtSignal(int, object, str, bool)  # noqa: N815
    _delivered = pyqtSignal(int, object, str, object)  # ticket, photo, size, (served, image, bytes) | error

    def __init__(self, client_factory=shared_client, cache=None, parent=None):
        super().__init__(parent)
        self._client_factory = client_factory
        self._cache = cache
        self._caches = {}  # API address -> its PhotoCache, when none was given
        self._shown_pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="kartaview-photo")
        self._prefetch_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kartaview-prefetch")
        self._lock = threading.Lock()
        self._delivering = threading.RLock()
        self._closed = False
        self._inflight = {}  # (photo id, size) -> Future of (bytes, served)
        self._shown_id = None
        self._prefetch_ids = frozenset()
        self._ticket = 0
        self._pending = {}  # ticket -> sizes still loading
        self._best = {}  # ticket -> rank of the largest image emitted
        self._delivered.connect(self._on_delivered)

    @property
    def cache(self) -> PhotoCache:
        """The given cache, else that of the API address the client talks to now."""
        if self._cache is not None:
            return self._cache
        return self._cache_of(self._client_factory().base_url)

    def _cache_of(self, url) -> PhotoCache:
        if self._cache is not None:
            return self._cache
        with self._lock:
            if url not in self._caches:
                self._caches[url] = default_cache(url)
            return self._caches[url]

    # --- API (GUI thread) ---------------------------------------------------------------------

    def show(self, photo, sizes=("th", "lth")) -> int:
        """Load `photo`'s images of `sizes`; returns the ticket its signals carry."""
        self._ticket += 1
        ticket = self._ticket
        self._shown_id = photo.id
        self._pending = {ticket: set(sizes)}
        self._best = {ticket: -1}
        # A larger size already cached makes the smaller ones pointless.
        cached = [size for size in sizes if self.cache.contains(photo.id, size)]
        if cached:
            largest = max(cached, key=RANK.get)
            sizes = [size for size in sizes if RANK[size] >= RANK[largest]]
            self._pending[ticket] = set(sizes)
        for size in sizes:
            self._shown_pool.submit(self._load, ticket, photo, size)
        return ticket

    def prefetch(self, photos, size=PREFETCH_SIZE):
        """Put these photos' images in the cache; earlier prefetches of other photos are dropped."""
        self._prefetch_ids = frozenset(photo.id for photo in photos)
        for photo in photos:
            if not self.cache.contains(photo.id, size):
                self._prefetch_pool.submit(self._prefetch, photo, size)

    def stop(self):
        """Nothing is wanted any more (the dock closed): pending requests give up."""
        self._ticket += 1
        self._shown_id = None
        self._prefetch_ids = frozenset()
        self._pending.clear()

    def shutdown(self):
        # Before its owner deletes this QObject: no worker delivers once this has returned (a delivery
        # racing the deletion can crash QGIS).
        with self._delivering:
            self._closed = True
        self.stop()
        self._delivered.disconnect(self._on_delivered)
        self._shown_pool.shutdown(wait=False, cancel_futures=True)
        self._prefetch_pool.shutdown(wait=False, cancel_futures=True)

    def is_loading(self) -> bool:
        return any(self._pending.values())

    # --- workers --------------------------------------------------------------------------------

    def _wanted(self, photo_id) -> bool:
        return photo_id == self._shown_id or photo_id in self._prefetch_ids

    def _obtain(self, photo, size):
        """(bytes, served) from the cache, from a download already running, or downloaded now."""
        client = self._client_factory()  # one server for the whole load: its image goes to its cache
        cache = self._cache_of(client.base_url)
        while True:
            cached = cache.get(photo.id, size)
            if cached is not None:
                return cached
            key = (photo.id, size)
            with self._lock:
                future = self._inflight.get(key)
                owner = future is None
                if owner:
                    future = self._inflight[key] = Future()
            if not owner:
                try:
                    return future.result()
                except Cancelled:
                    # its owner gave up; if the photo is wanted again, download it ourselves
                    if not self._wanted(photo.id):
                        raise
                    continue
            try:
                data, served = client.fetch_image(photo, size, cancel=lambda: not self._wanted(photo.id))
                cache.put(photo.id, size, data, served)
                future.set_result((data, served))
                return data, served
            except BaseException as error:
                future.set_exception(error)
                raise
            finally:
                with self._lock:
                    self._inflight.pop(key, None)

    def _load(self, ticket, photo, size):
        try:
            if ticket != self._ticket:
                raise Cancelled()
            data, served = self._obtain(photo, size)
            image = QImage.fromData(data)
            if image.isNull():
                raise KartaViewError(self.tr("The image of photo {} is not a readable JPEG.").format(photo.id))
            result = (served, image, data)
        except Exception as error:  # noqa: BLE001 - delivered to the GUI thread
            result = error
        self._deliver(ticket, photo, size, result)

    def _deliver(self, *args):
        with self._delivering:  # see shutdown()
            if self._closed:  # nobody waits for this
                return
            self._delivered.emit(*args)

    def _prefetch(self, photo, size):
        if photo.id not in self._prefetch_ids:
            return
        try:
            self._obtain(photo, size)
        except Cancelled:
            pass
        except Exception as error:  # noqa: BLE001 - a failed prefetch only costs speed
            log_warning("Prefetching photo {} failed: {}".format(photo.id, error))

    # --- GUI thread -----------------------------------------------------------------------------

    def _on_delivered(self, ticket, photo, size, result):
        pending = self._pending.get(ticket)
        if pending is None:
            return  # stale: a newer show() replaced it
        pending.discard(size)
        if isinstance(result, Exception):
            if not isinstance(result, Cancelled):
                log_warning("Loading photo {} ({}) failed: {}".format(photo.id, size, result))
            if not pending and self._best[ticket] < 0:
                self.loadFailed.emit(ticket, photo, user_message(result), unreachable(result))
            return
        if RANK[size] <= self._best[ticket]:
            return
        self._best[ticket] = RANK[size]
        served, image, data = result
        self.imageLoaded.emit(ticket, photo, size, served, image, data)
