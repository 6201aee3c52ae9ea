"""The plugin's .qml styles, loaded with their legend in the interface language.

A .qml holds its class labels in English; QGIS shows them as they are. `load_style` loads one and
then translates the labels it knows (the layer tree shows the translation; a project saved with it
keeps that language). Every style shares one vocabulary of ages (sequences by upload date, roads
by their newest capture): less than a year, 1 to 3, 3 to 6, more than 6 years, date unknown, in
the same colours; red means "no imagery" only.
"""

from qgis.PyQt.QtCore import QCoreApplication


def _labels() -> dict:
    """English label -> its translation (pylupdate5 finds each string here)."""
    def tr(text):
        return QCoreApplication.translate("@default", text)  # pylupdate5 files a module tr() here

    return {
        "Less than a year old": tr("Less than a year old"),
        "1 to 3 years old": tr("1 to 3 years old"),
        "3 to 6 years old": tr("3 to 6 years old"),
        "More than 6 years old": tr("More than 6 years old"),
        "Date unknown": tr("Date unknown"),
        "360° imagery": tr("360° imagery"),
        "Covered in part (crossings, road ends)": tr("Covered in part (crossings, road ends)"),
        "No imagery": tr("No imagery"),
        "1 sequence": tr("1 sequence"),
        "2-3 sequences": tr("2-3 sequences"),
        "4 or more sequences": tr("4 or more sequences"),
        "Photo": tr("Photo"),
        "Photo and its heading (zoomed in)": tr("Photo and its heading (zoomed in)"),
        "360° photo or no heading (zoomed in)": tr("360° photo or no heading (zoomed in)"),
    }


def translate_legend(layer) -> None:
    """The layer's class labels (rule-based, graduated or categorized style) in the interface language."""
    labels = _labels()
    renderer = layer.renderer()
    if renderer is None:
        return
    kind = renderer.type()
    if kind == "RuleRenderer":
        stack = list(renderer.rootRule().children())
        while stack:
            rule = stack.pop()
            rule.setLabel(labels.get(rule.label(), rule.label()))
            stack.extend(rule.children())
    elif kind == "graduatedSymbol":
        for index, item in enumerate(renderer.ranges()):
            renderer.updateRangeLabel(index, labels.get(item.label(), item.label()))
    elif kind == "categorizedSymbol":
        for index, item in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(index, labels.get(item.label(), item.label()))


def load_style(layer, qml_path):
    """loadNamedStyle, then the legend translated: (message, ok) as loadNamedStyle gives them."""
    message, ok = layer.loadNamedStyle(str(qml_path))
    if ok:
        translate_legend(layer)
    return message, ok
