"""`Sandbox`: start, control and stop the fake KartaView from Python (tests, the demo)."""

import shutil
import ssl
import tempfile
import threading
from pathlib import Path

from .faults import Faults
from .images import ImageCache
from .server import App, SandboxHTTPServer
from .store import UploadStore
from .world import World

DEFAULT_SEQUENCES = 120
DEFAULT_TOKEN = "sandbox-demo-token"
DEMO_USER = {"id": "4242", "username": "sandbox-demo", "full_name": "Sandbox Demo User", "osm_id": "424242"}
_worlds, _worlds_lock = {}, threading.Lock()


def world_for(seed, sequences=DEFAULT_SEQUENCES):
    """Worlds are immutable once built, so sandboxes with the same seed and size share one."""
    with _worlds_lock:
        if (seed, sequences) not in _worlds:
            _worlds[seed, sequences] = World(seed, sequence_count=sequences)
        return _worlds[seed, sequences]


class Sandbox:
    def __init__(self, port=0, token=DEFAULT_TOKEN, latency_ms=0, data_dir=None, seed=1, fault_seed=None,
                 sequences=DEFAULT_SEQUENCES, tls=None, **faults):
        """tls: (certificate file, key file) to serve HTTPS at https://localhost:<port>/."""
        self.port, self.token, self.seed, self.sequence_count, self.tls = port, token, seed, sequences, tls
        self.username = DEMO_USER["username"]
        self.data_dir = data_dir
        self._own_data_dir = data_dir is None
        self.faults = Faults(latency_ms=latency_ms, fault_seed=seed if fault_seed is None else fault_seed)
        self._start_faults = faults
        self.world = self.url = self._server = self._store = self._app = None

    def start(self):
        if self._own_data_dir:
            self.data_dir = tempfile.mkdtemp(prefix="kartaview-sandbox-")
        Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        self.world = world_for(self.seed, self.sequence_count)
        self._store = UploadStore(self.data_dir)
        if self._start_faults:
            self.faults.update(**self._start_faults)
        demo = dict(DEMO_USER, token=self.token)
        self._server = SandboxHTTPServer(self.port, None)
        self.port = self._server.server_address[1]
        self.url = "http://127.0.0.1:{}/".format(self.port)
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.url = "https://localhost:{}/".format(self.port)
        self._app = App(self.world, self._store, ImageCache(Path(self.data_dir) / "images"), self.faults, demo,
                        self.url)
        self._server.app = self._app
        # a short poll interval makes stop() quick (shutdown waits for the loop to notice)
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         name="kartaview-sandbox", daemon=True).start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._store.close()
            self._server = None
            if self._own_data_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- control ------------------------------------------------------------------------------
    def set_faults(self, **settings):
        """latency_ms, error_rate, kinds, revoked_tokens, paths, fault_seed; unnamed settings are kept."""
        self.faults.update(**settings)

    def clear_faults(self):
        self.faults.clear()

    @property
    def request_log(self):
        return self._app.request_log()

    def reset_log(self):
        self._app.reset_log()

    def edit_sequence(self, sequence_id, **fields):
        """Change a sequence's v2 fields (strings, as served) from now on, in this sandbox only."""
        self._app.edits[int(sequence_id)] = {key: str(value) for key, value in fields.items()}

    def set_upload_processing(self, seconds):
        """How long a finished upload stays UPLOAD_FINISHED in my-list before PROCESSING_FINISHED."""
        from .routes_uploads import state

        state(self._app).processing_s = float(seconds)

    def uploads(self):
        """{sequence id: {fields..., "finished": bool, "photos": [{fields..., "file_path"}]}}."""
        return self._store.all_sequences()
