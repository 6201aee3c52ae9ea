"""Widgets: the photo dock, map tool, dialogs and the options page."""
