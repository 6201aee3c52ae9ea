"""Processing models shipped with the plugin: .model3 files (open and adapt them in the Model Designer),
registered in the KartaView provider with their texts in the interface language."""

from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QCoreApplication

MODELS_DIR = Path(__file__).resolve().parent


class ShippedModel(QgsProcessingModelAlgorithm):
    """A .model3 of this folder as an algorithm of the provider; subclasses name the file and translate."""

    FILE = ""

    def __init__(self):
        super().__init__()
        self.reload()

    def reload(self):
        """Read the .model3 (again: its outputs need the child algorithms registered)."""
        if not self.fromFile(str(MODELS_DIR / self.FILE)):
            raise QgsProcessingException("The model {} could not be read.".format(self.FILE))
        self._translate()

    def createInstance(self):  # noqa: N802 (QGIS API name): a copy keeps the translated texts
        return type(self)()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        # A model hands its children only the values it was given: without this, a run that leaves out DRY_RUN
        # (processing.run, qgis_process) would give the upload its own default, a real upload, not the model's.
        given = dict(parameters)
        for definition in self.parameterDefinitions():
            if given.get(definition.name()) is None and definition.defaultValue() is not None \
                    and not definition.isDestination():
                given[definition.name()] = definition.defaultValue()
        return super().processAlgorithm(given, context, feedback)

    def texts(self) -> dict:
        """{English description in the .model3: its translation}."""
        return {}

    def _translate(self):
        texts = self.texts()
        # Not updateDestinationParameters(): while the provider loads, its own algorithms (the children) are
        # not registered yet, and the outputs would be dropped.
        for definition in list(self.parameterDefinitions()):
            translated = definition.clone()
            translated.setDescription(texts.get(definition.description(), definition.description()))
            self.updateModelParameter(translated)
        for child_id, child in self.childAlgorithms().items():
            for name, output in child.modelOutputs().items():
                self.childAlgorithm(child_id).modelOutput(name).setDescription(
                    texts.get(output.description(), output.description()))


class PhotoFolderPreviewModel(ShippedModel):
    """Photo folder → Import geotagged photos → Upload photos to KartaView (a dry run by default)."""

    FILE = "photo_folder_preview.model3"

    def tr(self, text):
        return QCoreApplication.translate("PhotoFolderPreviewModel", text)

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Photo folder to KartaView (upload preview)")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Imports the geotagged photos of a folder (\"Import geotagged photos\") and plans their upload to "
            "KartaView (\"Upload photos to KartaView\"). By default a dry run: nothing is sent, and the planned "
            "sequences and the photos are shown on the map, coloured by sequence and skip reason. Turn the dry run "
            "off to upload (sign in first). Run it in batch mode over many folders: one row per folder.\n\n"
            "The model is a .model3 file in the plugin's processing/models folder: open it in the Model Designer "
            "to adapt it (e.g. add a geotagging step before the upload).")

    def texts(self):
        return {
            "Photo folder": self.tr("Photo folder"),
            "Include sub-folders": self.tr("Include sub-folders"),
            "Dry run (plan and preview, send nothing)": self.tr("Dry run (plan and preview, send nothing)"),
            "Maximum time gap within a sequence (seconds)": self.tr("Maximum time gap within a sequence (seconds)"),
            "Maximum distance gap within a sequence (meters)": self.tr(
                "Maximum distance gap within a sequence (meters)"),
            "Photos twice as wide as high without GPano XMP are 360°": self.tr(
                "Photos twice as wide as high without GPano XMP are 360°"),
            "Upload report": self.tr("Upload report"),
            "Planned sequences": self.tr("Planned sequences"),
        }


class PhotoFolderGpxPreviewModel(ShippedModel):
    """Photo folder + GPS track → Geotag photos from a GPS track → Upload photos to KartaView (a dry run by
    default): for cameras without GPS (action cams in time-lapse, a DSLR with a phone logging a GPX)."""

    FILE = "photo_folder_gpx_preview.model3"

    def tr(self, text):
        return QCoreApplication.translate("PhotoFolderGpxPreviewModel", text)

    def displayName(self):  # noqa: N802 (QGIS API name)
        return self.tr("Photo folder and GPS track to KartaView (upload preview)")

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return self.tr(
            "Geotags the photos of a folder with a GPS track (\"Geotag photos from a GPS track\": a GPX file or a "
            "layer with times, the camera clock's offset and time zone) and plans their upload to KartaView "
            "(\"Upload photos to KartaView\"). By default a dry run: nothing is sent, and the planned sequences and "
            "the photos are shown on the map; the photos the track does not cover are listed with the reason. "
            "Turn the dry run off to upload (sign in first). Run it in batch mode over many folders: one row per "
            "folder, each with its track.\n\n"
            "The model is a .model3 file in the plugin's processing/models folder: open it in the Model Designer "
            "to adapt it.")

    def texts(self):
        return {
            "Photo folder": self.tr("Photo folder"),
            "Include sub-folders": self.tr("Include sub-folders"),
            "GPS track (GPX file or point/line layer with times)": self.tr(
                "GPS track (GPX file or point/line layer with times)"),
            "Camera clock minus GPS clock (seconds)": self.tr("Camera clock minus GPS clock (seconds)"),
            "Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer's)": self.tr(
                "Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer's)"),
            "Dry run (plan and preview, send nothing)": self.tr("Dry run (plan and preview, send nothing)"),
            "Maximum time gap within a sequence (seconds)": self.tr("Maximum time gap within a sequence (seconds)"),
            "Maximum distance gap within a sequence (meters)": self.tr(
                "Maximum distance gap within a sequence (meters)"),
            "Photos twice as wide as high without GPano XMP are 360°": self.tr(
                "Photos twice as wide as high without GPano XMP are 360°"),
            "Photos the track does not cover": self.tr("Photos the track does not cover"),
            "Upload report": self.tr("Upload report"),
            "Planned sequences": self.tr("Planned sequences"),
        }


MODELS = [PhotoFolderPreviewModel, PhotoFolderGpxPreviewModel]
