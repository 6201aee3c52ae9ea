"""Every setting of the plugin, typed, over QgsSettings under the "kartaview/" prefix.

Environment variables override the stored values, for tests and headless runs
(`KARTAVIEW_API_URL`, `KARTAVIEW_CACHE_DIR`, ...). Secrets never live here: the account is
kept in the QGIS authentication database and only its config id is stored (`auth_cfg`).
"""

import os
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsApplication, QgsSettings

from ..client.client import KartaViewClient

PREFIX = "kartaview/"


@dataclass(frozen=True)
class _Setting:
    key: str
    type: type
    default: object
    env: str = ""


class _Property:
    """A typed QgsSettings value exposed as an attribute of Settings."""

    def __init__(self, setting: _Setting):
        self.setting = setting

    def __get__(self, settings, owner=None):
        if settings is None:
            return self
        return settings.get(self.setting.key)

    def __set__(self, settings, value):
        settings.set(self.setting.key, value)


SETTINGS = {
    s.key: s
    for s in (
        _Setting("api_url", str, KartaViewClient.DEFAULT_URL, "KARTAVIEW_API_URL"),
        _Setting("cache_dir", str, "", "KARTAVIEW_CACHE_DIR"),
        _Setting("cache_max_mb", int, 500, "KARTAVIEW_CACHE_MAX_MB"),
        _Setting("cache_expiry_hours", int, 24, "KARTAVIEW_CACHE_EXPIRY_HOURS"),
        _Setting("upload_concurrency", int, 4, "KARTAVIEW_UPLOAD_CONCURRENCY"),
        _Setting("auth_cfg", str, "", "KARTAVIEW_AUTHCFG"),
        _Setting("min_quality", int, 0),
        _Setting("only_360", bool, False),
        _Setting("since_date", str, ""),
        _Setting("username_filter", str, ""),
        _Setting("osm_client_id", str, "", "KARTAVIEW_OSM_CLIENT_ID"),
        _Setting("osm_url", str, "https://www.openstreetmap.org/", "KARTAVIEW_OSM_URL"),
        # the token over plain http:// to a host that is not this computer (a test server on one's network)
        _Setting("allow_insecure_http", bool, False, "KARTAVIEW_ALLOW_INSECURE_HTTP"),
        # FFmpeg's programs for kartaview:samplevideo; empty: found on PATH
        _Setting("ffmpeg_path", str, "", "KARTAVIEW_FFMPEG"),
        _Setting("ffprobe_path", str, "", "KARTAVIEW_FFPROBE"),
        # the last map view showing a KartaView layer (EPSG:4326 "min_lng,min_lat,max_lng,max_lat"):
        # where the first KartaView layer of an empty project opens (gui/first_view.py)
        _Setting("last_view", str, ""),
    )
}


def _convert(value, kind):
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


class Settings:
    """Read on each use (cheap); writers persist at once."""

    api_url = _Property(SETTINGS["api_url"])
    cache_max_mb = _Property(SETTINGS["cache_max_mb"])
    cache_expiry_hours = _Property(SETTINGS["cache_expiry_hours"])
    upload_concurrency = _Property(SETTINGS["upload_concurrency"])
    auth_cfg = _Property(SETTINGS["auth_cfg"])
    min_quality = _Property(SETTINGS["min_quality"])
    only_360 = _Property(SETTINGS["only_360"])
    since_date = _Property(SETTINGS["since_date"])
    username_filter = _Property(SETTINGS["username_filter"])
    osm_client_id = _Property(SETTINGS["osm_client_id"])
    osm_url = _Property(SETTINGS["osm_url"])
    allow_insecure_http = _Property(SETTINGS["allow_insecure_http"])
    ffmpeg_path = _Property(SETTINGS["ffmpeg_path"])
    ffprobe_path = _Property(SETTINGS["ffprobe_path"])
    last_view = _Property(SETTINGS["last_view"])

    def __init__(self):
        self._qsettings = QgsSettings()

    def get(self, key: str):
        setting = SETTINGS[key]
        if setting.env and os.environ.get(setting.env):
            value = _convert(os.environ[setting.env], setting.type)
            if value is not None:
                return value
        stored = self._qsettings.value(PREFIX + key, setting.default, type=setting.type)
        value = _convert(stored, setting.type)
        # an emptied address (e.g. in QGIS's settings editor) means the default, not "no address"
        return setting.default if value is None or (value == "" and setting.default) else value

    def set(self, key: str, value) -> None:
        setting = SETTINGS[key]
        self._qsettings.setValue(PREFIX + key, _convert(value, setting.type))

    def is_overridden(self, key: str) -> bool:
        """True when an environment variable decides this value (the options page says so)."""
        env = SETTINGS[key].env
        return bool(env and os.environ.get(env))

    @property
    def cache_dir(self) -> Path:
        configured = self.get("cache_dir")
        if configured:
            return Path(configured)
        return Path(QgsApplication.qgisSettingsDirPath()) / "kartaview"

    @cache_dir.setter
    def cache_dir(self, value) -> None:
        self.set("cache_dir", str(value))
