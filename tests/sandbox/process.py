"""The sandbox in a process of its own (`python -m tests.sandbox`), for scripts that must not share
their interpreter with it: the benchmarks and the network stress."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_sandbox_process(*options):
    """(process, base URL) of a sandbox started with these command-line options, once it listens.
    It picks its own free port and says its URL on its first line."""
    process = subprocess.Popen([sys.executable, "-m", "tests.sandbox", "--port", "0", *map(str, options)],
                               cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    if "sandbox at" not in line:
        process.kill()
        raise RuntimeError("the sandbox did not start: {!r}".format(line))
    return process, line.split()[-1]
