"""Shared fixtures: the plugin importable as `kartaview`, the sandbox KartaView, qgis_process runs."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.plugin_package import ROOT, import_plugin_package  # noqa: E402, F401

import_plugin_package()

from tests.qgis_process_runner import make_plugin_home, run_qgis_process  # noqa: E402, F401
from tests.sandbox import Sandbox  # noqa: E402  (needs the path set up above)


class _Env:
    """Set environment variables for a while and put the old values back."""

    def __init__(self, **values):
        self.values = values
        self.saved = {}

    def __enter__(self):
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = str(value)
        return self

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session", autouse=True)
def loaders_end_before_qgis(qgis_app):
    """Every Loader the tests made is shut down, and its threads ended, before QGIS exits: a request
    still under way then (a retry against a sandbox that is gone) would call into QGIS's deleted
    authentication manager (a segmentation fault at the end of the run)."""
    import weakref

    from kartaview.plugin.provider import loader as loader_module

    made = weakref.WeakSet()
    original = loader_module.Loader.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.add(self)

    loader_module.Loader.__init__ = init
    yield
    loader_module.Loader.__init__ = original
    for loader in list(made):
        loader.shutdown(wait=True)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory):
    """One sandbox KartaView for the session; the plugin's API address and cache point at it."""
    data_dir = tmp_path_factory.mktemp("sandbox")
    cache_dir = tmp_path_factory.mktemp("kartaview-cache")
    with Sandbox(port=0, data_dir=str(data_dir), seed=1) as server:
        with _Env(KARTAVIEW_API_URL=server.url, KARTAVIEW_CACHE_DIR=cache_dir):
            yield server


@pytest.fixture
def fresh_sandbox(tmp_path):
    """A sandbox of the test's own (faults, uploads and the request log are the test's alone)."""
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1) as server:
        with _Env(KARTAVIEW_API_URL=server.url, KARTAVIEW_CACHE_DIR=tmp_path / "kartaview-cache"):
            yield server


@pytest.fixture(scope="session")
def kv_app(qgis_app):
    """The QGIS application with the `kartaview` data provider registered."""
    from kartaview.plugin.plugin import register_data_provider

    register_data_provider()
    return qgis_app


@pytest.fixture(scope="session")
def qgis_process_home(tmp_path_factory):
    """A throw-away QGIS profile in which the plugin (this working tree) is installed and enabled."""
    return make_plugin_home(tmp_path_factory.mktemp("qgis-process-home"))


@pytest.fixture
def layer_tree_view(qgis_iface, monkeypatch):
    """A real layer tree view of the project on pytest-qgis's iface, which lacks one: Processing's
    post-processing puts result layers through it on newer QGIS (3.40, 3.44)."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view)
    view.setModel(model)
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    yield view
    view.deleteLater()


@pytest.fixture(scope="module")
def kartaview_processing(qgis_processing):
    """The plugin's Processing provider in the registry, for a test module."""
    from qgis.core import QgsApplication

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("kartaview") is None:
        registry.addProvider(KartaViewProcessingProvider())
    yield registry
    provider = registry.providerById("kartaview")
    if provider is not None:
        registry.removeProvider(provider)


@pytest.fixture
def upload_env(fresh_sandbox, tmp_path, monkeypatch):
    """A fresh sandbox whose token the upload algorithm reads from the environment, and a journal of the test's own."""
    monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", fresh_sandbox.token)
    monkeypatch.setenv("KARTAVIEW_UPLOAD_JOURNAL", str(tmp_path / "journal.sqlite"))
    return fresh_sandbox
