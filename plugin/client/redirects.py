"""Which redirects a request may follow, and whether a secret may go to an address at all.

Pure functions, so that every transport backend (requests, QGIS's network manager) applies the same
policy: backends send with redirects off and ask `redirect_target` what to do with a 3xx answer.

Why not let the HTTP library follow: on a 307/308 it re-sends the form body (with access_token, or
the OpenStreetMap token at sign-in) to wherever the server points, another host included; on a
301/302/303 it turns a POST into a GET, so finishing a sequence "succeeds" without the server ever
getting the call.
"""

import ipaddress
from urllib.parse import urljoin, urlsplit

from .errors import KartaViewError, scrub

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
_BODY_KEEPING = frozenset({307, 308})  # the codes that keep the method and the body
_SAFE_METHODS = frozenset({"GET", "HEAD"})


class RedirectRefused(KartaViewError):
    """The server answered with a redirect the policy does not follow (the message names where to)."""


class InsecureAddressError(KartaViewError):
    """A secret would have gone over plain http:// to an address that is not this computer."""


def _origin(url):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


def is_loopback(url) -> bool:
    """True for an address on this computer (localhost, 127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_secure(url, *, allow_insecure_http=False, what="sending the access token"):
    """Raise InsecureAddressError when a secret would travel in clear text: plain http:// to a host
    other than this computer, unless the user allowed it (a test server on their own network)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and (allow_insecure_http or is_loopback(url))):
        return
    if scheme == "http":
        raise InsecureAddressError(
            "The KartaView plugin refused {} to {} over plain http://: anyone on the way could read it. "
            "Use an https:// address, or, for a test server you trust, allow plain http in the KartaView "
            "settings.".format(what, scrub(url)))
    raise InsecureAddressError("The KartaView plugin refused {} to {}: only https:// addresses are "
                               "allowed.".format(what, scrub(url)))


def redirect_target(method, url, status, location, *, authenticated, idempotent, hops=0, secrets=(),
                    server="KartaView") -> str:
    """The absolute URL to send the same request (same method, same body) to after a redirect.

    Followed only: a 307/308 (they keep the method and the body) to the same scheme, host and port,
    for a call that is idempotent or carries no secret; and any redirect of an unauthenticated
    GET/HEAD (image files move to their storage host) to an http(s) address. Anything else raises
    RedirectRefused naming where the server tried to send the request (secrets scrubbed from it).
    """
    method = method.upper()
    target = urljoin(url, location or "")
    shown = scrub(target, secrets)
    advice = "If {} moved, set its new address in the KartaView settings.".format(server)

    def refuse(text):
        raise RedirectRefused("{} {}".format(text, advice), http_status=status)

    if not location:
        refuse("{} answered HTTP {} without saying where to go, for {}.".format(server, status, scrub(url, secrets)))
    if hops >= MAX_REDIRECTS:
        refuse("{} redirected the request more than {} times (last to {}).".format(server, MAX_REDIRECTS, shown))
    if urlsplit(target).scheme.lower() not in ("http", "https"):
        refuse("{} tried to redirect the request to {}, which is not a web address; the plugin did not "
               "follow.".format(server, shown))
    if not authenticated and method in _SAFE_METHODS:
        return target
    if status not in _BODY_KEEPING:
        refuse("{} answered HTTP {} (moved to {}) to a {} request; following it would send the request without "
               "its content, so the plugin did not.".format(server, status, shown, method))
    if _origin(target) != _origin(url):
        refuse("{} tried to send the request to another address ({}); the plugin did not follow, as the request "
               "{}.".format(server, shown, "carries your credentials" if authenticated else "would go elsewhere"))
    if authenticated and not idempotent:
        raise RedirectRefused("{} redirected a request that must be sent only once (to {}); the plugin did not send "
                              "it again. Try again later.".format(server, shown), http_status=status)
    return target
