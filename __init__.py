"""QGIS entry point of the KartaView plugin."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Create the plugin; QGIS calls this for the desktop and for qgis_process."""
    from .plugin.plugin import KartaViewPlugin

    return KartaViewPlugin(iface)
