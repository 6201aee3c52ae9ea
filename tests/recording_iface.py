"""A QgisInterface for tests that records what a plugin adds, so a test can check unload removes it.

It wraps pytest-qgis's stub (canvas, main window, message bar) and implements the calls that stub
lacks (Web menu, dock removal, options pages, layer actions).
"""

from qgis.PyQt.QtWidgets import QMenu


class RecordingIface:
    def __init__(self, base, message_bar=None):
        self._base = base
        self._message_bar = message_bar  # a real QgsMessageBar, for tests that read its items
        from qgis.gui import QgsStatusBar

        self.status_bar = QgsStatusBar()  # pytest-qgis's stub has none
        self.web_menu_actions = []
        self.docks = []
        self.options_factories = []
        self.custom_layer_actions = []
        self.toolbars = []
        self.map_tool_unsets = 0
        self._web_menu = QMenu("&Web", base.mainWindow())

    def __getattr__(self, name):
        return getattr(self._base, name)

    def addToolBar(self, name):  # noqa: N802 (QGIS API name)
        toolbar = self._base.addToolBar(name)
        self.toolbars.append(toolbar)
        toolbar.destroyed.connect(lambda *_: self.toolbars.remove(toolbar))
        return toolbar

    def statusBarIface(self):  # noqa: N802 (QGIS API name)
        return self.status_bar

    def messageBar(self):  # noqa: N802 (QGIS API name)
        return self._message_bar if self._message_bar is not None else self._base.messageBar()

    def webMenu(self):  # noqa: N802 (QGIS API name)
        return self._web_menu

    def addPluginToWebMenu(self, name, action):  # noqa: N802 (QGIS API name)
        self.web_menu_actions.append((name, action))

    def removePluginWebMenu(self, name, action):  # noqa: N802 (QGIS API name)
        self.web_menu_actions.remove((name, action))

    def addDockWidget(self, area, dock):  # noqa: N802 (QGIS API name)
        self.docks.append(dock)

    def removeDockWidget(self, dock):  # noqa: N802 (QGIS API name)
        self.docks.remove(dock)

    def registerOptionsWidgetFactory(self, factory):  # noqa: N802 (QGIS API name)
        self.options_factories.append(factory)

    def unregisterOptionsWidgetFactory(self, factory):  # noqa: N802 (QGIS API name)
        self.options_factories.remove(factory)

    def addCustomActionForLayerType(self, action, menu, layer_type, all_layers):  # noqa: N802
        self.custom_layer_actions.append(action)

    def addCustomActionForLayer(self, action, layer):  # noqa: N802 (QGIS API name)
        pass

    def removeCustomActionForLayerType(self, action):  # noqa: N802 (QGIS API name)
        if action in self.custom_layer_actions:
            self.custom_layer_actions.remove(action)
            return True
        return False

    def leftovers(self):
        """Everything the plugin added that is still there."""
        return {
            "web menu actions": list(self.web_menu_actions),
            "docks": list(self.docks),
            "options pages": list(self.options_factories),
            "layer actions": list(self.custom_layer_actions),
            "toolbars": list(self.toolbars),
        }
