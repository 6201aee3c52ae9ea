"""The plugin loads in a real QGIS the way QGIS loads it, and leaves nothing behind on unload."""

import configparser

from qgis.core import QgsApplication, QgsProviderRegistry
from qgis.PyQt.QtCore import QCoreApplication, QEvent

import kartaview
from tests.conftest import ROOT
from tests.recording_iface import RecordingIface

REQUIRED_METADATA = (
    "name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
    "repository", "tracker", "homepage", "tags", "icon", "hasProcessingProvider", "license",
)


def test_metadata_has_every_required_field():
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    general = metadata["general"]
    missing = [field for field in REQUIRED_METADATA if not general.get(field, "").strip()]
    assert missing == []
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).is_file()
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()


def test_class_factory_init_gui_and_unload_leave_nothing_behind(kv_app, qgis_iface):
    iface = RecordingIface(qgis_iface)
    registry = QgsApplication.processingRegistry()

    plugin = kartaview.classFactory(iface)
    plugin.initGui()
    try:
        assert registry.providerById("kartaview") is not None
        assert QgsProviderRegistry.instance().providerMetadata("kartaview") is not None
        assert plugin.toolbar is not None and plugin.toolbar.actions()
        assert iface.web_menu_actions
    finally:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert registry.providerById("kartaview") is None
    assert {kind: items for kind, items in iface.leftovers().items() if items} == {}


def test_processing_only_start_like_qgis_process(kv_app):
    """qgis_process calls classFactory(None) and initProcessing() only: no GUI may be touched."""
    plugin = kartaview.classFactory(None)
    plugin.initProcessing()
    try:
        provider = QgsApplication.processingRegistry().providerById("kartaview")
        assert provider is not None
        assert provider.algorithms(), "the provider offers no algorithm"
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("kartaview") is None
