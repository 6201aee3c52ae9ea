"""Desktop QGIS (the `qgis` program under Xvfb, real X input): the three KartaView layers added the
ways a user adds them, then pans and zooms through every layer state; QGIS must stay alive."""

import pytest

from tests.desktop.session import run_scenario
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop


def test_layers_added_every_way_survive_repaints_in_every_state(tmp_path):
    # some latency, as KartaView has, so that "Loading" shows in the legend before the data
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1, latency_ms=150) as sandbox:
        run = run_scenario("layers", tmp_path / "qgis", sandbox.url, timeout=240)
    run.assert_all_good()
    assert run.check("city view: the legend said it was loading first")["ok"]
    assert "The KartaView layers show what was loaded before" in run.check(
        "server failing: the legend says KartaView did not answer, the message bar says why")["detail"]
