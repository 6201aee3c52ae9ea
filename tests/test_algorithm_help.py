"""Every Processing algorithm of the plugin explains itself in the Processing dialog."""

import pytest

from kartaview.plugin.processing.provider import ALGORITHMS, KartaViewProcessingProvider


def test_the_provider_offers_algorithms():
    assert ALGORITHMS, "no algorithm is registered in plugin/processing/provider.py"


@pytest.mark.parametrize("algorithm_class", ALGORITHMS, ids=lambda cls: cls.__name__)
def test_algorithm_names_and_help(kv_app, algorithm_class):
    algorithm = algorithm_class()
    algorithm.initAlgorithm()
    assert algorithm.name() and algorithm.name() == algorithm.name().lower()
    assert algorithm.displayName().strip()
    help_text = algorithm.shortHelpString()
    assert help_text and len(help_text.strip()) >= 40, "shortHelpString is missing or too short"
    assert type(algorithm.createInstance()) is algorithm_class
    for parameter in algorithm.parameterDefinitions():
        assert parameter.description().strip(), "parameter {} has no label".format(parameter.name())


def test_algorithm_ids_are_unique(kv_app):
    provider = KartaViewProcessingProvider()
    names = [cls().name() for cls in ALGORITHMS]
    assert len(names) == len(set(names))
    assert provider.id() == "kartaview"


@pytest.mark.parametrize("algorithm_class", ALGORITHMS, ids=lambda cls: cls.__name__)
def test_the_dialog_reads_like_a_built_in_algorithm(qgis_processing, kv_app, algorithm_class):
    """The dialog's number boxes show no "60.000000", no label says "optional" twice (QGIS adds
    "[optional]"), and its Help button opens the README's section on the algorithms."""
    from qgis.core import QgsProcessingContext, QgsProcessingParameterDefinition, QgsProcessingParameterNumber
    from qgis.gui import QgsGui, QgsProcessingGui
    from qgis.PyQt.QtWidgets import QAbstractSpinBox

    algorithm = algorithm_class()
    algorithm.initAlgorithm()
    assert algorithm.helpUrl().startswith("https://github.com/") and "#processing-algorithms" in algorithm.helpUrl()
    context = QgsProcessingContext()
    for parameter in algorithm.parameterDefinitions():
        if parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional:
            assert "optional" not in parameter.description().lower(), parameter.description()
        if not isinstance(parameter, QgsProcessingParameterNumber):
            continue
        wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            parameter, QgsProcessingGui.WidgetType.Standard)
        widget = wrapper.createWrappedWidget(context)
        wrapper.setParameterValue(parameter.defaultValue(), context)
        boxes = [widget] if isinstance(widget, QAbstractSpinBox) else widget.findChildren(QAbstractSpinBox)
        shown = [box.text() for box in boxes]
        assert shown and not any("0000" in text for text in shown), (parameter.name(), shown)
        widget.deleteLater()


def test_the_download_algorithm_is_named_for_what_it_downloads(kv_app):
    from kartaview.plugin.processing.download_sequences import DownloadSequencesAlgorithm

    assert DownloadSequencesAlgorithm().displayName() == "Download KartaView sequences, photos or road coverage"


def test_the_upload_dialog_names_the_signed_in_account(qgis_processing, kv_app, monkeypatch):
    """The account field shows the account the upload uses, not "No Authentication"."""
    from qgis.core import QgsApplication, QgsProcessingContext
    from qgis.gui import QgsGui, QgsProcessingGui
    from qgis.PyQt.QtWidgets import QComboBox

    from kartaview.plugin.core import auth
    from kartaview.plugin.processing.upload_photos import UploadPhotosAlgorithm

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master", True)
    monkeypatch.delenv("KARTAVIEW_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("KARTAVIEW_AUTHCFG", raising=False)
    auth.save_account("d" * 64, "mapper")
    try:
        algorithm = UploadPhotosAlgorithm().create()
        parameter = algorithm.parameterDefinition("AUTHCFG")
        context = QgsProcessingContext()
        wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            parameter, QgsProcessingGui.WidgetType.Standard)
        widget = wrapper.createWrappedWidget(context)
        wrapper.setParameterValue(parameter.defaultValue(), context)
        shown = [combo.currentText() for combo in widget.findChildren(QComboBox)]
        assert len(shown) == 1 and shown[0].startswith("KartaView: mapper"), shown
        widget.deleteLater()

        monkeypatch.setenv("KARTAVIEW_ACCESS_TOKEN", "headless-token")  # the environment's token is used then
        assert UploadPhotosAlgorithm().create().parameterDefinition("AUTHCFG").defaultValue() in (None, "")
    finally:
        auth.sign_out()
