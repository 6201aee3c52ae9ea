"""The plugin object QGIS loads: registration, toolbar, menu and the feature components."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .about import PLUGIN_DIR
from .gui.browser import BrowserComponent
from .gui.first_view import FirstViewComponent
from .gui.layer_actions import KartaViewLayersComponent
from .gui.my_uploads import MyUploadsComponent
from .gui.options_page import OptionsComponent
from .gui.photo_component import PhotoComponent
from .gui.shutdown import ShutdownComponent
from .gui.sign_in_dialog import SignInComponent
from .processing.provider import KartaViewProcessingProvider

# Feature components: classes with __init__(plugin), init_gui() and unload(), created by initGui().
COMPONENTS = [
    OptionsComponent,
    SignInComponent,
    PhotoComponent,
    KartaViewLayersComponent,
    FirstViewComponent,
    BrowserComponent,
    MyUploadsComponent,
    ShutdownComponent,
]

MENU = "&KartaView"


def _load_translation():
    """Install the .qm of QGIS's locale; returns the translator to keep it alive.

    QgsApplication.locale() is the language QGIS itself shows: the user's choice in
    Settings ▸ Options ▸ General when "Override system locale" is on, else the system's.
    """
    locale = QgsApplication.locale() or QLocale.system().name()
    path = PLUGIN_DIR / "i18n" / "kartaview_{}.qm".format(locale[:2])
    if not path.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


class KartaViewPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.toolbar = None
        self.actions = []
        self.components = []
        self.processing_provider = None
        self.translator = _load_translation()
        register_data_provider()

    def tr(self, message):
        return QCoreApplication.translate("KartaViewPlugin", message)

    # Processing only (qgis_process calls classFactory + initProcessing, without a GUI).
    def initProcessing(self):  # noqa: N802 (QGIS API name)
        if self.processing_provider is None:
            self.processing_provider = KartaViewProcessingProvider()
            QgsApplication.processingRegistry().addProvider(self.processing_provider)

    def initGui(self):  # noqa: N802 (QGIS API name)
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(self.tr("KartaView"))
        self.toolbar.setObjectName("KartaViewToolbar")
        for component_class in COMPONENTS:
            component = component_class(self)
            component.init_gui()
            self.components.append(component)

    def add_action(self, action, menu=True, toolbar=True):
        """Put an action in the Web ▸ KartaView menu and/or the toolbar; removed on unload."""
        if menu:
            self.iface.addPluginToWebMenu(MENU, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append((action, menu))
        return action

    def unload(self):
        for component in reversed(self.components):
            component.unload()
        self.components = []
        for action, menu in self.actions:
            if menu:
                self.iface.removePluginWebMenu(MENU, action)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.processing_provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.processing_provider)
            self.processing_provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None


def register_data_provider():
    """Register the `kartaview` vector data provider (idempotent; QGIS 3.22 cannot unregister)."""
    from .provider.metadata import register_provider

    return register_provider()
