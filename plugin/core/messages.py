"""What a user reads about a failure: one clear, translated sentence per kind of error.

The client's messages are written for the log (they quote the network library, the URL, the
server's own words); dialogs, the photo panel and the message bar show `user_message(error)`
instead and leave the details to the KartaView log tab.
"""

import requests
from qgis.PyQt.QtCore import QCoreApplication

from ..client.errors import (
    AuthenticationError,
    BadRequestError,
    Cancelled,
    KartaViewError,
    NotFoundError,
    TransientError,
)


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files a module tr() here


def unreachable(error) -> bool:
    """True when KartaView gave no answer at all (down, offline, timed out): worth retrying by itself."""
    return isinstance(error, TransientError) and error.http_status is None


def user_message(error) -> str:
    """The sentence the interface shows for `error` (an exception); never the network library's text."""
    if isinstance(error, Cancelled):
        return tr("Cancelled.")
    if isinstance(error, TransientError):
        if error.http_status is None:
            return tr("KartaView cannot be reached. Check your internet connection; the server may also be "
                      "down for a while.")
        return tr("KartaView is busy or has a problem (HTTP {}). Try again in a few minutes.").format(
            error.http_status)
    if isinstance(error, AuthenticationError):
        return tr("KartaView did not accept the access token. Sign in again (Web ▸ KartaView ▸ Sign in to "
                  "KartaView).")
    if isinstance(error, NotFoundError):
        return tr("KartaView does not know this sequence or photo (any more).")
    if isinstance(error, BadRequestError):
        return tr("KartaView refused the request (apiCode {}). See the KartaView log for details.").format(
            error.api_code)
    if isinstance(error, KartaViewError):
        return str(error.message)  # the client's own sentence (an address to fix, a refusal with its code)
    if isinstance(error, requests.RequestException):
        return tr("KartaView cannot be reached. Check your internet connection; the server may also be "
                  "down for a while.")
    if isinstance(error, OSError):
        return str(error)  # a file that cannot be written or read: the system's words name it
    return tr("Unexpected error ({}). See the KartaView log for details.").format(type(error).__name__)
