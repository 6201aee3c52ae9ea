"""Desktop QGIS (the `qgis` program under Xvfb, real X input): the coverage group's scale switch, the
Temporal Controller's frames and the My uploads panel's deletion (issue 18)."""

import pytest

from kartaview.plugin.client.client import KartaViewClient
from tests.desktop.session import run_scenario
from tests.sandbox import Sandbox
from tests.upload_support import ORIGIN, make_jpeg

pytestmark = pytest.mark.desktop


def test_coverage_group_time_frames_and_my_uploads(tmp_path):
    with Sandbox(port=0, data_dir=str(tmp_path / "sandbox"), seed=1, latency_ms=50) as sandbox:
        with KartaViewClient(sandbox.url, retries=0) as client:  # one upload of the demo user to list
            sequence_id = client.create_sequence(sandbox.token, *ORIGIN)
            client.upload_photo(sandbox.token, sequence_id, 0, *ORIGIN, make_jpeg(tmp_path / "a.jpg"))
            client.finish_sequence(sandbox.token, sequence_id)
        run = run_scenario("analyst", tmp_path / "qgis", sandbox.url, timeout=240,
                           env={"KARTAVIEW_ACCESS_TOKEN": sandbox.token})
        remaining = client_list(sandbox)  # asked of the sandbox itself: the deletion really happened
    run.assert_all_good()
    assert sequence_id not in remaining
    assert run.check("a frame before any capture: no sequence is drawn")["ok"]
    assert run.check("Yes deletes it: the panel says so and the row goes")["ok"]


def client_list(sandbox):
    from kartaview.plugin.client.my_uploads import my_uploads

    with KartaViewClient(sandbox.url, retries=0) as client:
        return [upload.id for upload in my_uploads(client, sandbox.token)]
