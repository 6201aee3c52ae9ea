"""The KartaView plugin's code, layered by dependency.

client/, upload/, analysis/: pure Python (no qgis import);
core/, provider/, processing/: QGIS glue; gui/: widgets.
"""
