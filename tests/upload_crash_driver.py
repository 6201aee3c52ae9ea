"""Upload a manifest of photos with the journaled uploader, in a process the crash test can kill.

python -m tests.upload_crash_driver MANIFEST.json JOURNAL.sqlite API_URL
The token comes from KARTAVIEW_ACCESS_TOKEN. Prints one line per photo result, then "DONE <counts>".
"""

import json
import os
import sys
from datetime import datetime

from tests.plugin_package import import_plugin_package

import_plugin_package()

from kartaview.plugin.client.client import KartaViewClient  # noqa: E402
from kartaview.plugin.upload.journal import Journal  # noqa: E402
from kartaview.plugin.upload.plan_types import PhotoInput, PlanOptions  # noqa: E402
from kartaview.plugin.upload.uploader import Uploader  # noqa: E402
from tests.upload_support import plan_upload  # noqa: E402


def main(manifest, journal_path, url):
    with open(manifest) as stream:
        photos = [PhotoInput(p["ref"], p["path"], p["lat"], p["lng"], datetime.fromisoformat(p["time"]), p["heading"])
                  for p in json.load(stream)]
    plan = plan_upload(photos, PlanOptions(max_photos=5))
    with KartaViewClient(url, retries=2, backoff=0.01, max_backoff=0.05) as client, \
            Journal(journal_path, client.base_url) as journal:
        summary = Uploader(client, journal, os.environ["KARTAVIEW_ACCESS_TOKEN"], concurrency=3, retry_delay=0.05,
                           on_photo=lambda r: print(r.photo.ref, r.status, flush=True)).run(plan)
    print("DONE", json.dumps(summary.counts, sort_keys=True), flush=True)
    return 0 if set(summary.counts) <= {"uploaded", "already uploaded"} else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
