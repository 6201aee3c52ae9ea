"""The photo feature inside the plugin: toolbar and Web menu actions, the map tool, the feature
action, the dock's remembered place, and an unload that leaves nothing behind."""

import pytest
import qgis.gui
from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsPointXY, QgsSettings, QgsVectorLayer
from qgis.gui import QgsGui, QgsMessageBar
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt

import kartaview
from kartaview.plugin.core.compat import enum_value
from kartaview.plugin.gui.map_tool import PhotoRef
from kartaview.plugin.gui.photo_component import PLACE_KEY, PhotoComponent
from tests.photo_support import sequence_ids, shown_in, wait_until
from tests.recording_iface import RecordingIface


@pytest.fixture
def loaded_plugin(kv_app, qgis_iface, sandbox):
    iface = RecordingIface(qgis_iface, message_bar=QgsMessageBar())
    plugin = kartaview.classFactory(iface)
    plugin.initGui()
    component = next(c for c in plugin.components if isinstance(c, PhotoComponent))
    yield plugin, component, iface
    if plugin.components:
        plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # while this iface still records


def test_actions_in_toolbar_and_web_menu(loaded_plugin, qgis_canvas):
    plugin, component, iface = loaded_plugin
    toolbar_names = [action.objectName() for action in plugin.toolbar.actions()]
    menu_names = [action.objectName() for _, action in iface.web_menu_actions]
    for name in ("KartaViewPhotoToolAction", "KartaViewPhotoDockAction"):
        assert name in toolbar_names and name in menu_names
    assert component.tool_action.shortcut().toString() == "Ctrl+Alt+K"
    assert not component.tool_action.icon().isNull()

    component.tool_action.trigger()
    assert qgis_canvas.mapTool() is component.tool and component.tool_action.isChecked()
    component.dock.toggleViewAction().trigger()
    assert not component.dock.isHidden()


def test_show_photo_action_on_kartaview_features(loaded_plugin, sandbox, monkeypatch):
    plugin, component, iface = loaded_plugin
    registry = QgsGui.mapLayerActionRegistry()
    memory = QgsVectorLayer("Point?crs=EPSG:4326&field=photo_id:long&field=sequence_id:long"
                            "&field=sequence_index:integer", "photos", "memory")
    assert component.layer_action not in registry.mapLayerActions(memory)  # not a KartaView layer
    if hasattr(qgis.gui, "QgsMapLayerActionContext"):  # QGIS 3.30+ asks with a context too
        assert component.layer_action.canRunUsingLayer(memory, qgis.gui.QgsMapLayerActionContext()) is False
    monkeypatch.setattr("kartaview.plugin.gui.photo_component.is_kartaview_layer", lambda layer: True)
    assert component.layer_action in registry.mapLayerActions(memory)

    sequence_id = sequence_ids(sandbox)[0]
    record = sandbox.world.photos(sequence_id)[4]
    feature = QgsFeature(memory.fields())
    feature.setAttributes([int(record["id"]), sequence_id, 4])
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(record["lng"]), float(record["lat"]))))
    if hasattr(qgis.gui, "QgsMapLayerActionContext"):  # how QGIS 3.30+ runs it (feature menus, attribute table)
        component.layer_action.triggerForFeature(memory, feature, qgis.gui.QgsMapLayerActionContext())
    else:
        component.layer_action.triggerForFeature(memory, feature)
    dock = component.dock
    wait_until(lambda: shown_in(dock).photo_id == int(record["id"]), what="the photo of the feature")
    assert not dock.isHidden()


def test_nothing_near_goes_to_the_message_bar(loaded_plugin, sandbox):
    """One message per pick: "nothing near" replaces an older error (which would stay until closed),
    lasts as long as QGIS shows information messages, and goes when a photo is found."""
    plugin, component, iface = loaded_plugin
    bar = iface.messageBar()
    component.tool.searchFailed.emit("KartaView cannot be reached.")
    assert [(item.level(), item.text()) for item in bar.items()] == [
        (Qgis.MessageLevel.Warning, "Could not search KartaView photos: KartaView cannot be reached.")]
    component.tool.nothingFound.emit()
    (item,) = bar.items()
    assert (item.level(), item.text()) == (Qgis.MessageLevel.Info, "No KartaView photo near this point.")
    assert item.duration() == QgsMessageBar.defaultMessageTimeout(Qgis.MessageLevel.Info)
    component.tool.photoPicked.emit(PhotoRef(sequence_ids(sandbox)[0], sequence_index=0))
    assert bar.items() == []


def test_the_tool_tip_names_the_tool_its_shortcut_and_what_to_do(loaded_plugin):
    plugin, component, iface = loaded_plugin
    assert component.tool_action.toolTip() == "Show KartaView photo (Ctrl+Alt+K)\nClick a street to see its photo."
    assert " :" not in component.tool_action.toolTip()


def test_the_dock_remembers_its_area(loaded_plugin, kv_app, qgis_iface):
    plugin, component, iface = loaded_plugin
    window = qgis_iface.mainWindow()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, component.dock)  # what a user's drag does
    assert QgsSettings().value(PLACE_KEY + "area", type=int) == enum_value(Qt.DockWidgetArea.LeftDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, component.dock)
    assert QgsSettings().value(PLACE_KEY + "area", type=int) == enum_value(Qt.DockWidgetArea.RightDockWidgetArea)


def test_unload_leaves_nothing_behind(loaded_plugin, qgis_canvas, monkeypatch):
    plugin, component, iface = loaded_plugin
    registry = QgsGui.mapLayerActionRegistry()
    monkeypatch.setattr("kartaview.plugin.gui.photo_component.is_kartaview_layer", lambda layer: True)
    memory = QgsVectorLayer("Point?crs=EPSG:4326", "photos", "memory")
    assert registry.mapLayerActions(memory)
    action = component.layer_action
    component.tool_action.trigger()
    component.dock.markers.show_photo(23.59, 46.77, 10.0)
    items = component.dock.markers.items()
    dock = component.dock

    plugin.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert {kind: found for kind, found in iface.leftovers().items() if found} == {}
    assert dock not in iface.docks
    assert qgis_canvas.mapTool() is None
    assert action not in registry.mapLayerActions(memory)
    scene_items = qgis_canvas.scene().items()
    assert not [item for item in items if item in scene_items]
