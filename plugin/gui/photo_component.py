"""The photo feature in the QGIS interface: the dock, the map tool, and "Show KartaView photo" on
features (Identify results, attribute table, feature form) through a map layer action.

The dock's place (area, floating geometry) is remembered across sessions under kartaview/photo_dock/.
"""

from qgis.core import Qgis, QgsSettings
from qgis.gui import QgsGui, QgsMapLayerAction, QgsMessageBar, QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon, QKeySequence
from qgis.PyQt.QtWidgets import QAction

from ..about import PLUGIN_DIR
from ..core.compat import enum_value
from ..core.log import log_error
from ..core.messages import user_message
from .map_tool import PhotoMapTool, is_kartaview_layer, ref_for_feature
from .photo_dock import PhotoDock

TOOL_ICON = str(PLUGIN_DIR / "ui" / "icons" / "photo_tool.svg")
DOCK_ICON = str(PLUGIN_DIR / "ui" / "icons" / "photo_dock.svg")
TOOL_SHORTCUT = "Ctrl+Alt+K"
PLACE_KEY = "kartaview/photo_dock/"
AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
         Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)


class ShowPhotoLayerAction(QgsMapLayerAction):
    """Offered on the features of KartaView layers only."""

    # QGIS < 3.30 calls canRunUsingLayer(layer); 3.30+ calls canRunUsingLayer(layer, context), and
    # a Python override that refuses the second argument aborts QGIS.
    def canRunUsingLayer(self, layer, context=None):  # noqa: N802 (QGIS API name)
        return is_kartaview_layer(layer)


class PhotoComponent:
    def __init__(self, plugin, layer_filter=is_kartaview_layer):
        self.plugin = plugin
        self.layer_filter = layer_filter
        self.dock = self.tool = self.tool_action = self.layer_action = None
        self._message = None  # the message bar item of the last pick: replaced by the next one

    def tr(self, message):
        return QCoreApplication.translate("PhotoComponent", message)

    def init_gui(self):
        iface = self.plugin.iface
        canvas = iface.mapCanvas()
        window = iface.mainWindow()
        self.dock = PhotoDock(canvas, parent=window)
        self._add_dock()
        toggle = self.dock.toggleViewAction()
        toggle.setIcon(QIcon(DOCK_ICON))
        toggle.setText(self.tr("KartaView photo panel"))
        toggle.setObjectName("KartaViewPhotoDockAction")
        self.plugin.add_action(toggle)

        self.tool = PhotoMapTool(canvas, self.dock.background, layer_filter=self.layer_filter)
        self.tool_action = QAction(QIcon(TOOL_ICON), self.tr("Show KartaView photo"), window)
        self.tool_action.setObjectName("KartaViewPhotoToolAction")
        self.tool_action.setCheckable(True)
        self.tool_action.setShortcut(QKeySequence(TOOL_SHORTCUT))
        hint = self.tr("Click a street to see its photo.")
        # as QGIS's own tools: the name and its shortcut, then what to do (no colon to space in any language)
        self.tool_action.setToolTip("{} ({})\n{}".format(self.tr("Show KartaView photo"), TOOL_SHORTCUT, hint))
        self.tool_action.setStatusTip(hint)
        self.tool_action.triggered.connect(self.activate_tool)
        self.tool.setAction(self.tool_action)
        self.tool.photoPicked.connect(self.dock.show_ref)
        self.tool.photoPicked.connect(self._clear_message)  # found: an old "nothing here" or error goes
        self.tool.nothingFound.connect(self._on_nothing_found)
        self.tool.searchFailed.connect(self._on_search_failed)
        self.plugin.add_action(self.tool_action)

        self.layer_action = ShowPhotoLayerAction(self.tr("Show KartaView photo"), window,
                                                 QgsMapLayerAction.Target.SingleFeature, QIcon(TOOL_ICON))
        # QGIS 3.30+ runs actions with a context and then emits only triggeredForFeatureV2
        # (triggeredForFeature is deprecated there and gone in QGIS 4).
        if hasattr(self.layer_action, "triggeredForFeatureV2"):
            self.layer_action.triggeredForFeatureV2.connect(self.show_feature)
        else:
            self.layer_action.triggeredForFeature.connect(self.show_feature)
        QgsGui.mapLayerActionRegistry().addMapLayerAction(self.layer_action)

    def _add_dock(self):
        settings = QgsSettings()
        # Stored as the area's number: PyQt6's enums are no ints, so enum_value() gives it on Qt 5 and 6.
        area = settings.value(PLACE_KEY + "area", enum_value(Qt.DockWidgetArea.RightDockWidgetArea), type=int)
        if area in [enum_value(a) for a in AREAS]:
            area = Qt.DockWidgetArea(area)
        else:
            area = Qt.DockWidgetArea.RightDockWidgetArea
        self.plugin.iface.addDockWidget(area, self.dock)
        if settings.value(PLACE_KEY + "floating", False, type=bool):
            self.dock.setFloating(True)
            self.dock.restoreGeometry(settings.value(PLACE_KEY + "geometry", b""))
        self.dock.hide()  # opened by a pick or its toggle action
        self.dock.dockLocationChanged.connect(self._remember_place)
        self.dock.topLevelChanged.connect(self._remember_place)

    def _remember_place(self, *_):
        try:
            settings = QgsSettings()
            window = self.plugin.iface.mainWindow()
            area = window.dockWidgetArea(self.dock)
            if area in AREAS:
                settings.setValue(PLACE_KEY + "area", enum_value(area))
            settings.setValue(PLACE_KEY + "floating", self.dock.isFloating())
            if self.dock.isFloating():
                settings.setValue(PLACE_KEY + "geometry", self.dock.saveGeometry())
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("Could not remember the photo panel's place: {}".format(error))

    def activate_tool(self, *_):
        self.plugin.iface.mapCanvas().setMapTool(self.tool)

    def show_feature(self, layer, feature, context=None):
        """The layer action: the photo of a KartaView feature (photo point or sequence line)."""
        try:
            ref = ref_for_feature(feature, layer.geometryType())
            if ref is None:
                self._push(self.tr("This feature names no KartaView photo."), Qgis.MessageLevel.Info)
                return
            self.dock.show_ref(ref)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("Show KartaView photo failed: {}".format(error))
            self._push(self.tr("Could not show the photo: {}").format(user_message(error)), Qgis.MessageLevel.Warning)

    def _on_nothing_found(self):
        self._push(self.tr("No KartaView photo near this point."), Qgis.MessageLevel.Info)

    def _on_search_failed(self, message):
        self._push(self.tr("Could not search KartaView photos: {}").format(message), Qgis.MessageLevel.Warning)

    def _clear_message(self, *_):
        try:
            if self._message is not None and not sip.isdeleted(self._message):
                self.plugin.iface.messageBar().popWidget(self._message)
            self._message = None
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: clearing a message failed: {}".format(error))

    def _push(self, text, level):
        """One message per pick: the previous one (an old error too) goes; it stays as long as QGIS keeps
        a message of its level (the user's setting; warnings until closed)."""
        bar = self.plugin.iface.messageBar()
        if self._message is not None and not sip.isdeleted(self._message):
            bar.popWidget(self._message)
        self._message = QgsMessageBarItem(self.tr("KartaView"), text, level,
                                          QgsMessageBar.defaultMessageTimeout(level))
        bar.pushItem(self._message)

    def unload(self):
        iface = self.plugin.iface
        canvas = iface.mapCanvas()
        if canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)
        QgsGui.mapLayerActionRegistry().removeMapLayerAction(self.layer_action)
        self.layer_action.deleteLater()
        self._remember_place()
        self.dock.release()
        iface.removeDockWidget(self.dock)
        self.dock.deleteLater()
        self.tool.deleteLater()
        self.dock = self.tool = self.tool_action = self.layer_action = None
