"""The upload engine (pure Python, never imports qgis): planner, journal and uploader."""
