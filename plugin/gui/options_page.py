"""The "KartaView" page of QGIS Settings ▸ Options: server, cache, upload, default filters, account."""

import os

from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QDate, QLocale, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..about import PLUGIN_DIR
from ..core import auth
from ..core.cache import shared_cache
from ..core.log import log_error
from ..core.settings import SETTINGS, Settings
from .sign_in_dialog import SignInDialog

FORM_CLASS, _ = uic.loadUiType(str(PLUGIN_DIR / "ui" / "options_page.ui"))
ICON = str(PLUGIN_DIR / "ui" / "icons" / "kartaview.svg")
PAGE_NAME = "KartaViewOptionsPage"
DATE_FORMAT = "yyyy-MM-dd"


class KartaViewOptionsPage(QgsOptionsPageWidget, FORM_CLASS):
    """Shows the stored values; `apply()` (QGIS calls it on OK) writes back those the user may change."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.accountLabel.setTextFormat(Qt.TextFormat.PlainText)  # the user name is the server's: never HTML
        # QgisInterface.showOptionsDialog(currentPage=...) finds the page by this name.
        self.setObjectName(PAGE_NAME)
        self.settings = Settings()
        # setting key -> widget showing it (an overridden one is read-only)
        self.widgets = {
            "api_url": self.apiUrlEdit,
            "allow_insecure_http": self.insecureHttpCheck,
            "cache_max_mb": self.cacheMaxSpin,
            "cache_expiry_hours": self.cacheExpirySpin,
            "upload_concurrency": self.uploadConcurrencySpin,
            "min_quality": self.minQualitySpin,
            "only_360": self.only360Check,
            "since_date": self.sinceDateEdit,
            "username_filter": self.usernameEdit,
            "ffmpeg_path": self.ffmpegEdit,
            "ffprobe_path": self.ffprobeEdit,
        }
        self.apiUrlEdit.setPlaceholderText(SETTINGS["api_url"].default)
        self.sinceCheck.toggled.connect(self.sinceDateEdit.setEnabled)
        self.clearCacheButton.clicked.connect(self._clear_cache)
        self.signInButton.clicked.connect(self._sign_in)
        self.signOutButton.clicked.connect(self._sign_out)
        self._load()

    def tr(self, message):
        return QCoreApplication.translate("KartaViewOptionsPage", message)

    def _load(self):
        s = self.settings
        api_url = s.api_url
        self.apiUrlEdit.setText("" if api_url == SETTINGS["api_url"].default else api_url)
        self.insecureHttpCheck.setChecked(s.allow_insecure_http)
        self.cacheMaxSpin.setValue(s.cache_max_mb)
        self.cacheExpirySpin.setValue(s.cache_expiry_hours)
        self.uploadConcurrencySpin.setValue(s.upload_concurrency)
        self.minQualitySpin.setValue(s.min_quality)
        self.only360Check.setChecked(s.only_360)
        self.usernameEdit.setText(s.username_filter)
        self.ffmpegEdit.setText(s.ffmpeg_path)
        self.ffprobeEdit.setText(s.ffprobe_path)
        since = QDate.fromString(s.since_date, DATE_FORMAT)
        self.sinceCheck.setChecked(since.isValid())
        self.sinceDateEdit.setDate(since if since.isValid() else QDate.currentDate().addYears(-1))
        self.sinceDateEdit.setEnabled(since.isValid())
        self.cacheDirLabel.setText(str(s.cache_dir))
        self._show_overrides()
        self._show_cache_size()
        self._show_account()

    def _show_overrides(self):
        overridden = [key for key in self.widgets if self.settings.is_overridden(key)]
        for key in overridden:
            widget = self.widgets[key]
            widget.setEnabled(False)
            widget.setToolTip(
                self.tr("Set by the environment variable {}").format(SETTINGS[key].env)
            )
        if "since_date" in overridden:
            self.sinceCheck.setEnabled(False)
        if self.settings.is_overridden("cache_dir"):
            self.cacheDirLabel.setToolTip(
                self.tr("Set by the environment variable {}").format(SETTINGS["cache_dir"].env)
            )
            overridden.append("cache_dir")
        variables = sorted(SETTINGS[key].env for key in overridden)
        self.overrideLabel.setVisible(bool(variables))
        self.overrideLabel.setText(
            self.tr("Environment variables decide some values; they cannot be changed here: {}").format(
                ", ".join(variables)
            )
        )

    def _show_cache_size(self):
        try:
            size = shared_cache().size_bytes()
        except Exception as error:  # a broken cache must not break QGIS's Options dialog
            log_error(self.tr("Could not read the cache: {}").format(error))
            self.cacheSizeLabel.setText(self.tr("unknown"))
            return
        megabytes = QLocale().toString(size / (1024 * 1024), "f", 1)
        self.cacheSizeLabel.setText(self.tr("{} MB").format(megabytes))

    def _clear_cache(self):
        try:
            shared_cache().clear()
        except Exception as error:  # a Qt slot: log, never raise
            log_error(self.tr("Could not clear the cache: {}").format(error))
        self._show_cache_size()

    def _show_account(self):
        fixed = self.settings.is_overridden("auth_cfg")
        signed_in = auth.has_account()  # showing the account never asks for the master password
        name = auth.username() if signed_in else None
        if fixed:
            text = self.tr("The account is set by the environment variable {}.").format(SETTINGS["auth_cfg"].env)
        elif name:
            text = self.tr("Signed in as {}.").format(name)
        elif signed_in:
            text = self.tr("Signed in.")
        else:
            text = self.tr("Not signed in. Sign in to upload photos.")
        if os.environ.get(auth.TOKEN_ENV):
            text += " " + self.tr("Uploads use the access token of the environment variable {}.").format(
                auth.TOKEN_ENV)
        self.accountLabel.setText(text)
        self.signOutButton.setEnabled(signed_in and not fixed)
        self.signInButton.setEnabled(not fixed)

    def _sign_in(self):
        try:
            dialog = SignInDialog(self)
            dialog.accountChanged.connect(self._show_account)
            dialog.exec()
        except Exception as error:  # a Qt slot: log, never raise
            log_error(self.tr("Could not open the sign-in dialog: {}").format(error))
        self._show_account()

    def _sign_out(self):
        try:
            auth.sign_out()
        except Exception as error:  # a Qt slot: log, never raise
            log_error(self.tr("Could not sign out: {}").format(error))
        self._show_account()

    def apply(self):
        try:
            self._save()
        except Exception as error:  # called from QGIS's options dialog: log, never raise
            log_error(self.tr("Could not save the KartaView settings: {}").format(error))

    def _save(self):
        s = self.settings
        values = {
            "api_url": self.apiUrlEdit.text().strip() or SETTINGS["api_url"].default,
            "allow_insecure_http": self.insecureHttpCheck.isChecked(),
            "cache_max_mb": self.cacheMaxSpin.value(),
            "cache_expiry_hours": self.cacheExpirySpin.value(),
            "upload_concurrency": self.uploadConcurrencySpin.value(),
            "min_quality": self.minQualitySpin.value(),
            "only_360": self.only360Check.isChecked(),
            "since_date": (
                self.sinceDateEdit.date().toString(DATE_FORMAT) if self.sinceCheck.isChecked() else ""
            ),
            "username_filter": self.usernameEdit.text().strip(),
            "ffmpeg_path": self.ffmpegEdit.text().strip(),
            "ffprobe_path": self.ffprobeEdit.text().strip(),
        }
        for key, value in values.items():
            if not s.is_overridden(key):
                s.set(key, value)


class KartaViewOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(QCoreApplication.translate("KartaViewOptionsFactory", "KartaView"))
        self.setIcon(QIcon(ICON))

    def createWidget(self, parent):  # noqa: N802 (QGIS API name)
        return KartaViewOptionsPage(parent)


class OptionsComponent:
    """Registers the page in Settings ▸ Options and a Web ▸ KartaView menu entry that opens it."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.factory = None

    def tr(self, message):
        return QCoreApplication.translate("OptionsComponent", message)

    def init_gui(self):
        self.factory = KartaViewOptionsFactory()
        self.plugin.iface.registerOptionsWidgetFactory(self.factory)
        action = QAction(QIcon(ICON), self.tr("KartaView Settings…"), self.plugin.iface.mainWindow())
        action.setObjectName("KartaViewSettingsAction")
        action.setMenuRole(QAction.MenuRole.NoRole)
        action.triggered.connect(self.show_page)
        self.plugin.add_action(action, menu=True, toolbar=False)

    def show_page(self):
        try:
            self.plugin.iface.showOptionsDialog(self.plugin.iface.mainWindow(), currentPage=PAGE_NAME)
        except Exception as error:  # a Qt slot: log, never raise
            log_error(self.tr("Could not open the KartaView settings: {}").format(error))

    def unload(self):
        if self.factory is not None:
            self.plugin.iface.unregisterOptionsWidgetFactory(self.factory)
            self.factory = None
