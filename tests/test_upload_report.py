"""The report rows of an upload: kept on disk in input order, set by ref in any order, read back by pages."""

import pytest

from kartaview.plugin.upload import report, scratch
from kartaview.plugin.upload.report import ReportRows


@pytest.fixture(params=[1, 2, scratch.PAGE], ids=["page1", "page2", "page"])
def small_pages(request, monkeypatch):
    monkeypatch.setattr(scratch, "PAGE", request.param)
    monkeypatch.setattr(report, "_COMMIT_EVERY", 2)


def test_rows_come_back_in_input_order_with_their_values(small_pages):
    with ReportRows() as rows:
        for ref, path in ((10, "/a.jpg"), ("x", "/b.jpg"), (3, None), (7, "/d.jpg"), (5, "rel.jpg")):
            rows.add(ref, b"\x01" + str(ref).encode(), path)
        rows.set(7, "/real/d.jpg", 1, 99, 0, "uploaded", "", "https://k/99/0")
        rows.set("x", None, None, None, None, "skipped", "why", "")  # None keeps the input path
        rows.set(3, "", None, None, None, "skipped", "no path", "", None, "no_path")
        rows.set(10, "/a.jpg", 2, None, 4, "would upload", "dry", "", "SPHERE")
        assert list(rows.rows()) == [
            (b"\x0110", "/a.jpg", 2, None, 4, "would upload", "dry", "", "SPHERE", None),
            (b"\x01x", "/b.jpg", None, None, None, "skipped", "why", "", None, None),
            (b"\x013", "", None, None, None, "skipped", "no path", "", None, "no_path"),
            (b"\x017", "/real/d.jpg", 1, 99, 0, "uploaded", "", "https://k/99/0", None, None),
            (b"\x015", "rel.jpg", None, None, None, None, None, None, None, None),  # never answered
        ]
        rows.set(5, None, None, None, None, "failed", "later", "")  # still usable after reading
        assert [row[5] for row in rows.rows()] == ["would upload", "skipped", "skipped", "uploaded", "failed"]
