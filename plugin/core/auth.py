"""The KartaView account in the QGIS authentication database.

The access token is the password of a "Basic" auth config (QGIS 3.22 has no API-header method);
settings keep only that config's id (Settings.auth_cfg). The token is read when a call needs it,
passed to the client as an argument and never logged, stored elsewhere or put in a URI.

Also the OpenStreetMap OAuth2 step of signing in (the code flow of KartaView's official uploader):
the code the user pastes is exchanged at OSM's token endpoint for the OSM access token that
KartaView's client_auth takes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlencode

import requests
from qgis.core import QgsApplication, QgsAuthMethodConfig
from qgis.PyQt.QtCore import QCoreApplication

from ..client.errors import KartaViewError, scrub
from ..client.redirects import MAX_REDIRECTS, REDIRECT_CODES, check_secure, redirect_target
from .network import requests_options
from .settings import Settings


def tr(text):
    return QCoreApplication.translate("@default", text)  # pylupdate5 files a module tr() here

AUTH_METHOD = "Basic"
NAME_PREFIX = "KartaView: "  # the config's name holds the user name: readable without the master password
TOKEN_ENV = "KARTAVIEW_ACCESS_TOKEN"  # nosec B105 # the name of an environment variable, not a token
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
OSM_SCOPES = "read_prefs"


class AuthStoreError(Exception):
    """The authentication database refused (no master password, or it is locked)."""


def _manager():
    return QgsApplication.authManager()


def _ok(result) -> bool:
    """QGIS 3.22's Python bindings return (ok, config) from some auth calls and a bool from others."""
    return bool(result[0] if isinstance(result, tuple) else result)


def _load(config_id: str) -> Optional[QgsAuthMethodConfig]:
    if not config_id or config_id not in _manager().configIds():
        return None
    config = QgsAuthMethodConfig()
    ok = _ok(_manager().loadAuthenticationConfig(config_id, config, True))
    return config if ok and config.isValid(True) else None


def save_account(token: str, username: str) -> str:
    """Store the account (replacing the signed-in one) and return its auth config id."""
    if not token:
        raise ValueError("empty token")
    manager = _manager()
    if manager.isDisabled():
        raise AuthStoreError(manager.disabledMessage())
    config = QgsAuthMethodConfig(AUTH_METHOD)
    config.setName(NAME_PREFIX + (username or "account"))
    config.setUri(Settings().api_url)
    config.setConfig("username", username or "")
    config.setConfig("password", token)
    old = Settings().auth_cfg
    if old and _load(old) is not None:
        config.setId(old)
        stored = manager.updateAuthenticationConfig(config)
    else:
        stored = manager.storeAuthenticationConfig(config)  # sets config's new id
    if not _ok(stored) or not config.id():
        raise AuthStoreError("The QGIS authentication database did not store the account "
                             "(is the master password set?).")
    Settings().auth_cfg = config.id()
    return config.id()


def token(config_id: str = "") -> Optional[str]:
    """The access token of `config_id` (default: the signed-in account), or None."""
    config = _load(config_id or Settings().auth_cfg)
    return (config.config("password") or None) if config else None


def username(config_id: str = "") -> Optional[str]:
    """The account's user name, from the config's name: showing it never asks for the master password
    (only reading the token does)."""
    config_id = config_id or Settings().auth_cfg
    if not config_id or config_id not in _manager().configIds():
        return None
    config = QgsAuthMethodConfig()
    if not _ok(_manager().loadAuthenticationConfig(config_id, config, False)):  # not decrypted
        return None
    name = config.name()
    name = name[len(NAME_PREFIX):] if name.startswith(NAME_PREFIX) else name
    return None if name in ("", "account") else name


def has_account() -> bool:
    """Whether an account is stored (without decrypting it: no master password asked)."""
    config_id = Settings().auth_cfg
    return bool(config_id) and config_id in _manager().configIds()


def signed_in() -> bool:
    return token() is not None


def sign_out() -> None:
    """Remove the signed-in account's config and forget its id."""
    config_id = Settings().auth_cfg
    if config_id and config_id in _manager().configIds():
        _manager().removeAuthenticationConfig(config_id)
    Settings().auth_cfg = ""


def resolve_token(config_id: str = "") -> Optional[str]:
    """For uploads: an explicit auth config, else $KARTAVIEW_ACCESS_TOKEN (headless), else the account."""
    if config_id:
        return token(config_id)
    return os.environ.get(TOKEN_ENV) or token()


# -- OpenStreetMap OAuth2 (authorization code, out-of-band redirect, PKCE) ---------------------------


@dataclass(frozen=True)
class OsmAuthorization:
    url: str  # open this in the browser
    verifier: str  # PKCE code verifier, kept for the exchange


def osm_authorization(osm_url: str, client_id: str) -> OsmAuthorization:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()
    query = urlencode({"client_id": client_id, "redirect_uri": OOB_REDIRECT, "response_type": "code",
                       "scope": OSM_SCOPES, "code_challenge": challenge, "code_challenge_method": "S256"})
    return OsmAuthorization("{}oauth2/authorize?{}".format(_base(osm_url), query), verifier)


def exchange_osm_code(osm_url: str, client_id: str, client_secret: str, code: str, verifier: str,
                      timeout: float = 30.0) -> str:
    """The OSM access token for an authorization code; KartaViewError with a clear message otherwise."""
    data = {"grant_type": "authorization_code", "code": code.strip(), "redirect_uri": OOB_REDIRECT,
            "client_id": client_id, "code_verifier": verifier}
    if client_secret:
        data["client_secret"] = client_secret
    hidden = (code, client_secret, verifier)
    url = "{}oauth2/token".format(_base(osm_url))
    check_secure(url, allow_insecure_http=Settings().allow_insecure_http,
                 what="sending the sign-in code and the OpenStreetMap app's secret")
    try:
        for hops in range(MAX_REDIRECTS + 1):  # redirect_target refuses the last
            # never followed by requests: it would re-send the code and the client secret to another host
            response = requests.post(url, data=data, timeout=timeout, **requests_options(url),
                                     allow_redirects=False)
            if response.status_code not in REDIRECT_CODES:
                break
            response.close()
            url = redirect_target("POST", url, response.status_code, response.headers.get("Location"),
                                  authenticated=True, idempotent=True, hops=hops, secrets=hidden,
                                  server="OpenStreetMap")
    except requests.RequestException as error:
        raise KartaViewError(scrub(tr("Could not reach OpenStreetMap ({}). Check the address and your connection.")
                                   .format(error), hidden)) from None
    try:
        payload = response.json()
    except ValueError:
        payload = {}
    access_token = payload.get("access_token") if isinstance(payload, dict) else None
    if response.status_code != 200 or not access_token:
        reason = payload.get("error_description") or payload.get("error") if isinstance(payload, dict) else ""
        raise KartaViewError(scrub(tr("OpenStreetMap did not accept the code (HTTP {}{}). Start the sign-in again; "
                                      "a code can be used once.").format(response.status_code,
                                                                     ": {}".format(reason) if reason else ""),
                                   hidden))
    return access_token


def _base(url: str) -> str:
    return url if url.endswith("/") else url + "/"
