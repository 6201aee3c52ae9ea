"""GeoPackages written by the demo and the benchmarks (QGIS must be initialised)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFields,
    QgsVectorFileWriter,
)


def gpkg_writer(path, wkb_type, field_specs):
    """(fields, writer) of a GeoPackage in EPSG:4326 with the given (name, QMetaType.Type) fields;
    `del writer` closes the file."""
    from kartaview.plugin.core.compat import new_field  # the caller has made the plugin importable

    fields = QgsFields()
    for name, kind in field_specs:
        fields.append(new_field(name, kind))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    writer = QgsVectorFileWriter.create(
        str(path), fields, wkb_type, QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(), options)
    return fields, writer
