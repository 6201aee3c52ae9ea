"""Styles for the layers the algorithms write, applied when Processing loads them into the project."""

from qgis.core import QgsProcessingLayerPostProcessorInterface
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication

from ..about import PLUGIN_DIR
from ..core.log import log_warning
from ..core.styles import load_style

STYLES = PLUGIN_DIR / "ui" / "styles"


class OutputStyler(QgsProcessingLayerPostProcessorInterface):
    """Runs setup(layer) on an output layer once Processing has loaded it into the project."""

    def __init__(self, setup, what):
        super().__init__()
        self.setup, self.what = setup, what

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        try:
            self.setup(layer)
        except Exception as error:  # noqa: BLE001 - a style must never break the results
            self.not_applied(self.what, error)

    @staticmethod
    def not_applied(what, why):
        log_warning(QCoreApplication.translate("OutputStyler", "The style {} was not applied: {}").format(what, why))


# QGIS keeps only a raw pointer to a post-processor, and deletes it once it has run: a new one per output,
# kept here until then (a post-processor used for a second run was a deleted C++ object).
_POST_PROCESSORS = []


def on_completion(context, dest_id, setup, what):
    """setup(layer) once the output dest_id is loaded into the project (if it is); what names it in
    the log when setup fails."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    _POST_PROCESSORS[:] = [done for done in _POST_PROCESSORS if not sip.isdeleted(done)]
    post_processor = OutputStyler(setup, what)
    _POST_PROCESSORS.append(post_processor)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(post_processor)


def style_on_completion(context, dest_id, qml, then=None):
    """The .qml applied to the output once loaded (its legend in the interface language), then
    `then(layer)` if given (more layer settings: the temporal properties of a download)."""
    if not qml.exists():
        return

    def setup(layer):
        try:
            message, ok = load_style(layer, qml)
            layer.triggerRepaint()
        except Exception as error:  # noqa: BLE001 - then() still runs
            message, ok = str(error), False
        if not ok:
            OutputStyler.not_applied(qml.name, message)
        if then is not None:
            then(layer)

    on_completion(context, dest_id, setup, qml.name)
