"""Desktop QGIS (the `qgis` program under Xvfb, real X input): QGIS's Identify tool and attribute table
on the KartaView sequences layer, and the plugin's photo tool: a photo, next/previous with the panel's
buttons and the arrow keys, a 360 photo whose panorama turns the heading marker on the map."""

import pytest

from tests.desktop.session import run_scenario
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop


def test_identify_attribute_table_and_photo_tool_show_what_was_clicked(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1, latency_ms=100) as sandbox:
        run = run_scenario("features", tmp_path / "qgis", sandbox.url, timeout=180)
    run.assert_all_good()
    assert run.check("Next button: the panel shows the next photo of the sequence")["ok"]
    assert run.check("panorama drag: the heading marker on the map turned with the view")["ok"]
