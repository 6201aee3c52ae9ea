"""The plugin speaks the QGIS locale: complete French and German translations, used at run time."""

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QLocale

import kartaview
from tests.conftest import ROOT
from tests.recording_iface import RecordingIface

LANGUAGES = ("fr", "de")
LRELEASE = shutil.which("lrelease", path="/usr/lib/qt5/bin") or shutil.which("lrelease")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _messages(ts_path):
    """(context, source, translation element) of every message of a .ts file."""
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation")


def _translations(language):
    table = {}
    for _context, source, translation in _messages(ROOT / "i18n" / "kartaview_{}.ts".format(language)):
        table.setdefault(source, set()).add(translation.text)
    return table


@pytest.fixture(scope="module")
def regenerated_ts(tmp_path_factory):
    """The committed .ts files updated by pylupdate5 from the code as it is now, in a temp folder."""
    from i18n.generate_pro import LANGUAGES as PRO_LANGUAGES
    from i18n.generate_pro import ts_name, write_pro

    folder = tmp_path_factory.mktemp("i18n")
    for language in PRO_LANGUAGES:
        shutil.copy(ROOT / "i18n" / ts_name(language), folder / ts_name(language))
    pro = write_pro(folder / "check.pro", folder)
    result = subprocess.run(["pylupdate5", "-noobsolete", str(pro)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return {language: folder / ts_name(language) for language in PRO_LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_translated(regenerated_ts, language):
    missing = [
        "{}: {!r}".format(context, source)
        for context, source, translation in _messages(regenerated_ts[language])
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not (translation.text or "").strip()
    ]
    assert missing == [], "run `make i18n` and translate these in i18n/kartaview_{}.ts".format(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_format_placeholders(language):
    broken = [
        source
        for _context, source, translation in _messages(ROOT / "i18n" / "kartaview_{}.ts".format(language))
        if translation.text and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation.text))
    ]
    assert broken == []


def _translate_contexts(function):
    """The literal first arguments of QCoreApplication.translate(...) calls inside `function`."""
    for node in ast.walk(function):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "translate"
                and node.args and isinstance(node.args[0], ast.Constant)):
            yield node.args[0].value


def _context_mistakes(path, root=ROOT):
    """tr() helpers whose run-time context differs from the one pylupdate5 files the strings under."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mistakes = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            # pylupdate5 files module-level tr("...") calls under @default
            mistakes += ["module tr() uses {!r}".format(c) for c in _translate_contexts(node) if c != "@default"]
        elif isinstance(node, ast.FunctionDef):
            # outside a class, pylupdate5 files self.tr("...") under an empty context
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                     and n.func.attr == "tr" and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"]
            mistakes += ["self.tr() outside a class in {}()".format(node.name)] if calls else []
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "tr":
                    mistakes += ["{}.tr() uses {!r}".format(node.name, c)
                                 for c in _translate_contexts(item) if c != node.name]
    # pylupdate5 files Name.tr("...") under "Name" (so `cls.tr` under "cls")
    own_context = {node.name: list(_translate_contexts(item)) for node in tree.body if isinstance(node, ast.ClassDef)
                   for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "tr"}
    for call in ast.walk(tree):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
                and isinstance(call.func.value, ast.Name) and call.func.value.id != "self"
                and own_context.get(call.func.value.id) != [call.func.value.id]):
            mistakes.append("{}.tr() is filed under {!r}".format(call.func.value.id, call.func.value.id))
    return ["{}: {}".format(path.relative_to(root), m) for m in mistakes]


def test_tr_contexts_are_the_ones_pylupdate5_extracts():
    """Otherwise a string is translated in the .ts and still shown in English (practices doc §9.4)."""
    mistakes = [m for path in sorted((ROOT / "plugin").rglob("*.py")) for m in _context_mistakes(path)]
    assert mistakes == []


def test_the_context_check_catches_mistakes(tmp_path):
    bad = tmp_path / "plugin" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "from qgis.PyQt.QtCore import QCoreApplication\n"
        "def tr(text):\n    return QCoreApplication.translate('Loader', text)\n"
        "def guarded(self):\n    return self.tr('x')\n"
        "class Dock:\n    def tr(self, text):\n        return QCoreApplication.translate('Other', text)\n"
        "    @classmethod\n    def name(cls):\n        return cls.tr('x')\n"
    )
    assert _context_mistakes(bad, tmp_path) == [
        "plugin/bad.py: module tr() uses 'Loader'",
        "plugin/bad.py: self.tr() outside a class in guarded()",
        "plugin/bad.py: Dock.tr() uses 'Other'",
        "plugin/bad.py: cls.tr() is filed under 'cls'",
    ]


@pytest.fixture(scope="module")
def compiled_qm():
    """The .qm the plugin loads from i18n/ (git-ignored, so built here as `make setup` does)."""
    for language in LANGUAGES:
        ts = ROOT / "i18n" / "kartaview_{}.ts".format(language)
        subprocess.run([LRELEASE, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, timeout=60)


@pytest.fixture
def locale(kv_app):
    """Set QGIS's user interface language as Settings ▸ Options ▸ General does (override on)."""
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/userLocale", "locale/overrideFlag")}

    def use(code, override=True):
        settings.setValue("locale/userLocale", code)
        settings.setValue("locale/overrideFlag", override)

    yield use
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def _visible_texts(qgis_iface):
    """What a user reads of the plugin: Web menu entries, toolbar, docks, Processing names."""
    iface = RecordingIface(qgis_iface)
    plugin = kartaview.classFactory(iface)
    plugin.initGui()
    try:
        texts = {"toolbar": plugin.toolbar.windowTitle()}
        texts.update(("menu {}".format(a.objectName()), a.text()) for _menu, a in iface.web_menu_actions)
        texts.update(("dock {}".format(d.objectName()), d.windowTitle()) for d in iface.docks)
        provider = QgsApplication.processingRegistry().providerById("kartaview")
        texts["provider"] = provider.name()
        for algorithm in provider.algorithms():
            texts["algorithm {}".format(algorithm.id())] = algorithm.displayName()
            texts["group {}".format(algorithm.id())] = algorithm.group()
        return texts
    finally:
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plugin_starts_in_the_qgis_locale(compiled_qm, locale, qgis_iface, language):
    locale("en_US")
    english = _visible_texts(qgis_iface)
    locale(language)
    translated = _visible_texts(qgis_iface)

    assert any(key.startswith("menu ") for key in english), "no Web menu entry"
    assert any(key.startswith("dock ") for key in english), "no dock"
    assert any(key.startswith("algorithm ") for key in english), "no algorithm"
    assert translated.keys() == english.keys()
    table = _translations(language)
    wrong = {
        key: (english[key], translated[key])
        for key in english
        if translated[key] not in table.get(english[key], {english[key]})
    }
    assert wrong == {}, "shown untranslated (or with a tr() context pylupdate5 does not see)"
    changed = {key.split()[0] for key in english if translated[key] != english[key]}
    assert {"menu", "dock", "algorithm"} <= changed, "menu, dock and algorithm names must change language"


def test_a_language_chosen_without_override_is_not_used(compiled_qm, locale, qgis_iface):
    """QGIS shows the system language unless "Override system locale" is on; so does the plugin."""
    system = QLocale.system().name()
    other = next(language for language in LANGUAGES if language != system[:2])
    locale(other)
    chosen = _visible_texts(qgis_iface)
    locale(system)
    in_system_language = _visible_texts(qgis_iface)
    assert chosen != in_system_language

    locale(other, override=False)
    assert _visible_texts(qgis_iface) == in_system_language


def test_the_options_page_is_french(compiled_qm, locale, qgis_iface):
    locale("fr")
    plugin = kartaview.classFactory(RecordingIface(qgis_iface))
    try:
        from kartaview.plugin.gui.options_page import KartaViewOptionsPage

        page = KartaViewOptionsPage()
        assert page.cacheGroup.title() == "Cache"
        assert page.clearCacheButton.text() == "Vider le cache"
        assert page.serverGroup.title() == "Serveur KartaView"
        page.deleteLater()
    finally:
        plugin.unload()


def test_the_legends_and_messages_are_french(compiled_qm, locale, qgis_iface):
    """No mixed-language interface: the style classes and the connection errors are French too."""
    locale("fr")
    plugin = kartaview.classFactory(RecordingIface(qgis_iface))
    try:
        from qgis.core import QgsLayerTreeLayer
        from qgis.PyQt.QtCore import Qt

        from kartaview.plugin.client.errors import TransientError
        from kartaview.plugin.core.messages import user_message
        from kartaview.plugin.gui.layer_actions import make_layer

        for layer_type, expected in (("sequences", {"Moins d’un an", "Plus de 6 ans", "Date inconnue", "Images 360°"}),
                                     ("coverage", {"2 à 3 séquences"})):
            layer = make_layer(layer_type)
            nodes = layer.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(layer))
            shown = {node.data(Qt.ItemDataRole.DisplayRole) for node in nodes}
            assert expected <= shown, shown
        assert user_message(TransientError("raw")).startswith("KartaView est injoignable.")
    finally:
        plugin.unload()
