"""The scan plugins.qgis.org runs on every upload, run by `make package` on the zip it built.

The plugin repository extracts an uploaded zip and runs bandit and detect-secrets on it; a finding of
either blocks the version. Here both run on the extracted zip (what users get, not the working tree),
every bandit test at every severity and every detect-secrets plugin on all files, so that nothing the
repository could object to gets through. Exit status 1 and a list of findings when there is any.

    python -m tests.package_scan dist/kartaview-X.Y.Z.zip
"""

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HOW_TO_FIX = (
    "Fix the code. Where it is right as it is, suppress the finding on its own line and say why there:\n"
    "  bandit:         # nosec B608 # the reason\n"
    "  detect-secrets: # pragma: allowlist secret # the reason")


def _run(args, cwd):
    result = subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    try:
        return result, json.loads(result.stdout)
    except ValueError:
        raise RuntimeError("{} gave no report (exit status {}):\n{}".format(
            args[0], result.returncode, (result.stdout + result.stderr)[-3000:])) from None


def bandit_findings(folder):
    result, report = _run(["bandit", "--recursive", ".", "--format", "json", "--quiet"], folder)
    findings = ["bandit {} ({}) {}:{}: {}".format(issue["test_id"], issue["issue_severity"], os.path.normpath(
        issue["filename"]), issue["line_number"], issue["issue_text"]) for issue in report["results"]]
    # A file bandit cannot parse is a file it did not check: that is no pass either.
    findings += ["bandit could not scan {}: {}".format(os.path.normpath(error["filename"]), error["reason"])
                 for error in report["errors"]]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not findings):
        raise RuntimeError("bandit failed (exit status {}):\n{}".format(result.returncode, result.stderr[-3000:]))
    return findings


def secret_findings(folder):
    # detect-secrets exits 0 whatever it finds: its report is what counts.
    result, report = _run(["detect_secrets", "scan", "--all-files", "."], folder)
    if result.returncode != 0:
        raise RuntimeError("detect-secrets failed (exit status {}):\n{}".format(result.returncode, result.stderr))
    return ["detect-secrets {} {}:{}".format(secret["type"], name, secret["line_number"])
            for name, secrets in sorted(report["results"].items()) for secret in secrets]


def findings(zip_path):
    """Every bandit and detect-secrets finding in the files of the zip (paths as inside the zip)."""
    with tempfile.TemporaryDirectory(prefix="kartaview-scan-") as folder:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder)
        return bandit_findings(folder) + secret_findings(folder)


def main(argv=None):
    (zip_path,) = sys.argv[1:] if argv is None else argv
    found = findings(zip_path)
    if found:
        print("{}: plugins.qgis.org would block this upload: {} finding(s) of bandit / detect-secrets:".format(
            zip_path, len(found)), file=sys.stderr)
        for line in found:
            print("  " + line, file=sys.stderr)
        print(HOW_TO_FIX, file=sys.stderr)
        return 1
    print("{}: bandit and detect-secrets find nothing".format(Path(zip_path).name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
