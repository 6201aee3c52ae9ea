"""Plugin identity read once from metadata.txt (the single source of truth). No qgis import."""

import configparser
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent.parent

_metadata = configparser.ConfigParser(interpolation=None)
_metadata.read(PLUGIN_DIR / "metadata.txt", encoding="utf-8")

__title__ = _metadata.get("general", "name", fallback="KartaView")
__version__ = _metadata.get("general", "version", fallback="0.0.0")
__tracker__ = _metadata.get("general", "tracker", fallback="")
__homepage__ = _metadata.get("general", "homepage", fallback="")
# The README's section on the algorithms: what the Help button of their dialogs opens.
ALGORITHMS_HELP_URL = __homepage__ + "#processing-algorithms-toolbox-kartaview-batch-mode-models-qgis_process"
USER_AGENT = "QGIS-KartaView-plugin/{}".format(__version__)
