"""The pure side of kartaview:coveragestatistics: the bookkeeping and the HTML report (no QGIS)."""

import json
import re
from datetime import datetime

from kartaview.plugin.analysis.report_html import render_report
from kartaview.plugin.analysis.statistics import Piece, breakdown_rows, quality_band, summarise

D = datetime


def piece(area, sid, km, year=2020, quality=60, device="Pixel 6", is_360=False, last=None):
    first = D(year, 5, 1, 10, 0, 0) if year else None
    return Piece(area, sid, km, first, last or first, quality, device, is_360)


def test_quality_bands():
    assert [quality_band(q) for q in (0, 24, 25, 49, 50, 74, 75, 100, None, 130)] == [
        "0-24", "0-24", "25-49", "25-49", "50-74", "50-74", "75-100", "75-100", "unknown", "unknown"]


def test_kilometres_by_year_quality_device_and_360_per_area_and_in_total():
    pieces = [piece(0, 1, 1.5, 2019, 10), piece(0, 2, 2.0, 2021, 80, "GoPro MAX", True, D(2021, 5, 2)),
              piece(0, 3, 0.5, None, None, None), piece(1, 2, 3.0, 2021, 80, "GoPro MAX", True),
              piece(1, 4, 1.0, 2019, 55, "  ")]
    north, south, total = summarise(["North", "South"], pieces, {0: (10.0, 2.5), 1: (4.0, 4.0)}, "All")
    assert north.km == 4.0 and north.sequence_count == 3 and total.sequence_count == 4
    assert north.km_by["year"] == {2019: 1.5, 2021: 2.0, "unknown": 0.5}
    assert north.categories("year") == [2019, 2021, "unknown"]
    assert north.km_by["quality"] == {"0-24": 1.5, "75-100": 2.0, "unknown": 0.5}
    assert north.km_by["device"] == {"Pixel 6": 1.5, "GoPro MAX": 2.0, "unknown": 0.5}
    assert north.categories("device") == ["GoPro MAX", "Pixel 6", "unknown"]
    assert north.km_by["360"] == {"360": 2.0, "not 360": 2.0}
    assert north.newest == D(2021, 5, 2) and north.oldest == D(2019, 5, 1, 10)
    assert north.road_share == 0.25 and south.road_share == 1.0
    assert south.km_by["device"] == {"GoPro MAX": 3.0, "unknown": 1.0}
    assert total.km == 8.0 and total.km_by["year"] == {2019: 2.5, 2021: 5.0, "unknown": 0.5}
    assert total.road_km == 14.0 and total.covered_road_km == 6.5
    assert len(total.sequences_by["year"][2021]) == 1  # sequence 2 in both areas counts once in the total
    rows = list(breakdown_rows([north]))
    assert ("North", "year", "2019", 1.5, 1) in rows and ("North", "360", "360", 2.0, 1) in rows
    assert sum(km for _, dimension, _, km, _ in rows if dimension == "quality") == north.km


def test_one_area_has_no_total_and_no_roads_means_no_share():
    (only,) = summarise(["Extent"], [piece(0, 1, 2.0)], None, "All")
    assert only.road_share is None and only.name == "Extent"


def test_report_has_the_numbers_charts_and_escapes_every_value():
    hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
    stats = summarise([hostile, "B & C"], [piece(0, 1, 1.25, device=hostile), piece(1, 2, 2.5, 2024)], None,
                      "All")
    page = render_report(stats, hostile, D(2026, 1, 2, 3, 4, 5), "/* plotly.js */ var Plotly = {};")
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "B &amp; C" in page
    assert page.count("Plotly.newPlot(") == 4 and "/* plotly.js */" in page and "cdn.plot.ly" not in page
    charts = re.findall(r'Plotly\.newPlot\("chart\d", (\[.*?\]), (\{.*?\}), \{"responsive"', page)
    year_traces = json.loads(charts[0][0])
    assert [trace["name"] for trace in year_traces] == ["&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;"
                                                        "&lt;script&gt;alert(2)&lt;/script&gt;", "B &amp; C"]
    assert year_traces[0]["x"] == ["2020", "2024"] or year_traces[0]["x"] == [2020, 2024]
    assert year_traces[0]["y"] == [1.25, 0.0] and year_traces[1]["y"] == [0.0, 2.5]
    assert "<td>3.75</td>" in page  # the total row
    no_charts = render_report(stats, "x", D(2026, 1, 1), None)
    assert "Plotly.newPlot" not in no_charts and "plotly" in no_charts


def test_chart_data_cannot_close_its_script_element():
    from kartaview.plugin.analysis.report_html import _json

    text = _json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}
