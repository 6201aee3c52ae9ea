"""Desktop QGIS (the `qgis` program under Xvfb, real X input): Upload photos to KartaView run from its dialog
on flat and 360° photos, as a dry run (the preview, styled) and then for real against the sandbox."""

import pytest

from tests.desktop.session import run_scenario
from tests.sandbox import Sandbox

pytestmark = pytest.mark.desktop


def test_the_upload_preview_then_the_upload_from_the_dialog(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1) as sandbox:
        run = run_scenario("upload_preview", tmp_path / "qgis", sandbox.url, timeout=180,
                           env={"KARTAVIEW_ACCESS_TOKEN": sandbox.token,
                                "KARTAVIEW_UPLOAD_JOURNAL": str(tmp_path / "journal.sqlite")})
        run.assert_all_good()
        assert run.results["dry_run_projection"] == ["PLANE"] * 3 + ["SPHERE"] * 3, run.summary()
        stored = [record["photos"] for _, record in sorted(sandbox.uploads().items())]
        assert [[p["fields"].get("projection") for p in photos] for photos in stored] == [[None] * 3, ["SPHERE"] * 3]
        assert {p["fields"]["fieldOfView"] for p in stored[1]} == {"360"}
