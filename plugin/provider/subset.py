"""The layer filter (subset string): a QGIS expression over the layer's fields, evaluated locally.

KartaView has no query language, so the provider evaluates the expression on each feature it
serves. A QgsExpression is not thread-safe: every iterator prepares its own SubsetFilter.
"""

from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextScope, QgsFeatureRequest
from qgis.PyQt.QtCore import QCoreApplication, QVariant


def _context(fields) -> QgsExpressionContext:
    scope = QgsExpressionContextScope()
    scope.setFields(fields)
    context = QgsExpressionContext()
    context.appendScope(scope)
    return context


def _true(value) -> bool:
    """QVariant::toBool, as QGIS reads a filter's result: NULL, 0, '', '0' and 'false' reject."""
    if isinstance(value, QVariant):
        value = None if value.isNull() else value.value()
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false")
    return bool(value)


class SubsetFilter:
    @staticmethod
    def tr(text):
        return QCoreApplication.translate("SubsetFilter", text)

    @staticmethod
    def problem(text, fields) -> str:
        """Why `text` cannot filter features with these fields ("" when it can)."""
        expression = QgsExpression(text)
        if expression.hasParserError():
            return expression.parserErrorString()
        unknown = sorted(name for name in expression.referencedColumns()
                         if name != QgsFeatureRequest.ALL_ATTRIBUTES and fields.lookupField(name) < 0)
        if unknown:
            return SubsetFilter.tr("no field named {}; the fields are {}").format(
                ", ".join(unknown), ", ".join(fields.names()))
        if not expression.prepare(_context(fields)) or expression.hasEvalError():
            return expression.evalErrorString()
        return ""

    def __init__(self, text, fields):
        self._expression = QgsExpression(text)
        self._context = _context(fields)
        self._expression.prepare(self._context)

    def accepts(self, feature) -> bool:
        """Does the feature (fields, attributes and geometry set) pass? An evaluation error rejects it."""
        self._context.setFeature(feature)
        value = self._expression.evaluate(self._context)
        return not self._expression.hasEvalError() and _true(value)
