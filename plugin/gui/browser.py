"""The "KartaView" entry of the Browser panel: sequences, photos and road coverage layers, and the
coverage overview raster.

They are QgsLayerItems of the `kartaview` provider, so double-click, "Add Layer to Project" and drag
and drop onto the map work as for any layer; the layer component gives them the default style.
"""

from qgis.core import Qgis, QgsApplication, QgsDataCollectionItem, QgsDataItemProvider, QgsDataProvider, QgsLayerItem
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.log import log_error
from ..provider.signals import PROVIDER_KEY
from ..provider.uri import COVERAGE, PHOTOS, SEQUENCES, uri_for
from .layer_actions import ICON, default_filters, layer_title
from .overview import RASTER_PROVIDER, overview_source, overview_title

ROOT_PATH = "kartaview:"


class KartaViewRootItem(QgsDataCollectionItem):
    @staticmethod
    def tr(text):
        return QCoreApplication.translate("KartaViewRootItem", text)

    def __init__(self, parent):
        super().__init__(parent, self.tr("KartaView"), ROOT_PATH, PROVIDER_KEY)
        self.setIcon(QIcon(ICON))
        self.setToolTip(self.tr("KartaView street-level imagery: sequences, photos and road coverage"))

    def createChildren(self):  # noqa: N802 (QGIS API name)
        children = []
        try:
            filters = default_filters()
            for layer_type, kind in ((SEQUENCES, Qgis.BrowserLayerType.Line), (PHOTOS, Qgis.BrowserLayerType.Point),
                                     (COVERAGE, Qgis.BrowserLayerType.Line)):
                item = QgsLayerItem(self, layer_title(layer_type), ROOT_PATH + layer_type,
                                    uri_for(layer_type, filters), kind, PROVIDER_KEY)
                item.setState(QgsLayerItem.State.Populated)
                children.append(item)
            # the coverage overview: an XYZ raster of QGIS's own "wms" provider
            item = QgsLayerItem(self, overview_title(), ROOT_PATH + "overview", overview_source(filters),
                                Qgis.BrowserLayerType.Raster, RASTER_PROVIDER)
            item.setState(QgsLayerItem.State.Populated)
            children.append(item)
        except Exception as error:  # noqa: BLE001 - called from C++
            log_error("KartaView: listing the Browser items failed: {}".format(error))
        return children


class KartaViewItemProvider(QgsDataItemProvider):
    def name(self):
        return "KartaView"

    def dataProviderKey(self):  # noqa: N802 (QGIS API name)
        return PROVIDER_KEY

    def capabilities(self):
        return QgsDataProvider.DataCapability.Net

    def createDataItem(self, path, parent):  # noqa: N802 (QGIS API name)
        try:
            return KartaViewRootItem(parent) if not path else None
        except Exception as error:  # noqa: BLE001 - called from C++
            log_error("KartaView: creating the Browser entry failed: {}".format(error))
            return None


class BrowserComponent:
    """Adds the Browser entry for the plugin's lifetime."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.provider = None

    def init_gui(self):
        self.provider = KartaViewItemProvider()
        QgsApplication.dataItemProviderRegistry().addProvider(self.provider)

    def unload(self):
        if self.provider is not None:
            QgsApplication.dataItemProviderRegistry().removeProvider(self.provider)
            self.provider = None
