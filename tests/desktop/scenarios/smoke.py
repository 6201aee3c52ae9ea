from qgis.core import QgsProject


def run(desk):
    yield from desk.wait_for("plugin loaded", lambda: desk.component("KartaViewLayersComponent"), 60)
    layers = desk.component("KartaViewLayersComponent")
    button = desk.plugin().toolbar.widgetForAction(layers.add_action)
    yield from desk.click(button, button.rect().center() - button.rect().center() / 2)
    yield from desk.wait_for("layer added", lambda: len(QgsProject.instance().mapLayers()) == 1, 10)
    for _ in range(15):
        layer = list(QgsProject.instance().mapLayers().values())[0]
        desk.note("legend {}".format(desk.legend_texts(layer)))
        yield 1
