"""Runs inside desktop QGIS (`qgis --code`): plays one scenario of tests/desktop/scenarios and writes
what a user would see to a JSON file that the pytest side (tests/desktop/session.py) reads.

A scenario is a generator function `run(desk)`: it yields a number of seconds to wait (QGIS keeps
running its event loop meanwhile: repaints, network answers, timers), and records checks with
`desk.check(...)`. Clicks and keys are real X input events (xdotool), delivered through the X server
like a person's. The results file is rewritten after every check, so a crash leaves what was seen
until then; QGIS quits through File ▸ Exit once the scenario ends.
"""

import faulthandler
import importlib
import json
import os
import subprocess
import sys
import time
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QMetaObject, QPoint, Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

RESULTS = os.environ["KARTAVIEW_DESKTOP_RESULTS"]
SCENARIO = os.environ["KARTAVIEW_DESKTOP_SCENARIO"]
TIMEOUT = float(os.environ.get("KARTAVIEW_DESKTOP_TIMEOUT", "240"))
sys.path.insert(0, os.environ["KARTAVIEW_DESKTOP_ROOT"])
TICK_MS = 50
QUIT_STACKS_AFTER_S = 30  # QGIS quits in a few seconds; the test waits longer before it kills


class Desktop:
    """What a scenario uses: checks, waits, real input, and what the user sees."""

    def __init__(self):
        self.iface = iface
        self.started = time.monotonic()
        self.results = {"scenario": SCENARIO, "qgis": Qgis.version(), "checks": [], "python_errors": [],
                        "kartaview_log": [], "finished": False, "error": None}
        QgsApplication.messageLog().messageReceived.connect(self._on_log)
        QgsApplication.taskManager().taskAdded.connect(self._on_task)

    # ---- results ----------------------------------------------------------------------------
    def _on_log(self, message, tag, _level):
        if tag == "Python error":  # an exception escaped a Python callback: QGIS shows it to the user
            self.results["python_errors"].append(message)
        elif tag == "KartaView":
            self.results["kartaview_log"].append(message)

    def _on_task(self, task_id):
        task = QgsApplication.taskManager().task(task_id)
        self.results.setdefault("tasks", []).append("{:.1f} s: {}".format(
            time.monotonic() - self.started, task.description() if task else task_id))

    def check(self, name, ok, detail=""):
        entry = {"name": name, "ok": bool(ok), "detail": str(detail), "at": round(time.monotonic() - self.started, 1)}
        if not ok:  # what the screen showed, for whoever reads the failure
            shot = "{}-failed-{}.png".format(RESULTS[:-len(".json")], len(self.results["checks"]))
            if iface.mainWindow().screen().grabWindow(0).save(shot):
                entry["screenshot"] = shot
        self.results["checks"].append(entry)
        self.save()
        return bool(ok)

    def note(self, text):
        self.results.setdefault("notes", []).append(text)
        print("desktop:", text, flush=True)

    def save(self):
        with open(RESULTS + ".part", "w") as out:
            json.dump(self.results, out, indent=1)
        os.replace(RESULTS + ".part", RESULTS)

    # ---- time -------------------------------------------------------------------------------
    def wait_for(self, name, condition, timeout=20.0, detail=None):
        """Yields until condition() is true (a check either way); returns nothing, see the check."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = condition()
            except Exception as error:  # noqa: BLE001 - a condition may fail until the UI is there
                value, failure = None, error
            else:
                failure = None
            if value:
                self.check(name, True, self._detail(detail))
                return
            if time.monotonic() > deadline:
                self.check(name, False, self._detail(detail) + (" ({!r})".format(failure) if failure else "")
                           + " [timed out after {} s]".format(timeout))
                return
            yield 0.1

    @staticmethod
    def _detail(detail):
        """What detail() says, as text; a failing detail says so rather than ending the scenario."""
        if detail is None:
            return ""
        try:
            return str(detail())
        except Exception as error:  # noqa: BLE001 - the check's result matters more than its detail
            return "(the detail failed: {!r})".format(error)

    # ---- real input (X events through xdotool) ----------------------------------------------
    @staticmethod
    def _global(widget, point=None):
        point = point if point is not None else widget.rect().center()
        return widget.mapToGlobal(QPoint(int(point.x()), int(point.y())))

    def xdotool(self, *args):
        subprocess.run(["xdotool", *[str(a) for a in args]], check=True, timeout=20)

    def move(self, widget, point=None):
        at = self._global(widget, point)
        # not --sync: it waits for the pointer to move, forever when it is already there
        self.xdotool("mousemove", at.x(), at.y())

    def click(self, widget, point=None, button=1, repeat=1):
        """Yields: moves the pointer onto widget (its centre, or a point in it) and clicks."""
        self.move(widget, point)
        yield 0.15
        self.xdotool("click", "--repeat", repeat, "--delay", 80, button)
        yield 0.3

    def drag(self, source, source_point, target, target_point):
        """Yields: press on source, move in steps (so Qt starts a drag), release on target."""
        self.move(source, source_point)
        yield 0.2
        self.xdotool("mousedown", 1)
        yield 0.2
        start, end = self._global(source, source_point), self._global(target, target_point)
        for step in range(1, 9):
            x = start.x() + (end.x() - start.x()) * step // 8
            y = start.y() + (end.y() - start.y()) * step // 8
            self.xdotool("mousemove", x, y)
            yield 0.03
        yield 0.2
        self.xdotool("mouseup", 1)
        yield 0.3

    def key(self, *keys):
        """Yields: key strokes (xdotool names: Right, ctrl+alt+k...) to the focused widget."""
        for key in keys:
            self.xdotool("key", key)
            yield 0.15
        yield 0.2

    def wheel(self, widget, point, clicks):
        """Yields: mouse-wheel clicks over a point of widget (positive zooms in)."""
        self.move(widget, point)
        yield 0.1
        for _ in range(abs(clicks)):
            self.xdotool("click", 4 if clicks > 0 else 5)
            yield 0.1

    # ---- what the user sees -----------------------------------------------------------------
    @staticmethod
    def plugin():
        return plugins.get("kartaview")

    def component(self, class_name):
        plugin = self.plugin()
        if plugin is None:
            return None
        return next((c for c in plugin.components if type(c).__name__ == class_name), None)

    def legend_texts(self, layer):
        """The legend lines under the layer in the Layers panel, as shown."""
        view = iface.layerTreeView()
        model = view.layerTreeModel()
        node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
        if node is None:
            return []
        return [legend_node.data(0) or "" for legend_node in model.layerLegendNodes(node, True)]

    def message_bar_texts(self):
        bar = iface.messageBar()
        texts = []
        for item in bar.items():
            texts.append("{}: {}".format(item.title(), item.text()))
        return texts

    @staticmethod
    def visible_widgets(class_name):
        return [w for w in QApplication.topLevelWidgets() if w.isVisible() and type(w).__name__ == class_name]

    @staticmethod
    def wait_seconds(seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            yield 0.1


def _quit(desk):
    QgsProject.instance().setDirty(False)  # no "save changes?" question
    for widget in QApplication.topLevelWidgets():  # modal dialogs left open would block the exit
        if widget.isModal() and widget.isVisible():
            widget.close()
    desk.results["finished_at"] = round(time.monotonic() - desk.started, 1)
    desk.save()
    # a QGIS that hangs while quitting leaves every Python thread's stack here (the test kills it later)
    desk.stacks = open(os.path.join(os.environ["KARTAVIEW_DESKTOP_HOME"], "python-stacks-at-quit.txt"), "w")
    faulthandler.dump_traceback_later(QUIT_STACKS_AFTER_S, file=desk.stacks)
    # Queued: QGIS runs File > Exit from its event loop, as after a click. Triggered from Python here,
    # the main thread would hold the GIL while QGIS waits for a map render whose KartaView layer runs
    # Python code, which waits for the GIL: a deadlock of the harness (seen on 3.22 and 3.44).
    QMetaObject.invokeMethod(iface.actionExit(), "trigger", Qt.ConnectionType.QueuedConnection)


def _start():
    desk = Desktop()
    window = iface.mainWindow()
    window.setGeometry(window.screen().availableGeometry())  # no window manager under Xvfb to maximise
    try:
        module = importlib.import_module("tests.desktop.scenarios." + SCENARIO)
        steps = module.run(desk)
    except Exception:  # noqa: BLE001 - reported to the pytest side
        desk.results["error"] = traceback.format_exc()
        _quit(desk)
        return
    deadline = time.monotonic() + TIMEOUT

    def tick():
        try:
            if time.monotonic() > deadline:
                desk.results["error"] = "the scenario ran out of time ({} s)".format(TIMEOUT)
                _quit(desk)
                return
            delay = next(steps)
        except StopIteration:
            desk.results["finished"] = True
            # QGIS is alive and answering if this timer still fires after the scenario
            QTimer.singleShot(500, lambda: _alive_then_quit(desk))
            return
        except Exception:  # noqa: BLE001 - reported to the pytest side
            desk.results["error"] = traceback.format_exc()
            _quit(desk)
            return
        QTimer.singleShot(max(TICK_MS, int((delay or 0) * 1000)), tick)

    QTimer.singleShot(TICK_MS, tick)


def _alive_then_quit(desk):
    desk.results["alive_after_scenario"] = True
    _quit(desk)


# QGIS runs --code before it has loaded the plugins' GUI: start once the main window is shown and idle
QTimer.singleShot(1000, _start)
