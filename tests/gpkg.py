"""GeoPackages written by the demo and the benchmarks (QGIS must be initialised)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsField,
    QgsFields,
    QgsVectorFileWriter,
)


def gpkg_writer(path, wkb_type, field_specs):
    """(fields, writer) of a GeoPackage in EPSG:4326 with the given (name, QVariant type) fields;
    `del writer` closes the file."""
    fields = QgsFields()
    for name, kind in field_specs:
        fields.append(QgsField(name, kind))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    writer = QgsVectorFileWriter.create(
        str(path), fields, wkb_type, QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(), options)
    return fields, writer
