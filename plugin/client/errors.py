"""The client's exceptions: one small hierarchy, every message says what happened and what to do.

Messages can end up in the QGIS message log and in dialogs, so an access token must never be part
of one: `scrub` is applied to everything the server or the network layer says before it is quoted.
"""

import re

# `access_token=...`, `"access_token": "..."`, `X-Auth-Token: ...` in echoed requests or URLs.
_TOKEN_PATTERN = re.compile(
    r"""((?:access_token|secret_token|request_token|x-auth-token)["']?\s*[=:]\s*["']?)[^\s&"',;]+""", re.IGNORECASE)


def scrub(text, secrets=()) -> str:
    """`text` with every secret (and anything that looks like a token assignment) replaced by ***."""
    text = str(text)
    for secret in secrets:
        if secret:
            text = text.replace(str(secret), "***")
    return _TOKEN_PATTERN.sub(r"\1***", text)


class KartaViewError(Exception):
    """Base class of every error the client raises."""

    def __init__(self, message, *, api_code=None, http_status=None):
        super().__init__(message)
        self.message = message
        self.api_code = api_code
        self.http_status = http_status


class TransientError(KartaViewError):
    """The service is overloaded or the network failed (5xx, HTML/empty/non-JSON body, 690/408, 429,
    timeout, dropped connection, an answer over its deadline). Retried inside the client; raised when
    the retries are used up.

    retry_after: the seconds the server asked to wait (429/503 `Retry-After`), or None.
    """

    def __init__(self, message, *, retry_after=None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class DuplicateError(KartaViewError):
    """apiCode 660/406: KartaView already has this photo (upload_photo reports it as success)."""


class AuthenticationError(KartaViewError):
    """401 or 618: the access token is missing, invalid or not allowed for this sequence."""


class BadRequestError(KartaViewError):
    """apiCode 610-613: the server rejected a field of the request (a client bug, never retried)."""

    def __init__(self, message, *, field=None, api_code=None, http_status=None):
        super().__init__(message, api_code=api_code, http_status=http_status)
        self.field = field


class NotFoundError(KartaViewError):
    """601 on a single-object call, 671 when finishing: the sequence or photo does not exist (any more)."""


class Cancelled(KartaViewError):
    """The caller's `cancel` callable returned True."""

    def __init__(self, message="The KartaView request was cancelled.", **kwargs):
        super().__init__(message, **kwargs)
