"""Logging to the "KartaView" tab of the QGIS message log.

QgsMessageLog is thread-safe, so render threads and workers may call these. Never pass secrets.
"""

from qgis.core import Qgis, QgsMessageLog

TAG = "KartaView"


def log_info(message: str) -> None:
    QgsMessageLog.logMessage(message, TAG, Qgis.MessageLevel.Info)


def log_warning(message: str) -> None:
    QgsMessageLog.logMessage(message, TAG, Qgis.MessageLevel.Warning)


def log_error(message: str) -> None:
    QgsMessageLog.logMessage(message, TAG, Qgis.MessageLevel.Critical)
