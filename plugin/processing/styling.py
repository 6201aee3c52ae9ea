"""Styles for the layers the algorithms write, applied when Processing loads them into the project."""

from qgis.core import QgsProcessingLayerPostProcessorInterface
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication

from ..about import PLUGIN_DIR
from ..core.log import log_warning
from ..core.styles import load_style

STYLES = PLUGIN_DIR / "ui" / "styles"


class _StyleOnCompletion(QgsProcessingLayerPostProcessorInterface):
    """Applies a .qml to an output layer loaded into the project when the algorithm finishes, then
    `then(layer)` if given (more layer settings: the temporal properties of a download)."""

    def __init__(self, qml, then=None):
        super().__init__()
        self.qml, self.then = qml, then

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        try:
            message, ok = load_style(layer, self.qml)  # its legend in the interface language
            layer.triggerRepaint()
        except Exception as error:  # noqa: BLE001 - a style must never break the results
            message, ok = str(error), False
        if not ok:
            log_warning(QCoreApplication.translate("CoverageGapsAlgorithm", "The style {} was not applied: {}")
                        .format(self.qml.name, message))
        if self.then is not None:
            try:
                self.then(layer)
            except Exception as error:  # noqa: BLE001 - must never break the results either
                log_warning("KartaView: setting up the output layer failed: {}".format(error))


# QGIS keeps only a raw pointer to a post-processor, and deletes it once it has run: a new one per output,
# kept here until then (a post-processor used for a second run was a deleted C++ object).
_STYLERS = []


def style_on_completion(context, dest_id, qml, then=None):
    if not qml.exists() or not context.willLoadLayerOnCompletion(dest_id):
        return
    _STYLERS[:] = [styler for styler in _STYLERS if not sip.isdeleted(styler)]
    styler = _StyleOnCompletion(qml, then)
    _STYLERS.append(styler)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(styler)
