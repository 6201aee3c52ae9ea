"""HTML QGIS renders from server values: map tips and the photo dock never run a hostile server's code.

A sandbox whose records were made hostile (a user name with a <script>, image paths that break out of
<img src="..."> or point at another host or at javascript:) feeds the real KartaView layers; their
map tips are rendered as QGIS's map tip does (the layer's template through
QgsExpression.replaceExpressionText) and parsed: only the template's own tags and attributes may be
in the result, every address an http(s) one of the sandbox, and the hostile text shown as text.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel

from kartaview.plugin.client import Photo
from kartaview.plugin.gui.layer_actions import STYLES, prepare
from kartaview.plugin.provider.uri import PHOTOS, SEQUENCES, Filters, uri_for
from tests.conftest import _Env
from tests.provider_support import SMALL, rect_request
from tests.sandbox import Sandbox

HOSTILE_USER = 'zaphod"><script>alert("user")</script><img src=x onerror=alert(1)>'
HOSTILE_TH = 'https://evil.example/th.jpg" onerror="alert(2)'  # another host, and a quote
HOSTILE_LTH = "javascript:alert(3)//lth.jpg"
HOSTILE_PROC_TAIL = '"><script>alert(4)</script>.jpg'  # relative, on the sandbox's host
ALLOWED = {"div": {"style"}, "b": set(), "br": set(), "img": {"src", "width"}, "a": {"href"}}


class Parsed(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text += data


def assert_harmless(html, addresses):
    """Only the template's tags and attributes; every src/href an http(s) address starting with one
    of `addresses`; no script anywhere."""
    parsed = Parsed(html)
    assert "<script" not in html.lower()
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED and set(attrs) <= ALLOWED[tag], (tag, attrs, html)
        for name in ("src", "href"):
            if name in attrs:
                assert attrs[name].startswith(tuple(addresses)), (attrs[name], html)
    return parsed


def map_tip(layer, feature):
    """What QGIS's map tip shows for feature (QgsMapTip: the template with the layer's context)."""
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    return QgsExpression.replaceExpressionText(layer.mapTipTemplate(), context)


@pytest.fixture
def hostile_sandbox(tmp_path):
    """A sandbox (a world of its own seed) whose every sequence and photo record is hostile."""
    with Sandbox(data_dir=str(tmp_path / "sandbox"), seed=1313) as server:
        for data in server.world._sequences.values():
            data.user = (data.user[0], HOSTILE_USER, data.user[2])
            data.v2["username"] = HOSTILE_USER
            for photo in data.photos:
                photo["th_name"], photo["lth_name"] = HOSTILE_TH, HOSTILE_LTH
                photo["name"] = photo["name"].rsplit("/", 1)[0] + "/" + HOSTILE_PROC_TAIL
        with _Env(KARTAVIEW_API_URL=server.url, KARTAVIEW_CACHE_DIR=tmp_path / "cache"):
            yield server


@pytest.mark.parametrize("layer_type", [SEQUENCES, PHOTOS])
def test_map_tips_of_a_hostile_server_show_its_values_as_text(kv_app, hostile_sandbox, layer_type):
    layer = QgsVectorLayer(uri_for(layer_type, Filters(), wait=True), "hostile", "kartaview")
    prepare(layer)  # the plugin's default style, as "Add KartaView layer" applies it
    assert layer.mapTipTemplate()
    features = list(layer.getFeatures(rect_request(SMALL)))
    assert features
    proc = hostile_sandbox.url + "storage"  # the only image address left: the relative path, encoded
    for feature in features[:20]:
        thumbnail = feature["thumbnail_url"]
        assert thumbnail.startswith(proc) and thumbnail.endswith(quote(HOSTILE_PROC_TAIL, safe="/()"))
        parsed = assert_harmless(map_tip(layer, feature), [hostile_sandbox.url])
        assert [tag for tag, _ in parsed.tags if tag == "img"] == ["img"]  # the thumbnail is still shown
        if layer_type == SEQUENCES:
            assert HOSTILE_USER in parsed.text  # shown, as text


@pytest.mark.parametrize("style", ["sequences", "photos", "coverage"])
def test_map_tips_of_a_file_someone_sent_escape_every_value(qgis_app, style):
    """The same styles go on downloaded layers (GeoPackage...), whose every field may be text: each
    value stays inside its element or its attribute, and only an http(s) address is an image or a link."""
    hostile = {name: HOSTILE_USER for name in ("sequence_id", "sequence_index", "username", "photo_count",
                                                "quality", "coverage", "way_id", "distance_km", "is_360")}
    hostile.update(thumbnail_url=HOSTILE_TH, url=HOSTILE_LTH, date_added="2024-05-06", shot_date="2024-05-06")
    geometry = "Point" if style == "photos" else "LineString"
    fields = "".join("&field={}:string".format(name) for name in hostile)
    layer = QgsVectorLayer("{}?crs=EPSG:4326{}".format(geometry, fields), style, "memory")
    feature = QgsFeature(layer.fields())
    for name, value in hostile.items():
        feature[name] = value
    message, ok = layer.loadNamedStyle(str(STYLES / "{}.qml".format(style)))
    assert ok, message
    parsed = assert_harmless(map_tip(layer, feature), ["https://"])
    assert HOSTILE_USER in parsed.text
    addresses = [attrs.get("src") or attrs.get("href") for tag, attrs in parsed.tags if tag in ("img", "a")]
    if style == "coverage":
        assert addresses == ["https://www.openstreetmap.org/way/" + HOSTILE_USER]  # whole, inside the attribute
    else:
        assert addresses == [HOSTILE_TH]  # the quote stayed inside src; javascript: was no link at all


def test_the_photo_dock_shows_server_values_as_text(qgis_app, qgis_canvas, hostile_sandbox, tmp_path):
    from kartaview.plugin.client import KartaViewClient
    from kartaview.plugin.gui.photo_cache import PhotoCache
    from kartaview.plugin.gui.photo_dock import PhotoDock
    from kartaview.plugin.gui.photo_loader import PhotoLoader

    client = KartaViewClient(hostile_sandbox.url, retries=0, timeout=5)
    loader = PhotoLoader(lambda: client, cache=PhotoCache(tmp_path / "photos", 10**8))
    dock = PhotoDock(qgis_canvas, client_factory=lambda: client, loader=loader)
    try:
        sequence = hostile_sandbox.world.sequences[0]
        record = dict(hostile_sandbox.world.photos(sequence["id"])[0], username=HOSTILE_USER,
                      projection='<img src="file:///etc/passwd">')
        dock._current = Photo.from_v1(record)
        dock._show_details(dock._current)
        shown = 0
        for label in dock.findChildren(QLabel):
            if label is dock.linkValue:
                assert label.textFormat() == Qt.TextFormat.RichText
                assert_harmless(label.text(), [hostile_sandbox.url])
            elif label.textFormat() != Qt.TextFormat.PlainText:  # QLabel would render HTML-like text
                assert "<" not in label.text(), (label.objectName(), label.text())
            shown += HOSTILE_USER == label.text()
        assert shown == 1 and dock.projectionValue.text() == '<img src="file:///etc/passwd">'
        dock.show_message("KartaView said: " + HOSTILE_USER)
        assert dock.messageLabel.textFormat() == Qt.TextFormat.PlainText
    finally:
        dock.release()  # shuts the loader down too
        dock.deleteLater()
