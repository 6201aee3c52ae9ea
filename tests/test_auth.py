"""The KartaView account in the QGIS auth database, and the sign-in dialog against the sandbox."""

import re

import pytest
import requests
from qgis.core import QgsApplication, QgsSettings

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.client.errors import KartaViewError
from kartaview.plugin.core import auth
from kartaview.plugin.core.settings import Settings


@pytest.fixture
def auth_db(qgis_app, monkeypatch):
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master", True)
    monkeypatch.delenv("KARTAVIEW_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("KARTAVIEW_AUTHCFG", raising=False)
    auth.sign_out()
    yield manager
    auth.sign_out()


def all_settings_text():
    settings = QgsSettings()
    return " ".join("{}={}".format(key, settings.value(key)) for key in settings.allKeys())


def test_the_token_lives_in_the_auth_database_and_only_its_id_in_settings(auth_db):
    assert not auth.signed_in() and auth.token() is None
    config_id = auth.save_account("a" * 64, "zaphod")
    assert Settings().auth_cfg == config_id and config_id in auth_db.configIds()
    assert auth.token() == "a" * 64 and auth.username() == "zaphod" and auth.signed_in()
    assert "a" * 64 not in all_settings_text()

    again = auth.save_account("b" * 64, "trillian")  # signing in again replaces the account
    assert again == config_id and auth.token() == "b" * 64 and auth.username() == "trillian"
    assert len([c for c in auth_db.configIds() if c == config_id]) == 1

    auth.sign_out()
    assert config_id not in auth_db.configIds() and Settings().auth_cfg == "" and not auth.signed_in()


def test_which_token_an_upload_uses(auth_db, monkeypatch):
    assert auth.resolve_token() is None
    config_id = auth.save_account("account-token", "me")
    assert auth.resolve_token() == "account-token"
    monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", "env-token")
    assert auth.resolve_token() == "env-token"
    assert auth.resolve_token(config_id) == "account-token"  # an explicit config wins
    assert auth.resolve_token("nonexistent") is None


def test_osm_code_flow_against_the_sandbox(auth_db, sandbox):
    authorization = auth.osm_authorization(sandbox.url, "kv-client")
    assert authorization.url.startswith(sandbox.url + "oauth2/authorize?")
    assert "client_id=kv-client" in authorization.url and "code_challenge_method=S256" in authorization.url
    page = requests.get(authorization.url, timeout=10).text
    code = re.search(r'id="authorization_code">([^<]+)<', page).group(1)
    osm_token = auth.exchange_osm_code(sandbox.url, "kv-client", "kv-secret", code, authorization.verifier)
    with KartaViewClient(sandbox.url) as client:
        account = client.client_auth(osm_token)
        auth.save_account(account.access_token, account.username)
        assert auth.username() == sandbox.username
        assert client.create_sequence(auth.token(), 46.77, 23.59) > 0  # the stored token works

    with pytest.raises(KartaViewError, match="did not accept the code") as error:
        auth.exchange_osm_code(sandbox.url, "kv-client", "kv-secret", "wrong-code", authorization.verifier)
    assert "wrong-code" not in str(error.value) and "kv-secret" not in str(error.value)


def test_sign_in_dialog_with_osm_with_a_token_and_sign_out(auth_db, sandbox, monkeypatch):
    from kartaview.plugin.gui import sign_in_dialog as module

    opened = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    dialog = module.SignInDialog()
    changes = []
    dialog.accountChanged.connect(lambda: changes.append(True))
    assert "Not signed in" in dialog.accountLabel.text() and not dialog.signOutButton.isEnabled()

    dialog.methodTabs.setCurrentIndex(module.OSM_TAB)
    dialog.osmUrlEdit.setText(sandbox.url)
    dialog.clientIdEdit.setText("kv-client")
    dialog.clientSecretEdit.setText("kv-secret")
    dialog.signInButton.click()  # before opening the browser: a hint, no crash
    assert "step 1" in dialog.messageLabel.text()
    dialog.openBrowserButton.click()
    assert opened and opened[0].startswith(sandbox.url + "oauth2/authorize")
    dialog.codeEdit.setText("not-the-code")
    dialog.signInButton.click()
    assert "did not accept the code" in dialog.messageLabel.text() and not auth.signed_in()
    dialog.codeEdit.setText(re.search(r'id="authorization_code">([^<]+)<',
                                      requests.get(opened[0], timeout=10).text).group(1))
    dialog.signInButton.click()
    assert auth.signed_in() and auth.username() == sandbox.username
    assert sandbox.username in dialog.accountLabel.text() and changes
    assert Settings().osm_url == sandbox.url and Settings().osm_client_id == "kv-client"
    assert "kv-secret" not in all_settings_text() and auth.token() not in all_settings_text()

    dialog.signOutButton.click()
    assert not auth.signed_in() and "Not signed in" in dialog.accountLabel.text()

    dialog.methodTabs.setCurrentIndex(module.TOKEN_TAB)
    dialog.tokenEdit.setText(sandbox.token)
    dialog.usernameEdit.setText("pasted")
    dialog.signInButton.click()
    # the typed name stands in only when KartaView does not tell (an account without sequences)
    name = sandbox.username if sandbox.uploads() else "pasted"
    assert auth.token() == sandbox.token and "Signed in as {}.".format(name) == dialog.accountLabel.text()
    assert dialog.tokenEdit.text() == ""
    dialog.deleteLater()


def test_osm_sign_in_as_a_public_application_needs_no_secret_and_checks_pkce(auth_db, sandbox, monkeypatch):
    """An OpenStreetMap application registered as public (no client secret): PKCE stands in for the
    secret, and the sandbox, as OSM, refuses the code without the verifier of the challenge sent."""
    from kartaview.plugin.gui import sign_in_dialog as module

    opened = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    monkeypatch.delenv(module.CLIENT_SECRET_ENV, raising=False)
    dialog = module.SignInDialog()
    dialog.methodTabs.setCurrentIndex(module.OSM_TAB)
    dialog.osmUrlEdit.setText(sandbox.url)
    dialog.clientIdEdit.setText("kv-public")
    dialog.clientSecretEdit.clear()
    dialog.openBrowserButton.click()
    code = re.search(r'id="authorization_code">([^<]+)<', requests.get(opened[0], timeout=10).text).group(1)
    with pytest.raises(KartaViewError, match="did not accept the code"):  # the verifier of another challenge
        auth.exchange_osm_code(sandbox.url, "kv-public", "", code, auth.osm_authorization(sandbox.url, "x").verifier)
    dialog.openBrowserButton.click()  # signing in again: a new challenge, a new code
    requests.get(opened[-1], timeout=10)
    dialog.codeEdit.setText(code)
    dialog.signInButton.click()
    assert auth.signed_in() and auth.username() == sandbox.username, dialog.messageLabel.text()
    dialog.deleteLater()


def test_a_revoked_osm_token_asks_to_sign_in_again(auth_db, sandbox):
    authorization = auth.osm_authorization(sandbox.url, "kv-client")
    requests.get(authorization.url, timeout=10)  # the browser's visit: the code is bound to its PKCE challenge
    osm_token = auth.exchange_osm_code(sandbox.url, "kv-client", "kv-secret", "sandbox-code", authorization.verifier)
    sandbox.set_faults(revoked_tokens=[osm_token])
    try:
        with KartaViewClient(sandbox.url) as client, pytest.raises(KartaViewError, match="sign in again"):
            client.client_auth(osm_token)
    finally:
        sandbox.clear_faults()


def test_the_sign_in_component_adds_its_menu_entry(qgis_iface):
    from kartaview.plugin.gui.sign_in_dialog import SignInComponent

    added = []

    class Plugin:
        iface = qgis_iface

        def add_action(self, action, menu=True, toolbar=True):
            added.append((action.objectName(), menu, toolbar))

    component = SignInComponent(Plugin())
    component.init_gui()
    component.unload()
    assert added == [("KartaViewSignInAction", True, False)]


def test_a_token_is_checked_with_kartaview_before_it_is_stored(auth_db, fresh_sandbox):
    """A wrong token is refused in the dialog (nothing stored); a good one shows the account name
    KartaView gives; the OSM tab says what it needs; a tab's red error goes when switching tabs."""
    from kartaview.plugin.gui import sign_in_dialog as module

    with KartaViewClient(fresh_sandbox.url) as client:  # the account has a sequence: KartaView knows its name
        client.create_sequence(fresh_sandbox.token, 46.77, 23.59)
    configs_before = set(auth_db.configIds())
    dialog = module.SignInDialog()
    assert "OAuth 2 applications" in dialog.osmHelpLabel.text()
    assert "urn:ietf:wg:oauth:2.0:oob" in dialog.osmHelpLabel.text()

    dialog.methodTabs.setCurrentIndex(module.TOKEN_TAB)
    dialog.tokenEdit.setText("not-a-kartaview-token")
    dialog.signInButton.click()
    assert dialog.messageLabel.text().startswith("KartaView did not accept this access token.")
    assert "b00020" in dialog.messageLabel.styleSheet()  # in red
    assert not auth.has_account() and set(auth_db.configIds()) == configs_before
    assert dialog.accountLabel.text() == "Not signed in."

    dialog.methodTabs.setCurrentIndex(module.OSM_TAB)
    assert dialog.messageLabel.text() == ""  # the token tab's error is not the OSM tab's
    dialog.methodTabs.setCurrentIndex(module.TOKEN_TAB)
    dialog.tokenEdit.setText(fresh_sandbox.token)
    dialog.signInButton.click()
    assert dialog.messageLabel.text() == "Signed in as {}.".format(fresh_sandbox.username)
    assert dialog.accountLabel.text() == "Signed in as {}.".format(fresh_sandbox.username)
    assert auth.token() == fresh_sandbox.token
    dialog.deleteLater()


def test_showing_the_account_never_needs_the_master_password(auth_db):
    auth.save_account("c" * 64, "zaphod")
    auth_db.clearMasterPassword()
    try:
        assert auth.has_account() and auth.username() == "zaphod"
        assert not auth_db.masterPasswordIsSet()  # nothing was decrypted to say so
    finally:
        assert auth_db.setMasterPassword("test-master", True)
