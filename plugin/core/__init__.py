"""QGIS glue shared by the provider, the Processing algorithms and the widgets."""
