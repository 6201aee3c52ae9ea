"""Sign in to KartaView: with OpenStreetMap (the official uploader's OAuth2 code flow) or a pasted token.

The account ends up in the QGIS authentication database (core.auth); this dialog never keeps the
token longer than the click that stores it, and never logs it.
"""

import os

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction, QApplication, QDialog, QDialogButtonBox

from ..about import PLUGIN_DIR
from ..client.errors import AuthenticationError, KartaViewError
from ..core import auth
from ..core.log import log_error, log_info
from ..core.messages import user_message
from ..core.network import make_client
from ..core.settings import Settings

FORM_CLASS, _ = uic.loadUiType(str(PLUGIN_DIR / "ui" / "sign_in_dialog.ui"))
ICON = str(PLUGIN_DIR / "ui" / "icons" / "kartaview.svg")
# The OSM app's secret is not kept in settings: it comes from this environment variable.
CLIENT_SECRET_ENV = "KARTAVIEW_OSM_CLIENT_SECRET"  # nosec B105 # pragma: allowlist secret # a variable's name, not a secret
OSM_TAB, TOKEN_TAB = 0, 1


class SignInDialog(QDialog, FORM_CLASS):
    accountChanged = pyqtSignal()  # noqa: N815 (Qt signal naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        for label in (self.accountLabel, self.messageLabel):  # a user name, a server's message: never HTML
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._authorization = None  # the pending OSM authorization (its PKCE verifier)
        settings = Settings()
        self.osmUrlEdit.setText(settings.osm_url)
        self.clientIdEdit.setText(settings.osm_client_id)
        self.clientSecretEdit.setText(os.environ.get(CLIENT_SECRET_ENV, ""))
        self.signInButton = self.buttonBox.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.ActionRole)
        self.signInButton.clicked.connect(self._sign_in)
        self.buttonBox.rejected.connect(self.reject)
        self.openBrowserButton.clicked.connect(self._open_browser)
        self.signOutButton.clicked.connect(self._sign_out)
        self.methodTabs.currentChanged.connect(lambda *_: self._say(""))  # one tab's error is not the other's
        self._show_account()

    def tr(self, message):
        return QCoreApplication.translate("SignInDialog", message)

    def _show_account(self):
        signed_in = auth.has_account()  # no master password needed to say who is signed in
        if signed_in:
            name = auth.username() or self.tr("(unknown user)")
            self.accountLabel.setText(self.tr("Signed in as {}.").format(name))
        else:
            self.accountLabel.setText(self.tr("Not signed in."))
        self.signOutButton.setEnabled(signed_in)

    def _say(self, text, error=False):
        self.messageLabel.setStyleSheet("color: #b00020;" if error else "")
        self.messageLabel.setText(text)

    def _open_browser(self):
        try:
            client_id = self.clientIdEdit.text().strip()
            if not client_id:
                self._say(self.tr("Enter the client id of your OpenStreetMap application first."), error=True)
                return
            self._authorization = auth.osm_authorization(self.osmUrlEdit.text().strip(), client_id)
            QDesktopServices.openUrl(QUrl(self._authorization.url))
            self._say(self.tr("Authorize the application in the browser, then paste the code here."))
        except Exception as error:  # a Qt slot: report, never raise
            log_error(self.tr("Could not open the sign-in page: {}").format(error))
            self._say(self.tr("Could not open the sign-in page: {}").format(error), error=True)

    def _sign_in(self):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.methodTabs.currentIndex() == TOKEN_TAB:
                name = self._sign_in_with_token()
            else:
                name = self._sign_in_with_osm()
            if name is None:
                return
            log_info(self.tr("Signed in to KartaView as {}.").format(name))
            self._say(self.tr("Signed in as {}.").format(name))
            self.accountChanged.emit()
        except KartaViewError as error:
            log_error(self.tr("Signing in failed: {}").format(error))
            self._say(user_message(error), error=True)
        except auth.AuthStoreError as error:
            self._say(str(error), error=True)
        except Exception as error:  # a Qt slot: report, never raise
            log_error(self.tr("Signing in failed: {}").format(type(error).__name__))
            self._say(self.tr("Signing in failed: {}").format(type(error).__name__), error=True)
        finally:
            QApplication.restoreOverrideCursor()
            self._show_account()

    def _sign_in_with_token(self):
        token = self.tokenEdit.text().strip()
        if not token:
            self._say(self.tr("Paste your KartaView access token."), error=True)
            return None
        # Checked with KartaView first: a wrong token is refused here, not at the first upload, and
        # the QGIS authentication database (its master password) is only asked to store a good one.
        client = make_client(retries=1)
        try:
            name = client.check_token(token)
        except AuthenticationError:
            self._say(self.tr("KartaView did not accept this access token. Copy it again, whole, or sign in "
                              "with OpenStreetMap."), error=True)
            return None
        finally:
            client.close()
        name = name or self.usernameEdit.text().strip() or self.tr("KartaView account")
        auth.save_account(token, name)
        self.tokenEdit.clear()
        return name

    def _sign_in_with_osm(self):
        code = self.codeEdit.text().strip()
        if self._authorization is None:
            self._say(self.tr("Open the OpenStreetMap sign-in page first (step 1)."), error=True)
            return None
        if not code:
            self._say(self.tr("Paste the code OpenStreetMap showed (step 2)."), error=True)
            return None
        osm_url, client_id = self.osmUrlEdit.text().strip(), self.clientIdEdit.text().strip()
        secret = self.clientSecretEdit.text().strip()
        osm_token = auth.exchange_osm_code(osm_url, client_id, secret, code, self._authorization.verifier)
        client = make_client()
        try:
            account = client.client_auth(osm_token)  # the OSM app's secret stays between us and OSM
        finally:
            client.close()
        auth.save_account(account.access_token, account.username)
        settings = Settings()
        settings.osm_url, settings.osm_client_id = osm_url, client_id
        self._authorization = None
        self.codeEdit.clear()
        return account.username or self.tr("KartaView account")

    def _sign_out(self):
        try:
            auth.sign_out()
            self._say(self.tr("Signed out."))
            self.accountChanged.emit()
        except Exception as error:  # a Qt slot: report, never raise
            log_error(self.tr("Could not sign out: {}").format(error))
        self._show_account()


class SignInComponent:
    """Web ▸ KartaView ▸ Sign in… opens the dialog."""

    def __init__(self, plugin):
        self.plugin = plugin

    def tr(self, message):
        return QCoreApplication.translate("SignInComponent", message)

    def init_gui(self):
        action = QAction(QIcon(ICON), self.tr("Sign in to KartaView…"), self.plugin.iface.mainWindow())
        action.setObjectName("KartaViewSignInAction")
        action.triggered.connect(self.show_dialog)
        self.plugin.add_action(action, menu=True, toolbar=False)

    def show_dialog(self):
        try:
            SignInDialog(self.plugin.iface.mainWindow()).exec()
        except Exception as error:  # a Qt slot: log, never raise
            log_error(self.tr("Could not open the sign-in dialog: {}").format(error))

    def unload(self):
        """The plugin removes the action; nothing else stays behind."""
