"""The mechanism behind the QGIS backend's old dead-reply defect, and its cut (plugin/core/qgis_http.py
_untrack): PyQt learns that a C++-made object wrapped in a worker thread was deleted only when the
main thread handles a queued notice, which marks whatever wrapper sits at that address by then.
tests/stress_qgis_network.py measures the defect under load; this checks the mechanism itself, so
that a PyQt that changes it shows here."""

import threading

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QUrl
from qgis.PyQt.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from kartaview.plugin.core import qgis_http


def _reply_deleted_in_a_worker(untrack):
    """A reply made by C++ in a worker thread, wrapped there, deleted there by Qt; its wrapper kept.
    Returns (deleted as seen in the worker, deleted as seen once the main thread handled its events)."""
    seen = {}

    def work():
        manager = QNetworkAccessManager()
        reply = manager.get(QNetworkRequest(QUrl("http://127.0.0.1:9/")))
        if untrack:
            qgis_http._untrack(reply)
        reply.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        seen["reply"], seen["in worker"] = reply, sip.isdeleted(reply)
        manager.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    QgsApplication.processEvents()
    return seen["in worker"], sip.isdeleted(seen["reply"])


def test_pyqt_learns_of_a_worker_objects_deletion_late_from_the_main_thread(qgis_app):
    # Not at once in the worker (so a new reply at the same address may get this wrapper back), and
    # later from the main thread: the notice the backend cuts.
    assert _reply_deleted_in_a_worker(untrack=False) == (False, True)


def test_untrack_cuts_that_notice(qgis_app):
    assert _reply_deleted_in_a_worker(untrack=True) == (False, False)


def test_untrack_leaves_an_untracked_object_alone(qgis_app):
    manager = QNetworkAccessManager()  # made from Python: sip knows of its deletion itself
    qgis_http._untrack(manager)
    qgis_http._untrack(manager)
    assert not sip.isdeleted(manager) and isinstance(manager.findChildren(QNetworkReply), list)
