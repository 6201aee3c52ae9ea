"""Fault injection: the failures real KartaView clients meet (API doc §2.5, §10), on demand.

One random.Random drives every decision, so with a `fault_seed` and requests made one after the
other the same requests fail the same way on every run.
"""

import random
import threading
from dataclasses import dataclass, field, fields

# "690" and "408" come as real KartaView sends overload: HTTP 400 with the code inside the envelope
# (real-api-behaviours.md 24, 29), a string apiCode on 1.0 routes and a number on 2.0 ones.
KINDS = ("500", "502html", "690", "408", "empty", "stored_then_500", "drop",
         # issue 14: a rate limit, a server dripping its answer, answers too big to hold (plain or gzip)
         "429", "503", "drip", "huge", "gzip_bomb", "gzip")
UPLOAD_ONLY = {"stored_then_500"}  # makes sense only where something gets stored
BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass
class FaultSettings:
    latency_ms: float = 0
    error_rate: float = 0.0
    kinds: tuple = ("500", "502html", "690", "empty", "drop")
    revoked_tokens: frozenset = field(default_factory=frozenset)
    paths: tuple = ()  # route prefixes the error faults are limited to; empty = every route
    fault_seed: int = 0
    # Answers that are well-formed but not what was asked (every answer, not drawn at random):
    page_cap: int = 0  # 1.0 lists send at most this many items a page whatever `ipp` asks (0: as asked)
    claimed_total: int = 0  # 1.0 lists claim this totalFilteredItems (0: the true count)
    huge_ids: int = 0  # the first N records of every list answer carry ids >= 2**63
    retry_after: str = "1"  # the Retry-After header of 429 and 503 faults ("" for none)
    drip_interval_s: float = 5.0  # "drip": the real answer, one byte per interval
    huge_mb: int = 100  # "huge": an answer this big; "gzip_bomb": ~1 MB of gzip inflating to 1 GB
    # Each connection's speed, both ways, in Mbit/s (0: unlimited): a request body (a photo) and an
    # answer take their size over it, on top of latency_ms, as over a long-distance link.
    bandwidth_mbit: float = 0.0

    def as_dict(self):
        return {"latency_ms": self.latency_ms, "error_rate": self.error_rate, "kinds": list(self.kinds),
                "revoked_tokens": sorted(self.revoked_tokens), "paths": list(self.paths),
                "fault_seed": self.fault_seed, "page_cap": self.page_cap, "claimed_total": self.claimed_total,
                "huge_ids": self.huge_ids, "retry_after": self.retry_after,
                "drip_interval_s": self.drip_interval_s, "huge_mb": self.huge_mb,
                "bandwidth_mbit": self.bandwidth_mbit}


class Faults:
    def __init__(self, latency_ms=0, fault_seed=0):
        self._base = FaultSettings(latency_ms=latency_ms, fault_seed=fault_seed)
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        """Back to the start-up settings: the constructor's latency, no errors, no revoked tokens."""
        with self._lock:
            self.settings = FaultSettings(**{f.name: getattr(self._base, f.name) for f in fields(FaultSettings)})
            self._rng = random.Random(self.settings.fault_seed)

    def update(self, **changes):
        """Change the given settings, keep the others; a `fault_seed` restarts the random sequence."""
        known = {f.name for f in fields(FaultSettings)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError("unknown fault settings: {}".format(", ".join(sorted(unknown))))
        kinds = changes.get("kinds")
        if kinds is not None:
            kinds = tuple([kinds] if isinstance(kinds, str) else kinds)
            bad = set(kinds) - set(KINDS)
            if bad:
                raise ValueError("unknown fault kinds: {} (known: {})".format(", ".join(sorted(bad)), ", ".join(KINDS)))
            changes["kinds"] = kinds
        if "revoked_tokens" in changes:
            changes["revoked_tokens"] = frozenset(changes["revoked_tokens"] or ())
        if "paths" in changes:
            paths = changes["paths"] or ()
            changes["paths"] = tuple([paths] if isinstance(paths, str) else paths)
        for name in ("page_cap", "claimed_total", "huge_ids"):
            if name in changes:
                if int(changes[name]) < 0:
                    raise ValueError("{} must be 0 or more".format(name))
                changes[name] = int(changes[name])
        if float(changes.get("bandwidth_mbit", 0.0)) < 0:
            raise ValueError("bandwidth_mbit must be 0 (unlimited) or more")
        if not 0.0 <= float(changes.get("error_rate", 0.0)) <= 1.0:
            raise ValueError("error_rate must be between 0 and 1")
        with self._lock:
            for name, value in changes.items():
                setattr(self.settings, name, value)
            if "fault_seed" in changes:
                self._rng = random.Random(changes["fault_seed"])

    def is_revoked(self, token):
        return token is not None and token in self.settings.revoked_tokens

    def pick(self, path, can_store):
        """The fault kind for this request, or None. `can_store`: the route stores an upload."""
        with self._lock:
            settings = self.settings
            if settings.error_rate <= 0 or (settings.paths and not path.startswith(settings.paths)):
                return None
            if self._rng.random() >= settings.error_rate:
                return None
            kinds = [k for k in settings.kinds if can_store or k not in UPLOAD_ONLY]
            return self._rng.choice(kinds) if kinds else None
