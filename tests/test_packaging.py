"""`make package` builds the zip users install; installed into a fresh QGIS profile, it loads and runs."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from kartaview.plugin.about import __version__
from tests import package_scan
from tests.conftest import ROOT
from tests.plugin_package import copy_of_the_tree

# Repository-only files that must never reach users.
NOT_SHIPPED = ("tests/", ".ci/", "Makefile", "requirements-dev.txt", "pytest.ini", "ruff.toml", ".gitignore",
               ".gitattributes", "i18n/generate_pro.py", "ui/screenshots/")


def _git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    work = tmp_path_factory.mktemp("package")
    result = subprocess.run(
        ["make", "-s", "package", "PACKAGE_BUILD={}".format(work / "build"), "DIST={}".format(work / "dist")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "dist" / "kartaview-{}.zip".format(__version__)


def test_the_zip_holds_one_plugin_folder_of_committed_files(package):
    committed = set(_git("ls-tree", "-r", "--name-only", "HEAD").decode().splitlines())
    with zipfile.ZipFile(package) as archive:
        files = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        assert {name.split("/")[0] for name in files} == {"kartaview"}
        shipped = {name[len("kartaview/"):] for name in files}
        for name in shipped - {"i18n/kartaview_fr.qm", "i18n/kartaview_de.qm"}:
            assert name in committed, "{} is not committed".format(name)
            assert archive.read("kartaview/" + name) == _git("show", "HEAD:" + name), name

    for needed in ("__init__.py", "metadata.txt", "LICENSE", "plugin/plugin.py", "ui/options_page.ui",
                   "ui/icons/kartaview.svg", "i18n/kartaview_fr.qm", "i18n/kartaview_de.qm"):
        assert needed in shipped
    unwanted = [name for name in shipped
                if name.startswith(NOT_SHIPPED) or name.endswith((".ts", ".pro", ".pyc"))
                or "__pycache__" in name or "sandbox" in name]
    assert unwanted == []
    for name in committed:
        if name.startswith(("plugin/", "ui/icons/")) or name.endswith(".ui"):
            assert name in shipped, "{} is committed but not shipped".format(name)


# Findings plugins.qgis.org blocks on: a weak hash (bandit B324, high) and an AWS key (detect-secrets; the
# key is made of two halves so that this file itself holds none).
PLANTED_PY = "import hashlib\n\n\ndef digest(data):\n    return hashlib.sha1(data).hexdigest()\n"
PLANTED_KEY = "aws_access_key_id = {}\n".format("AKIA" + "ZQ3VX7TR2MKW9PLB")


def test_the_zip_passes_the_scans_of_plugins_qgis_org(package):
    assert package_scan.findings(package) == []


def test_the_scan_finds_what_is_planted_in_a_zip(package, tmp_path, capsys):
    planted = tmp_path / "planted.zip"
    shutil.copy(package, planted)
    with zipfile.ZipFile(planted, "a") as archive:
        archive.writestr("kartaview/plugin/planted.py", PLANTED_PY)
        archive.writestr("kartaview/ui/planted.txt", PLANTED_KEY)

    assert sorted(package_scan.findings(planted)) == [
        "bandit B324 (HIGH) kartaview/plugin/planted.py:5: Use of weak SHA1 hash for security. "
        "Consider usedforsecurity=False",
        "detect-secrets AWS Access Key kartaview/ui/planted.txt:1",
    ]
    assert package_scan.main([str(planted)]) == 1
    assert "plugins.qgis.org would block this upload: 2 finding(s)" in capsys.readouterr().err


def test_make_package_fails_and_leaves_no_zip_when_the_scan_finds_something(tmp_path):
    tree = copy_of_the_tree(tmp_path / "tree")
    (tree / "plugin" / "planted.py").write_text(PLANTED_PY)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "planted"]):
        subprocess.run(git + args, cwd=tree, check=True)
    venv = os.path.dirname(os.path.dirname(sys.executable))  # this suite's .venv, already set up
    dist = tmp_path / "dist"
    result = subprocess.run(
        ["make", "-s", "-o", os.path.join(venv, ".setup-done"), "package", "VENV=" + venv,
         "PACKAGE_BUILD={}".format(tmp_path / "build"), "DIST={}".format(dist)],
        cwd=tree, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0, result.stdout
    assert "would block this upload: 1 finding(s)" in result.stderr, result.stderr
    assert "bandit B324 (HIGH) kartaview/plugin/planted.py:5" in result.stderr
    assert list(dist.iterdir()) == []


def _qgis_process(config, args, **env_values):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(config), **env_values)
    env.pop("QGIS_PLUGINPATH", None)  # only the installed copy may be found
    return subprocess.run(["qgis_process.bin", *args], env=env, capture_output=True, text=True, timeout=300)


def test_the_zip_installs_enables_and_runs_in_a_fresh_profile(package, tmp_path, sandbox):
    config = tmp_path / "config"
    plugins = config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(plugins)

    enabled = _qgis_process(config, ["plugins", "enable", "kartaview"])
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    plugins_listing = _qgis_process(config, ["plugins"]).stdout
    assert "* kartaview" in plugins_listing.splitlines(), plugins_listing

    listing = _qgis_process(config, ["list"])
    assert listing.returncode == 0, listing.stderr
    assert "kartaview:" in listing.stdout, listing.stdout[-2000:] + listing.stderr[-2000:]

    # The installed plugin downloads the sequences around the first sandbox sequence's start.
    photos = sandbox.world.photos(sandbox.world.sequences[0]["id"])[:10]
    lngs, lats = [float(p["lng"]) for p in photos], [float(p["lat"]) for p in photos]
    extent = "{},{},{},{} [EPSG:4326]".format(min(lngs), max(lngs), min(lats), max(lats))
    output = tmp_path / "sequences.gpkg"
    run = _qgis_process(config, [
        "run", "kartaview:downloadsequences", "--json", "--", "EXTENT=" + extent, "OUTPUT={}".format(output),
    ], KARTAVIEW_API_URL=sandbox.url, KARTAVIEW_CACHE_DIR=str(tmp_path / "cache"))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads(run.stdout[run.stdout.index("{"):])["results"]
    assert results["COUNT"] >= 1 and output.is_file(), results
