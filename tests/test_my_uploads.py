"""My uploads (issue 18, point 4): the signed-in user's sequences with their processing status, and
deleting one, also when KartaView refuses; the client, the sandbox and the panel."""

import pytest
import requests
from qgis.PyQt.QtWidgets import QMessageBox

from kartaview.plugin.client.client import KartaViewClient
from kartaview.plugin.client.errors import AuthenticationError, NotFoundError
from kartaview.plugin.client.my_uploads import delete_sequence, my_uploads
from kartaview.plugin.gui.my_uploads import MyUploadsDock
from tests.photo_support import wait_until
from tests.upload_support import ORIGIN, make_jpeg, offset


def upload(client, token, tmp_path, photos=2, finish=True):
    """A sequence of `photos` small JPEGs uploaded by the demo user; its id."""
    sequence_id = client.create_sequence(token, *ORIGIN)
    for index in range(photos):
        lat, lng = offset(*ORIGIN, 0.0, 10.0 * index)
        path = make_jpeg(tmp_path / "{}-{}.jpg".format(sequence_id, index), seed=index)
        client.upload_photo(token, sequence_id, index, lat, lng, path)
    if finish:
        client.finish_sequence(token, sequence_id)
    return sequence_id


@pytest.fixture
def own(fresh_sandbox, tmp_path):
    """A sandbox of the test's own with a client without retries and two uploads: one still uploading
    (older), one finished (newest)."""
    client = KartaViewClient(fresh_sandbox.url, retries=0, timeout=5)
    token = fresh_sandbox.token
    uploading = upload(client, token, tmp_path, photos=1, finish=False)
    finished = upload(client, token, tmp_path, photos=3)
    yield fresh_sandbox, client, token, uploading, finished
    client.close()


def test_my_uploads_newest_first_with_a_status_that_moves_on(own):
    sandbox, client, token, uploading, finished = own
    sandbox.set_upload_processing(3600)
    listed = my_uploads(client, token)
    assert [(u.id, u.status, u.photo_count) for u in listed] == [(finished, "UPLOAD_FINISHED", 3),
                                                                  (uploading, "NEW", 1)]
    assert listed[0].date_added is not None and str(finished) in listed[0].describe()
    assert "3 photos" in listed[0].describe()
    assert [u.id for u in my_uploads(client, token, ipp=1)] == [finished, uploading]  # page after page
    sandbox.set_upload_processing(0)  # KartaView has processed it meanwhile
    assert [u.status for u in my_uploads(client, token)] == ["PROCESSING_FINISHED", "NEW"]
    with pytest.raises(AuthenticationError):
        my_uploads(client, "not-a-token")


def test_deleting_own_sequence_and_the_refusals(own):
    sandbox, client, token, uploading, finished = own
    delete_sequence(client, token, uploading)
    assert [u.id for u in my_uploads(client, token)] == [finished]
    with pytest.raises(NotFoundError):  # already deleted
        delete_sequence(client, token, uploading)
    with pytest.raises(NotFoundError):  # never existed
        delete_sequence(client, token, 123)
    someone_elses = int(sandbox.world.sequences[0]["id"])
    with pytest.raises(AuthenticationError) as refused:  # KartaView refuses: 618, not the user's sequence
        delete_sequence(client, token, someone_elses)
    assert refused.value.api_code == 618 and token not in refused.value.message
    assert requests.get(sandbox.url + "2.0/sequence/{}".format(someone_elses), timeout=5).status_code == 200
    with pytest.raises(AuthenticationError):
        delete_sequence(client, "forged", finished)
    assert [u.id for u in my_uploads(client, token)] == [finished]


@pytest.fixture
def dock(own, kv_app):
    sandbox, client, token, _uploading, _finished = own
    panel = MyUploadsDock(client_factory=lambda: client, token_source=lambda: token)
    yield panel
    panel.shutdown()
    panel.deleteLater()


def refreshed(panel):
    panel.refresh()
    wait_until(lambda: panel.refresh_button.isEnabled(), what="the list")
    return [panel.table.item(row, 0).text() for row in range(panel.table.rowCount())]


def answer(monkeypatch, button):
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_panel_lists_and_deletes_after_a_confirmation_naming_the_sequence(own, dock, monkeypatch):
    sandbox, client, token, uploading, finished = own
    sandbox.set_upload_processing(3600)
    assert refreshed(dock) == [str(finished), str(uploading)]
    assert dock.table.item(0, 3).text() == "Uploaded, waiting for processing"
    assert dock.table.item(1, 3).text() == "Uploading"
    assert "2 sequences, 2 not published yet." == dock.status.text()
    assert not dock.delete_button.isEnabled()
    dock.table.selectRow(0)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    dock.delete_selected()
    assert len(asked) == 1 and "Delete sequence {} from KartaView?".format(finished) in asked[0]
    assert "3 photos" in asked[0]
    assert [u.id for u in my_uploads(client, token)] == [finished, uploading]  # "No" deletes nothing
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dock.delete_selected()
    wait_until(lambda: "was deleted" in dock.status.text(), what="the deletion")
    assert [u.id for u in my_uploads(client, token)] == [uploading]
    assert [dock.table.item(row, 0).text() for row in range(dock.table.rowCount())] == [str(uploading)]


def test_panel_says_when_kartaview_refuses_and_keeps_the_row(own, dock, monkeypatch):
    sandbox, client, token, uploading, finished = own
    assert refreshed(dock) == [str(finished), str(uploading)]
    sandbox.set_faults(revoked_tokens=[token])  # the account was signed out elsewhere
    dock.table.selectRow(1)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dock.delete_selected()
    wait_until(lambda: "refused" in dock.status.text(), what="the refusal")
    assert "KartaView refused to delete sequence {}".format(uploading) in dock.status.text()
    assert token not in dock.status.text()
    assert dock.table.rowCount() == 2 and dock.delete_button.isEnabled()
    sandbox.clear_faults()
    assert [u.id for u in my_uploads(client, token)] == [finished, uploading]


def test_panel_without_an_account_asks_to_sign_in(kv_app):
    panel = MyUploadsDock(client_factory=lambda: None, token_source=lambda: None)
    try:
        panel.refresh()
        assert "Sign in" in panel.status.text() and panel.table.rowCount() == 0
    finally:
        panel.shutdown()
        panel.deleteLater()
