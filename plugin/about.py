"""Plugin identity read once from metadata.txt (the single source of truth). No qgis import."""

import configparser
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent.parent

_metadata = configparser.ConfigParser(interpolation=None)
_metadata.read(PLUGIN_DIR / "metadata.txt", encoding="utf-8")

__title__ = _metadata.get("general", "name", fallback="KartaView")
__version__ = _metadata.get("general", "version", fallback="0.0.0")
__tracker__ = _metadata.get("general", "tracker", fallback="")
USER_AGENT = "QGIS-KartaView-plugin/{}".format(__version__)
