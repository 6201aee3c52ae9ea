"""kartaview:downloadsequences, in process and through qgis_process, against the sandbox."""

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from kartaview.plugin.processing.download_sequences import DownloadSequencesAlgorithm
from tests.conftest import run_qgis_process
from tests.provider_support import CENTRE, SMALL, expected_sequences

EXTENT = "{},{},{},{} [EPSG:4326]".format(SMALL[0], SMALL[2], SMALL[1], SMALL[3])


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.progress_values = []
        self.progressChanged.connect(self.progress_values.append)


def run(parameters, feedback=None):
    algorithm = DownloadSequencesAlgorithm()
    algorithm.initAlgorithm()
    context = QgsProcessingContext()
    feedback = feedback or RecordingFeedback()
    results, ok = algorithm.run(dict(parameters, OUTPUT="memory:"), context, feedback)
    assert ok, results
    return context.takeResultLayer(results["OUTPUT"]), results, feedback


def test_sequences_with_their_attributes(kv_app, sandbox):
    output, results, feedback = run({"EXTENT": EXTENT})
    features = {f["sequence_id"]: f for f in output.getFeatures()}
    assert set(features) == expected_sequences(sandbox.world, SMALL)
    assert results["COUNT"] == len(features)
    for sequence_id, feature in features.items():
        truth = sandbox.world.sequence(sequence_id)
        assert (feature["country_code"], feature["quality"]) == (truth["countryCode"], int(truth["quality"]))
        assert feature["distance_km"] == pytest.approx(float(truth["distance"]))
    assert feedback.progress_values[-1] == pytest.approx(100)
    assert feedback.progress_values == sorted(feedback.progress_values)


def test_filters_and_types(kv_app, sandbox):
    output, _, _ = run({"EXTENT": EXTENT, "MIN_QUALITY": 40, "SINCE": "2019-01-01", "ONLY_360": False})
    accept = lambda v2: int(v2["quality"]) >= 40 and v2["dateAdded"][:10] >= "2019-01-01"  # noqa: E731
    assert {f["sequence_id"] for f in output.getFeatures()} == expected_sequences(sandbox.world, SMALL, accept)
    photos, _, _ = run({"EXTENT": EXTENT, "TYPE": 1})
    assert photos.featureCount() == len(sandbox.world.photos_in_bbox((SMALL[1], SMALL[0], SMALL[3], SMALL[2])))
    coverage, _, _ = run({"EXTENT": EXTENT, "TYPE": 2})
    assert coverage.featureCount() > 0 and coverage.fields().names()[-1] == "coverage"


def test_cancel_stops_waiting(kv_app, fresh_sandbox):
    fresh_sandbox.set_faults(latency_ms=2000)
    feedback = RecordingFeedback()
    feedback.cancel()
    output, results, _ = run({"EXTENT": "{},{},{},{} [EPSG:4326]".format(CENTRE[0], CENTRE[2], CENTRE[1],
                                                                          CENTRE[3])}, feedback)
    assert results["COUNT"] == 0 and output.featureCount() == 0


def test_qgis_process_writes_a_geopackage(kv_app, sandbox, qgis_process_home, tmp_path):
    gpkg = tmp_path / "sequences.gpkg"
    result = run_qgis_process(qgis_process_home, ["run", "kartaview:downloadsequences", "--",
                                                  "EXTENT=" + EXTENT, "OUTPUT={}".format(gpkg)],
                              env={"KARTAVIEW_API_URL": sandbox.url, "KARTAVIEW_CACHE_DIR": str(tmp_path / "c")})
    assert result.returncode == 0, result.stdout + result.stderr
    written = QgsVectorLayer(str(gpkg), "sequences", "ogr")
    assert written.isValid()
    got = {f["sequence_id"]: f for f in written.getFeatures()}
    assert set(got) == expected_sequences(sandbox.world, SMALL)
    one = next(iter(got.values()))
    assert one["country_code"] == "RO" and one["url"] and one["first_shot"] is not None


def test_results_loaded_into_the_project_are_styled_like_the_layer(kv_app, sandbox, qgis_processing,
                                                                    layer_tree_view):
    import processing
    from qgis.core import QgsApplication, QgsProject

    from kartaview.plugin.processing.provider import KartaViewProcessingProvider

    registry = QgsApplication.processingRegistry()
    added = registry.providerById("kartaview") is None
    if added:
        registry.addProvider(KartaViewProcessingProvider())
    project = QgsProject.instance()
    try:
        for layer_type in (0, 1):  # sequences, photos
            result = processing.runAndLoadResults("kartaview:downloadsequences",
                                                  {"EXTENT": EXTENT, "TYPE": layer_type, "OUTPUT": "memory:"})
            layer = project.mapLayer(result["OUTPUT"])
            try:
                # the style of the KartaView layer of that type: its rules, not QGIS's single random symbol
                assert layer.renderer().type() != "singleSymbol", layer.renderer().type()
            finally:
                project.removeMapLayer(layer.id())
    finally:
        if added:
            registry.removeProvider(registry.providerById("kartaview"))


def test_the_log_says_when_the_data_came_from_the_cache(kv_app, sandbox):
    """KartaView down and the extent cached: the algorithm's log says it used the cache, not only
    "from http://..." as if it had asked KartaView."""
    _, _, first = run({"EXTENT": EXTENT})
    assert "from KartaView" in first.textLog() or "KartaView was not asked again" in first.textLog()
    sandbox.set_faults(error_rate=1.0, kinds=("drop",))
    try:
        output, _, feedback = run({"EXTENT": EXTENT})
    finally:
        sandbox.clear_faults()
    assert {f["sequence_id"] for f in output.getFeatures()} == expected_sequences(sandbox.world, SMALL)
    assert "Used the plugin's cache only: KartaView was not asked again" in feedback.textLog()


@pytest.mark.parametrize("kind", [0, 1, 2])
def test_an_extent_in_parts_gives_what_it_gives_whole(kv_app, sandbox, monkeypatch, kind):
    """A large extent is fetched and written a part at a time (memory bounded by a part): the features
    of the parts together are those of the whole, each once (a sequence crossing parts too)."""
    from kartaview.plugin.processing import download_sequences

    whole, results, _ = run({"EXTENT": EXTENT, "TYPE": kind})
    monkeypatch.setattr(download_sequences, "CHUNK_TILES", 0.1)  # parts smaller than a map tile
    bbox = (SMALL[0], SMALL[1], SMALL[2], SMALL[3])
    assert len(download_sequences.chunks(download_sequences.LAYER_TYPES[kind], bbox)) >= 9
    parts, parts_results, feedback = run({"EXTENT": EXTENT, "TYPE": kind})
    ids = [f.id() for f in parts.getFeatures()]
    assert len(ids) == len(set(ids)) == whole.featureCount() == parts_results["COUNT"] == results["COUNT"] > 0
    assert sorted(f.attributes() for f in parts.getFeatures()) == sorted(f.attributes() for f in whole.getFeatures())
    assert feedback.progress_values == sorted(feedback.progress_values)
