"""Desktop QGIS (the `qgis` program under Xvfb, real X input): the KartaView Processing dialogs opened
from the Processing Toolbox and the download run from its dialog; the options page; signing in."""

import pytest

from tests.desktop.session import run_scenario
from tests.provider_support import expected_sequences
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop


def test_algorithm_dialogs_open_and_the_download_runs_from_its_dialog(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1, latency_ms=50) as sandbox:
        run = run_scenario("algorithm_dialogs", tmp_path / "qgis", sandbox.url, timeout=180)
        run.assert_all_good()
        download = run.results["download"]
        # the layer holds the sequences of the extent, as the sandbox knows them
        assert set(download["sequence_ids"]) == expected_sequences(sandbox.world, download["bbox"]), run.summary()


def test_sign_in_and_the_options_page(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1) as sandbox:
        run = run_scenario("settings_dialogs", tmp_path / "qgis", sandbox.url, timeout=150,
                           env={"KARTAVIEW_DESKTOP_TOKEN": sandbox.token, "KARTAVIEW_DESKTOP_USER": sandbox.username})
    run.assert_all_good()
