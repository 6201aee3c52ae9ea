"""The pytest side of the desktop tests: real QGIS (the `qgis` program) in a window under Xvfb, with a
throw-away profile holding the plugin of this working tree, pointed at a sandbox KartaView, playing
one scenario of tests/desktop/scenarios through tests/desktop/driver.py (`qgis --code`).
"""

import json
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.deprecation_guard import count_printed_deprecations
from tests.plugin_package import ROOT
from tests.qgis_process_runner import make_plugin_home

DRIVER = ROOT / "tests" / "desktop" / "driver.py"
SCREEN = "1600x1000x24"
NEEDED = ("qgis", "xvfb-run", "xdotool")


@dataclass
class DesktopRun:
    returncode: int
    results: dict
    output: str
    checks: list = field(default_factory=list)
    stacks_at_quit: str = ""  # every Python thread's stack, when QGIS was still quitting 30 s on

    def failed_checks(self):
        return [c for c in self.checks if not c["ok"]]

    def check(self, name):
        """The first check of that name (KeyError when the scenario never got there)."""
        for entry in self.checks:
            if entry["name"] == name:
                return entry
        raise KeyError("{} never ran; checks: {}".format(name, [c["name"] for c in self.checks]))

    def summary(self):
        lines = ["QGIS exit status {}; finished: {}; alive after the scenario: {}; error: {}".format(
            self.returncode, self.results.get("finished"), self.results.get("alive_after_scenario"),
            self.results.get("error"))]
        lines += ["  {} {} {}".format("ok  " if c["ok"] else "FAIL", c["name"], c["detail"]) for c in self.checks]
        lines += ["  python error: " + e[:2000] for e in self.results.get("python_errors", [])]
        if self.stacks_at_quit:
            lines += ["--- Python stacks 30 s into quitting ---", self.stacks_at_quit[-6000:]]
        lines += ["--- QGIS output (end) ---", self.output[-6000:]]
        return "\n".join(lines)

    def assert_all_good(self):
        """Every check passed, the scenario ended, no Python error reached the user, QGIS exited cleanly."""
        assert self.results.get("finished") and self.results.get("alive_after_scenario"), self.summary()
        assert not self.failed_checks(), self.summary()
        assert not self.results.get("python_errors"), self.summary()
        assert self.returncode == 0, self.summary()


def missing_tools():
    return [tool for tool in NEEDED if shutil.which(tool) is None]


def run_scenario(scenario, home: Path, api_url: str, timeout=240, project=None, env=None) -> DesktopRun:
    """Plays tests/desktop/scenarios/<scenario>.py in desktop QGIS; QGIS's own settings live under home."""
    missing = missing_tools()
    if missing:  # make test installs them: their absence is a broken set-up, not a reason to skip
        raise RuntimeError("the desktop tests need {} (apt-get install qgis xvfb xauth xdotool)".format(
            ", ".join(missing)))
    make_plugin_home(home)
    results = home / "results.json"
    if results.exists():
        results.unlink()
    full_env = dict(os.environ)
    full_env.pop("QT_QPA_PLATFORM", None)  # a real window on the X server, not offscreen
    full_env.update(
        KARTAVIEW_API_URL=api_url,
        KARTAVIEW_CACHE_DIR=str(home / "cache"),
        QGIS_PLUGINPATH=str(home / "plugins"),
        KARTAVIEW_DESKTOP_RESULTS=str(results),
        KARTAVIEW_DESKTOP_SCENARIO=scenario,
        KARTAVIEW_DESKTOP_ROOT=str(ROOT),
        KARTAVIEW_DESKTOP_TIMEOUT=str(timeout - 30),
        KARTAVIEW_DESKTOP_HOME=str(home),
        PYTHONWARNINGS="default::DeprecationWarning",  # printed, then counted by the deprecation guard
        PYTHONFAULTHANDLER="1",  # a crash prints the Python stack of every thread into the output
    )
    full_env.update(env or {})
    qgis = ["qgis", "--profiles-path", str(home / "config"), "--noversioncheck", "--nologo", "--code", str(DRIVER)]
    if project:
        qgis[1:1] = ["--project", str(project)]
    # KARTAVIEW_DESKTOP_GDB=1: QGIS runs under gdb, which prints every thread's stack on a crash
    if os.environ.get("KARTAVIEW_DESKTOP_GDB"):
        # qgis.bin: Debian's `qgis` is a shell script; the library map places the stack's addresses
        # a value naming a file: gdb runs that command file first (breakpoints for a hunt)
        script = os.environ["KARTAVIEW_DESKTOP_GDB"]
        extra = ["-x", script] if os.path.isfile(script) else []
        qgis = ["gdb", "-q", "-batch", *extra, "-ex", "run", "-ex", "info sharedlibrary",
                "-ex", "thread apply all bt 25", "--args", "qgis.bin", *qgis[1:]]
    command = ["xvfb-run", "-a", "-s", "-screen 0 {} -nolisten tcp".format(SCREEN), *qgis]
    # a session of its own, so a hung QGIS and its Xvfb are killed together
    process = subprocess.Popen(command, env=full_env, cwd=str(home), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        returncode = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        returncode = "killed after {} s".format(timeout)
    (home / "qgis-output.txt").write_text(output or "")  # the whole of it; a failure shows its end
    count_printed_deprecations(output, "desktop scenario {}".format(scenario))
    data = json.loads(results.read_text()) if results.exists() else {"checks": [], "error": "no results written"}
    stacks = home / "python-stacks-at-quit.txt"
    return DesktopRun(returncode=returncode, results=data, output=output or "", checks=data.get("checks", []),
                      stacks_at_quit=stacks.read_text() if stacks.exists() else "")
