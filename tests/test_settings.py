"""Typed settings over QgsSettings under "kartaview/", overridden by environment variables."""

from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsSettings

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.core.settings import PREFIX, SETTINGS, Settings


@pytest.fixture
def clean_settings(qgis_app, monkeypatch):
    """No stored KartaView value and no overriding environment variable (the sandbox sets some)."""
    for setting in SETTINGS.values():
        if setting.env:
            monkeypatch.delenv(setting.env, raising=False)
    QgsSettings().remove(PREFIX.rstrip("/"))
    yield Settings()
    QgsSettings().remove(PREFIX.rstrip("/"))


def test_defaults_when_nothing_is_stored(clean_settings):
    s = clean_settings
    assert s.api_url == KartaViewClient.DEFAULT_URL
    assert (s.cache_max_mb, s.cache_expiry_hours, s.upload_concurrency) == (500, 24, 4)
    assert (s.min_quality, s.only_360, s.since_date, s.username_filter) == (0, False, "", "")
    assert s.auth_cfg == ""
    assert not any(s.is_overridden(key) for key in SETTINGS)


def test_values_are_stored_typed_under_the_plugin_prefix(clean_settings):
    s = clean_settings
    s.cache_max_mb = "750"
    s.only_360 = True
    s.set("username_filter", "mapper")

    assert QgsSettings().value(PREFIX + "cache_max_mb") in (750, "750")
    fresh = Settings()
    assert fresh.cache_max_mb == 750 and isinstance(fresh.cache_max_mb, int)
    assert fresh.only_360 is True
    assert fresh.username_filter == "mapper"


def test_an_environment_variable_overrides_the_stored_value(clean_settings, monkeypatch):
    s = clean_settings
    s.api_url = "https://stored.example/"
    s.upload_concurrency = 2
    monkeypatch.setenv("KARTAVIEW_API_URL", "http://127.0.0.1:1/")
    monkeypatch.setenv("KARTAVIEW_UPLOAD_CONCURRENCY", "7")

    assert s.api_url == "http://127.0.0.1:1/"
    assert s.upload_concurrency == 7
    assert s.is_overridden("api_url") and s.is_overridden("upload_concurrency")
    assert not s.is_overridden("cache_max_mb")
    assert not s.is_overridden("min_quality"), "filters have no environment variable"


def test_an_unusable_environment_value_falls_back_to_the_stored_one(clean_settings, monkeypatch):
    clean_settings.cache_max_mb = 300
    monkeypatch.setenv("KARTAVIEW_CACHE_MAX_MB", "lots")
    assert Settings().cache_max_mb == 300


@pytest.mark.parametrize("text, expected", [("1", True), ("yes", True), ("true", True), ("0", False), ("off", False)])
def test_boolean_values_from_text(clean_settings, text, expected):
    clean_settings.set("only_360", text)
    assert Settings().only_360 is expected


def test_cache_dir_is_in_the_qgis_profile_unless_overridden(clean_settings, monkeypatch, tmp_path):
    assert clean_settings.cache_dir == Path(QgsApplication.qgisSettingsDirPath()) / "kartaview"
    clean_settings.cache_dir = tmp_path / "stored"
    assert Settings().cache_dir == tmp_path / "stored"
    monkeypatch.setenv("KARTAVIEW_CACHE_DIR", str(tmp_path / "env"))
    assert Settings().cache_dir == tmp_path / "env"
    assert Settings().is_overridden("cache_dir")


def test_every_setting_is_exposed_as_a_property():
    exposed = {name for name in dir(Settings) if name in SETTINGS}
    assert exposed == set(SETTINGS)


def test_an_emptied_address_falls_back_to_the_default(clean_settings):
    clean_settings.api_url = ""
    assert Settings().api_url == KartaViewClient.DEFAULT_URL
    clean_settings.since_date = ""
    assert Settings().since_date == ""
