"""Desktop QGIS (the `qgis` program under Xvfb, real X input): the first KartaView layer of an empty
project opens the map at a street scale (not the whole world) and, with a slow KartaView, its legend
says "Loading" until every sequence of the view is drawn (the canvas's look-ahead renders of the
areas around the view once made the view's own requests dropped, and the layer stayed unfinished)."""

import pytest

from tests.desktop.session import run_scenario
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop


def test_first_layer_opens_at_street_scale_and_loads_the_whole_view_from_a_slow_server(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1) as sandbox:
        run = run_scenario("first_layer", tmp_path / "qgis", sandbox.url, timeout=200)
    run.assert_all_good()
    assert "1:" in run.check("first layer of an empty project: the map opens at a street scale, not the whole world")[
        "detail"]
    assert run.check("slow server: when the legend stopped saying Loading, every sequence of the view was drawn")["ok"]
