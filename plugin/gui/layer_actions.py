"""KartaView layers in the QGIS interface: "Add KartaView layer" (sequences; photos and coverage in
its menu), "Clear KartaView cache", the "Open in KartaView" action and default style of every
KartaView layer (also those dropped from the Browser), a legend line saying what the layer shows
(zoom in, loading, service failing), and the loader's problems in the message bar.
"""

import os
from datetime import date

from qgis.core import (
    Qgis,
    QgsAction,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsDefaultVectorLayerLegend,
    QgsProject,
    QgsSimpleLegendNode,
    QgsVectorLayer,
)
from qgis.gui import QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QLocale
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from ..about import PLUGIN_DIR
from ..core.cache import shared_cache
from ..core.log import log_error, log_info
from ..core.settings import Settings
from ..core.styles import load_style
from ..provider.loader import LOADING
from ..provider.signals import PROVIDER_KEY, hub
from ..provider.temporal import apply_temporal_once, restore_temporal
from ..provider.uri import COVERAGE, PHOTOS, SEQUENCES, Filters, uri_for
from . import overview

ICON = str(PLUGIN_DIR / "ui" / "icons" / "kartaview.svg")
STYLES = PLUGIN_DIR / "ui" / "styles"
STYLED = "kartaview/styled"  # custom property: the default style was applied once (not again on reload)


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files module tr() here


def is_kartaview(layer) -> bool:
    return isinstance(layer, QgsVectorLayer) and layer.providerType() == PROVIDER_KEY


def layer_title(layer_type) -> str:
    return {SEQUENCES: tr("KartaView sequences"), PHOTOS: tr("KartaView photos"),
            COVERAGE: tr("KartaView road coverage")}[layer_type]


def default_filters() -> Filters:
    """The default filters of the options page."""
    settings = Settings()
    try:
        since = date.fromisoformat(settings.since_date) if settings.since_date else None
    except ValueError:
        since = None
    return Filters(since=since, username=settings.username_filter or "", min_quality=settings.min_quality or 0,
                   only_360=bool(settings.only_360))


def make_layer(layer_type=SEQUENCES, filters=None) -> QgsVectorLayer:
    """A new KartaView layer with the default style and actions."""
    layer = QgsVectorLayer(uri_for(layer_type, filters or default_filters()), layer_title(layer_type), PROVIDER_KEY)
    prepare(layer)
    return layer


def open_action():
    return QgsAction(QgsAction.ActionType.OpenUrl, tr("Open in KartaView"), '[% "url" %]', ICON, False,
                     tr("KartaView"), {"Feature", "Canvas", "Field"})


def prepare(layer):
    """Default style (once), the "Open in KartaView" action and the status legend of a KartaView layer."""
    if not layer.isValid():
        return
    if not layer.customProperty(STYLED):
        style = STYLES / "{}.qml".format(layer.dataProvider().params.layer_type)
        if style.exists():
            message, ok = load_style(layer, style)  # its legend in the interface language
            if not ok:
                log_error("KartaView: the default style {} could not be loaded: {}".format(style, message))
        layer.setCustomProperty(STYLED, True)
    # the capture time range for the Temporal Controller (once: a user's own settings are kept)
    apply_temporal_once(layer, layer.dataProvider().params.layer_type)
    actions = layer.actions()
    # Found by name as saved in English or in this locale (the name is translated).
    ours = [action for action in actions.actions() if action.name() in ("Open in KartaView", open_action().name())]
    for action in ours:
        # A project saved on another machine (or an older plugin's style) carries an icon path that does
        # not exist here: QGIS shows a broken icon and logs "Cannot open file". The icon is this plugin's.
        if not os.path.isfile(action.iconPath()):
            repaired = QgsAction(action.id(), action.type(), action.name(), action.command(), ICON, action.capture(),
                                 action.shortTitle(), action.actionScopes(), action.notificationMessage())
            repaired.setEnabledOnlyWhenEditable(action.isEnabledOnlyWhenEditable())
            actions.removeAction(action.id())  # then re-added with the same id, which default actions refer to
            actions.addAction(repaired)
    if not ours:
        actions.addAction(open_action())
    if not isinstance(layer.legend(), StatusLegend):
        layer.setLegend(StatusLegend(layer))


class StatusLegend(QgsDefaultVectorLayerLegend):
    """The usual legend, headed by a line saying what the layer shows when not everything is."""

    def __init__(self, layer):
        super().__init__(layer)
        self._layer = layer
        self.shown = ""
        self._centre = None  # (lng, lat) of the map view the line speaks of; None: the newest view

    def createLayerTreeModelLegendNodes(self, node_layer):  # noqa: N802 (QGIS API name)
        nodes = super().createLayerTreeModelLegendNodes(node_layer)
        try:
            self.shown = self._layer.dataProvider().status_message(self._centre)
            if self.shown:
                nodes.insert(0, QgsSimpleLegendNode(node_layer, self.shown, QIcon(ICON)))
        except Exception as error:  # noqa: BLE001 - called from C++
            log_error("KartaView: building the legend failed: {}".format(error))
        # The layer tree model deletes these nodes, but sip hands the elements of a returned list to
        # Python: unless C++ owns them, Python frees them too and QGIS crashes on a dangling node.
        for node in nodes:
            sip.transferto(node, None)
        return nodes

    def refresh(self, centre=None):
        """Rebuild the legend if the status of the view around centre (lng, lat) changed since it was drawn."""
        self._centre = centre
        if self._layer.dataProvider().status_message(centre) != self.shown:
            self.itemsChanged.emit()


class KartaViewLayersComponent:
    def __init__(self, plugin):
        self.plugin = plugin
        self.add_action = self.clear_action = self.menu = None
        self._problem = None  # the message bar item of the current outage
        self._loading_shown = False  # the status bar says "Loading KartaView data…"

    def init_gui(self):
        iface = self.plugin.iface
        window = iface.mainWindow()
        self.menu = QMenu(window)
        for layer_type in (SEQUENCES, PHOTOS, COVERAGE):
            entry = self.menu.addAction(layer_title(layer_type))
            entry.triggered.connect(lambda _checked=False, kind=layer_type: self.add_layer(kind))
        self.menu.addSeparator()
        overview_entry = self.menu.addAction(overview.overview_title())
        overview_entry.setObjectName("KartaViewAddOverviewAction")
        overview_entry.triggered.connect(lambda _checked=False: self.add_overview())
        group_entry = self.menu.addAction(tr("KartaView coverage (overview zoomed out, sequences zoomed in)"))
        group_entry.setObjectName("KartaViewAddCoverageGroupAction")
        group_entry.triggered.connect(lambda _checked=False: self.add_coverage_group())
        self.add_action = QAction(QIcon(ICON), tr("Add KartaView layer"), window)
        self.add_action.setObjectName("KartaViewAddLayerAction")
        self.add_action.setToolTip(tr("Add the KartaView sequences layer (photos and road coverage in the menu)"))
        self.add_action.setMenu(self.menu)
        self.add_action.triggered.connect(lambda _checked=False: self.add_layer(SEQUENCES))
        self.plugin.add_action(self.add_action)
        self.clear_action = QAction(tr("Clear KartaView cache"), window)
        self.clear_action.setObjectName("KartaViewClearCacheAction")
        self.clear_action.triggered.connect(self.clear_cache)
        self.plugin.add_action(self.clear_action, toolbar=False)
        signals = hub()
        signals.problem.connect(self.show_problem)
        signals.recovered.connect(self.clear_problem)
        signals.repainted.connect(self.refresh_legends)
        iface.mapCanvas().mapCanvasRefreshed.connect(self.refresh_legends)
        QgsProject.instance().layersAdded.connect(self.prepare_layers)
        self.prepare_layers(QgsProject.instance().mapLayers().values())

    def add_layer(self, layer_type):
        try:
            layer = make_layer(layer_type)
            if not layer.isValid():
                self._push(tr("The KartaView layer could not be created; see the KartaView log."),
                           Qgis.MessageLevel.Critical)
                return
            QgsProject.instance().addMapLayer(layer)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: adding a layer failed: {}".format(error))

    def add_overview(self):
        try:
            layer = overview.make_overview_layer(default_filters())
            if not layer.isValid():
                self._push(tr("The KartaView coverage overview could not be created."), Qgis.MessageLevel.Critical)
                return
            QgsProject.instance().addMapLayer(layer)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: adding the coverage overview failed: {}".format(error))

    def add_coverage_group(self):
        try:
            group, _raster, _sequences = overview.add_coverage_group(default_filters(), make_layer)
            if group is None:
                self._push(tr("The KartaView coverage group could not be created."), Qgis.MessageLevel.Critical)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: adding the coverage group failed: {}".format(error))

    def prepare_layers(self, layers):
        try:
            for layer in layers:
                if is_kartaview(layer):
                    prepare(layer)
                elif isinstance(layer, QgsVectorLayer):
                    restore_temporal(layer)  # a saved download, opened: its time range back on
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: preparing a layer failed: {}".format(error))

    def refresh_legends(self, *_):
        try:
            centre = self._map_centre()
            loading = False
            shown = set(self.plugin.iface.mapCanvas().layers())
            for layer in QgsProject.instance().mapLayers().values():
                if is_kartaview(layer) and isinstance(layer.legend(), StatusLegend):
                    layer.legend().refresh(centre)
                    status = layer.dataProvider().status
                    state = status.state if centre is None else status.state_at(centre)
                    loading = loading or (layer in shown and state == LOADING)
            self._show_loading(loading)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: refreshing the legends failed: {}".format(error))

    def _show_loading(self, loading):
        """The status bar says so while a KartaView layer on the map is still loading its view (as QGIS
        says what it is doing there), and says nothing more once all has arrived."""
        bar = self.plugin.iface.statusBarIface()
        if loading:
            bar.showMessage(tr("Loading KartaView data for the map view…"))
            self._loading_shown = True
        elif self._loading_shown:
            bar.clearMessage()
            self._loading_shown = False

    def _map_centre(self):
        """The (lng, lat) of the map view's centre: the legend speaks of that view, not of the areas
        around it that the canvas draws ahead of a pan. None when it cannot be placed on the globe."""
        settings = self.plugin.iface.mapCanvas().mapSettings()
        try:
            to_wgs84 = QgsCoordinateTransform(settings.destinationCrs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                              QgsProject.instance())
            centre = to_wgs84.transform(settings.visibleExtent().center())
        except QgsCsException:
            return None
        return centre.x(), centre.y()

    def clear_cache(self):
        try:
            cache = shared_cache()
            before = cache.size_bytes()
            cache.clear()
            log_info("KartaView cache cleared ({:.1f} MB).".format(before / 1e6))
            freed = QLocale().toString(max(0, before - cache.size_bytes()) / 1e6, "f", 1)  # "6,2" in French
            self._push(tr("KartaView cache cleared ({} MB freed).").format(freed), Qgis.MessageLevel.Info)
            for layer in QgsProject.instance().mapLayers().values():
                if is_kartaview(layer):
                    layer.triggerRepaint()
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: clearing the cache failed: {}".format(error))
            self._push(tr("The KartaView cache could not be cleared: {}").format(error), Qgis.MessageLevel.Critical)

    def show_problem(self, message):
        """The outage's warning, one at a time, kept until KartaView answers again (clear_problem)."""
        try:
            self.clear_problem()
            self._problem = QgsMessageBarItem(tr("KartaView"), message, Qgis.MessageLevel.Warning, 0)
            self.plugin.iface.messageBar().pushItem(self._problem)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: {} ({})".format(message, error))

    def clear_problem(self):
        """KartaView answers again: its outage warning goes (if the user did not close it already)."""
        item, self._problem = self._problem, None
        try:
            if item is not None and not sip.isdeleted(item):
                self.plugin.iface.messageBar().popWidget(item)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: removing the outage warning failed: {}".format(error))

    def _push(self, message, level):
        try:
            self.plugin.iface.messageBar().pushMessage(tr("KartaView"), message, level, 10)
        except Exception as error:  # noqa: BLE001 - a Qt slot must not raise
            log_error("KartaView: {} ({})".format(message, error))

    def unload(self):
        signals = hub()
        for signal, slot in ((signals.problem, self.show_problem), (signals.recovered, self.clear_problem),
                             (signals.repainted, self.refresh_legends),
                             (self.plugin.iface.mapCanvas().mapCanvasRefreshed, self.refresh_legends),
                             (QgsProject.instance().layersAdded, self.prepare_layers)):
            try:
                signal.disconnect(slot)
            except TypeError:  # was not connected
                pass
        if self.menu is not None:
            self.menu.deleteLater()
            self.menu = None
