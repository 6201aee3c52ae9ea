"""The HTML report of the coverage statistics: tables and Plotly charts in one self-contained file.

plotly.js is embedded (offline: the report opens without internet, from the Processing results viewer or
a file share). Every value that came from KartaView or from the user's layers (area names, devices) is
escaped: in the HTML with html.escape, in the charts' JSON with <, > and & as \\u escapes (so no value
can close the script element) and as HTML entities in the labels (plotly.js reads a little HTML in its
texts, and shows entities as plain text).
"""

import html
import json

from .statistics import DEVICE, PANORAMA, QUALITY, YEAR

MAX_DEVICES = 12  # devices shown in the chart; the table lists all

ENGLISH = {
    "title": "KartaView coverage statistics",
    "generated": "Generated {} from {}.",
    "area": "Area", "km": "km", "sequences": "Sequences", "newest": "Newest capture",
    "oldest": "Oldest capture", "road_km": "Road km", "covered_km": "Covered road km",
    "covered_pct": "Roads covered %", "year": "Capture year", "quality": "Quality band",
    "device": "Device", "360": "360°", "by": "Kilometres by {}", "summary": "Summary",
    "no_charts": "The charts need the Python package plotly, which this QGIS lacks; the tables are complete.",
}


def _json(value) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "{:.2f}".format(value)
    if hasattr(value, "isoformat"):
        return html.escape(value.isoformat(sep=" "))
    return html.escape(str(value))


def _table(headers, rows, css_class="") -> str:
    head = "".join("<th>{}</th>".format(html.escape(h)) for h in headers)
    body = "".join("<tr>{}</tr>".format("".join("<td>{}</td>".format(_cell(v)) for v in row)) for row in rows)
    return '<table class="{}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'.format(css_class, head, body)


def _summary_rows(statistics):
    for area in statistics:
        share = area.road_share
        yield (area.name, area.km, area.sequence_count, area.newest, area.oldest, area.road_km,
               area.covered_road_km, None if share is None else 100.0 * share)


def _chart(dimension, statistics, text):
    """A Plotly figure (plain dict): a bar per category, one trace per area (stacked)."""
    categories = []
    for area in statistics:
        for category in area.categories(dimension):
            if category not in categories:
                categories.append(category)
    if dimension == DEVICE:
        categories = categories[:MAX_DEVICES]
    labels = [html.escape(str(category)) for category in categories]
    traces = [{"type": "bar", "name": html.escape(area.name), "x": labels,
               "y": [round(area.km_by[dimension].get(category, 0.0), 3) for category in categories]}
              for area in statistics]
    layout = {"title": {"text": html.escape(text["by"].format(text[dimension]))}, "barmode": "stack",
              "xaxis": {"type": "category"}, "yaxis": {"title": {"text": html.escape(text["km"])}},
              "margin": {"t": 50, "b": 80}, "height": 380}
    return {"data": traces, "layout": layout}


def render_report(statistics, source, generated, plotly_js=None, text=None) -> str:
    """The whole report. statistics: AreaStatistics per area (a total last if wanted); source: where
    the sequences came from; generated: a datetime; plotly_js: the library's code (None: tables only)."""
    text = dict(ENGLISH, **(text or {}))
    charted = [area for area in statistics if area.km > 0]
    if len(charted) > 1 and charted[-1] is statistics[-1]:
        charted = charted[:-1]  # the total row would double the stacked bars
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>{}</title>'.format(html.escape(text["title"])),
             "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child"
             "{text-align:left}.chart{max-width:1000px}</style>"]
    if plotly_js:
        parts.append("<script>{}</script>".format(plotly_js.replace("</script", "<\\/script")))
    parts.append("</head><body><h1>{}</h1><p>{}</p>".format(
        html.escape(text["title"]), html.escape(text["generated"].format(generated.isoformat(sep=" ",
                                                                         timespec="seconds"), source))))
    parts.append("<h2>{}</h2>".format(html.escape(text["summary"])))
    parts.append(_table([text[key] for key in ("area", "km", "sequences", "newest", "oldest", "road_km",
                                               "covered_km", "covered_pct")], _summary_rows(statistics),
                        "summary"))
    if not plotly_js:
        parts.append("<p><em>{}</em></p>".format(html.escape(text["no_charts"])))
    for number, dimension in enumerate((YEAR, QUALITY, DEVICE, PANORAMA)):
        parts.append("<h2>{}</h2>".format(html.escape(text["by"].format(text[dimension]))))
        if plotly_js and charted:
            figure = _chart(dimension, charted, text)
            parts.append('<div class="chart" id="chart{0}"></div><script>Plotly.newPlot("chart{0}", {1}, {2}, '
                         '{{"responsive": true}});</script>'.format(number, _json(figure["data"]),
                                                                    _json(figure["layout"])))
        rows = [(area.name, category, area.km_by[dimension][category],
                 len(area.sequences_by[dimension][category]))
                for area in statistics for category in area.categories(dimension)]
        parts.append(_table([text["area"], text[dimension], text["km"], text["sequences"]], rows, dimension))
    parts.append("</body></html>")
    return "".join(parts)
