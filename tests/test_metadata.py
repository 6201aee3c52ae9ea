"""metadata.txt is valid for plugins.qgis.org (its upload validator's rules) and has a changelog.

tests/test_plugin_load.py checks the fields are present; this checks their values.
"""

import configparser
import re

import pytest
from qgis.core import Qgis

from kartaview.plugin.about import __title__, __version__
from tests.conftest import ROOT

# plugins.qgis.org refuses an upload without these (qgis-django plugins/validator.py).
MANDATORY = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
             "tracker", "repository")
BOOLEANS = ("experimental", "deprecated", "server")


@pytest.fixture(scope="module")
def general():
    metadata = configparser.ConfigParser(interpolation=None)
    with open(ROOT / "metadata.txt", encoding="utf-8") as f:
        metadata.read_file(f)
    return metadata["general"]


def _version(text):
    return tuple(int(part) for part in text.split("."))


def test_mandatory_fields_are_filled(general):
    assert [field for field in MANDATORY if not general.get(field, "").strip()] == []


def test_version_is_semantic_and_read_by_the_plugin(general):
    assert re.fullmatch(r"\d+\.\d+\.\d+", general["version"])
    assert __version__ == general["version"]
    assert __title__ == general["name"]


def test_qgis_versions_include_the_running_qgis(general):
    minimum = _version(general["qgisMinimumVersion"])
    assert len(minimum) == 2
    running = divmod(Qgis.QGIS_VERSION_INT // 100, 100)
    assert minimum <= running
    if general.get("qgisMaximumVersion"):
        assert minimum <= running <= _version(general["qgisMaximumVersion"])


def test_qgis_4_may_load_the_plugin(general):
    """Without qgisMaximumVersion QGIS takes 3.99, and QGIS 4 (Qt 6) refuses the plugin."""
    assert _version(general.get("qgisMaximumVersion", "3.99")) >= (4, 99)


def test_addresses_and_email_are_well_formed(general):
    for field in ("homepage", "tracker", "repository"):
        assert re.match(r"https://[^\s/]+\.[^\s/]+/", general[field]), field
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", general["email"])


def test_texts_are_meaningful(general):
    description, about = general["description"].strip(), general["about"].strip()
    assert "\n" not in description and len(description) <= 200
    assert len(about) > len(description) and about != description
    tags = [tag.strip() for tag in general["tags"].split(",")]
    assert all(tags) and len(tags) == len(set(tags))


def test_flags_have_the_values_qgis_understands(general):
    for field in BOOLEANS:
        assert general.get(field, "False") in ("True", "False"), field
    assert general["hasProcessingProvider"] in ("yes", "no")
    assert general["category"] in ("Raster", "Vector", "Database", "Web", "Mesh", "Analysis")
    assert general["icon"].endswith((".svg", ".png")) and (ROOT / general["icon"]).is_file()


def test_changelog_starts_with_the_current_version(general):
    entries = [line.strip() for line in general["changelog"].splitlines() if line.strip()]
    assert entries, "metadata.txt has no changelog"
    assert re.match(re.escape(general["version"]) + r" - \S", entries[0]), entries[0]
