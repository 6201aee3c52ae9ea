"""Signing in and the options page, by real clicks and key strokes: Web ▸ KartaView ▸ Sign in to
KartaView, the access-token tab, the sandbox's token typed in, Sign in; QGIS asks for a new master
password of its authentication database (a fresh profile has none) and the user types one. Then
Web ▸ KartaView ▸ KartaView Settings opens Settings ▸ Options on the KartaView page: the API address
(read-only, from KARTAVIEW_API_URL), the cache folder and the account as shown; parallel uploads
changed, OK; Settings ▸ Options reopened shows the stored value."""

import os
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

HOME = Path(os.environ["KARTAVIEW_DESKTOP_HOME"])
API = os.environ["KARTAVIEW_API_URL"]
TOKEN = os.environ["KARTAVIEW_DESKTOP_TOKEN"]
USER = os.environ["KARTAVIEW_DESKTOP_USER"]
MASTER_PASSWORD = "desktop-test-master"  # nosec B105 # pragma: allowlist secret # a throw-away profile's


def shown_dialog(class_name):
    found = [w for w in QApplication.topLevelWidgets() if w.isVisible() and type(w).__name__ == class_name]
    return found[-1] if found else None


def closed(widget):
    """Gone from the screen (QGIS deletes some dialogs as they close)."""
    return sip.isdeleted(widget) or not widget.isVisible()


def modal_dialog():
    """The dialog in front (QGIS's own dialogs are C++ classes: found by what is active/modal)."""
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, QDialog) and widget.isVisible() else None


def web_menu_entry(desk, text):
    """Yields: Web ▸ KartaView ▸ <text> with real clicks."""
    iface = desk.iface
    web = iface.webMenu()
    menubar = iface.mainWindow().menuBar()
    yield from desk.click(menubar, menubar.actionGeometry(web.menuAction()).center())
    yield from desk.wait_for("the Web menu opens ({})".format(text), web.isVisible, 5)
    kartaview = next(a for a in web.actions() if a.menu() is not None and a.text().replace("&", "") == "KartaView")
    yield from desk.click(web, web.actionGeometry(kartaview).center())
    submenu = kartaview.menu()
    yield from desk.wait_for("the KartaView submenu opens ({})".format(text), submenu.isVisible, 5)
    entry = next(a for a in submenu.actions() if a.text() == text)
    yield from desk.click(submenu, submenu.actionGeometry(entry).center())


def type_into(desk, widget, text):
    """Yields: a click into the field, then the text as key strokes."""
    yield from desk.click(widget)
    desk.xdotool("type", "--delay", 40, text)
    yield 0.3


def dialog_button(dialog, role_or_text):
    boxes = dialog.findChildren(QDialogButtonBox)
    for box in boxes:
        if isinstance(role_or_text, str):
            for button in box.buttons():
                if button.isVisible() and button.text().replace("&", "") == role_or_text:
                    return button
        else:
            button = box.button(role_or_text)
            if button is not None and button.isVisible():
                return button
    return None


def run(desk):
    yield from desk.wait_for("the plugin is loaded", lambda: desk.component("OptionsComponent"), 60)
    from kartaview.plugin.core import auth
    from kartaview.plugin.core.settings import Settings

    desk.check("a fresh profile: no master password yet, not signed in",
               not QgsApplication.authManager().masterPasswordIsSet() and not auth.signed_in())

    # ---- sign in ----------------------------------------------------------------------------------
    yield from web_menu_entry(desk, "Sign in to KartaView…")
    yield from desk.wait_for("the sign-in dialog opens", lambda: shown_dialog("SignInDialog"), 10)
    dialog = shown_dialog("SignInDialog")
    if dialog is None:
        return
    desk.check("sign-in dialog: its title, and it says not signed in",
               dialog.windowTitle() == "Sign in to KartaView" and dialog.accountLabel.text() == "Not signed in.",
               "{!r} / {!r}".format(dialog.windowTitle(), dialog.accountLabel.text()))
    tabs = dialog.methodTabs
    yield from desk.click(tabs.tabBar(), tabs.tabBar().tabRect(1).center())
    yield from desk.wait_for("the access-token tab shows", lambda: dialog.tokenEdit.isVisible(), 5,
                             lambda: tabs.tabText(tabs.currentIndex()))
    # a wrong token first: KartaView refuses it in the dialog, before QGIS asks for any master password
    yield from type_into(desk, dialog.tokenEdit, "not-a-kartaview-token")
    yield from desk.click(dialog.signInButton)
    yield from desk.wait_for("a wrong token: the dialog says KartaView did not accept it",
                             lambda: "did not accept" in dialog.messageLabel.text()
                             or modal_dialog() not in (None, dialog),
                             15, lambda: dialog.messageLabel.text())
    desk.check("a wrong token: no master password asked, nothing stored",
               modal_dialog() in (None, dialog) and not QgsApplication.authManager().masterPasswordIsSet()
               and not auth.has_account(), dialog.messageLabel.text())
    yield from desk.click(tabs.tabBar(), tabs.tabBar().tabRect(0).center())
    yield from desk.wait_for("the OpenStreetMap tab: the token tab's error is gone, it says what it needs",
                             lambda: dialog.messageLabel.text() == ""
                             and "OAuth 2 applications" in dialog.osmHelpLabel.text()
                             and dialog.osmHelpLabel.isVisible(), 5, lambda: dialog.messageLabel.text())
    yield from desk.click(tabs.tabBar(), tabs.tabBar().tabRect(1).center())
    dialog.tokenEdit.clear()
    yield from type_into(desk, dialog.tokenEdit, TOKEN)
    desk.check("the token field holds what was typed, hidden as a password",
               dialog.tokenEdit.text() == TOKEN and dialog.tokenEdit.echoMode() != QLineEdit.EchoMode.Normal,
               "{} characters".format(len(dialog.tokenEdit.text())))
    yield from type_into(desk, dialog.usernameEdit, USER)
    yield from desk.click(dialog.signInButton)

    # QGIS asks for a master password for its authentication database: typed twice, then OK
    def master_password_dialog():
        front = modal_dialog()
        return front if front is not None and front is not dialog else None

    # (a QGIS that keeps the master password in the system's keyring may not ask: then the answer comes)
    yield from desk.wait_for("QGIS asks for a new master password (or the dialog answers)",
                             lambda: master_password_dialog() or dialog.messageLabel.text(), 15)
    asked = master_password_dialog()
    if asked is None:
        desk.note("QGIS did not ask for a master password; the dialog says {!r}".format(dialog.messageLabel.text()))
    else:
        fields = [f for f in asked.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()]
        desk.note("master password dialog {} {!r}: fields {}".format(
            asked.metaObject().className(), asked.windowTitle(), [f.objectName() for f in fields]))
        for field in fields[:2]:  # the password and its confirmation
            yield from type_into(desk, field, MASTER_PASSWORD)
        ok = next((b for b in asked.findChildren(QAbstractButton)
                   if b.isVisible() and b.text().replace("&", "").lower() == "ok"), None)
        desk.check("the master password dialog has an OK button", ok is not None,
                   [b.text() for b in asked.findChildren(QAbstractButton)])
        if ok is not None:
            yield from desk.click(ok)
        yield from desk.wait_for("the master password dialog closes", lambda: closed(asked), 10)

    yield from desk.wait_for("sign-in dialog: it says signed in as the sandbox user",
                             lambda: dialog.messageLabel.text() == "Signed in as {}.".format(USER)
                             and dialog.accountLabel.text() == "Signed in as {}.".format(USER), 15,
                             lambda: "{!r} / {!r}".format(dialog.messageLabel.text(), dialog.accountLabel.text()))
    desk.check("the token is in the QGIS authentication database, the settings keep only its id",
               QgsApplication.authManager().masterPasswordIsSet() and auth.token() == TOKEN
               and Settings().auth_cfg and TOKEN not in Settings().auth_cfg)
    desk.check("the token field was emptied", dialog.tokenEdit.text() == "")
    desk.check("the KartaView log says who signed in",
               any("Signed in to KartaView as {}.".format(USER) in m for m in desk.results["kartaview_log"]),
               desk.results["kartaview_log"])
    close = dialog_button(dialog, QDialogButtonBox.StandardButton.Close) or dialog_button(dialog, "Close")
    yield from desk.click(close)
    yield from desk.wait_for("Close closes the sign-in dialog", lambda: shown_dialog("SignInDialog") is None, 10)

    # ---- the options page, from Web ▸ KartaView ▸ KartaView Settings… -------------------------------
    yield from web_menu_entry(desk, "KartaView Settings…")
    yield from desk.wait_for("the Options dialog opens on the KartaView page",
                             visible_page, 20)
    page = visible_page()
    if page is None:
        return
    options = page.window()
    desk.check("KartaView page: the API address is the sandbox's, read-only, from KARTAVIEW_API_URL",
               page.apiUrlEdit.text() == API and not page.apiUrlEdit.isEnabled()
               and "KARTAVIEW_API_URL" in page.apiUrlEdit.toolTip()
               and "KARTAVIEW_API_URL" in page.overrideLabel.text(),
               "{!r}, enabled {}, tooltip {!r}".format(page.apiUrlEdit.text(), page.apiUrlEdit.isEnabled(),
                                                       page.apiUrlEdit.toolTip()))
    desk.check("KartaView page: the cache folder is shown", page.cacheDirLabel.text() == str(HOME / "cache"),
               page.cacheDirLabel.text())
    desk.check("KartaView page: the account is the signed-in user",
               page.accountLabel.text() == "Signed in as {}.".format(USER), page.accountLabel.text())
    before = page.uploadConcurrencySpin.value()
    wanted = 2 if before != 2 else 3
    spin = page.uploadConcurrencySpin
    yield from desk.click(spin)
    yield from desk.key("ctrl+a")
    desk.xdotool("type", str(wanted))
    yield 0.3
    desk.check("parallel uploads shows what was typed", spin.value() == wanted, spin.text())
    yield from desk.click(dialog_button(options, QDialogButtonBox.StandardButton.Ok))
    yield from desk.wait_for("OK closes the Options dialog", lambda: closed(options), 10)
    desk.check("OK stored parallel uploads", Settings().upload_concurrency == wanted,
               Settings().upload_concurrency)

    # ---- Settings ▸ Options, the KartaView entry of its list ----------------------------------------
    iface = desk.iface
    menubar = iface.mainWindow().menuBar()
    settings_menu = iface.settingsMenu()
    yield from desk.click(menubar, menubar.actionGeometry(settings_menu.menuAction()).center())
    yield from desk.wait_for("the Settings menu opens", settings_menu.isVisible, 5)
    yield from desk.click(settings_menu, settings_menu.actionGeometry(iface.actionOptions()).center())
    yield from desk.wait_for("Settings ▸ Options opens", lambda: modal_dialog() is not None, 20)
    options = modal_dialog()
    entry = options_entry(options)
    desk.check("the Options list has a KartaView entry", entry is not None)
    if entry is None:
        return
    view, index = entry
    view.scrollTo(index)
    yield 0.3
    yield from desk.click(view.viewport(), view.visualRect(index).center())
    yield from desk.wait_for("a click on KartaView shows its page", visible_page, 10)
    page = visible_page()
    if page is not None:
        desk.check("reopened: parallel uploads shows the stored value", page.uploadConcurrencySpin.value() == wanted,
                   page.uploadConcurrencySpin.value())
    yield from desk.click(dialog_button(options, QDialogButtonBox.StandardButton.Cancel))
    yield from desk.wait_for("Cancel closes the Options dialog", lambda: closed(options), 10)
    desk.check("QGIS answers", iface.mainWindow().isVisible() and modal_dialog() is None)


def visible_page():
    """The KartaView options page when it is the page on screen. By its class, not only its name:
    QGIS 3.40+ wraps each page in a QScrollArea that takes the page's objectName too."""
    from kartaview.plugin.gui.options_page import KartaViewOptionsPage

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            for page in widget.findChildren(QWidget, "KartaViewOptionsPage"):
                if isinstance(page, KartaViewOptionsPage) and page.isVisible():
                    return page
    return None


def options_entry(options):
    """(view, index) of "KartaView" in the Options dialog's list of pages (a list or a tree by version)."""
    for view in options.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None:
            continue
        model = view.model()
        found = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, "KartaView", 1,
                            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if found:
            return view, found[0]
    return None
