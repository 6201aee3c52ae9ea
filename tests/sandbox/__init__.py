"""A local HTTP server that behaves like KartaView (routes, envelopes, quirks, failures) for the tests
and the demo. Stdlib + PIL only: it never imports the plugin, any KartaView client can use it."""

from .sandbox import DEFAULT_TOKEN, Sandbox

__all__ = ["DEFAULT_TOKEN", "Sandbox"]
