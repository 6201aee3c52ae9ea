"""`python -m tests.sandbox`: run the sandbox KartaView in the foreground until Ctrl-C or SIGTERM."""

import argparse
import signal
import threading

from .faults import KINDS
from .sandbox import DEFAULT_SEQUENCES, DEFAULT_TOKEN, Sandbox


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the demo user's access token")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--data-dir", default=None, help="uploads and image cache (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated sequences")
    parser.add_argument("--sequences", type=int, default=DEFAULT_SEQUENCES, help="how many sequences to generate")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of answers replaced by a fault")
    parser.add_argument("--kinds", default="500,502html,690,empty,drop", help="fault kinds: " + ",".join(KINDS))
    parser.add_argument("--fault-seed", type=int, default=None)
    parser.add_argument("--page-cap", type=int, default=0, help="1.0 list items a page at most (0: as asked)")
    parser.add_argument("--claimed-total", type=int, default=0, help="the total 1.0 lists claim (0: the true one)")
    parser.add_argument("--huge-ids", type=int, default=0, help="records a list page sends with ids >= 2**63")
    args = parser.parse_args(argv)
    sandbox = Sandbox(port=args.port, token=args.token, latency_ms=args.latency_ms, data_dir=args.data_dir,
                      seed=args.seed, sequences=args.sequences, fault_seed=args.fault_seed, error_rate=args.error_rate,
                      kinds=args.kinds.split(","), page_cap=args.page_cap, claimed_total=args.claimed_total,
                      huge_ids=args.huge_ids)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sandbox.start()
    print("KartaView sandbox at {}".format(sandbox.url), flush=True)
    print("demo user {}, access token {}".format(sandbox.username, sandbox.token), flush=True)
    print("data dir {}; {} sequences, {} photos".format(sandbox.data_dir, len(sandbox.world.sequences),
                                                       sandbox.world.photo_count()), flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sandbox.stop()
        print("sandbox stopped", flush=True)


if __name__ == "__main__":
    main()
