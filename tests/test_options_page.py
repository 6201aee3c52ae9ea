"""The KartaView page of Settings ▸ Options: shows the settings, writes them back, respects overrides."""

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QDate, QEvent, QLocale

import kartaview
from kartaview.plugin.core import auth
from kartaview.plugin.core.cache import TILES, shared_cache
from kartaview.plugin.core.settings import PREFIX, SETTINGS, Settings
from kartaview.plugin.gui.options_page import PAGE_NAME, KartaViewOptionsFactory, KartaViewOptionsPage
from kartaview.plugin.gui.sign_in_dialog import SignInDialog
from tests.recording_iface import RecordingIface


@pytest.fixture
def stored(kv_app, monkeypatch):
    """Clean settings without environment overrides; returns the Settings object."""
    for setting in SETTINGS.values():
        if setting.env:
            monkeypatch.delenv(setting.env, raising=False)
    QgsSettings().remove(PREFIX.rstrip("/"))
    yield Settings()
    QgsSettings().remove(PREFIX.rstrip("/"))


@pytest.fixture
def page(stored):
    widget = KartaViewOptionsPage()
    yield widget
    widget.deleteLater()


def test_the_page_shows_the_stored_settings(stored):
    stored.api_url = "http://kartaview.example/"
    stored.cache_max_mb = 1200
    stored.upload_concurrency = 6
    stored.min_quality = 3
    stored.only_360 = True
    stored.since_date = "2021-05-04"
    stored.username_filter = "mapper"

    shown = KartaViewOptionsPage()
    assert shown.apiUrlEdit.text() == "http://kartaview.example/"
    assert shown.cacheMaxSpin.value() == 1200
    assert shown.uploadConcurrencySpin.value() == 6
    assert shown.minQualitySpin.value() == 3
    assert shown.only360Check.isChecked()
    assert shown.sinceCheck.isChecked() and shown.sinceDateEdit.date() == QDate(2021, 5, 4)
    assert shown.usernameEdit.text() == "mapper"
    assert shown.cacheDirLabel.text() == str(stored.cache_dir)
    assert not shown.overrideLabel.isVisibleTo(shown)
    shown.deleteLater()


def test_apply_writes_the_settings(page, stored):
    assert page.apiUrlEdit.text() == "", "the default address is shown as the placeholder"
    page.cacheExpirySpin.setValue(48)
    page.uploadConcurrencySpin.setValue(2)
    page.sinceCheck.setChecked(True)
    page.sinceDateEdit.setDate(QDate(2020, 1, 31))
    page.usernameEdit.setText("  someone ")
    page.apply()

    fresh = Settings()
    assert fresh.api_url == SETTINGS["api_url"].default
    assert (fresh.cache_expiry_hours, fresh.upload_concurrency) == (48, 2)
    assert fresh.since_date == "2020-01-31"
    assert fresh.username_filter == "someone"

    page.sinceCheck.setChecked(False)
    page.apply()
    assert Settings().since_date == ""


def test_values_set_by_the_environment_are_read_only(stored, monkeypatch):
    stored.upload_concurrency = 2
    monkeypatch.setenv("KARTAVIEW_UPLOAD_CONCURRENCY", "9")
    monkeypatch.setenv("KARTAVIEW_API_URL", "http://127.0.0.1:9/")

    shown = KartaViewOptionsPage()
    assert shown.uploadConcurrencySpin.value() == 9
    assert not shown.uploadConcurrencySpin.isEnabled() and not shown.apiUrlEdit.isEnabled()
    assert "KARTAVIEW_UPLOAD_CONCURRENCY" in shown.uploadConcurrencySpin.toolTip()
    assert shown.overrideLabel.isVisibleTo(shown)
    assert "KARTAVIEW_API_URL" in shown.overrideLabel.text()
    shown.apply()
    monkeypatch.delenv("KARTAVIEW_UPLOAD_CONCURRENCY")
    monkeypatch.delenv("KARTAVIEW_API_URL")
    assert Settings().upload_concurrency == 2, "an overridden value must not be written"
    assert Settings().api_url == SETTINGS["api_url"].default
    shown.deleteLater()


def test_the_plugin_registers_the_page_and_a_menu_entry(kv_app, qgis_iface):
    iface = RecordingIface(qgis_iface)
    plugin = kartaview.classFactory(iface)
    plugin.initGui()
    try:
        factories = [f for f in iface.options_factories if isinstance(f, KartaViewOptionsFactory)]
        assert len(factories) == 1
        assert factories[0].title() == "KartaView" and not factories[0].icon().isNull()
        widget = factories[0].createWidget(None)
        assert isinstance(widget, KartaViewOptionsPage) and widget.objectName() == PAGE_NAME
        widget.deleteLater()
        actions = [a for _menu, a in iface.web_menu_actions if a.objectName() == "KartaViewSettingsAction"]
        assert len(actions) == 1
    finally:
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert iface.options_factories == []


@pytest.fixture
def auth_db(kv_app):
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("kartaview-tests", True)
    return manager


def test_the_account_is_shown_and_signs_out(stored, auth_db):
    config_id = auth.save_account("secret-token", "mapper")
    shown = KartaViewOptionsPage()
    assert "mapper" in shown.accountLabel.text()
    assert "secret-token" not in shown.accountLabel.text()
    assert shown.signOutButton.isEnabled()

    shown.signOutButton.click()
    assert not auth.signed_in()
    assert config_id not in auth_db.configIds()
    assert Settings().auth_cfg == ""
    assert not shown.signOutButton.isEnabled() and shown.signInButton.isEnabled()
    assert "mapper" not in shown.accountLabel.text()
    shown.deleteLater()


def test_sign_in_opens_the_sign_in_dialog_and_shows_the_new_account(stored, auth_db, monkeypatch):
    auth.sign_out()
    opened = []

    def sign_in_in_the_dialog(dialog):
        opened.append(dialog)
        auth.save_account("another-token", "newcomer")
        dialog.accountChanged.emit()
        return 1

    monkeypatch.setattr(SignInDialog, "exec", sign_in_in_the_dialog)
    shown = KartaViewOptionsPage()
    assert not shown.signOutButton.isEnabled()
    shown.signInButton.click()
    assert len(opened) == 1
    assert "newcomer" in shown.accountLabel.text() and shown.signOutButton.isEnabled()
    auth.sign_out()
    shown.deleteLater()


def test_the_cache_size_is_shown_and_the_cache_cleared(stored, monkeypatch, tmp_path):
    monkeypatch.setenv("KARTAVIEW_CACHE_DIR", str(tmp_path / "cache"))
    cache = shared_cache()
    cache.put_many(TILES, [("z16/{}".format(i), {"photos": list(range(i, i + 4000))}) for i in range(40)])
    shown = KartaViewOptionsPage()
    before = shown.cacheSizeLabel.text()
    assert before == "{} MB".format(QLocale().toString(cache.size_bytes() / (1024 * 1024), "f", 1))
    assert cache.size_bytes() > 100 * 1024

    shown.clearCacheButton.click()
    assert cache.get(TILES, "z16/1") is None
    assert shown.cacheSizeLabel.text() != before
    shown.deleteLater()


def test_an_access_token_in_the_environment_is_mentioned(stored, monkeypatch):
    monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", "headless-token")
    shown = KartaViewOptionsPage()
    assert "KARTAVIEW_ACCESS_TOKEN" in shown.accountLabel.text()
    assert "headless-token" not in shown.accountLabel.text()
    shown.deleteLater()


def test_plain_http_to_other_computers_is_allowed_only_by_its_setting(page, stored, monkeypatch):
    assert not page.insecureHttpCheck.isChecked() and not stored.allow_insecure_http
    page.insecureHttpCheck.setChecked(True)
    page.apply()
    assert Settings().allow_insecure_http
    monkeypatch.setenv("KARTAVIEW_ALLOW_INSECURE_HTTP", "0")
    shown = KartaViewOptionsPage()
    assert not shown.insecureHttpCheck.isChecked() and not shown.insecureHttpCheck.isEnabled()
    assert "KARTAVIEW_ALLOW_INSECURE_HTTP" in shown.overrideLabel.text()
    shown.deleteLater()


def test_showing_the_account_decrypts_nothing(stored, auth_db, monkeypatch):
    """Opening Settings ▸ Options asks for no master password: the account is shown without reading the
    token (the only thing that needs the master password)."""
    auth.save_account("secret-token", "mapper")

    # Guarded where the decryption happens, not at auth.token/_load: every auth call reaches the
    # database through auth._manager(), and only a load with full=True decrypts (asks the password).
    manager, loads = auth._manager(), []  # noqa: SLF001

    class Guard:
        def __getattr__(self, name):
            return getattr(manager, name)

        def loadAuthenticationConfig(self, config_id, config, full=False):  # noqa: N802 (QGIS API name)
            assert not full, "the options page decrypted the account (QGIS would ask for the master password)"
            loads.append(config_id)
            return manager.loadAuthenticationConfig(config_id, config, full)

    monkeypatch.setattr(auth, "_manager", Guard)
    shown = KartaViewOptionsPage()
    assert shown.accountLabel.text() == "Signed in as mapper."
    assert shown.signOutButton.isEnabled()
    assert loads, "the guard saw no load: it no longer stands where the account is read"
    monkeypatch.undo()
    auth.sign_out()
    shown.deleteLater()


def test_the_ffmpeg_programs_are_set_on_the_page_and_used_by_samplevideo(page, stored, tmp_path):
    from kartaview.plugin.processing.sample_video import SampleVideoAlgorithm

    assert page.ffmpegEdit.text() == "" and page.ffprobeEdit.text() == ""  # empty: found on PATH
    program = tmp_path / "my-ffmpeg"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    page.ffmpegEdit.setText(" {} ".format(program))
    page.ffprobeEdit.setText(str(program))
    page.apply()
    assert stored.ffmpeg_path == str(program) and stored.ffprobe_path == str(program)
    assert SampleVideoAlgorithm()._programs() == (str(program), str(program))
    shown = KartaViewOptionsPage()
    assert shown.ffmpegEdit.text() == str(program)
    shown.deleteLater()
