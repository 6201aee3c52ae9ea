"""Registration of the `kartaview` provider, with URI decoding/encoding for QgsProviderRegistry."""

from qgis.core import QgsProviderMetadata, QgsProviderRegistry

from ..core.log import log_error
from .provider import KartaViewProvider
from .signals import PROVIDER_KEY
from .uri import decode, encode

_metadata = None  # kept referenced: the registry owns it, Python must not collect its wrapper


class KartaViewProviderMetadata(QgsProviderMetadata):
    def __init__(self):
        super().__init__(PROVIDER_KEY, KartaViewProvider.description(), KartaViewProvider.createProvider)

    def decodeUri(self, uri):  # noqa: N802 (QGIS API name)
        try:
            return decode(uri)
        except Exception as error:  # noqa: BLE001 - called from C++
            log_error("KartaView: cannot decode the layer URI {!r}: {}".format(uri, error))
            return {}

    def encodeUri(self, parts):  # noqa: N802 (QGIS API name)
        try:
            return encode(dict(parts))
        except Exception as error:  # noqa: BLE001 - called from C++
            log_error("KartaView: cannot encode the layer URI {!r}: {}".format(parts, error))
            return ""


def register_provider() -> bool:
    """Register the provider once per process (QGIS 3.22 cannot unregister or replace it)."""
    global _metadata
    registry = QgsProviderRegistry.instance()
    if registry.providerMetadata(PROVIDER_KEY) is None:
        _metadata = KartaViewProviderMetadata()
        if not registry.registerProvider(_metadata):
            log_error("KartaView: registering the data provider failed")
            return False
    return True
