"""The KartaView filters of the Processing algorithms: the same parameters (names, labels, defaults)
in every algorithm that loads KartaView data, read back into the provider's Filters."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..provider.uri import Filters

SINCE = "SINCE"
UNTIL = "UNTIL"
USERNAME = "USERNAME"
MIN_QUALITY = "MIN_QUALITY"
ONLY_360 = "ONLY_360"
# A number parameter's dialog widget shows one decimal ("15.0", not QGIS's default "15.000000").
DECIMALS_1 = {"widget_wrapper": {"decimals": 1}}


class FilterParameters:
    """Only the translation context of the filters' texts, shared by the algorithms."""

    @staticmethod
    def tr(text):
        return QCoreApplication.translate("FilterParameters", text)


def add_filter_parameters(algorithm):
    """Adds the filter parameters to `algorithm` (in initAlgorithm, where they should appear)."""
    algorithm.addParameter(QgsProcessingParameterDateTime(
        SINCE, FilterParameters.tr("Uploaded on or after"), QgsProcessingParameterDateTime.Type.Date, optional=True))
    algorithm.addParameter(QgsProcessingParameterDateTime(
        UNTIL, FilterParameters.tr("Uploaded on or before"), QgsProcessingParameterDateTime.Type.Date, optional=True))
    algorithm.addParameter(QgsProcessingParameterString(
        USERNAME, FilterParameters.tr("Only this driver (username)"), optional=True))
    algorithm.addParameter(QgsProcessingParameterNumber(
        MIN_QUALITY, FilterParameters.tr("Minimum quality (0-100)"), QgsProcessingParameterNumber.Type.Integer, 0,
        minValue=0, maxValue=100))
    algorithm.addParameter(QgsProcessingParameterBoolean(ONLY_360, FilterParameters.tr("360° imagery only"), False))


def filters_from_parameters(algorithm, parameters, context) -> Filters:
    """The Filters the user chose; QgsProcessingException when the dates are the wrong way round."""
    def day(name):
        value = algorithm.parameterAsDateTime(parameters, name, context)
        return value.date().toPyDate() if value.isValid() and parameters.get(name) not in (None, "") else None

    filters = Filters(since=day(SINCE), until=day(UNTIL),
                      username=algorithm.parameterAsString(parameters, USERNAME, context).strip(),
                      min_quality=algorithm.parameterAsInt(parameters, MIN_QUALITY, context),
                      only_360=algorithm.parameterAsBoolean(parameters, ONLY_360, context))
    if filters.since and filters.until and filters.since > filters.until:
        raise QgsProcessingException(FilterParameters.tr(
            "The 'uploaded on or after' date is later than the 'uploaded on or before' date."))
    return filters
